using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.HealthChecks.Startup;

internal static class StartupOptions
{
    /// <summary>Options of the file a finding goes to (an <c>.editorconfig</c> can differ per folder).</summary>
    public static T Get<T>(CompilationAnalysisContext context, Location location, RuleOption<T> option)
        => location.SourceTree is { } tree
            ? option.GetValue(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree))
            : option.DefaultValue;

    /// <inheritdoc cref="Get{T}(CompilationAnalysisContext, Location, RuleOption{T})"/>
    public static ImmutableArray<string> Get(CompilationAnalysisContext context, Location location, ListOption option)
        => location.SourceTree is { } tree
            ? option.GetValue(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree))
            : option.DefaultValue;
}
