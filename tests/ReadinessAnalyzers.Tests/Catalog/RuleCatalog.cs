using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Tests.Catalog;

/// <summary>What the shipped assemblies declare: descriptors, code fixes and options, found by reflection.</summary>
internal static class RuleCatalog
{
    public static readonly Assembly AnalyzerAssembly = typeof(RuleIdentifiers).Assembly;

    public static readonly Assembly CodeFixAssembly = typeof(ReadinessAnalyzers.CodeFixes.CodeFixAssemblyMarker).Assembly;

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CodeFixes { get; } = CodeFixAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Every descriptor, once per ID.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .Where(a => a is not DiagnosticSuppressor)
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id, StringComparer.Ordinal)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>The descriptors of findings: every descriptor but the data channels (RDY91xx, e.g. RDY9100, the operations
    /// contract), which are <c>NotConfigurable</c> and so outside rule sets, severities and the baseline.</summary>
    public static ImmutableArray<DiagnosticDescriptor> FindingDescriptors { get; } = Descriptors
        .Where(d => !IsDataChannel(d))
        .ToImmutableArray();

    public static bool IsDataChannel(DiagnosticDescriptor descriptor)
        => descriptor.Id.StartsWith("RDY91", StringComparison.Ordinal);

    public static ImmutableHashSet<string> FixableIds { get; } = CodeFixes.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet();

    /// <summary>Every option declared as a static <see cref="RuleOption"/> field in the analyzer assembly.</summary>
    public static ImmutableArray<RuleOption> Options { get; } = AnalyzerAssembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
        .Where(f => typeof(RuleOption).IsAssignableFrom(f.FieldType))
        .Select(f => (RuleOption)f.GetValue(null)!)
        .Distinct()
        .ToImmutableArray();

    public static ImmutableArray<string> DeclaredIdentifiers { get; } = typeof(RuleIdentifiers)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != nameof(RuleIdentifiers.HelpLinkBase))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToImmutableArray();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RulesFolder => Path.Combine(RepositoryRoot, "rules");

    public static string CategoryForId(string id) => id[3] switch
    {
        '1' => RuleCategories.FailureHandling,
        '2' => RuleCategories.Telemetry,
        '3' => RuleCategories.HealthChecks,
        '4' => RuleCategories.Configuration,
        '9' => RuleCategories.Build,
        _ => throw new InvalidOperationException("Unknown ID block: " + id),
    };

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReadinessAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ReadinessAnalyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
