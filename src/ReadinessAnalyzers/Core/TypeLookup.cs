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
/// declare are left to <see cref="Compilation.GetTypeByMetadataName"/>. What the references declare is worked out once
/// per set of references (<see cref="ReferenceSet"/>): an editor's compilations per keystroke share it, and only the
/// project's own namespaces (its declarations, no binding) are asked again.
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

        /// <summary>Several references declare the name, or a reference that is not a file (another project): the
        /// compiler's look-up decides, per compilation.</summary>
        private static readonly object PerCompilation = new();

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, object> _types = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, object> _shared;
        private readonly Func<string, object> _find;
        private readonly Func<string, object> _findInReferences;

        public Table(Compilation compilation)
        {
            _compilation = compilation;
            _shared = ReferenceSet.Of(compilation).MetadataTypes;
            _find = Find;
            _findInReferences = FindInReferences;
        }

        public INamedTypeSymbol? Get(string metadataName)
            => _types.GetOrAdd(metadataName, _find) as INamedTypeSymbol;

        private object Find(string metadataName)
        {
            if (!Parse(metadataName, out var typeStart, out var name, out var arity))
            {
                return Compiler(metadataName);
            }

            // The project's own declaration wins, as in the compiler's look-up: its source namespaces are asked first (the
            // declarations, no binding). Then the references' answer, worked out once per set of references (an editor
            // makes a compilation per keystroke with the same references) and checked to be this compilation's symbol.
            if (Scope(_compilation.Assembly.GlobalNamespace, metadataName, typeStart) is { } source
                && source.GetTypeMembers(name, arity) is { Length: > 0 } declared)
            {
                return declared[0];
            }

            var shared = _shared.GetOrAdd(metadataName, _findInReferences);
            return shared == Missing ? Missing
                : shared is Reference found && ReferenceEquals(_compilation.GetAssemblyOrModuleSymbol(found.Image), found.Assembly) ? found.Type
                : Compiler(metadataName);
        }

        /// <summary>The one type of that name the references declare (Missing when none does), from a metadata file.</summary>
        private object FindInReferences(string metadataName)
        {
            Parse(metadataName, out var typeStart, out var name, out var arity);

            // Down the compilation's merged namespaces (the compiler has built the ones its code uses): the last one
            // holds only the namespaces of the few assemblies that declare it, not all the references.
            if (Scope(_compilation.GlobalNamespace, metadataName, typeStart) is not { } scope)
            {
                // No assembly declares the namespace: no assembly declares the type.
                return Missing;
            }

            INamedTypeSymbol? single = null;
            foreach (var candidate in scope.GetTypeMembers(name, arity))
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, _compilation.Assembly))
                {
                    continue;
                }

                if (single is not null)
                {
                    return PerCompilation;
                }

                single = candidate;
            }

            return single is null ? Missing
                : _compilation.GetMetadataReference(single.ContainingAssembly) is PortableExecutableReference image ? new Reference(single, image)
                : PerCompilation;
        }

        /// <summary>Namespace, simple name and arity of a top-level type's metadata name; false for a nested type or a bad arity.</summary>
        private static bool Parse(string metadataName, out int typeStart, out string name, out int arity)
        {
            typeStart = metadataName.LastIndexOf('.') + 1;
            var tick = metadataName.IndexOf('`', typeStart);
            name = tick < 0 ? metadataName.Substring(typeStart) : metadataName.Substring(typeStart, tick - typeStart);
            arity = tick < 0 ? 0 : int.TryParse(metadataName.Substring(tick + 1), out var parsed) ? parsed : -1;
            return arity >= 0 && metadataName.IndexOf('+') < 0;
        }

        private static INamespaceSymbol? Scope(INamespaceSymbol global, string metadataName, int typeStart)
        {
            INamespaceSymbol? scope = global;
            for (var start = 0; scope is not null && start < typeStart; )
            {
                var end = metadataName.IndexOf('.', start);
                scope = Child(scope, metadataName.Substring(start, end - start));
                start = end + 1;
            }

            return scope;
        }

        /// <summary>Nested types, several declarations in references, other projects: the compiler's own look-up decides.</summary>
        private object Compiler(string metadataName)
#pragma warning disable RS0030
            => (object?)_compilation.GetTypeByMetadataName(metadataName) ?? Missing;
#pragma warning restore RS0030

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

    /// <summary>A type a metadata file declares, with the file and the assembly symbol it was bound to.</summary>
    private sealed class Reference
    {
        public Reference(INamedTypeSymbol type, PortableExecutableReference image)
        {
            Type = type;
            Assembly = type.ContainingAssembly;
            Image = image;
        }

        public INamedTypeSymbol Type { get; }

        public IAssemblySymbol Assembly { get; }

        public PortableExecutableReference Image { get; }
    }
}
