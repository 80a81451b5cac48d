using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.Baseline;
using ReadinessAnalyzers.Tests.Catalog;

namespace ReadinessAnalyzers.Tests.Baseline;

/// <summary>
/// Baselines written before the fingerprint moved into the analyzers keep suppressing the same findings. The data in
/// tests/TestData/BaselineV1 was produced by the previous implementation (the text-only lexer and outline of
/// FindingFingerprint.Compute, commit 0af2ab4) and is never regenerated:
/// <c>Expected/fingerprints.tsv</c> holds its (member, hash, occurrence) for every syntax node and token span (and
/// the zero-width span at every statement and member) of the inputs, <c>Expected/readiness.baseline.json</c> the
/// baseline it wrote for the findings of every analyzer on <c>Input/</c> (listed in <c>Expected/findings.txt</c>).
/// </summary>
public sealed class BaselineCompatibilityTests
{
    private static readonly string DataFolder = Path.Combine(RuleCatalog.RepositoryRoot, "tests", "TestData", "BaselineV1");

    /// <summary>Files where the text-only outline and the syntax tree may name a different member (the differences
    /// documented in rules/RDY9001.md, "The baseline"); the hash of the flagged code must still be the same.</summary>
    private static readonly HashSet<string> KnownDifferences = new(StringComparer.Ordinal) { "Quirks/UnbalancedConditional.cs" };

    [Fact]
    public void Every_span_of_the_inputs_gets_the_fingerprint_the_previous_release_computed()
    {
        var mismatches = new List<string>();
        var checkedSpans = 0;
        foreach (var (file, spans) in ReadExpected())
        {
            var text = File.ReadAllText(Path.Combine(DataFolder, file));
            var isCSharp = file.EndsWith(".cs", StringComparison.Ordinal);
            var source = SourceText.From(text);

            // The previous implementation read text only: the result must not depend on the symbols a build defines
            // (DEBUG, NET8_0 ...), except inside the branches those symbols switch off, where no finding can be.
            foreach (var symbols in new[] { Array.Empty<string>(), ["DEBUG", "NET8_0"] })
            {
                var tree = isCSharp ? CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(preprocessorSymbols: symbols), path: file) : null;
                var inactive = tree?.GetRoot().DescendantTrivia().Where(t => t.IsKind(SyntaxKind.DisabledTextTrivia)).Select(t => t.FullSpan).ToList() ?? [];
                foreach (var (start, end, expected) in spans)
                {
                    var span = TextSpan.FromBounds(start, end);
                    if (inactive.Any(t => t.IntersectsWith(span) || t.Contains(start)))
                    {
                        continue;
                    }

                    checkedSpans++;
                    var actual = tree is null ? SyntaxFingerprint.ForText(source, span) : SyntaxFingerprint.ForSource(tree, span);
                    if (actual != expected && !(KnownDifferences.Contains(file) && SameHash(actual, expected)))
                    {
                        var line = source.Lines.GetLinePosition(start).Line + 1;
                        mismatches.Add($"{file}({line}) [{start}..{end}) '{Shorten(text.Substring(start, end - start))}' {string.Join(",", symbols)}: expected {expected}, got {actual}");
                    }
                }
            }
        }

