using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// Types by metadata name, for every analyzer of the package: each name is looked up once per compilation, however
/// many analyzers ask, and without asking every reference.
/// <para>
/// <see cref="Compilation.GetTypeByMetadataName"/> asks every referenced assembly — about 200 in a web project —
/// whether it declares the type, and a type nobody declares costs the most. An editor makes a new compilation per
/// keystroke, so each analyzer's few dozen look-ups cost milliseconds per keystroke. Here the look-up walks the
/// compilation's merged namespaces instead (built by the compiler for the code it binds): a namespace nobody declares
/// ends the search at once, and the type's own namespace holds the parts of only the few assemblies that declare it.
/// The answer is the compiler's: the project's own declaration wins, and nested types or a type several references
/// declare are left to <see cref="Compilation.GetTypeByMetadataName"/>.
/// </para>
/// </summary>
internal static class TypeLookup
{
    private static readonly ConditionalWeakTable<Compilation, Table> Tables = new();
    private static readonly ConditionalWeakTable<Compilation, Table>.CreateValueCallback CreateTable = static c => new Table(c);

    /// <summary>The type, or null when neither the compilation nor its references declare it.</summary>
    public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        => Tables.GetValue(compilation, CreateTable).Get(metadataName);

    private sealed class Table
    {
        private static readonly object Missing = new();
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, object> _types = new(StringComparer.Ordinal);
        private readonly Func<string, object> _find;

        public Table(Compilation compilation)
        {
            _compilation = compilation;
            _find = Find;
        }

        public INamedTypeSymbol? Get(string metadataName)
            => _types.GetOrAdd(metadataName, _find) as INamedTypeSymbol;

        private object Find(string metadataName)
        {
            // Down the compilation's merged namespaces (the compiler has built the ones its code uses): the last one
            // holds only the namespaces of the few assemblies that declare it, not all the references.
            var typeStart = metadataName.LastIndexOf('.') + 1;
            if (metadataName.IndexOf('+') < 0)
            {
                INamespaceSymbol? scope = _compilation.GlobalNamespace;
                for (var start = 0; scope is not null && start < typeStart; )
                {
                    var end = metadataName.IndexOf('.', start);
                    scope = Child(scope, metadataName.Substring(start, end - start));
                    start = end + 1;
                }

                if (scope is null)
                {
                    // No assembly declares the namespace: no assembly declares the type.
                    return Missing;
                }

                var tick = metadataName.IndexOf('`', typeStart);
                var name = tick < 0 ? metadataName.Substring(typeStart) : metadataName.Substring(typeStart, tick - typeStart);
                var arity = tick < 0 ? 0 : int.TryParse(metadataName.Substring(tick + 1), out var parsed) ? parsed : -1;
                if (arity >= 0)
                {
                    var candidates = scope.GetTypeMembers(name, arity);
                    if (candidates.Length == 0)
                    {
                        return Missing;
                    }

                    if (candidates.Length == 1)
                    {
                        return candidates[0];
                    }

                    // The project's own declaration wins, as in the compiler's look-up; several references: its rules.
                    foreach (var candidate in candidates)
                    {
                        if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _compilation.Assembly))
                        {
                            return candidate;
                        }
                    }
                }
            }

#pragma warning disable RS0030 // Nested types, several declarations in references: the compiler's own look-up decides.
            return (object?)_compilation.GetTypeByMetadataName(metadataName) ?? Missing;
#pragma warning restore RS0030
        }

        private static INamespaceSymbol? Child(INamespaceSymbol scope, string name)
        {
            foreach (var member in scope.GetMembers(name))
            {
                if (member is INamespaceSymbol child)
                {
                    return child;
                }
            }

            return null;
        }
    }
}
