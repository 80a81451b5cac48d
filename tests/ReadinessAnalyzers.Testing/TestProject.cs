using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Testing;

/// <summary>What a <see cref="TestProject"/> compiles: sources, additional files, configuration, stubs and the target framework.</summary>
public sealed class TestProjectSpec
{
    public const string SourceFolder = ProjectLayer.SourceFolder;

    public List<(string Path, string Text)> Sources { get; } = new();

    public List<(string Path, string Text)> AdditionalFiles { get; } = new();

    public string? EditorConfig { get; set; }

    public string? GlobalConfig { get; set; }

    public List<string> StubSources { get; } = new();

    public TargetFramework Framework { get; set; } = TargetFramework.Net10;

    public bool AspNetCore { get; set; } = true;

    public bool ImplicitUsings { get; set; } = true;

    public OutputKind? OutputKind { get; set; }

    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;
}

/// <summary>
/// Our project layer without a test around it, for code that needs the compilation itself: benchmarks, cost
/// measurements, the baseline suppressor and the shared telemetry knowledge. Built in a workspace, so config files
/// and additional files reach analyzers exactly as in the tests and in the IDE.
/// </summary>
public sealed class TestProject
{
    private TestProject(CSharpCompilation compilation, AnalyzerOptions analyzerOptions, ImmutableArray<MetadataReference> references)
    {
        Compilation = compilation;
        AnalyzerOptions = analyzerOptions;
        References = references;
    }

    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions AnalyzerOptions { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public static TestProject Create(TestProjectSpec spec)
    {
        var references = ReferenceAssemblies.Get(spec.Framework, spec.AspNetCore);
        if (spec.StubSources.Count > 0)
        {
            references = references.Add(ProjectLayer.CompileStubs(spec.StubSources, references));
        }

        var outputKind = spec.OutputKind ?? ProjectLayer.DetectOutputKind(spec.Sources.Select(s => s.Text));
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            filePath: ProjectLayer.SourceFolder + "TestProject.csproj",
            compilationOptions: ProjectLayer.CompilationOptions(outputKind),
            parseOptions: ProjectLayer.ParseOptions(spec.LanguageVersion),
            metadataReferences: references));

        var sources = spec.Sources.ToList();
        if (spec.ImplicitUsings)
        {
            sources.Add((ProjectLayer.ImplicitUsingsPath, ProjectLayer.ImplicitUsings(spec.AspNetCore)));
        }

        foreach (var (path, text) in sources)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text, System.Text.Encoding.UTF8), filePath: path);
        }

        foreach (var (path, text) in spec.AdditionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text, System.Text.Encoding.UTF8), filePath: path);
        }

        foreach (var (path, text) in ProjectLayer.ConfigFiles(spec.EditorConfig, spec.GlobalConfig))
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), System.IO.Path.GetFileName(path), SourceText.From(text, System.Text.Encoding.UTF8), filePath: path);
        }

        var project = solution.GetProject(projectId)!;
        var compilation = (CSharpCompilation)project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return new TestProject(compilation, project.AnalyzerOptions, references);
    }

    /// <summary>Runs analyzers the way the build does: concurrent execution on, exceptions captured.</summary>
    public static async Task<AnalysisResult> AnalyzeAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerOptions analyzerOptions,
        bool reportSuppressedDiagnostics = false,
        CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<(DiagnosticAnalyzer Analyzer, Exception Exception, Diagnostic Diagnostic)>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue((analyzer, exception, diagnostic)),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: reportSuppressedDiagnostics));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return new AnalysisResult(diagnostics, exceptions.ToImmutableArray());
    }
}

public sealed record AnalysisResult(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<(DiagnosticAnalyzer Analyzer, Exception Exception, Diagnostic Diagnostic)> Exceptions)
{
    /// <summary>Fails with every analyzer exception's full stack (an AD0001 in a user's build).</summary>
    public void ThrowOnAnalyzerExceptions(string when)
    {
        var crashes = Diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString())
            .Concat(Exceptions.Select(e => $"{e.Analyzer.GetType().Name} threw: {e.Exception}"))
            .ToList();
        if (crashes.Count > 0)
        {
            throw new VerificationException($"Analyzer exception (AD0001) {when}:\n" + string.Join("\n\n", crashes));
        }
    }
}
