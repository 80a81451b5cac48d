using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// One answer per symbol, computed on first use and kept for the compilation; thread-safe (a race only computes the
/// same answer twice). For answers of a value type (an enum, a flags value) use this rather than a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> of that type: the analyzer ships precompiled, but a framework
/// collection instantiated over one of our value types cannot be, and is compiled just in time in every compiler
/// process — milliseconds per compilation in a command-line build. The answers are stored boxed, so the dictionary
/// underneath is the shared, precompiled one of reference types.
/// </summary>
internal sealed class SymbolCache<TKey, TValue>
    where TKey : class, ISymbol
{
    private readonly ConcurrentDictionary<TKey, object?> _values = new(SymbolEqualityComparer.Default);

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (_values.TryGetValue(key, out var known))
        {
            return (TValue)known!;
        }

        return (TValue)_values.GetOrAdd(key, compute(key))!;
    }
}
