using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// A code-fix test: the sources' markup states the diagnostics before the fix, <see cref="FixedSources"/>'
/// markup the diagnostics left after it. Fixes are applied one at a time until no fixable diagnostic is
/// left (or fix-all once per iteration); a fix that changes nothing, a cycle, a wrong iteration count, a
/// result that differs from the expected text, or a result that does not compile fails the test.
/// </summary>
public class CodeFixTest : AnalyzerTest
{
    public CodeFixTest(CodeFixProvider codeFix, params DiagnosticAnalyzer[] analyzers)
        : base(analyzers)
    {
        CodeFix = codeFix;
    }

    public CodeFixProvider CodeFix { get; }

    /// <summary>Expected sources after the fixes, with markup for diagnostics that remain.</summary>
    public List<string> FixedSources { get; } = new();

    /// <summary>Only actions with this equivalence key are applied (null: the first action offered).</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>Exact number of fixes applied one by one (0: no fix may be offered); null: at most the number of diagnostics before the fix.</summary>
    public int? NumberOfIterations { get; set; }

    /// <summary>Exact number of fix-all passes; null: at most two.</summary>
    public int? NumberOfFixAllIterations { get; set; }

    /// <summary>Also verify fix-all in document scope (on by default).</summary>
    public bool FixAll { get; set; } = true;

    public new async Task RunAsync()
    {
        await base.RunAsync().ConfigureAwait(false);
        await RunFixesAsync(fixAll: false).ConfigureAwait(false);
        if (FixAll)
        {
            await RunFixesAsync(fixAll: true).ConfigureAwait(false);
        }
    }

    private async Task RunFixesAsync(bool fixAll)
    {
        var (sources, additional, spans) = ParseMarkup();
        var initialCount = spans.Count(s => CodeFix.FixableDiagnosticIds.Contains(s.Id ?? DefaultId()));
        var spec = CreateSpec(sources, additional);
        var workspace = new FixWorkspace(spec);
        var seen = new HashSet<string> { workspace.Fingerprint() };
        var iterations = 0;
        var limit = fixAll ? NumberOfFixAllIterations ?? 2 : NumberOfIterations ?? Math.Max(initialCount, 1);
        var what = fixAll ? "fix-all" : "code fix";

        while (true)
        {
            var (document, diagnostic, action) = await FindFixAsync(workspace, fixAll).ConfigureAwait(false);
            if (action is null)
            {
                break;
            }

            iterations++;
            if (iterations > limit)
            {
                throw new VerificationException($"The {what} still offers a fix after {limit} iteration(s) (on {diagnostic!.Id} at {diagnostic.Location.GetLineSpan()}). Set the expected number of iterations, or the fix does not remove the diagnostic.");
            }

            var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new VerificationException($"The {what} '{action.Title}' produced no ApplyChangesOperation.");
            workspace.Solution = apply.ChangedSolution;
            var fingerprint = workspace.Fingerprint();
            if (!seen.Add(fingerprint))
            {
                throw new VerificationException($"The {what} '{action.Title}' on {diagnostic!.Id} changed nothing, or went back to an earlier state (a cycle).");
            }
        }

        var expectedIterations = fixAll ? NumberOfFixAllIterations : NumberOfIterations;
        if (expectedIterations is { } exact && iterations != exact)
        {
            throw new VerificationException($"Expected {exact} {what} iteration(s), but {iterations} ran.");
        }

        if (initialCount > 0 && iterations == 0 && expectedIterations != 0)
        {
            throw new VerificationException($"The {what} registered no action for any of the {initialCount} diagnostic(s).");
        }

        await VerifyResultAsync(workspace, additional, what).ConfigureAwait(false);
    }

    private string DefaultId() => DefaultDiagnosticId ?? (AnalyzerIds.Count == 1 ? AnalyzerIds.Single() : string.Empty);

