using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: a generated benchmark project would inherit the repository's central package versions (Roslyn 4.5
// for the shipped assemblies) and fail to restore. Analysing a large compilation takes seconds per operation, so a
// few iterations are enough and the in-process time-out is raised. In-process benchmarks share one JIT: warm-up
// runs keep the first cases from paying for compiling Roslyn itself. On a shared, noisy machine use a short job
// (READINESS_BENCH_WARMUP=1 READINESS_BENCH_ITERATIONS=3) and read every figure as a ratio to "Baseline".
// READINESS_ANALYZERS_PATH=<ReadinessAnalyzers.dll> measures another build of the analyzers (before/after);
// READINESS_BENCH_ANALYZERS=Baseline,All,… limits the cases; READINESS_BENCH_FILES sets the large code base's size.
if (args.Length > 0 && args[0].StartsWith("--quick", StringComparison.Ordinal))
{
    return ReadinessAnalyzers.Benchmarks.QuickCheck.Run(args);
}

var job = Job.Default
    .WithWarmupCount(EnvironmentNumber("READINESS_BENCH_WARMUP", 3))
    .WithIterationCount(EnvironmentNumber("READINESS_BENCH_ITERATIONS", 5))
    // One analysis per iteration: each iteration is one compilation (or one keystroke), so Median and Max are
    // the typical and the worst single analysis.
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false));
Console.WriteLine("Analyzers under test: " + ReadinessAnalyzers.Benchmarks.AnalyzerSet.Describe());
BenchmarkSwitcher.FromAssembly(typeof(ReadinessAnalyzers.Benchmarks.AnalyzerBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance
        .AddJob(job)
        .AddColumn(StatisticColumn.Median, StatisticColumn.Max)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48)));
return 0;

static int EnvironmentNumber(string name, int fallback)
    => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;
