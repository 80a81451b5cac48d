using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.FailureHandling;
using ReadinessAnalyzers.HealthChecks;
using ReadinessAnalyzers.HealthChecks.Startup;
using ReadinessAnalyzers.Tests.Catalog;
using Xunit.Abstractions;

namespace ReadinessAnalyzers.Tests.HealthChecks;

/// <summary>
/// Prints what the health-check analyzers cost on the sample service and on a synthetic large service, as
/// measured by Roslyn's own analyzer telemetry (the numbers the IDE's "analyzer performance" view shows).
/// It asserts the findings, never a time: timings on a shared machine are information, not a test.
/// </summary>
public sealed class StartupAnalyzerCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sample_service_cost_is_printed_and_its_findings_are_there()
    {
        var folder = Path.Combine(RuleCatalog.RepositoryRoot, "samples", "OrderService");
        var spec = new TestProjectSpec { OutputKind = OutputKind.ConsoleApplication };
        foreach (var file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", System.StringComparison.Ordinal) && !f.Contains("/bin/", System.StringComparison.Ordinal)))
        {
            spec.Sources.Add((TestProjectSpec.SourceFolder + Path.GetRelativePath(folder, file), await File.ReadAllTextAsync(file)));
        }

        var diagnostics = await MeasureAsync("samples/OrderService", spec);
        var ids = diagnostics.Select(d => d.Id).ToHashSet();
        Assert.Contains(RuleIdentifiers.DependencyWithoutHealthCheck, ids);
        Assert.Contains(RuleIdentifiers.HealthEndpointLeaksInternals, ids);
        Assert.Contains(RuleIdentifiers.NoSeparateLivenessAndReadiness, ids);
        Assert.Contains(RuleIdentifiers.AppWithoutTracingPipeline, ids);
        Assert.Contains(RuleIdentifiers.HealthCheckCannotFail, ids);
    }

    [Fact]
    public async Task Synthetic_large_service_cost_is_printed()
    {
        var spec = new TestProjectSpec();
        spec.Sources.Add((TestProjectSpec.SourceFolder + "Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            builder.Services.AddHttpClient<Generated.Client0>(c => c.BaseAddress = new Uri("https://api.example.com"));
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """));
        for (var file = 0; file < 100; file++)
        {
            var text = new StringBuilder("namespace Generated;\n");
            text.Append("public sealed class Client").Append(file).Append("(HttpClient client, ILogger<Client").Append(file).Append("> logger)\n{\n");
            for (var method = 0; method < 20; method++)
            {
                text.Append("    public async Task<string> Get").Append(method).Append("Async(string id, CancellationToken ct)\n    {\n")
                    .Append("        try { var s = await client.GetStringAsync(\"/items/\" + id, ct); return s.Trim().ToUpperInvariant(); }\n")
                    .Append("        catch (HttpRequestException ex) { logger.LogError(ex, \"Get failed\"); return string.Join(\",\", new[] { id, id }.Select(x => x.ToString())); }\n    }\n");
            }

            text.Append("}\n");
            spec.Sources.Add((TestProjectSpec.SourceFolder + "Generated/Client" + file + ".cs", text.ToString()));
        }

        var diagnostics = await MeasureAsync("synthetic: 100 files, 2,000 methods", spec);
        Assert.Contains(diagnostics, d => d.Id == RuleIdentifiers.DependencyWithoutHealthCheck);
    }

    private async Task<ImmutableArray<Diagnostic>> MeasureAsync(string name, TestProjectSpec spec)
    {
        var project = TestProject.Create(spec);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new HostStartupAnalyzer(), new HealthCheckCannotFailAnalyzer(), new ExceptionSwallowedAnalyzer(), new EmptyInvocationAnalyzer());
        Assert.Empty(project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // The start-up analyzer alone, three times (the first run pays for JIT); on a loaded machine the minimum is the signal.
        var runs = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var alone = project.Compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new HostStartupAnalyzer()), new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            await alone.GetAnalyzerDiagnosticsAsync();
            runs.Add((await alone.GetAnalyzerTelemetryInfoAsync(alone.Analyzers[0], default)).ExecutionTime.TotalMilliseconds);
        }

        output.WriteLine($"{name}: HostStartupAnalyzer alone, 3 runs: {string.Join(" / ", runs.Select(r => r.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms");

        var stopwatch = Stopwatch.StartNew();
        var withAnalyzers = project.Compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        stopwatch.Stop();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        output.WriteLine($"{name}: {project.Compilation.SyntaxTrees.Count()} trees, wall time of the whole analysis (binding included) {stopwatch.ElapsedMilliseconds} ms");
        foreach (var analyzer in analyzers)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            output.WriteLine($"  {analyzer.GetType().Name}: {info.ExecutionTime.TotalMilliseconds:F1} ms (operation actions {info.OperationActionsCount}, operation block actions {info.OperationBlockActionsCount}, symbol actions {info.SymbolActionsCount}, compilation-end actions {info.CompilationEndActionsCount})");
        }

        return diagnostics;
    }

    /// <summary>Baseline: an analyzer whose invocation action does nothing — what merely being called per invocation costs.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyInvocationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("BASE0001", "Baseline", "Baseline", "Baseline", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
        }
    }
}
