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
/// The fixed cost per compilation: an almost empty web project (one small class, the ASP.NET Core references),
/// analysed afresh each time, so what is measured is each analyzer's start-up — type look-ups, option parsing,
/// compilation-start and -end work. A solution of 100 small projects pays it 100 times.
/// </summary>
[MemoryDiagnoser]
public class FixedCostBenchmarks
{
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [ParamsSource(nameof(AnalyzerNames))]
    public string Analyzer { get; set; } = AnalyzerSet.All;

    public static IEnumerable<string> AnalyzerNames() => AnalyzerSet.Names();

    [GlobalSetup]
    public void Setup()
    {
        var spec = new TestProjectSpec();
        spec.Sources.Add(("/src/empty/Greeting.cs", "namespace Empty;\n\npublic sealed class Greeting\n{\n    public string Text => \"Hello\";\n}\n"));
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
