using System.Threading;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// A type looked up by metadata name on first use, at most once per compilation in practice (a race only looks it
/// up twice). For the types a rule needs only on a rare path: a look-up at compilation start searches every
/// reference and, in a fresh compiler process, loads their namespaces — paid per project even when unused.
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
    public INamedTypeSymbol? Value
    {
        get
        {
            var value = Volatile.Read(ref _value);
            if (value is null)
            {
                value = (object?)_compilation.GetTypeByMetadataName(_metadataName) ?? Missing;
                Volatile.Write(ref _value, value);
            }

            return value as INamedTypeSymbol;
        }
    }
}
