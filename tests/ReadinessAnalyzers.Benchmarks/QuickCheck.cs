using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// A quick relative check for a shared, noisy machine, without BenchmarkDotNet: each analyzer alone on the large
/// code base, a few runs, the bytes allocated (robust to load) and the driver's execution time per analyzer (not
/// robust), and every finding written to a file so two builds of the analyzers can be diffed for lost findings.
/// <c>dotnet run -c Release --project tests/ReadinessAnalyzers.Benchmarks -- --quick [files] [runs] [findings.txt]</c>;
/// <c>--quick-fixed NAME</c> analyses an almost empty web project once in this (fresh) process, as a new csc does:
/// JIT, static initialisers and the first symbol look-ups included. READINESS_ANALYZERS_PATH and
/// READINESS_BENCH_ANALYZERS apply as for the benchmarks.
/// </summary>
internal static class QuickCheck
{
    public static int Run(string[] args)
    {
        if (args[0] == "--quick-fixed")
        {
            return Fixed(args.Length > 1 ? args[1] : AnalyzerSet.All);
        }

        if (args[0] == "--quick-document")
        {
            return Document(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
        }

        if (args[0] == "--quick-kinds")
        {
            return Kinds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
        }

        var files = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300;
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var findingsPath = args.Length > 3 ? args[3] : null;
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(LargeServiceCorpus.Sources(files));
        var project = TestProject.Create(spec);
        var errors = project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Console.WriteLine($"{files} files, {errors.Count} compiler errors{(errors.Count > 0 ? ", first: " + errors[0] : string.Empty)}");
        var findings = new List<string>();
        Console.WriteLine($"{"analyzer",-44} {"alloc KB",12} {"time ms",10} {"findings",9}");
        foreach (var name in AnalyzerSet.Names().Where(n => n != AnalyzerSet.All))
        {
            var analyzers = AnalyzerSet.Select(name);
            Analyze(project.Compilation.Clone(), analyzers, project.AnalyzerOptions, out _);
            var allocated = new List<long>();
            var times = new List<double>();
            ImmutableArray<Diagnostic> diagnostics = default;
            for (var i = 0; i < runs; i++)
            {
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                diagnostics = Analyze(project.Compilation.Clone(), analyzers, project.AnalyzerOptions, out var time);
                allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
                times.Add(time.TotalMilliseconds);
            }

            allocated.Sort();
            times.Sort();
            Console.WriteLine($"{name,-44} {allocated[allocated.Count / 2] / 1024,12:N0} {times[times.Count / 2],10:N1} {diagnostics.Length,9}");
            findings.AddRange(diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        }

        if (findingsPath is not null)
        {
            findings.Sort(StringComparer.Ordinal);
            File.WriteAllLines(findingsPath, findings);
        }

        return 0;
    }

    /// <summary>How many operations of each kind the large code base has: an operation action runs once per operation
    /// of the kinds it registers, so this is the number of callbacks, free of machine noise.</summary>
    private static int Kinds(int files)
    {
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(LargeServiceCorpus.Sources(files));
        var compilation = TestProject.Create(spec).Compilation;
        var counts = new Dictionary<OperationKind, int>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                // Roots only: the operation trees of member bodies, initializers and attributes.
                if (model.GetOperation(node) is { Parent: null } root)
                {
                    foreach (var operation in root.DescendantsAndSelf())
                    {
                        counts[operation.Kind] = counts.TryGetValue(operation.Kind, out var n) ? n + 1 : 1;
                    }
                }
            }
        }

        foreach (var (kind, count) in counts.OrderByDescending(p => p.Value))
        {
            Console.WriteLine($"{kind,-36} {count,10:N0}");
        }

        return 0;
    }

    /// <summary>
    /// The editor case of <see cref="DocumentBenchmarks"/> without BenchmarkDotNet: the 500-line document analysed
    /// alone in a fresh snapshot of a 40-file project, <paramref name="runs"/> times; per analyzer the median of the
    /// driver's execution time, to find which analyzer an editor pays for on each keystroke.
    /// </summary>
    private static int Document(int runs)
    {
        const string path = "/src/large/EditedDocument.cs";
        var spec = new TestProjectSpec();
        spec.Sources.AddRange(LargeServiceCorpus.Sources(40));
        spec.Sources.Add((path, LargeServiceCorpus.Document500()));
        var project = TestProject.Create(spec);
        var analyzers = AnalyzerSet.Select(AnalyzerSet.All);
        if (Environment.GetEnvironmentVariable("READINESS_BENCH_NO_SUPPRESSOR") == "1")
        {
            analyzers = analyzers.RemoveAll(a => a is DiagnosticSuppressor);
        }

        var times = analyzers.ToDictionary(a => a, _ => new List<double>());
        var totals = new List<double>();
        var walls = new List<double>();
        var baselineWalls = new List<double>();
        var baseline = AnalyzerSet.Select(AnalyzerSet.Baseline);
        for (var i = 0; i <= runs; i++)
        {
            // The binding baseline first, on its own snapshot: the wall-clock difference is what a keystroke pays for us.
            var bound = project.Compilation.Clone();
            var baselineWatch = Stopwatch.StartNew();
            bound.WithAnalyzers(baseline, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                .GetAnalyzerSemanticDiagnosticsAsync(bound.GetSemanticModel(bound.SyntaxTrees.First(t => t.FilePath == path)), null, CancellationToken.None).GetAwaiter().GetResult();
            baselineWatch.Stop();

            var compilation = project.Compilation.Clone();
            var watch = Stopwatch.StartNew();
            var tree = compilation.SyntaxTrees.First(t => t.FilePath == path);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, CancellationToken.None).GetAwaiter().GetResult();
            watch.Stop();
            var total = 0.0;
            foreach (var analyzer in analyzers)
            {
                var ms = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
                total += ms;
                if (i > 0)
                {
                    times[analyzer].Add(ms);
                }
            }

            if (i > 0)
            {
                totals.Add(total);
                walls.Add(watch.Elapsed.TotalMilliseconds);
                baselineWalls.Add(baselineWatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{"analyzer (500-line document, median of " + runs + ")",-60} {"ms",8}");
        foreach (var (analyzer, list) in times.OrderByDescending(p => Median(p.Value)))
        {
            Console.WriteLine($"{analyzer.GetType().Name,-60} {Median(list),8:N2}");
        }

        Console.WriteLine($"{"all (sum per run)",-60} {Median(totals),8:N2}");
        Console.WriteLine($"{"wall: all analyzers, median / max",-60} {Median(walls),8:N2} {walls.Max(),8:N2}");
        Console.WriteLine($"{"wall: binding baseline, median / max",-60} {Median(baselineWalls),8:N2} {baselineWalls.Max(),8:N2}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static int Fixed(string name)
    {
        var spec = new TestProjectSpec();
        spec.Sources.Add(("/src/empty/Greeting.cs", "namespace Empty;\n\npublic sealed class Greeting\n{\n    public string Text => \"Hello\";\n}\n"));
        var project = TestProject.Create(spec);
        var analyzers = AnalyzerSet.Select(name);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        Analyze(project.Compilation, analyzers, project.AnalyzerOptions, out var time);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Console.WriteLine($"{name,-44} first analysis: driver {time.TotalMilliseconds,8:N1} ms, wall {watch.Elapsed.TotalMilliseconds,8:N1} ms, allocated {allocated / 1024,8:N0} KB");
        return 0;
    }

    private static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, out TimeSpan time)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        time = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            time += withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
        }

        return diagnostics;
    }
}
