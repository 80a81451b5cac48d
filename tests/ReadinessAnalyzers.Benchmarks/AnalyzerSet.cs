using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// The analyzers a benchmark case runs: "Baseline" (only forces binding), "All", or one analyzer by type name.
/// By default the shipped analyzers of this build; with READINESS_ANALYZERS_PATH set, those of another build of
/// ReadinessAnalyzers.dll (e.g. main's, for a before/after comparison), loaded into their own load context.
/// </summary>
internal static class AnalyzerSet
{
    public const string Baseline = "Baseline";
    public const string All = "All";

    private static readonly Lazy<Assembly> AnalyzerAssembly = new(LoadAnalyzerAssembly);

    /// <summary>Every case, or those named in READINESS_BENCH_ANALYZERS (comma-separated) for a shorter run.</summary>
    public static IEnumerable<string> Names()
    {
        var all = new[] { Baseline, All }.Concat(Shipped().Select(a => a.GetType().Name));
        var chosen = Environment.GetEnvironmentVariable("READINESS_BENCH_ANALYZERS");
        return string.IsNullOrWhiteSpace(chosen) ? all : all.Intersect(chosen.Split(',').Select(n => n.Trim()), StringComparer.Ordinal);
    }

    public static ImmutableArray<DiagnosticAnalyzer> Select(string name)
        => name switch
        {
            Baseline => ImmutableArray.Create<DiagnosticAnalyzer>(new BindEverythingAnalyzer()),
            All => Shipped(),
            _ => Shipped().Where(a => a.GetType().Name == name).ToImmutableArray() is { IsEmpty: false } one
                ? one
                : throw new ArgumentException("No analyzer named " + name, nameof(name)),
        };

    public static ImmutableArray<DiagnosticAnalyzer> Shipped()
        => AnalyzerAssembly.Value.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static string Describe()
        => Environment.GetEnvironmentVariable("READINESS_ANALYZERS_PATH") is { Length: > 0 } path ? path : "this build";

    private static Assembly LoadAnalyzerAssembly()
    {
        var path = Environment.GetEnvironmentVariable("READINESS_ANALYZERS_PATH");
        if (string.IsNullOrEmpty(path))
        {
            return typeof(RuleIdentifiers).Assembly;
        }

        // Everything but the analyzer assembly itself (Roslyn above all) comes from the default context, as in csc.
        var context = new AssemblyLoadContext("readiness-under-test", isCollectible: false);
        return context.LoadFromAssemblyPath(Path.GetFullPath(path));
    }

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
