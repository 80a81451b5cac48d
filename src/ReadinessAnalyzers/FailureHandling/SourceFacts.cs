using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Whole-compilation facts <see cref="FailurePoints"/> asks for, computed lazily (only when a callback needs them)
/// and once per compilation: the implementations in this compilation of an interface, abstract or virtual
/// method, and whether a delegate-typed field, property or event of this compilation is ever assigned.
/// Thread-safe.
/// </summary>
internal sealed class SourceFacts
{
    private readonly Compilation _compilation;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> _sourceTypes;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _implementations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, bool> _neverAssigned = new(SymbolEqualityComparer.Default);
    private readonly Lazy<HashSet<string>> _assignedNames;

    public SourceFacts(Compilation compilation)
    {
        _compilation = compilation;
        _sourceTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => CollectTypes(compilation.Assembly.GlobalNamespace), LazyThreadSafetyMode.ExecutionAndPublication);
        _assignedNames = new Lazy<HashSet<string>>(() => CollectAssignedNames(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The bodies a call of <paramref name="method"/> (an interface member, or an abstract or virtual method, declared
    /// in this compilation) can run that this compilation declares: implementations and overrides, and the method
    /// itself when it has a body. Empty when there are none.
    /// </summary>
    public ImmutableArray<IMethodSymbol> Implementations(IMethodSymbol method)
        => _implementations.GetOrAdd(method.OriginalDefinition, FindImplementations);

    /// <summary>
    /// True for a delegate-typed field, auto-property or event of this compilation that code outside the compilation
    /// cannot reach, has no initializer, and that nothing in the compilation assigns, subscribes to or passes by
    /// reference: it is always null, so <c>Hook?.Invoke()</c> runs nothing.
    /// </summary>
    public bool IsNeverAssigned(ISymbol member)
        => _neverAssigned.GetOrAdd(member.OriginalDefinition, ComputeNeverAssigned);

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

    private bool ComputeNeverAssigned(ISymbol member)
    {
        if (!IsInCompilation(member) || IsVisibleOutside(member) || member.DeclaringSyntaxReferences.Length == 0)
        {
            return false;
        }

        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            var hasValue = declaration switch
            {
                VariableDeclaratorSyntax variable => variable.Initializer is not null,
                PropertyDeclarationSyntax property => property.Initializer is not null
                                                      || property.ExpressionBody is not null
                                                      || property.AccessorList is null
                                                      || property.AccessorList.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null),
                _ => true,
            };

            if (hasValue)
            {
                return false;
            }
        }

        return !_assignedNames.Value.Contains(member.Name);
    }

    /// <summary>The names written anywhere in the compilation: the rightmost name of every assignment target
    /// (compound assignments, event subscriptions and object initializers included) and of every ref/out argument.</summary>
    private static HashSet<string> CollectAssignedNames(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var target = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } argument => argument.Expression,
                    _ => null,
                };

                if (target is not null && RightmostName(target) is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    private static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        ParenthesizedExpressionSyntax parenthesized => RightmostName(parenthesized.Expression),
        _ => null,
    };

    private static bool IsVisibleOutside(ISymbol member)
    {
        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
