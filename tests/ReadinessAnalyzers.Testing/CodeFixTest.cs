using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// A code-fix test on Microsoft.CodeAnalysis.Testing (<see cref="CSharpCodeFixTest{TAnalyzer, TCodeFix, TVerifier}"/>)
/// with our project layer: the sources' markup states the diagnostics before the fix, <see cref="FixedSources"/>'
/// markup those left after it. The library applies fixes one at a time and with fix-all in document, project and
/// solution scope, and fails on a wrong text, a wrong iteration count, a fix that changes nothing where none was
/// expected, or a result that does not compile.
/// </summary>
public class CodeFixTest : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, DefaultVerifier>, IReadinessTest
{
    private readonly ReadinessTestRun _run;

    public CodeFixTest(CodeFixProvider codeFix, params DiagnosticAnalyzer[] analyzers)
    {
        _run = new ReadinessTestRun(analyzers);
        CodeFix = codeFix;
        MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;
    }

    public CodeFixProvider CodeFix { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers => _run.Analyzers;

    /// <summary>C# sources with markup; /src/Test0.cs, /src/Test1.cs, …</summary>
    public List<string> Sources { get; } = new();

    /// <summary>Expected sources after the fixes, with markup for diagnostics that remain.</summary>
    public List<string> FixedSources { get; } = new();

    /// <summary>Additional files with markup, by path relative to /src/.</summary>
    public List<(string Path, string Markup)> AdditionalFiles { get; } = new();

    /// <summary>Additional files expected after the fixes (a fix may change one, e.g. appsettings.json); when empty,
    /// <see cref="AdditionalFiles"/> must stay as they are.</summary>
    public List<(string Path, string Markup)> FixedAdditionalFiles { get; } = new();

    /// <summary>Third-party API shapes compiled as a separate reference (never analysed).</summary>
    public List<string> StubSources { get; } = new();

    public string? EditorConfig { get; set; }

    public string? GlobalConfig { get; set; }

    public TargetFramework Framework { get; set; } = TargetFramework.Net10;

    public bool AspNetCore { get; set; } = true;

    public bool ImplicitUsings { get; set; } = true;

    public OutputKind? OutputKind { get; set; }

    /// <summary>The ID that <c>[|…|]</c> and <c>{|#n:…|}</c> stand for; defaults to the analyzers' only supported ID.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Exact messages expected at spans marked <c>{|#n:…|}</c> (in the sources or the fixed sources).</summary>
    public Dictionary<int, string> ExpectedMessages { get; } = new();

    /// <summary>Exact number of fixes applied one by one (0: no fix may be offered); null: at most one per diagnostic.
    /// The library's <c>NumberOfIncrementalIterations</c>.</summary>
    public int? NumberOfIterations { get => NumberOfIncrementalIterations; set => NumberOfIncrementalIterations = value; }

    /// <summary>Also verify fix-all (document, project and solution scope); on by default.</summary>
    public bool FixAll { get; set; } = true;

    public bool? TypingPass { get; set; }

    public int TypingStride { get; set; } = 1;

    public bool GeneratedCodePass { get; set; } = true;

    public bool PragmaPass { get; set; } = true;

    /// <inheritdoc cref="AnalyzerTest.RunAsync"/>
    public Task RunAsync() => _run.RunAsync(() => base.RunAsync(CancellationToken.None));

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        if (FixedSources.Count != Sources.Count)
        {
            throw new VerificationException($"FixedSources has {FixedSources.Count} entries for {Sources.Count} sources.");
        }

        ReferenceAssemblies = Testing.ReferenceAssemblies.None(Framework);
        ProjectLayer.Apply(TestState, this, Sources, includeNonSourceFiles: true);
        ProjectLayer.Apply(FixedState, this, FixedSources, includeNonSourceFiles: true);
        var fixedAdditionalFiles = FixedAdditionalFiles.Count > 0 ? FixedAdditionalFiles : AdditionalFiles;
        if (FixedAdditionalFiles.Count > 0)
        {
            FixedState.AdditionalFiles.Clear();
            foreach (var (path, markup) in FixedAdditionalFiles)
            {
                FixedState.AdditionalFiles.Add((ProjectLayer.AdditionalPath(path), Microsoft.CodeAnalysis.Text.SourceText.From(markup)));
            }
        }

        // The fixed sources' markup is exactly what remains, as in the sources (the library would ignore fixable
        // IDs there and inherit expectations from the test state).
        FixedState.InheritanceMode = StateInheritanceMode.Explicit;
        FixedState.MarkupHandling = MarkupMode.Allow;
        var markups = Sources.Concat(AdditionalFiles.Select(f => f.Markup)).ToList();
        _run.AddIndexedDiagnostics(TestState, markups, ExpectedMessages, DefaultDiagnosticId, requireEveryMessage: false);
        _run.AddIndexedDiagnostics(FixedState, FixedSources.Concat(fixedAdditionalFiles.Select(f => f.Markup)), ExpectedMessages, DefaultDiagnosticId, requireEveryMessage: false);
        if (!PragmaPass)
        {
            TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        }

        // Our health-check fixes repair compilation-end findings (reported at the host's start-up); the library
        // would refuse to apply a fix to a non-local diagnostic.
        // A test has one project, so fix-all in solution scope repeats the project scope: skipped to save time.
        CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck;
        if (!FixAll)
        {
            CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipFixAllCheck;
        }

        await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
        await _run.RunExtraPassesAsync(TypingPass ?? ReadinessTestRun.ExpectsDiagnostics(markups), TypingStride, GeneratedCodePass && Sources.Count > 0).ConfigureAwait(false);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _run.Analyzers;

    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => new[] { CodeFix };

    protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => _run.DefaultDescriptor(DefaultDiagnosticId);

    protected override CompilationOptions CreateCompilationOptions() => ProjectLayer.CompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

    protected override ParseOptions CreateParseOptions() => ProjectLayer.ParseOptions();

    protected override Project ApplyCompilationOptions(Project project) => ReadinessTestRun.KeepDefaultSeverities(base.ApplyCompilationOptions(project));

    protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken)
        => _run.Exceptions.Create(compilation, analyzers, options);

    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        var result = await base.GetProjectCompilationAsync(project, verifier, cancellationToken).ConfigureAwait(false);
        _run.CaptureProject(project, result.compilation);
        return result;
    }

    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
    {
        _run.CaptureDiagnostics(diagnostics);
        return base.FilterDiagnostics(diagnostics);
    }
}