    private async Task<(Document? Document, Diagnostic? Diagnostic, CodeAction? Action)> FindFixAsync(FixWorkspace workspace, bool fixAll)
    {
        var compilation = (await workspace.Project.GetCompilationAsync().ConfigureAwait(false))!;
        var result = await TestProject.AnalyzeAsync(compilation, Analyzers, workspace.AnalyzerOptions).ConfigureAwait(false);
        result.ThrowOnAnalyzerExceptions("while fixing");
        var fixable = result.Diagnostics
            .Where(d => CodeFix.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToList();
        foreach (var diagnostic in fixable)
        {
            var document = workspace.Project.GetDocument(diagnostic.Location.SourceTree)!;
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
            await CodeFix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            var action = actions.SelectMany(Flatten).FirstOrDefault(a => CodeActionEquivalenceKey is null || a.EquivalenceKey == CodeActionEquivalenceKey);
            if (action is null)
            {
                continue;
            }

            if (!fixAll)
            {
                return (document, diagnostic, action);
            }

            var provider = CodeFix.GetFixAllProvider()
                ?? throw new VerificationException($"{CodeFix.GetType().Name} offers no fix-all provider; set FixAll = false if that is intended.");
            var fixAllContext = new FixAllContext(
                document,
                CodeFix,
                FixAllScope.Document,
                action.EquivalenceKey,
                CodeFix.FixableDiagnosticIds,
                new FixedDiagnosticProvider(fixable),
                CancellationToken.None);
            var fixAllAction = await provider.GetFixAsync(fixAllContext).ConfigureAwait(false);
            if (fixAllAction is not null)
            {
                return (document, diagnostic, fixAllAction);
            }
        }

        return (null, null, null);
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
        => action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

    private async Task VerifyResultAsync(FixWorkspace workspace, List<(string Path, string Text)> additional, string what)
    {
        if (FixedSources.Count != Sources.Count)
        {
            throw new VerificationException($"FixedSources has {FixedSources.Count} entries for {Sources.Count} sources.");
        }

        var fixedTexts = new List<(string Path, string Text)>();
        var spans = new List<MarkedSpan>();
        for (var i = 0; i < FixedSources.Count; i++)
        {
            var (expectedText, marked) = Markup.Parse(FixedSources[i], SourcePath(i));
            spans.AddRange(marked);
            var document = workspace.Project.Documents.Single(d => d.FilePath == SourcePath(i));
            var actualText = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
            if (actualText != expectedText)
            {
                throw new VerificationException(
                    $"After the {what}, {SourcePath(i)} differs from the expected text.\n--- expected:\n{expectedText}\n--- actual:\n{actualText}\n--- first difference at offset {FirstDifference(expectedText, actualText)}");
            }

            fixedTexts.Add((SourcePath(i), actualText));
        }

        foreach (var (path, markup) in AdditionalFiles)
        {
            spans.AddRange(Markup.Parse(markup, AdditionalPath(path)).Spans);
        }

        var project = TestProject.Create(CreateSpec(fixedTexts, additional));
        await VerifyDiagnosticsAsync(project, ResolveExpected(spans), fixedTexts, additional).ConfigureAwait(false);
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(IEnumerable<Diagnostic> diagnostics) => _diagnostics = diagnostics.ToImmutableArray();

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => !d.Location.IsInSource));
    }

    /// <summary>An ad-hoc workspace holding the test project, so fixes run through the real formatter and simplifier.</summary>
    private sealed class FixWorkspace
    {
        private readonly AdhocWorkspace _workspace = new();
        private readonly ProjectId _projectId;

        public FixWorkspace(TestProjectSpec spec)
        {
            var project = TestProject.Create(spec);
            AnalyzerOptions = project.AnalyzerOptions;
            _projectId = ProjectId.CreateNewId();
            var solution = _workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                _projectId,
                VersionStamp.Default,
                "TestProject",
                "TestProject",
                LanguageNames.CSharp,
                compilationOptions: project.Compilation.Options,
                parseOptions: project.Compilation.SyntaxTrees.First().Options,
                metadataReferences: project.References));
            foreach (var tree in project.Compilation.SyntaxTrees)
            {
                solution = solution.AddDocument(DocumentInfo.Create(
                    DocumentId.CreateNewId(_projectId),
                    System.IO.Path.GetFileName(tree.FilePath),
                    loader: TextLoader.From(TextAndVersion.Create(tree.GetText(), VersionStamp.Default, tree.FilePath)),
                    filePath: tree.FilePath));
            }

            Solution = solution;
        }

        public Solution Solution { get; set; }

        public Project Project => Solution.GetProject(_projectId)!;

        public AnalyzerOptions AnalyzerOptions { get; }

        public string Fingerprint()
            => string.Join("\u0000", Project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).Select(d => d.GetTextAsync().Result.ToString()));
    }
}
