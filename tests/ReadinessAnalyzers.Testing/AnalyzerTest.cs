using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// One analyzer test case. Sources and additional files carry the expected diagnostics as markup; the test
/// compiles against real reference assemblies, fails on compiler errors, on missing or unexpected
/// diagnostics, on wrong messages and on any analyzer exception, then runs the extra passes.
/// </summary>
public class AnalyzerTest
{
    public AnalyzerTest(params DiagnosticAnalyzer[] analyzers)
    {
        if (analyzers.Length == 0)
        {
            throw new ArgumentException("At least one analyzer is needed.", nameof(analyzers));
        }

        Analyzers = analyzers.ToImmutableArray();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>C# sources with markup; named Test0.cs, Test1.cs, … in /src/.</summary>
    public List<string> Sources { get; } = new();

    /// <summary>Additional files with markup, by path relative to /src/ (e.g. <c>appsettings.json</c>).</summary>
    public List<(string Path, string Markup)> AdditionalFiles { get; } = new();

    /// <summary>Third-party API shapes compiled as a separate reference (never analyzed).</summary>
    public List<string> StubSources { get; } = new();

    /// <summary>Text of /src/.editorconfig (<c>root = true</c> is added when missing).</summary>
    public string? EditorConfig { get; set; }

    /// <summary>Text of /src/.globalconfig (<c>is_global = true</c> is added when missing).</summary>
    public string? GlobalConfig { get; set; }

    public TargetFramework Framework { get; set; } = TargetFramework.Net10;

    public bool AspNetCore { get; set; } = true;

    public bool ImplicitUsings { get; set; } = true;

    public OutputKind? OutputKind { get; set; }

    /// <summary>The ID that <c>[|…|]</c> stands for; defaults to the analyzers' only supported ID.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Exact messages expected at spans marked <c>{|#n:…|}</c>.</summary>
    public Dictionary<int, string> ExpectedMessages { get; } = new();

    /// <summary>IDs of diagnostics expected without a location (rare: compilation-wide findings).</summary>
    public List<string> ExpectedDiagnosticsWithoutLocation { get; } = new();

    /// <summary>Analyse what an editor sees while someone types the sources. Null: on when diagnostics are expected.</summary>
    public bool? TypingPass { get; set; }

    /// <summary>Every <see cref="TypingStride"/>-th token boundary is used as a prefix end (1 = every boundary).</summary>
    public int TypingStride { get; set; } = 1;

    /// <summary>The same sources marked <c>&lt;auto-generated/&gt;</c> must give no diagnostics.</summary>
    public bool GeneratedCodePass { get; set; } = true;

    /// <summary>The same sources under <c>#pragma warning disable</c> must give no diagnostics.</summary>
    public bool PragmaPass { get; set; } = true;

    public static string SourcePath(int index) => TestProjectSpec.SourceFolder + "Test" + index.ToString(CultureInfo.InvariantCulture) + ".cs";

    public static string AdditionalPath(string path) => path.StartsWith('/') ? path : TestProjectSpec.SourceFolder + path;

    internal ImmutableHashSet<string> AnalyzerIds
        => Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();

    internal TestProjectSpec CreateSpec(IEnumerable<(string Path, string Text)> sources, IEnumerable<(string Path, string Text)> additionalFiles)
    {
        var spec = new TestProjectSpec
        {
            EditorConfig = EditorConfig,
            GlobalConfig = GlobalConfig,
            Framework = Framework,
            AspNetCore = AspNetCore,
            ImplicitUsings = ImplicitUsings,
            OutputKind = OutputKind,
        };
        spec.Sources.AddRange(sources);
        spec.AdditionalFiles.AddRange(additionalFiles);
        spec.StubSources.AddRange(StubSources);
        return spec;
    }

    internal (List<(string Path, string Text)> Sources, List<(string Path, string Text)> Additional, List<MarkedSpan> Spans) ParseMarkup()
    {
        var sources = new List<(string, string)>();
        var additional = new List<(string, string)>();
        var spans = new List<MarkedSpan>();
        for (var i = 0; i < Sources.Count; i++)
        {
            var (text, marked) = Markup.Parse(Sources[i], SourcePath(i));
            sources.Add((SourcePath(i), text));
            spans.AddRange(marked);
        }

        foreach (var (path, markup) in AdditionalFiles)
        {
            var (text, marked) = Markup.Parse(markup, AdditionalPath(path));
            additional.Add((AdditionalPath(path), text));
            spans.AddRange(marked);
        }

        return (sources, additional, spans);
    }

    public async Task RunAsync()
    {
        var (sources, additional, spans) = ParseMarkup();
        var expected = ResolveExpected(spans);
        var project = TestProject.Create(CreateSpec(sources, additional));
        await VerifyDiagnosticsAsync(project, expected, sources, additional).ConfigureAwait(false);

        if (TypingPass ?? expected.Any(e => AnalyzerIds.Contains(e.Id)))
        {
            await RunTypingPassAsync(project).ConfigureAwait(false);
        }

        if (GeneratedCodePass && sources.Count > 0)
        {
            await RunSuppressionPassAsync(sources, additional, "// <auto-generated/>\n", "marked <auto-generated/>").ConfigureAwait(false);
        }

        var sourceIds = expected.Where(e => e.Path.EndsWith(".cs", StringComparison.Ordinal) && AnalyzerIds.Contains(e.Id)).Select(e => e.Id).Distinct().ToList();
        if (PragmaPass && sourceIds.Count > 0)
        {
            await RunSuppressionPassAsync(sources, additional, "#pragma warning disable " + string.Join(", ", sourceIds) + "\n", "under #pragma warning disable").ConfigureAwait(false);
        }
    }

    internal List<ExpectedDiagnostic> ResolveExpected(IEnumerable<MarkedSpan> spans)
    {
        var defaultId = DefaultDiagnosticId;
        if (defaultId is null)
        {
            var ids = AnalyzerIds;
            defaultId = ids.Count == 1 ? ids.Single() : null;
        }

        var expected = new List<ExpectedDiagnostic>();
        foreach (var span in spans)
        {
            var id = span.Id ?? defaultId
                ?? throw new VerificationException($"'[|…|]' at {span.Path} offset {span.Span.Start} is ambiguous: the analyzers report {string.Join(", ", AnalyzerIds)}. Use {{|ID:…|}} or set DefaultDiagnosticId.");
            string? message = null;
            if (span.Index is { } index && ExpectedMessages.TryGetValue(index, out var m))
            {
                message = m;
            }

            expected.Add(new ExpectedDiagnostic(span.Path, span.Span, id, message));
        }

        foreach (var index in ExpectedMessages.Keys)
        {
            if (!spans.Any(s => s.Index == index))
            {
                throw new VerificationException($"A message is expected for {{|#{index}:…|}}, but no span has that index.");
            }
        }

        return expected;
    }

    internal async Task<ImmutableArray<Diagnostic>> VerifyDiagnosticsAsync(
        TestProject project,
        List<ExpectedDiagnostic> expected,
        List<(string Path, string Text)> sources,
        List<(string Path, string Text)> additional)
    {
        var expectedIds = expected.Select(e => e.Id).ToImmutableHashSet();
        var compilerDiagnostics = project.Compilation.GetDiagnostics();
        var unexpectedErrors = compilerDiagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && !expectedIds.Contains(d.Id))
            .ToList();
        if (unexpectedErrors.Count > 0)
        {
            throw new VerificationException(
                "The test source does not compile (mark an intended error with {|CSxxxx:…|}):\n"
                + string.Join("\n", unexpectedErrors.Select(d => "  " + d)));
        }

        var result = await TestProject.AnalyzeAsync(project.Compilation, Analyzers, project.AnalyzerOptions).ConfigureAwait(false);
        result.ThrowOnAnalyzerExceptions("while analysing the test source");

        var actual = result.Diagnostics.Where(d => AnalyzerIds.Contains(d.Id))
            .Concat(compilerDiagnostics.Where(d => expectedIds.Contains(d.Id) && !AnalyzerIds.Contains(d.Id)))
            .ToImmutableArray();
        Compare(expected, actual, sources, additional);
        return actual;
    }

