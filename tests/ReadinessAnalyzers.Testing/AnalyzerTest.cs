using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// One analyzer test case on Microsoft.CodeAnalysis.Testing (<see cref="CSharpAnalyzerTest{TAnalyzer, TVerifier}"/>),
/// with our project layer (<see cref="ProjectLayer"/>) and the extra passes (<see cref="ExtraPasses"/>). Sources and
/// additional files carry the expected diagnostics as the library's markup; <c>{|#n:…|}</c> is a diagnostic of the
/// default ID whose message <see cref="ExpectedMessages"/> may give. Library settings (<c>TestState</c>,
/// <c>TestBehaviors</c>, <c>DisabledDiagnostics</c>, …) stay available.
/// </summary>
public class AnalyzerTest : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>, IReadinessTest
{
    private readonly ReadinessTestRun _run;

    public AnalyzerTest(params DiagnosticAnalyzer[] analyzers)
    {
        _run = new ReadinessTestRun(analyzers);
        MarkupOptions = MarkupOptions.TreatPositionIndicatorsAsCode;
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers => _run.Analyzers;

    /// <summary>C# sources with markup; /src/Test0.cs, /src/Test1.cs, …</summary>
    public List<string> Sources { get; } = new();

    /// <summary>Additional files with markup, by path relative to /src/ (e.g. <c>appsettings.json</c>).</summary>
    public List<(string Path, string Markup)> AdditionalFiles { get; } = new();

    /// <summary>Third-party API shapes compiled as a separate reference (never analysed).</summary>
    public List<string> StubSources { get; } = new();

    /// <summary>Text of /src/.editorconfig (<c>root = true</c> is added when missing).</summary>
    public string? EditorConfig { get; set; }

    /// <summary>Text of /src/.globalconfig (<c>is_global = true</c> is added when missing).</summary>
    public string? GlobalConfig { get; set; }

    public TargetFramework Framework { get; set; } = TargetFramework.Net10;

    public bool AspNetCore { get; set; } = true;

    public bool ImplicitUsings { get; set; } = true;

    /// <summary>Null: a program when a source has top-level statements, else a library.</summary>
    public OutputKind? OutputKind { get; set; }

    /// <summary>The ID that <c>[|…|]</c> and <c>{|#n:…|}</c> stand for; defaults to the analyzers' only supported ID.</summary>
    public string? DefaultDiagnosticId { get; set; }

    /// <summary>Exact messages expected at spans marked <c>{|#n:…|}</c>.</summary>
    public Dictionary<int, string> ExpectedMessages { get; } = new();

    /// <summary>IDs of diagnostics expected without a location (rare: compilation-wide findings).</summary>
    public List<string> ExpectedDiagnosticsWithoutLocation { get; } = new();

    /// <summary>Analyse what an editor sees while someone types the sources. Null: on when the markup expects diagnostics.</summary>
    public bool? TypingPass { get; set; }

    /// <summary>Every <see cref="TypingStride"/>-th token boundary is used as a prefix end (1 = every boundary).</summary>
    public int TypingStride { get; set; } = 1;

    /// <summary>The same sources marked <c>&lt;auto-generated/&gt;</c> must give no diagnostics.</summary>
    public bool GeneratedCodePass { get; set; } = true;

    /// <summary>The same sources under <c>#pragma warning disable</c> must give no diagnostics (the library's suppression check).</summary>
    public bool PragmaPass { get; set; } = true;

    public static string SourcePath(int index) => ProjectLayer.SourcePath(index);

    public static string AdditionalPath(string path) => ProjectLayer.AdditionalPath(path);

    /// <summary>Runs the library's checks, then the typing and generated-code passes; fails with <see cref="VerificationException"/>.</summary>
    public Task RunAsync() => _run.RunAsync(() => base.RunAsync(CancellationToken.None));

    protected override async Task RunImplAsync(CancellationToken cancellationToken)
    {
        ReferenceAssemblies = Testing.ReferenceAssemblies.None(Framework);
        ProjectLayer.Apply(TestState, this, Sources, includeNonSourceFiles: true);
        var markups = Sources.Concat(AdditionalFiles.Select(f => f.Markup)).ToList();
        _run.AddIndexedDiagnostics(TestState, markups, ExpectedMessages, DefaultDiagnosticId, requireEveryMessage: true);
        _run.AddDiagnosticsWithoutLocation(TestState, ExpectedDiagnosticsWithoutLocation);
        if (!PragmaPass)
        {
            TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        }

        await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
        await _run.RunExtraPassesAsync(TypingPass ?? ReadinessTestRun.ExpectsDiagnostics(markups), TypingStride, GeneratedCodePass && Sources.Count > 0).ConfigureAwait(false);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => _run.Analyzers;

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
