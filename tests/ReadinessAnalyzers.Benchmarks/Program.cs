using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process: a generated benchmark project would inherit the repository's central package versions (Roslyn 4.5
// for the shipped assemblies) and fail to restore. Analysing a service-sized compilation takes seconds per
// operation, so a few iterations are enough and the in-process time-out is raised. In-process benchmarks share
// one JIT: three warm-up runs keep the first cases from paying for compiling Roslyn itself.
var job = Job.Default
    .WithWarmupCount(3)
    .WithIterationCount(5)
    .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: false));
BenchmarkSwitcher.FromAssembly(typeof(ReadinessAnalyzers.Benchmarks.AnalyzerBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance
        .AddJob(job)
        .WithOptions(ConfigOptions.DisableOptimizationsValidator)
        .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48)));
