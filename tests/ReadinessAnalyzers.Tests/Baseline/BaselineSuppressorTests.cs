using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Baseline;
using ReadinessAnalyzers.FailureHandling;

namespace ReadinessAnalyzers.Tests.Baseline;

/// <summary>The baseline suppressor inside a real compilation with a real analyzer (RDY1001).</summary>
public sealed class BaselineSuppressorTests
{
    private const string SourcePath = "/src/Orders/OrderStore.cs";

    private const string Original = """
        namespace Shop.Orders;

        public sealed class OrderStore
        {
            public int? Find(string id)
            {
                try { return int.Parse(id); }
                catch (Exception) { return null; }
            }

            public int? Load(string id)
            {
                try { return int.Parse(id); }
                catch (Exception) { return null; }
            }
        }
        """;

    /// <summary>Runs RDY1001 and the suppressor; returns every RDY1001 diagnostic with its suppression state.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, string? baseline, string baselinePath = "/src/readiness.baseline.json", string? globalConfig = null)
    {
        var spec = new TestProjectSpec { GlobalConfig = globalConfig };
        spec.Sources.Add((SourcePath, source));
        if (baseline is not null)
        {
            spec.AdditionalFiles.Add((baselinePath, baseline));
        }

        var project = TestProject.Create(spec);
        var result = await TestProject.AnalyzeAsync(
            project.Compilation,
            ImmutableArray.Create<DiagnosticAnalyzer>(new ExceptionSwallowedAnalyzer(), new BaselineSuppressor()),
            project.AnalyzerOptions,
            reportSuppressedDiagnostics: true);
        result.ThrowOnAnalyzerExceptions("in the baseline suppressor test");
        return result.Diagnostics.Where(d => d.Id == RuleIdentifiers.ExceptionSwallowed).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>The baseline the task would write for the given diagnostics (the syntax part from their properties).</summary>
    private static string BaselineFor(params Diagnostic[] diagnostics)
        => BaselineDocument.Create(diagnostics.Select(d => BaselineSuppressor.Fingerprint(d, "/src")!.Value)).Serialize();

    [Fact]
    public async Task Baselined_finding_is_suppressed_and_the_other_is_not()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        Assert.Equal(2, diagnostics.Length);
        var baseline = BaselineFor(diagnostics[0]);

        var withBaseline = await AnalyzeAsync(Original, baseline);
        Assert.True(withBaseline[0].IsSuppressed);
        Assert.False(withBaseline[1].IsSuppressed);
    }

    [Fact]
    public async Task Lines_inserted_above_keep_the_finding_suppressed()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        var baseline = BaselineFor(diagnostics[0]);
        var shifted = Original.Replace(
            "public sealed class OrderStore\n{\n",
            "public sealed class OrderStore\n{\n    // A new comment.\n    private readonly int _added = 1;\n\n    public int Other() => _added;\n\n",
            System.StringComparison.Ordinal);
        Assert.NotEqual(Original, shifted);

        var result = await AnalyzeAsync(shifted, baseline);
        Assert.True(result[0].IsSuppressed);
        Assert.False(result[1].IsSuppressed);
    }

    [Fact]
    public async Task Editing_the_flagged_code_brings_it_back()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        var baseline = BaselineFor(diagnostics[0]);
        var edited = Original.Replace(
            "try { return int.Parse(id); }\n        catch (Exception) { return null; }\n    }\n\n    public int? Load",
            "try { return int.Parse(id); }\n        catch (SystemException) { return null; }\n    }\n\n    public int? Load",
            System.StringComparison.Ordinal);
        Assert.NotEqual(Original, edited);

        var result = await AnalyzeAsync(edited, baseline);
        Assert.All(result, d => Assert.False(d.IsSuppressed));
    }

    [Fact]
    public async Task Baseline_named_by_build_metadata_is_found_under_any_file_name()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        var fingerprint = BaselineSuppressor.Fingerprint(diagnostics[1], "/config")!.Value;
        Assert.Equal("../src/Orders/OrderStore.cs", fingerprint.Path);
        var result = await AnalyzeAsync(
            Original,
            BaselineDocument.Create([fingerprint]).Serialize(),
            baselinePath: "/config/team-baseline.json",
            globalConfig: "is_global = true\n[/config/team-baseline.json]\nbuild_metadata.AdditionalFiles.ReadinessBaseline = true\n");
        Assert.False(result[0].IsSuppressed);
        Assert.True(result[1].IsSuppressed);
    }

    [Fact]
    public async Task Every_finding_carries_the_syntax_part_of_its_fingerprint()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        Assert.All(diagnostics, d => Assert.True(
            FindingFingerprint.TryParseSyntaxPart(d.Properties[FindingFingerprint.PropertyKey], out var member, out _, out var occurrence)
            && member.StartsWith("Shop.Orders.OrderStore.", System.StringComparison.Ordinal) && occurrence == 0));
    }

    [Fact]
    public async Task A_finding_without_the_syntax_part_is_never_suppressed()
    {
        var diagnostics = await AnalyzeAsync(Original, baseline: null);
        var stripped = Diagnostic.Create(diagnostics[0].Descriptor, diagnostics[0].Location, diagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(BaselineSuppressor.Fingerprint(stripped, "/src"));
        Assert.Equal(FindingFingerprint.ForNoLocation("RDY1001"), BaselineSuppressor.Fingerprint(Diagnostic.Create(diagnostics[0].Descriptor, Location.None), "/src"));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"version\": 7, \"findings\": [] }")]
    [InlineData("")]
    public async Task Malformed_baseline_suppresses_nothing_and_never_throws(string baseline)
    {
        var result = await AnalyzeAsync(Original, baseline);
        Assert.Equal(2, result.Length);
        Assert.All(result, d => Assert.False(d.IsSuppressed));
    }
}
