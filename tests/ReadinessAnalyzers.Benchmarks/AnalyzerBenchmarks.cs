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

    public static IEnumerable<string> AnalyzerNames() => AnalyzerSet.Names();

    [GlobalSetup]
    public void Setup()
    {
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(ServiceCorpus.Sources(SyntheticTypes));
        var project = TestProject.Create(spec);
        _compilation = project.Compilation;
        _options = project.AnalyzerOptions;
        _analyzers = AnalyzerSet.Select(Analyzer);

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
}
