using System.Threading;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// A type looked up by metadata name (<see cref="TypeLookup"/>) on first use, then held in a field: for the types a rule
/// needs only on a rare path, and for hot paths that should not pay a per-compilation table look-up on every access.
/// </summary>
internal sealed class LazyType
{
    private static readonly object Missing = new();
    private readonly Compilation _compilation;
    private readonly string _metadataName;
    private object? _value;

    public LazyType(Compilation compilation, string metadataName)
    {
        _compilation = compilation;
        _metadataName = metadataName;
    }

    /// <summary>The type, or null when the compilation and its references do not declare it.</summary>
    public INamedTypeSymbol? Value => Get(_compilation, ref _value, _metadataName);

    /// <summary>
    /// The look-up behind <see cref="Value"/>, for a class that keeps many lazily looked-up types in fields of its own
    /// (<c>AsyncSymbols</c>, <c>StartupSymbols</c>): <paramref name="slot"/> starts null and holds the type, or a
    /// marker for "not declared", after the first call.
    /// </summary>
    public static INamedTypeSymbol? Get(Compilation compilation, ref object? slot, string metadataName)
    {
        var value = Volatile.Read(ref slot);
        if (value is null)
        {
            // A race only looks the same type up twice.
            value = (object?)TypeLookup.Get(compilation, metadataName) ?? Missing;
            Volatile.Write(ref slot, value);
        }

        return value as INamedTypeSymbol;
    }
}
