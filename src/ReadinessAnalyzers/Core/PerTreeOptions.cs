using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers;

/// <summary>
/// Options parsed once per syntax tree (an <c>.editorconfig</c> can differ per folder) and shared by
/// every node of that tree. Create one per compilation, in a compilation-start action.
/// </summary>
internal sealed class PerTreeOptions<T>
{
    // Values stored as objects: T is often a value type (an ImmutableArray, a tuple of them), and a ConcurrentDictionary
    // over one is compiled just in time in every compiler process (see SymbolCache); over objects it is precompiled.
    private readonly ConcurrentDictionary<SyntaxTree, object?> _cache = new();
    private readonly Func<SyntaxTree, object?> _create;
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly Func<AnalyzerConfigOptions, T> _parse;

    public PerTreeOptions(AnalyzerOptions options, Func<AnalyzerConfigOptions, T> parse)
    {
        _provider = options.AnalyzerConfigOptionsProvider;
        _parse = parse;
        _create = tree => _parse(_provider.GetOptions(tree));
    }

    public T For(SyntaxTree tree)
        => (T)(_cache.TryGetValue(tree, out var value) ? value : _cache.GetOrAdd(tree, _create))!;
}

/// <summary>A list option read once per syntax tree. Not a <c>PerTreeOptions&lt;ImmutableArray&lt;string&gt;&gt;</c>: a
/// generic class of ours over a framework value type cannot ship precompiled (see <see cref="ListOption"/>).</summary>
internal sealed class PerTreeList
{
    private readonly PerTreeOptions<object> _values;

    public PerTreeList(AnalyzerOptions options, ListOption option)
        => _values = new PerTreeOptions<object>(options, o => option.GetValue(o));

    public ImmutableArray<string> For(SyntaxTree tree) => (ImmutableArray<string>)_values.For(tree);
}
