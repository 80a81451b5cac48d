using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// Types by metadata name, for every analyzer of the package: each name is looked up once per compilation, however
/// many analyzers ask, and in the assembly that most likely declares it before all of them.
/// <para>
/// <see cref="Compilation.GetTypeByMetadataName"/> asks every referenced assembly — about 200 in a web project —
/// whether it declares the type. An editor makes a new compilation per keystroke, so each analyzer's few dozen
/// look-ups cost milliseconds per keystroke. Here the compilation's own assembly is asked first (it wins there too),
/// then the core library (<c>System.*</c> types that live in it), then the referenced assemblies named like the type's
/// namespace (<c>Microsoft.Extensions.Logging.ILogger</c> → Microsoft.Extensions.Logging.Abstractions,
/// <c>System.Diagnostics.ActivitySource</c> → System.Diagnostics.DiagnosticSource), and only when none declares it
/// every reference, as the compiler's own look-up does.
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
        private Dictionary<string, IAssemblySymbol>? _assembliesByName;

        public Table(Compilation compilation)
        {
            _compilation = compilation;
            _find = Find;
        }

        public INamedTypeSymbol? Get(string metadataName)
            => _types.GetOrAdd(metadataName, _find) as INamedTypeSymbol;

        private object Find(string metadataName)
        {
            // The project itself first: a type it declares is the one its code binds to.
            if (_compilation.Assembly.GetTypeByMetadataName(metadataName) is { } declared)
            {
                return declared;
            }

            if (metadataName.StartsWith("System.", StringComparison.Ordinal)
                && _compilation.ObjectType.ContainingAssembly?.GetTypeByMetadataName(metadataName) is { } core)
            {
                return core;
            }

            var assemblies = AssembliesByName();
            for (var end = metadataName.LastIndexOf('.'); end > 0; end = metadataName.LastIndexOf('.', end - 1))
            {
                var prefix = metadataName.Substring(0, end);
                if ((assemblies.TryGetValue(prefix, out var assembly) || assemblies.TryGetValue(prefix + ".Abstractions", out assembly))
                    && assembly.GetTypeByMetadataName(metadataName) is { } named)
                {
                    return named;
                }
            }

#pragma warning disable RS0030 // The one place that asks every reference, when no likely assembly declares the type.
            return (object?)_compilation.GetTypeByMetadataName(metadataName) ?? Missing;
#pragma warning restore RS0030
        }

        private Dictionary<string, IAssemblySymbol> AssembliesByName()
        {
            var known = _assembliesByName;
            if (known is not null)
            {
                return known;
            }

            var byName = new Dictionary<string, IAssemblySymbol>(StringComparer.Ordinal);
            foreach (var module in _compilation.Assembly.Modules)
            {
                foreach (var assembly in module.ReferencedAssemblySymbols)
                {
                    // The first of a name wins; a duplicate name is left to the full look-up.
                    if (!byName.ContainsKey(assembly.Identity.Name))
                    {
                        byName.Add(assembly.Identity.Name, assembly);
                    }
                }
            }

            _assembliesByName = byName;
            return byName;
        }
    }
}
