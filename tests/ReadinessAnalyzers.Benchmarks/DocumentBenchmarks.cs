using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// One document of about 500 lines analysed alone, as an editor does on every keystroke
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, Microsoft.CodeAnalysis.Text.TextSpan?, ImmutableArray{DiagnosticAnalyzer}, CancellationToken)"/>)
/// in a project of 40 more files; every operation starts from a fresh compilation (a new snapshot), so the
/// analyzers' compilation-start work is included. Compilation-end actions do not run here (an editor runs them
/// only with full-solution analysis): RDY2002 and the start-up model are measured by the whole-compilation cases.
/// See the Median and Max columns: the budget is the median of "All" at most 5 ms above "Baseline".
/// An editor is a long-lived process: the case warms up until the analyzers' code is optimised (tiered JIT
/// promotes a method after 30 calls and a quiet pause), as it is after the first keystrokes. With three warm-ups
/// "All" read 59 ms above "Baseline", with 25 still 37 ms, with 100 about 9 ms, and with the JIT's tiering off (all
/// code optimised at once, DOTNET_TieredCompilation=0) no difference: the gap was unoptimised code, not analysis.
/// The cost of the first analysis in a fresh process is <see cref="FixedCostBenchmarks"/>'s and <c>--quick-fixed</c>'s.
/// </summary>
[MemoryDiagnoser]
[WarmupCount(100)]
[IterationCount(25)]
public class DocumentBenchmarks
{
    /// <summary>The edited document's path in <see cref="CreateProject"/>.</summary>
    internal const string DocumentPath = "/src/large/EditedDocument.cs";
    private Compilation _compilation = null!;
    private AnalyzerOptions _options = null!;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [Params(AnalyzerSet.Baseline, AnalyzerSet.All)]
    public string Analyzer { get; set; } = AnalyzerSet.All;

    [GlobalSetup]
    public void Setup()
    {
        var project = CreateProject();
        _compilation = project.Compilation;
        _options = project.AnalyzerOptions;
        _analyzers = AnalyzerSet.Select(Analyzer);
        AnalyzeDocument().GetAwaiter().GetResult();
    }

    /// <summary>The editor's project: 40 files of the large service corpus and the 500-line document at
    /// <see cref="DocumentPath"/> (also the quick check's <c>--quick-document</c> cases).</summary>
    internal static TestProject CreateProject()
    {
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(LargeServiceCorpus.Sources(40));
        spec.Sources.Add((DocumentPath, LargeServiceCorpus.Document500()));
        return TestProject.Create(spec);
    }

    [Benchmark]
    public async Task<int> AnalyzeDocument()
    {
        var compilation = _compilation.Clone();
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == DocumentPath);
        var withAnalyzers = compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).ConfigureAwait(false);
        return diagnostics.Length;
    }
}
