using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// Each analyzer alone and all together on a large generated server code base (<see cref="LargeServiceCorpus"/>,
/// 1,000 files by default; READINESS_BENCH_FILES changes it), time and allocations. Every operation analyses a
/// fresh copy of the compilation, as a build does, so per-compilation caches and look-ups are paid each time.
/// Read each figure as a ratio to "Baseline", an analyzer that only forces the same binding.
/// </summary>
[MemoryDiagnoser]
public class LargeCompilationBenchmarks
{
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    [ParamsSource(nameof(AnalyzerNames))]
    public string Analyzer { get; set; } = AnalyzerSet.All;

    public static IEnumerable<int> FileCounts()
        => [int.TryParse(Environment.GetEnvironmentVariable("READINESS_BENCH_FILES"), out var files) ? files : 1000];

    public static IEnumerable<string> AnalyzerNames() => AnalyzerSet.Names();

    [GlobalSetup]
    public void Setup()
    {
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(LargeServiceCorpus.Sources(Files));
        var project = TestProject.Create(spec);
        _compilation = project.Compilation;
        _options = project.AnalyzerOptions;
        _analyzers = AnalyzerSet.Select(Analyzer);
        Analyze().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<int> Analyze()
    {
        var result = await TestProject.AnalyzeAsync(_compilation.Clone(), _analyzers, _options).ConfigureAwait(false);
        if (!result.Exceptions.IsEmpty)
        {
            throw new InvalidOperationException(result.Exceptions[0].Exception.ToString());
        }

        return result.Diagnostics.Length;
    }
}