        Assert.True(checkedSpans > 8000, "too few spans: " + checkedSpans);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedSpans} spans differ:\n" + string.Join("\n", mismatches.Take(40)));
    }

    [Fact]
    public async Task The_previous_releases_baseline_suppresses_every_finding_it_accepted_and_is_written_again_unchanged()
    {
        var oldBaseline = File.ReadAllText(Path.Combine(DataFolder, "Expected", "readiness.baseline.json"));
        var accepted = BaselineDocument.TryParse(oldBaseline, out _)!.Findings;
        var diagnostics = await AnalyzeInputAsync(oldBaseline);

        // Rules added since may report more on the input; those findings are new and stay active. Every finding the
        // old baseline accepted is still reported with the same fingerprint and suppressed.
        var fingerprinted = diagnostics.Select(d => (Diagnostic: d, Fingerprint: BaselineSuppressor.Fingerprint(d, "/src")!.Value)).ToList();
        var old = fingerprinted.Where(f => accepted.Contains(f.Fingerprint)).ToList();
        Assert.Equal(File.ReadAllLines(Path.Combine(DataFolder, "Expected", "findings.txt")).Length, old.Count);
        Assert.Equal(accepted.Count, old.Select(f => f.Fingerprint).Distinct().Count());
        Assert.All(fingerprinted, f => Assert.True(f.Diagnostic.IsSuppressed == accepted.Contains(f.Fingerprint), "suppressed only if the old baseline accepted it: " + f.Diagnostic));

        // What the build task writes for those findings (the syntax part from the properties, the path from the
        // location) is the old file, byte for byte.
        Assert.Equal(oldBaseline, BaselineDocument.Create(old.Select(f => f.Fingerprint)).Serialize());
    }

    [Fact]
    public async Task Without_the_baseline_nothing_is_suppressed()
    {
        var diagnostics = await AnalyzeInputAsync(baseline: null);
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.False(d.IsSuppressed));
    }

    /// <summary>The RDY findings of every analyzer on Input/ (as /src/…), with the baseline suppressor.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeInputAsync(string? baseline)
    {
        var input = Path.Combine(DataFolder, "Input");
        var spec = new TestProjectSpec();
        foreach (var file in Directory.EnumerateFiles(input, "*.*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var path = "/src/" + Path.GetRelativePath(input, file).Replace('\\', '/');
            (path.EndsWith(".cs", StringComparison.Ordinal) ? spec.Sources : spec.AdditionalFiles).Add((path, File.ReadAllText(file)));
        }

        if (baseline is not null)
        {
            spec.AdditionalFiles.Add(("/src/" + BaselineDocument.DefaultFileName, baseline));
        }

        var project = TestProject.Create(spec);
        Assert.Empty(project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var result = await TestProject.AnalyzeAsync(project.Compilation, RuleCatalog.Analyzers.Add(new BaselineSuppressor()), project.AnalyzerOptions, reportSuppressedDiagnostics: true);
        result.ThrowOnAnalyzerExceptions("on the baseline compatibility input");
        return result.Diagnostics.Where(d => d.Id.StartsWith("RDY", StringComparison.Ordinal) && !d.Id.StartsWith("RDY9", StringComparison.Ordinal)).ToImmutableArray();
    }

    private static IEnumerable<(string File, List<(int Start, int End, string Expected)> Spans)> ReadExpected()
    {
        string? file = null;
        var spans = new List<(int, int, string)>();
        foreach (var line in File.ReadLines(Path.Combine(DataFolder, "Expected", "fingerprints.tsv")))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                if (file is not null)
                {
                    yield return (file, spans);
                }

                file = line.Substring(2);
                spans = new List<(int, int, string)>();
                continue;
            }

            var fields = line.Split('\t');
            var expected = FindingFingerprint.FormatSyntaxPart(fields[2], fields[3], int.Parse(fields[4], CultureInfo.InvariantCulture));
            spans.Add((int.Parse(fields[0], CultureInfo.InvariantCulture), int.Parse(fields[1], CultureInfo.InvariantCulture), expected));
        }

        if (file is not null)
        {
            yield return (file, spans);
        }
    }

    private static bool SameHash(string actual, string expected)
        => FindingFingerprint.TryParseSyntaxPart(actual, out _, out var actualHash, out _)
        && FindingFingerprint.TryParseSyntaxPart(expected, out _, out var expectedHash, out _)
        && actualHash == expectedHash;

    private static string Shorten(string code)
    {
        var flat = code.Replace("\n", "⏎", StringComparison.Ordinal);
        return flat.Length <= 60 ? flat : flat[..57] + "...";
    }
}
