using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Whole-compilation facts <see cref="FailurePoints"/> asks for, computed lazily (only when a callback needs them)
/// and once per compilation: the implementations in this compilation of an interface, abstract or virtual method.
/// Thread-safe.
/// </summary>
internal sealed class SourceFacts
{
    private readonly Compilation _compilation;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _sourceTypes;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);

    public SourceFacts(Compilation compilation)
    {
        _compilation = compilation;
        _sourceTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => CollectTypes(compilation.Assembly.GlobalNamespace), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The bodies a call of <paramref name="method"/> (an interface member, or an abstract or virtual method, declared
    /// in this compilation) can run that this compilation declares: implementations and overrides, and the method
    /// itself when it has a body. Empty when there are none.
    /// </summary>
    public ImmutableArray<IMethodSymbol> Implementations(IMethodSymbol method)
        => _implementations.GetOrAdd(method.OriginalDefinition, FindImplementations);

    private ImmutableArray<IMethodSymbol> FindImplementations(IMethodSymbol method)
    {
        var result = ImmutableArray.CreateBuilder<IMethodSymbol>();
        var declaringType = method.ContainingType;
        if (declaringType.TypeKind == TypeKind.Interface)
        {
            foreach (var type in _sourceTypes.Value)
            {
                if (type.TypeKind != TypeKind.Interface
                    && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, declaringType))
                    && type.FindImplementationForInterfaceMember(method) is IMethodSymbol { IsAbstract: false } implementation
                    && IsInCompilation(implementation))
                {
                    result.Add(implementation.OriginalDefinition);
                }
            }
        }
        else
        {
            if (!method.IsAbstract)
            {
                result.Add(method);
            }

            foreach (var type in _sourceTypes.Value)
            {
                if (!DerivesFrom(type, declaringType))
                {
                    continue;
                }

                foreach (var member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol { IsOverride: true, IsAbstract: false } candidate && Overrides(candidate, method))
                    {
                        result.Add(candidate);
                    }
                }
            }
        }

        return result.ToImmutable();
    }

    private bool IsInCompilation(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var current = candidate.OverriddenMethod; current is not null; current = current.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, method))
            {
                return true;
            }
        }

        return false;
    }

    private static ImmutableArray<INamedTypeSymbol> CollectTypes(INamespaceSymbol root)
    {
        var types = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        var namespaces = new Stack<INamespaceSymbol>();
        namespaces.Push(root);
        while (namespaces.Count > 0)
        {
            var current = namespaces.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                namespaces.Push(child);
            }

            var pending = new Stack<INamedTypeSymbol>(current.GetTypeMembers());
            while (pending.Count > 0)
            {
                var type = pending.Pop();
                types.Add(type);
                foreach (var nested in type.GetTypeMembers())
                {
                    pending.Push(nested);
                }
            }
        }

        return types.ToImmutable();
    }
}
