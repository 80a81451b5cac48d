using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Testing;

/// <summary>What a test compiles: sources, additional files, configuration, stubs and the target framework.</summary>
public sealed class TestProjectSpec
{
    public const string SourceFolder = "/src/";

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

/// <summary>A compiled test project and everything the analyzers get with it.</summary>
public sealed class TestProject
{
    /// <summary>The usings the Web SDK adds to every file (ImplicitUsings=enable).</summary>
    public const string ImplicitUsingsSource = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public const string WebImplicitUsingsSource = """
        global using global::System.Net.Http.Json;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private static readonly ConcurrentDictionary<string, MetadataReference> StubCache = new();

    private TestProject(CSharpCompilation compilation, AnalyzerOptions analyzerOptions, AnalyzerConfigSet configSet, ImmutableArray<MetadataReference> references)
    {
        Compilation = compilation;
        AnalyzerOptions = analyzerOptions;
        ConfigSet = configSet;
        References = references;
    }

    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions AnalyzerOptions { get; }

    public AnalyzerConfigSet ConfigSet { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public static CSharpParseOptions ParseOptions(TestProjectSpec spec)
        => new(spec.LanguageVersion, DocumentationMode.Parse);

    public static TestProject Create(TestProjectSpec spec)
    {
        var parseOptions = ParseOptions(spec);
        var trees = spec.Sources
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Path, System.Text.Encoding.UTF8))
            .ToList();
        if (spec.ImplicitUsings)
        {
            var usings = spec.AspNetCore ? ImplicitUsingsSource + "\n" + WebImplicitUsingsSource : ImplicitUsingsSource;
            trees.Add(CSharpSyntaxTree.ParseText(usings, parseOptions, TestProjectSpec.SourceFolder + "obj/GlobalUsings.g.cs", System.Text.Encoding.UTF8));
        }

        var configs = new List<AnalyzerConfig>();
        if (spec.EditorConfig is not null)
        {
            var text = spec.EditorConfig.Contains("root", StringComparison.Ordinal) ? spec.EditorConfig : "root = true\n" + spec.EditorConfig;
            configs.Add(AnalyzerConfig.Parse(text, TestProjectSpec.SourceFolder + ".editorconfig"));
        }

        if (spec.GlobalConfig is not null)
        {
            var text = spec.GlobalConfig.Contains("is_global", StringComparison.Ordinal) ? spec.GlobalConfig : "is_global = true\n" + spec.GlobalConfig;
            configs.Add(AnalyzerConfig.Parse(text, TestProjectSpec.SourceFolder + ".globalconfig"));
        }

        var configSet = AnalyzerConfigSet.Create(configs, out var configDiagnostics);
        if (!configDiagnostics.IsEmpty)
        {
            throw new VerificationException("The test's .editorconfig/.globalconfig is invalid:\n" + string.Join("\n", configDiagnostics));
        }

        var references = ReferenceAssemblies.Get(spec.Framework, spec.AspNetCore);
        if (spec.StubSources.Count > 0)
        {
            references = references.Add(CompileStubs(spec.StubSources, references, parseOptions));
        }

        var outputKind = spec.OutputKind
            ?? (trees.Any(t => t.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax).OfType<GlobalStatementSyntax>().Any())
                ? Microsoft.CodeAnalysis.OutputKind.ConsoleApplication
                : Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
        var options = new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)
            .WithSyntaxTreeOptionsProvider(new ConfigSetSyntaxTreeOptionsProvider(configSet));
        var compilation = CSharpCompilation.Create("TestProject", trees, references, options);

        var additionalTexts = spec.AdditionalFiles
            .Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))
            .ToImmutableArray();
        var analyzerOptions = new AnalyzerOptions(additionalTexts, new ConfigSetOptionsProvider(configSet));
        return new TestProject(compilation, analyzerOptions, configSet, references);
    }

    /// <summary>Third-party API shapes (real namespaces and names) compiled into their own reference assembly,
    /// so they are metadata like the real package, never analyzed as test source.</summary>
    private static MetadataReference CompileStubs(List<string> stubSources, ImmutableArray<MetadataReference> references, CSharpParseOptions parseOptions)
    {
        var key = string.Join("\u0001", stubSources) + "\u0002" + references.Length;
        return StubCache.GetOrAdd(key, _ =>
        {
            var trees = stubSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, $"/stubs/Stub{i}.cs"));
            var compilation = CSharpCompilation.Create(
                "ThirdPartyStubs" + Math.Abs(key.GetHashCode(StringComparison.Ordinal)),
                trees,
                references,
                new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new VerificationException("Stub sources do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        });
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
