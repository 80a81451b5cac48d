using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// Cost of each analyzer on a service-sized compilation, against a baseline analyzer that only forces the
/// same binding (so the difference is the rule's own cost). Allocations come from the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [Params(100)]
    public int SyntheticTypes { get; set; }

    /// <summary>"Baseline", "All", or an analyzer's type name.</summary>
    [ParamsSource(nameof(AnalyzerNames))]
    public string Analyzer { get; set; } = "All";

    public static IEnumerable<string> AnalyzerNames()
        => new[] { "Baseline", "All" }.Concat(ShippedAnalyzers().Select(a => a.GetType().Name));

    [GlobalSetup]
    public void Setup()
    {
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(ServiceCorpus.Sources(SyntheticTypes));
        var project = TestProject.Create(spec);
        _compilation = project.Compilation;
        _options = project.AnalyzerOptions;
        _analyzers = Analyzer switch
        {
            "Baseline" => ImmutableArray.Create<DiagnosticAnalyzer>(new BindEverythingAnalyzer()),
            "All" => ShippedAnalyzers(),
            _ => ShippedAnalyzers().Where(a => a.GetType().Name == Analyzer).ToImmutableArray(),
        };

        // One untimed run per case: in-process cases share a JIT, and the first case would otherwise pay for
        // compiling the analyzer and Roslyn code paths it is the first to reach.
        Analyze().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Analyze()
    {
        var result = await TestProject.AnalyzeAsync(_compilation, _analyzers, _options).ConfigureAwait(false);
        if (!result.Exceptions.IsEmpty)
        {
            throw new InvalidOperationException(result.Exceptions[0].Exception.ToString());
        }

        return result.Diagnostics.Length;
    }

    private static ImmutableArray<DiagnosticAnalyzer> ShippedAnalyzers()
        => typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Visits every operation and symbol, reporting nothing: the cost every analyzer pays anyway.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class BindEverythingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH0001", "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Hidden, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.CatchClause, OperationKind.Literal);
            context.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType, SymbolKind.Method);
        }
    }
}
