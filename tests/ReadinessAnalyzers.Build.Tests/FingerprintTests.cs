using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>The shared fingerprint: what it names, what it survives and what it does not.</summary>
public sealed class FingerprintTests
{
    private const string Folder = "/repo/src/App";

    /// <summary>Fingerprint of the span marked [|…|] in <paramref name="markup"/>.</summary>
    internal static FindingFingerprint Of(string markup, string path = "/repo/src/App/Orders/OrderStore.cs", string rule = "RDY1001")
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "mark the finding with [|…|]");
        var text = markup.Remove(end, 2).Remove(start, 2);
        return FindingFingerprint.Compute(rule, Folder, path, text, start, end - 2);
    }

    [Theory]
    [InlineData("namespace Shop.Orders { class OrderStore { void Save() { try { } [|catch|] { } } } }", "Shop.Orders.OrderStore.Save")]
    [InlineData("namespace Shop.Orders;\nclass OrderStore { void Save() { try { } [|catch|] { } } }", "Shop.Orders.OrderStore.Save")]
    [InlineData("class OrderStore { public OrderStore(int a) : base() { [|Run();|] } }", "OrderStore.OrderStore")]
    [InlineData("class A { int P { get { [|return 1;|] } set { } } }", "A.P")]
    [InlineData("class A { int P => [|Compute()|]; }", "A.P")]
    [InlineData("class A { Task Run(int x) => [|DoAsync(x)|]; }", "A.Run")]
    [InlineData("class A { private readonly Func<int> _f = () => { [|return 1;|] }; }", "A._f")]
    [InlineData("class A { static Handler _h = Create(() => { try { } [|catch|] { } }, 5); }", "A._h")]
    [InlineData("class Outer { class Inner { void M() { [|X();|] } } }", "Outer.Inner.M")]
    [InlineData("class A { T Get<T>(List<T> items) where T : class { [|X();|] return default; } }", "A.Get")]
    [InlineData("class A { public static A operator +(A a, A b) { [|X();|] return a; } }", "A.operator +")]
    [InlineData("class A { int this[int i] { get { [|X();|] return 0; } } }", "A.this[]")]
    [InlineData("class A { void M() { void Local() { [|X();|] } } }", "A.M")]
    [InlineData("class A { [HttpGet(\"{id}\")] [Obsolete] public void Get(int id) { [|X();|] } }", "A.Get")]
    [InlineData("record Person(string Name) { void M() { [|X();|] } }", "Person.M")]
    [InlineData("struct S { void M() { [|X();|] } }", "S.M")]
    [InlineData("interface I { void M() { [|X();|] } }", "I.M")]
    [InlineData("class A<T> where T : class { void M() { [|X();|] } }", "A.M")]
    [InlineData("class A { ~A() { [|X();|] } }", "A.~A")]
    [InlineData("class A { void IDisposable.Dispose() { [|X();|] } }", "A.Dispose")]
    [InlineData("class A { event EventHandler E { add { [|X();|] } remove { } } }", "A.E")]
    [InlineData("class A { void M() { var s = \"} class B {\"; [|X();|] } }", "A.M")]
    [InlineData("class A { void M() { var s = $\"{(a ? \"}\" : \"{\")} }}\"; [|X();|] } }", "A.M")]
    [InlineData("class A { void M() { var s = @\"}\"\"{\"; [|X();|] } }", "A.M")]
    [InlineData("class A { void M() { var s = $$\"\"\"{ }} {{x}} \"\"\"; [|X();|] } }", "A.M")]
    [InlineData("class A { void M() { var c = '{'; var d = '\\''; [|X();|] } }", "A.M")]
    [InlineData("class A { void M() { // }\n /* } */ [|X();|] } }", "A.M")]
    [InlineData("class A {\n#region Stuff {\n void M() { [|X();|] }\n#endregion\n}", "A.M")]
    [InlineData("var app = WebApplication.Create();\napp.MapGet(\"/\", () => { try { } [|catch|] { } });\napp.Run();", FindingFingerprint.TopLevelMember)]
    [InlineData("using System;\ntry { } [|catch|] { }\nclass Helper { }", FindingFingerprint.TopLevelMember)]
    [InlineData("class A { [|int|] _x; }", "A._x")]
    [InlineData("class A { public static (int Start, int End) M() { [|X();|] } }", "A.M")]
    [InlineData("class A { List<(string Name, int Count)> M() { [|X();|] } }", "A.M")]
    [InlineData("class A { (int, int) M() => [|(1, 2)|]; }", "A.M")]
    [InlineData("class A { private readonly (string, int)[] _known = [[|(\"a\", 1)|]]; }", "A._known")]
    [InlineData("sealed class Worker(ILogger<Worker> logger) : BackgroundService { protected override async Task ExecuteAsync(CancellationToken ct) { [|X();|] } }", "Worker.ExecuteAsync")]
    [InlineData("readonly record struct Point(int X, int Y) { public int Sum() { [|X();|] return 0; } }", "Point.Sum")]
    [InlineData("class A { void M() { } }\nclass [|B|] { }", "B")]
    public void Names_the_containing_member(string markup, string member)
    {
        Assert.Equal(member, Of(markup).Member);
    }

    [Fact]
    public void Path_is_relative_to_the_baseline_folder_with_forward_slashes()
    {
        Assert.Equal("Orders/OrderStore.cs", Of("class A { void M() { [|X();|] } }").Path);
        Assert.Equal("Orders/OrderStore.cs", FindingFingerprint.RelativePath(@"C:\repo\src\App", @"c:\Repo\src\App\Orders\OrderStore.cs"));
        Assert.Equal("../Shared/Util.cs", FindingFingerprint.RelativePath("/repo/src/App/", "/repo/src/Shared/Util.cs"));
        Assert.Equal("D:/other/File.cs", FindingFingerprint.RelativePath(@"C:\repo", @"D:\other\File.cs"));
        Assert.Equal("/abs/File.cs", FindingFingerprint.RelativePath(string.Empty, "/abs/File.cs"));
    }

    [Fact]
    public void Survives_lines_inserted_above_and_reformatting_and_comments()
    {
        var original = Of("class A {\n  void M() {\n    try { Work(); } [|catch (Exception) { }|]\n  }\n}");
        var shifted = Of("using System;\n\n// a new comment\nclass A {\n  int _added;\n  void Other() { }\n  void M() {\n    try { Work(); } [|catch (Exception) { }|]\n  }\n}");
        var reformatted = Of("class A\n{\n    void M()\n    {\n        try\n        {\n            Work();\n        }\n        [|catch (Exception)\n        {\n            // ignored\n        }|]\n    }\n}");
        Assert.Equal(original, shifted);
        Assert.Equal(original, reformatted);
    }

    [Fact]
    public void Survives_an_edit_elsewhere_in_the_same_member_and_a_renamed_parameter_list()
    {
        var original = Of("class A { void M(int a) { Before(); try { } [|catch|] { } After(); } }");
        var edited = Of("class A { void M(int a, string b) { BeforeChanged(b); try { } [|catch|] { } AfterChanged(); } }");
        Assert.Equal(original, edited);
    }

    [Fact]
    public void Changes_when_the_flagged_code_changes()
    {
        var original = Of("class A { void M() { try { } [|catch (Exception) { }|] } }");
        var edited = Of("class A { void M() { try { } [|catch (InvalidOperationException) { }|] } }");
        Assert.NotEqual(original.Hash, edited.Hash);
        Assert.NotEqual(original, edited);
    }

    [Fact]
    public void Changes_when_the_code_moves_to_another_member_or_file_or_rule()
    {
        var original = Of("class A { void M() { [|X();|] } }");
        Assert.NotEqual(original, Of("class A { void N() { [|X();|] } }"));
        Assert.NotEqual(original, Of("class A { void M() { [|X();|] } }", path: "/repo/src/App/Other.cs"));
        Assert.NotEqual(original, Of("class A { void M() { [|X();|] } }", rule: "RDY1002"));
    }

    [Fact]
    public void Changes_when_string_literal_content_changes_even_in_whitespace()
    {
        Assert.NotEqual(Of("class A { void M() { [|Connect(\"a b\");|] } }").Hash, Of("class A { void M() { [|Connect(\"ab\");|] } }").Hash);
    }

    [Fact]
    public void Identical_code_twice_in_a_member_gets_distinct_occurrences()
    {
        var first = Of("class A { void M() { try { } [|catch|] { } try { } catch { } } }");
        var second = Of("class A { void M() { try { } catch { } try { } [|catch|] { } } }");
        Assert.Equal(0, first.Occurrence);
        Assert.Equal(1, second.Occurrence);
        Assert.NotEqual(first, second);

        // A third copy added below does not renumber the existing ones.
        Assert.Equal(first, Of("class A { void M() { try { } [|catch|] { } try { } catch { } try { } catch { } } }"));
    }

    [Fact]
    public void Overloads_share_a_name_and_are_told_apart_by_occurrence()
    {
        var first = Of("class A { void M() { [|X();|] } void M(int a) { X(); } }");
        var second = Of("class A { void M() { X(); } void M(int a) { [|X();|] } }");
        Assert.Equal(first.Member, second.Member);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Non_csharp_files_have_no_member_and_ignore_whitespace()
    {
        var a = Of("{\n  \"ConnectionStrings\": {\n    \"Db\": [|\"Server=x;Password=y\"|]\n  }\n}", path: "/repo/src/App/appsettings.json", rule: "RDY4101");
        var b = Of("{\n\n  \"Logging\": {},\n  \"ConnectionStrings\": { \"Db\": [|\"Server=x;Password=y\"|] }\n}", path: "/repo/src/App/appsettings.json", rule: "RDY4101");
        Assert.Equal(string.Empty, a.Member);
        Assert.Equal("appsettings.json", a.Path);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Zero_width_locations_are_identified_by_their_line()
    {
        var a = Of("class A { void M() { [||]X(); } }");
        var b = Of("class A { void M() { [||]Y(); } }");
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Findings_without_location_have_a_fixed_fingerprint()
    {
        Assert.Equal(FindingFingerprint.ForNoLocation("RDY3001"), FindingFingerprint.ForNoLocation("RDY3001"));
        Assert.Equal(string.Empty, FindingFingerprint.ForNoLocation("RDY3001").Path);
    }

    [Fact]
    public void Hash_is_pinned_so_existing_baselines_keep_matching()
    {
        // Changing the algorithm invalidates every team's baseline: do it only with a new baseline format version.
        Assert.Equal("cbf29ce484222325", FindingFingerprint.HashText(string.Empty));
        Assert.Equal("5e0cca4e76e84996", FindingFingerprint.HashText("catch{}"));
    }

    [Theory]
    [InlineData("a\nb\nc", 2, 1, 2, 2, 2, 3)]
    [InlineData("a\r\nb\r\nc", 2, 1, 2, 2, 3, 4)]
    [InlineData("a\rb\u2028c", 3, 1, 3, 2, 4, 5)]
    [InlineData("abc", 1, 2, 9, 9, 1, 3)]
    public void Offsets_follow_the_compilers_line_breaks(string text, int line, int column, int endLine, int endColumn, int start, int end)
    {
        Assert.Equal((start, end), FindingFingerprint.OffsetsFromLineColumn(text, line, column, endLine, endColumn));
    }

    [Fact]
    public void Unbalanced_or_unterminated_code_never_throws()
    {
        foreach (var text in new[] { "class A { void M() { \"unterminated", "}}}} class", "{{{{", "$\"{", "\"\"\"raw", "'", "/* open", "@", "#" })
        {
            for (var i = 0; i <= text.Length; i++)
            {
                _ = FindingFingerprint.Compute("RDY1001", Folder, "/repo/src/App/X.cs", text, i, text.Length);
            }
        }
    }
}
