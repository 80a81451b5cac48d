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
/// <c>--quick-deploy [files] [runs]</c> measures what deployment descriptors add (issue 14): all analyzers on the large
/// code base without descriptors, with 500 Kubernetes manifests and a Dockerfile, and with one 5 MB manifest;
/// <c>--quick-deploy-parse</c> times the manifest reader alone on the 5 MB manifest.
/// <c>--quick-fixed NAME</c> analyses an almost empty web project once in this (fresh) process, as a new csc does:
/// JIT, static initialisers and the first symbol look-ups included. READINESS_ANALYZERS_PATH and
/// READINESS_BENCH_ANALYZERS apply as for the benchmarks.
/// <c>--quick-document [runs]</c> gives each analyzer's driver time per keystroke (the 500-line document of
/// <see cref="DocumentBenchmarks"/>), <c>--quick-document-each [runs]</c> each analyzer's wall-clock cost, and
/// <c>--quick-document-driver [runs]</c> what the driver itself costs per keystroke for analyzers that do nothing, by
/// the kind of action they register (a symbol-start action cost ~4 ms per document on its own).
/// </summary>
internal static class QuickCheck
{
    public static int Run(string[] args)
    {
        if (args[0] == "--quick-fixed")
        {
            return Fixed(args.Length > 1 ? args[1] : AnalyzerSet.All);
        }

        if (args[0] == "--quick-deploy")
        {
            return Deployment(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
        }

        if (args[0] == "--quick-deploy-parse")
        {
            var big = Microsoft.CodeAnalysis.Text.SourceText.From(DeploymentCorpus.OneLargeManifest(5 * 1024 * 1024)[0].Text);
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                var isTemplate = ReadinessAnalyzers.HealthChecks.Deployment.YamlReading.IsTemplate(big);
                var t1 = watch.Elapsed.TotalMilliseconds;
                var documents = ReadinessAnalyzers.HealthChecks.Deployment.YamlReading.Load(big, out _);
                var t2 = watch.Elapsed.TotalMilliseconds;
                var file = ReadinessAnalyzers.HealthChecks.Deployment.KubernetesReader.Read(big);
                var t3 = watch.Elapsed.TotalMilliseconds;
                Console.WriteLine($"template scan {t1:N1} ms, YamlStream {t2 - t1:N1} ms ({documents.Count} documents), reader {t3 - t2:N1} ms ({file.Documents.Sum(d => d.Workloads.Length)} workloads)");
            }

            return 0;
        }

        if (args[0] == "--quick-document")
        {
            return Document(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15);
        }

        if (args[0] == "--quick-document-each")
        {
            return DocumentEach(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
        }

        if (args[0] == "--quick-document-driver")
        {
            return DocumentDriver(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 25);
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

    /// <summary>Each run builds the project anew: Roslyn caches a parsed additional file per <c>SourceText</c>
    /// instance (across compilations), so reusing the texts would leave the parsing out; a compiler process parses
    /// once, and that is what is measured. The cases are interleaved, so load changes hit them alike.</summary>
    private static int Deployment(int files, int runs)
    {
        var sources = LargeServiceCorpus.Sources(files);
        var cases = new (string Name, List<(string Path, string Text, string Kind)> Files)[]
        {
            ("no descriptors", new List<(string, string, string)>()),
            ("500 manifests + Dockerfile", DeploymentCorpus.Manifests(500)),
            ("one 5 MB manifest + Dockerfile", DeploymentCorpus.OneLargeManifest(5 * 1024 * 1024)),
        };
        var analyzers = AnalyzerSet.Shipped();
        var deploymentAnalyzers = analyzers.Where(a => a.GetType().Name is "HostStartupAnalyzer" or "DeploymentDescriptorAnalyzer").ToImmutableArray();
        var results = cases.Select(_ => (Times: new List<double>(), Walls: new List<double>(), Allocated: new List<long>(), Own: new List<double>(), Findings: 0, Crashes: 0)).ToArray();
        for (var run = -1; run < runs; run++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var spec = new TestProjectSpec { GlobalConfig = DeploymentCorpus.GlobalConfig(cases[c].Files) };
                spec.Sources.AddRange(sources);
                spec.AdditionalFiles.AddRange(cases[c].Files.Select(f => (f.Path, f.Text)));
                var project = TestProject.Create(spec);
                GC.Collect();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var diagnostics = Analyze(project.Compilation, analyzers, project.AnalyzerOptions, out var time, deploymentAnalyzers, out var own);
                var wall = watch.Elapsed.TotalMilliseconds;
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                if (run < 0)
                {
                    continue; // warm-up: JIT of the readers and of YamlDotNet
                }

                results[c].Times.Add(time.TotalMilliseconds);
                results[c].Walls.Add(wall);
                results[c].Allocated.Add(allocated);
                results[c].Own.Add(own.TotalMilliseconds);
                results[c].Findings = diagnostics.Count(d => string.CompareOrdinal(d.Id, RuleIdentifiers.ProbePathNotMapped) >= 0 && string.CompareOrdinal(d.Id, RuleIdentifiers.DeploymentDescriptorUnreadable) <= 0);
                results[c].Crashes = diagnostics.Count(d => d.Id == "AD0001");
            }
        }

        static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
        var baseTime = Median(results[0].Times);
        var baseWall = Median(results[0].Walls);
        var baseAllocated = results[0].Allocated.OrderBy(v => v).ElementAt(runs / 2);
        Console.WriteLine($"{files} files; all analyzers; median of {runs} interleaved runs, each on a freshly built project");
        Console.WriteLine($"{"case",-32} {"driver ms",10} {"added",8} {"wall ms",9} {"added",8} {"alloc KB",10} {"added",8} {"host+deploy ms",15} {"findings",9}");
        for (var c = 0; c < cases.Length; c++)
        {
            var time = Median(results[c].Times);
            var wall = Median(results[c].Walls);
            var allocated = results[c].Allocated.OrderBy(v => v).ElementAt(runs / 2);
            Console.WriteLine($"{cases[c].Name,-32} {time,10:N1} {(time - baseTime) / baseTime,8:P1} {wall,9:N1} {(wall - baseWall) / baseWall,8:P1} {allocated / 1024,10:N0} {(double)(allocated - baseAllocated) / baseAllocated,8:P1} {Median(results[c].Own),15:N1} {results[c].Findings,9}{(results[c].Crashes > 0 ? " AD0001: " + results[c].Crashes : string.Empty)}");
        }

        return 0;
    }

    private static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, out TimeSpan time, ImmutableArray<DiagnosticAnalyzer> measured, out TimeSpan measuredTime)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        time = TimeSpan.Zero;
        measuredTime = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            var spent = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult().ExecutionTime;
            time += spent;
            if (measured.Contains(analyzer))
            {
                measuredTime += spent;
            }
        }

