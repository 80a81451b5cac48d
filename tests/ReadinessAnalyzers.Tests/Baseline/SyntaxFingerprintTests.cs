using System;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Tests.Baseline;

/// <summary>The syntax part of the fingerprint (member, hash, occurrence): what it names, what it survives and what
/// it does not. The compatibility with baselines written before it moved to Roslyn is in <see cref="BaselineCompatibilityTests"/>.</summary>
public sealed class SyntaxFingerprintTests
{
    internal readonly record struct Part(string Member, string Hash, int Occurrence);

    /// <summary>The syntax part of the span marked [|…|] in <paramref name="markup"/>.</summary>
    internal static Part Of(string markup, string path = "/repo/src/App/Orders/OrderStore.cs")
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "mark the finding with [|…|]");
        var text = markup.Remove(end, 2).Remove(start, 2);
        var span = TextSpan.FromBounds(start, end - 2);
        var value = path.EndsWith(".cs", StringComparison.Ordinal)
            ? SyntaxFingerprint.ForSource(CSharpSyntaxTree.ParseText(text, path: path), span)
            : SyntaxFingerprint.ForText(SourceText.From(text), span);
        Assert.True(FindingFingerprint.TryParseSyntaxPart(value, out var member, out var hash, out var occurrence), value);
        return new Part(member, hash, occurrence);
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
    [InlineData("class A { public static bool operator |(A a, A b) { [|X();|] return true; } }", "A.operator |")]
    [InlineData("class A { public static implicit operator int(A a) { [|X();|] return 0; } }", "A.operator int")]
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
    [InlineData("class A { void M() { var s = $\"{(a ? \"}\" : \"{\")} }}\"; [|X();|] } }", "A.M")]
    [InlineData("class A {\n#region Stuff {\n void M() { [|X();|] }\n#endregion\n}", "A.M")]
    [InlineData("var app = WebApplication.Create();\napp.MapGet(\"/\", () => { try { } [|catch|] { } });\napp.Run();", FindingFingerprint.TopLevelMember)]
    [InlineData("using System;\ntry { } [|catch|] { }\nclass Helper { }", FindingFingerprint.TopLevelMember)]
    [InlineData("class A { [|int|] _x; }", "A._x")]
    [InlineData("class A { public static (int Start, int End) M() { [|X();|] } }", "A.M")]
    [InlineData("class A { private readonly (string, int)[] _known = [[|(\"a\", 1)|]]; }", "A._known")]
    [InlineData("sealed class Worker(ILogger<Worker> logger) : BackgroundService { protected override async Task ExecuteAsync(CancellationToken ct) { [|X();|] } }", "Worker.ExecuteAsync")]
    [InlineData("class A { void M() { } }\nclass [|B|] { }", "B")]
    [InlineData("class A { public int P { get; } = [|Compute()|]; }", "A")] // the format's rule: an auto-property's initializer belongs to the type
    [InlineData("class A { int a, [|b|]; }", "A.b")] // the format names a field declaration by its last variable before any initializer
    public void Names_the_containing_member(string markup, string member)
    {
        Assert.Equal(member, Of(markup).Member);
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
        Assert.Equal(
            Of("class A { void M(int a) { Before(); try { } [|catch|] { } After(); } }"),
            Of("class A { void M(int a, string b) { BeforeChanged(b); try { } [|catch|] { } AfterChanged(); } }"));
    }

    [Fact]
    public void Changes_when_the_flagged_code_or_its_member_changes()
    {
        Assert.NotEqual(Of("class A { void M() { try { } [|catch (Exception) { }|] } }").Hash, Of("class A { void M() { try { } [|catch (InvalidOperationException) { }|] } }").Hash);
        Assert.NotEqual(Of("class A { void M() { [|X();|] } }"), Of("class A { void N() { [|X();|] } }"));
        Assert.NotEqual(Of("class A { void M() { [|Connect(\"a b\");|] } }").Hash, Of("class A { void M() { [|Connect(\"ab\");|] } }").Hash);
    }

    [Fact]
    public void Identical_code_twice_in_a_member_or_in_overloads_gets_distinct_occurrences()
    {
        var first = Of("class A { void M() { try { } [|catch|] { } try { } catch { } } }");
        var second = Of("class A { void M() { try { } catch { } try { } [|catch|] { } } }");
        Assert.Equal((0, 1), (first.Occurrence, second.Occurrence));
        Assert.Equal(first, Of("class A { void M() { try { } [|catch|] { } try { } catch { } try { } catch { } } }"));
        Assert.Equal(1, Of("class A { void M() { X(); } void M(int a) { [|X();|] } }").Occurrence);
        Assert.Equal(1, Of("partial class A { void M() { X(); } } partial class A { void M(int a) { [|X();|] } }").Occurrence);
    }

    [Fact]
    public void Settings_files_have_no_member_and_ignore_whitespace()
    {
        var a = Of("{\n  \"ConnectionStrings\": {\n    \"Db\": [|\"Server=x;Password=y\"|]\n  }\n}", path: "/repo/src/App/appsettings.json");
        var b = Of("{\n\n  \"Logging\": {},\n  \"ConnectionStrings\": { \"Db\": [|\"Server=x;Password=y\"|] }\n}", path: "/repo/src/App/appsettings.json");
        Assert.Equal(string.Empty, a.Member);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Zero_width_locations_are_identified_by_their_line()
    {
        Assert.NotEqual(Of("class A { void M() { [||]X(); } }").Hash, Of("class A { void M() { [||]Y(); } }").Hash);
    }

    [Fact]
    public void Unbalanced_or_unterminated_code_never_throws()
    {
        foreach (var text in new[] { "class A { void M() { \"unterminated", "}}}} class", "{{{{", "$\"{", "\"\"\"raw", "'", "/* open", "@", "#", "class A { int P { get; } = ", "#if X\nclass A {\n#endif" })
        {
            var tree = CSharpSyntaxTree.ParseText(text);
            for (var i = 0; i <= text.Length; i++)
            {
                Assert.True(FindingFingerprint.TryParseSyntaxPart(SyntaxFingerprint.ForSource(tree, TextSpan.FromBounds(i, text.Length)), out _, out _, out _));
            }
        }
    }

    /// <summary>In a text file the occurrence counts the same snippet (white space ignored) before the finding,
    /// whole occurrences only: the same text as written, ahead of it, in a file of any size.</summary>
    [Theory]
    [InlineData("probe: /health\nprobe: /health\nprobe: /health\n", 2, "2|")]
    [InlineData("probe: /health\nprobe: /health\nprobe: /health\n", 1, "1|")]
    [InlineData("probe: /health\nprobe: /health\nprobe: /health\n", 0, "0|")]
    [InlineData("probe:   /health\n  probe: /health   \n", 1, "1|")]
    [InlineData("probe: /heal\nth\nprobe: /health\n", 2, "1|")]
    public void A_text_findings_occurrence_counts_the_same_snippet_before_it(string text, int line, string expectedStart)
    {
        var source = SourceText.From(text);
        var span = source.Lines[line].Span;
        Assert.StartsWith(expectedStart, SyntaxFingerprint.ForText(source, span));

        // The same answer when asked again for the same text (the normalized text is made once per text).
        Assert.StartsWith(expectedStart, SyntaxFingerprint.ForText(source, span));
    }
}