    private void Compare(
        List<ExpectedDiagnostic> expected,
        ImmutableArray<Diagnostic> actual,
        List<(string Path, string Text)> sources,
        List<(string Path, string Text)> additional)
    {
        var missing = new List<ExpectedDiagnostic>(expected);
        var withoutLocation = new List<string>(ExpectedDiagnosticsWithoutLocation);
        var unexpected = new List<Diagnostic>();
        var wrongMessages = new List<string>();
        foreach (var diagnostic in actual)
        {
            if (!diagnostic.Location.IsInSource && diagnostic.Location.Kind != LocationKind.ExternalFile)
            {
                if (withoutLocation.Remove(diagnostic.Id))
                {
                    continue;
                }

                unexpected.Add(diagnostic);
                continue;
            }

            var lineSpan = diagnostic.Location.GetLineSpan();
            var match = missing.FirstOrDefault(e => e.Id == diagnostic.Id && e.Path == lineSpan.Path && e.Span == diagnostic.Location.SourceSpan);
            if (match is null)
            {
                unexpected.Add(diagnostic);
                continue;
            }

            missing.Remove(match);
            var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            if (match.Message is not null && match.Message != message)
            {
                wrongMessages.Add($"  {diagnostic.Id} at {Describe(diagnostic)}:\n    expected: {match.Message}\n    actual:   {message}");
            }
        }

        if (missing.Count == 0 && unexpected.Count == 0 && wrongMessages.Count == 0 && withoutLocation.Count == 0)
        {
            return;
        }

        var report = new StringBuilder("Diagnostics differ from the markup.\n");
        foreach (var m in missing)
        {
            report.Append("  missing:    ").Append(m.Id).Append(" at ").Append(m.Path).Append(' ').Append(m.Span).Append('\n');
        }

        foreach (var id in withoutLocation)
        {
            report.Append("  missing:    ").Append(id).Append(" without a location\n");
        }

        foreach (var u in unexpected)
        {
            report.Append("  unexpected: ").Append(u.Id).Append(" at ").Append(Describe(u)).Append(": ").Append(u.GetMessage(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var w in wrongMessages)
        {
            report.Append("  wrong message: ").Append(w).Append('\n');
        }

        foreach (var (path, text) in sources.Concat(additional))
        {
            var expectedHere = expected.Where(e => e.Path == path).Select(e => (e.Span, e.Id)).ToList();
            var actualHere = actual.Where(d => d.Location.GetLineSpan().Path == path && (d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile))
                .Select(d => (d.Location.SourceSpan, d.Id)).ToList();
            if (expectedHere.OrderBy(x => x.Span.Start).ThenBy(x => x.Id).SequenceEqual(actualHere.OrderBy(x => x.SourceSpan.Start).ThenBy(x => x.Id)))
            {
                continue;
            }

            report.Append("\n--- ").Append(path).Append(", actual findings as markup (ready to paste):\n");
            report.Append(Markup.Annotate(text, actualHere)).Append('\n');
        }

        throw new VerificationException(report.ToString());
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    /// <summary>Analyses every prefix of each source that ends at a token boundary — the states an editor sees
    /// while the code is typed, most of which do not parse — and fails on any analyzer exception.</summary>
    private async Task RunTypingPassAsync(TestProject project)
    {
        var parseOptions = (CSharpParseOptions)project.Compilation.SyntaxTrees.First().Options;
        foreach (var tree in project.Compilation.SyntaxTrees.Where(t => t.FilePath.StartsWith(TestProjectSpec.SourceFolder + "Test", StringComparison.Ordinal)).ToList())
        {
            var text = (await tree.GetTextAsync().ConfigureAwait(false)).ToString();
            var boundaries = new SortedSet<int>();
            var tokenIndex = 0;
            foreach (var token in (await tree.GetRootAsync().ConfigureAwait(false)).DescendantTokens(descendIntoTrivia: false))
            {
                if (tokenIndex++ % TypingStride == 0)
                {
                    boundaries.Add(token.Span.Start);
                    boundaries.Add(token.Span.End);
                    if (token.Span.Length > 2)
                    {
                        boundaries.Add(token.Span.Start + (token.Span.Length / 2));
                    }
                }
            }

            boundaries.Remove(text.Length);
            foreach (var end in boundaries)
            {
                var prefixTree = CSharpSyntaxTree.ParseText(text.Substring(0, end), parseOptions, tree.FilePath, Encoding.UTF8);
                var compilation = project.Compilation.ReplaceSyntaxTree(tree, prefixTree);
                var result = await TestProject.AnalyzeAsync(compilation, Analyzers, project.AnalyzerOptions).ConfigureAwait(false);
                if (result.Diagnostics.Any(d => d.Id == "AD0001") || !result.Exceptions.IsEmpty)
                {
                    result.ThrowOnAnalyzerExceptions($"in the typing pass, on the first {end} characters of {tree.FilePath}:\n----\n{text.Substring(0, end)}\n----");
                }
            }
        }
    }

    private async Task RunSuppressionPassAsync(List<(string Path, string Text)> sources, List<(string Path, string Text)> additional, string header, string description)
    {
        var changed = sources.Select(s => (s.Path, header + s.Text)).ToList();
        var project = TestProject.Create(CreateSpec(changed, additional));
        var result = await TestProject.AnalyzeAsync(project.Compilation, Analyzers, project.AnalyzerOptions).ConfigureAwait(false);
        result.ThrowOnAnalyzerExceptions("with the sources " + description);
        var leaked = result.Diagnostics
            .Where(d => AnalyzerIds.Contains(d.Id) && d.Location.IsInSource && d.Location.SourceTree!.FilePath.EndsWith(".cs", StringComparison.Ordinal))
            .ToList();
        if (leaked.Count > 0)
        {
            throw new VerificationException(
                $"With the sources {description}, no diagnostic may be reported, but got:\n"
                + string.Join("\n", leaked.Select(d => "  " + d)));
        }
    }
}

internal sealed record ExpectedDiagnostic(string Path, TextSpan Span, string Id, string? Message);
