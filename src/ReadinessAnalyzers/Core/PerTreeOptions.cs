using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers;

/// <summary>
/// Options parsed once per syntax tree (an <c>.editorconfig</c> can differ per folder) and shared by
/// every node of that tree. Create one per compilation, in a compilation-start action.
/// </summary>
internal sealed class PerTreeOptions<T>
{
    private readonly ConcurrentDictionary<SyntaxTree, T> _cache = new();
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly Func<AnalyzerConfigOptions, T> _parse;

    public PerTreeOptions(AnalyzerOptions options, Func<AnalyzerConfigOptions, T> parse)
    {
        _provider = options.AnalyzerConfigOptionsProvider;
        _parse = parse;
    }

    public T For(SyntaxTree tree)
        => _cache.TryGetValue(tree, out var value) ? value : _cache.GetOrAdd(tree, t => _parse(_provider.GetOptions(t)));
}