        return diagnostics;
    }

    /// <summary>
    /// The editor case of <see cref="DocumentBenchmarks"/> without BenchmarkDotNet: the 500-line document analysed
    /// alone in a fresh snapshot of a 40-file project, <paramref name="runs"/> times; per analyzer the median of the
    /// driver's execution time, to find which analyzer an editor pays for on each keystroke.
    /// </summary>
    private static int Document(int runs)
    {
        const string path = DocumentBenchmarks.DocumentPath;
        var project = DocumentBenchmarks.CreateProject();
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

    /// <summary>
    /// Which analyzer makes a keystroke slower, in wall-clock time: the 500-line document of <see cref="Document"/>
    /// analysed with the binding baseline alone and with the baseline plus one analyzer (or all), interleaved, each
    /// on its own fresh snapshot; the median difference per analyzer. The driver's execution time per analyzer
    /// misses the work the driver does for an analyzer outside its callbacks (events, symbol-end bookkeeping,
    /// suppressors), which this shows.
    /// </summary>
    private static int DocumentEach(int runs)
    {
        var project = DocumentBenchmarks.CreateProject();
        var baseline = AnalyzerSet.Select(AnalyzerSet.Baseline);
        var cases = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> { (AnalyzerSet.Baseline, baseline), (AnalyzerSet.All, baseline.AddRange(AnalyzerSet.Shipped())) };
        cases.AddRange(AnalyzerSet.Shipped().Select(a => (a.GetType().Name, baseline.Add(a))));
        return PrintWalls(cases, InterleavedWalls(project, cases, runs), runs, byTime: true);
    }

    /// <summary>What the analyzer driver costs per keystroke for analyzers that do nothing: the 500-line document
    /// with the baseline, with all analyzers, and with the baseline plus idle analyzers of a given shape.</summary>
    private static int DocumentDriver(int runs)
    {
        var project = DocumentBenchmarks.CreateProject();
        var baseline = AnalyzerSet.Select(AnalyzerSet.Baseline);
        var shipped = AnalyzerSet.Shipped();
        static ImmutableArray<DiagnosticAnalyzer> Idle(int count, IdleAnalyzer.Shape shape)
            => Enumerable.Range(0, count).Select(i => (DiagnosticAnalyzer)new IdleAnalyzer(i, shape)).ToImmutableArray();
        var cases = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            (AnalyzerSet.Baseline, baseline),
            (AnalyzerSet.All, baseline.AddRange(shipped)),
            ("All but the suppressor", baseline.AddRange(shipped.Where(a => a is not DiagnosticSuppressor))),
            ("24 idle: compilation start only", baseline.AddRange(Idle(24, IdleAnalyzer.Shape.StartOnly))),
            ("24 idle: invocation action", baseline.AddRange(Idle(24, IdleAnalyzer.Shape.Invocation))),
            ("24 idle: 3 operation kinds", baseline.AddRange(Idle(24, IdleAnalyzer.Shape.ThreeKinds))),
            ("1 idle: symbol start + invocation", baseline.AddRange(Idle(1, IdleAnalyzer.Shape.SymbolStart))),
            ("1 idle: operation block", baseline.AddRange(Idle(1, IdleAnalyzer.Shape.Block))),
            ("1 idle: symbol start alone", baseline.AddRange(Idle(1, IdleAnalyzer.Shape.SymbolStartAlone))),
            ("1 idle: symbol action (named type)", baseline.AddRange(Idle(1, IdleAnalyzer.Shape.SymbolAction))),
            ("1 idle: compilation end", baseline.AddRange(Idle(1, IdleAnalyzer.Shape.CompilationEnd))),
            ("1 idle: suppressor", baseline.Add(new IdleSuppressor())),
        };
        return PrintWalls(cases, InterleavedWalls(project, cases, runs), runs, byTime: false);
    }

    /// <summary>The 500-line document analysed with each case's analyzers, <paramref name="runs"/> rounds (after one
    /// warm-up round), each case on its own fresh snapshot: the wall-clock times per case. A new order every round, and a
    /// collection before each case, so no case always follows the same one.</summary>
    private static List<double>[] InterleavedWalls(TestProject project, List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> cases, int runs)
    {
        var walls = cases.Select(_ => new List<double>()).ToArray();
        var random = new Random(11);
        for (var i = 0; i <= runs; i++)
        {
            foreach (var c in Enumerable.Range(0, cases.Count).OrderBy(_ => random.Next()).ToList())
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var compilation = project.Compilation.Clone();
                var watch = Stopwatch.StartNew();
                compilation.WithAnalyzers(cases[c].Analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
                    .GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(compilation.SyntaxTrees.First(t => t.FilePath == DocumentBenchmarks.DocumentPath)), null, CancellationToken.None).GetAwaiter().GetResult();
                if (i > 0)
                {
                    walls[c].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        return walls;
    }

    /// <summary>Each case's median wall time and its difference to the first case's (the baseline), slowest first or in
    /// the cases' order.</summary>
    private static int PrintWalls(List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> cases, List<double>[] walls, int runs, bool byTime)
    {
        var baseWall = Median(walls[0]);
        Console.WriteLine($"{"case (500-line document, wall, median of " + runs + ")",-60} {"ms",8} {"added",8}");
        var order = Enumerable.Range(0, cases.Count);
        foreach (var c in byTime ? order.OrderByDescending(c => Median(walls[c])) : order)
        {
            Console.WriteLine($"{cases[c].Name,-60} {Median(walls[c]),8:N2} {Median(walls[c]) - baseWall,8:N2}");
        }

        return 0;
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class IdleAnalyzer : DiagnosticAnalyzer
    {
        private readonly DiagnosticDescriptor _never;
        private readonly Shape _shape;

        public IdleAnalyzer(int index, Shape shape)
        {
            _never = new DiagnosticDescriptor("IDLE" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "Never", "Never", "Benchmark", DiagnosticSeverity.Warning, true);
            _shape = shape;
        }

        public enum Shape
        {
            StartOnly,
            Invocation,
            ThreeKinds,
            SymbolStart,
            Block,
            SymbolStartAlone,
            SymbolAction,
            CompilationEnd,
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            var shape = _shape;
            context.RegisterCompilationStartAction(start =>
            {
                switch (shape)
                {
                    case Shape.Invocation:
                        start.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
                        break;
                    case Shape.ThreeKinds:
                        start.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Literal);
                        break;
                    case Shape.SymbolStart:
                        start.RegisterSymbolStartAction(static s => s.RegisterOperationAction(static _ => { }, OperationKind.Invocation), SymbolKind.NamedType);
                        break;
                    case Shape.Block:
                        start.RegisterOperationBlockAction(static _ => { });
                        break;
                    case Shape.SymbolStartAlone:
                        start.RegisterSymbolStartAction(static _ => { }, SymbolKind.NamedType);
                        break;
                    case Shape.SymbolAction:
                        start.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType);
                        break;
                    case Shape.CompilationEnd:
                        start.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
                        start.RegisterCompilationEndAction(static _ => { });
                        break;
                }
            });
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class IdleSuppressor : DiagnosticSuppressor
    {
        private static readonly SuppressionDescriptor Never = new("IDLESPR", "CS9999", "Never");

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => ImmutableArray.Create(Never);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
        }
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
