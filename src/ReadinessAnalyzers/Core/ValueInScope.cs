using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessAnalyzers;

/// <summary>
/// A value of a given type that code at a position can use: a local, parameter, field, property or
/// primary-constructor parameter in scope (instance state only outside static members), locals and parameters
/// first, then names containing a hint (<c>log</c> for loggers). One definition for every rule and fix that offers
/// to use an injected service (the <c>ILogger</c> of RDY1001/RDY2005, the <c>IMeterFactory</c> of RDY2004).
/// </summary>
internal static class ValueInScope
{
    public static ISymbol? Find(SemanticModel model, int position, ISymbol? enclosing, INamedTypeSymbol type, string nameHint)
    {
        var member = MemberOf(enclosing);
        var inStaticContext = member is { IsStatic: true };
        ISymbol? best = null;
        var bestRank = int.MaxValue;
        var asked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in CandidateNames(model, position, enclosing, type))
        {
            if (!asked.Add(name))
            {
                continue;
            }

            // The compiler's look-up for one name: scopes, shadowing and accessibility as at the position.
            foreach (var symbol in model.LookupSymbols(position, name: name))
            {
                if (symbol is not (IFieldSymbol or IPropertySymbol or IParameterSymbol or ILocalSymbol)
                    || (inStaticContext && !symbol.IsStatic && symbol is not ILocalSymbol
                        && !(symbol is IParameterSymbol parameter && !IsPrimaryConstructorParameterOutside(parameter, member)))
                    || !SymbolNames.Implements(TypeOf(symbol), type))
                {
                    continue;
                }

                // Locals and parameters first, then a name containing the hint; the first found wins a tie.
                var rank = (symbol is ILocalSymbol or IParameterSymbol ? 0 : 2) + (symbol.Name.IndexOf(nameHint, StringComparison.OrdinalIgnoreCase) >= 0 ? 0 : 1);
                if (rank < bestRank)
                {
                    best = symbol;
                    bestRank = rank;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The names of every value that can be in scope at the position and have the type, innermost first: what is
    /// declared in the enclosing member (locals, parameters, lambda and pattern variables; for top-level statements,
    /// the file's), the primary-constructor parameters and the fields and properties of the containing types and their
    /// base types, and the static fields and properties of types imported with <c>using static</c>. Asking the
    /// compiler for all symbols in scope instead (<c>LookupSymbols(position)</c>) lists every type of every imported
    /// namespace: milliseconds per finding on a large project.
    /// </summary>
    private static IEnumerable<string> CandidateNames(SemanticModel model, int position, ISymbol? enclosing, INamedTypeSymbol type)
    {
        var root = model.SyntaxTree.GetRoot();
        var token = root.FindToken(position);
        SyntaxNode? scope = null;
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is MemberDeclarationSyntax and not (BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax) and not GlobalStatementSyntax)
            {
                scope = node;
                break;
            }

            if (node is GlobalStatementSyntax)
            {
                scope = node.Parent;
                break;
            }
        }

        if (scope is not null)
        {
            foreach (var name in DeclaredNames(scope))
            {
                yield return name;
            }
        }

        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax { ParameterList: { } primary })
            {
                foreach (var parameter in primary.Parameters)
                {
                    yield return parameter.Identifier.ValueText;
                }
            }
        }

        for (var containing = (enclosing as INamedTypeSymbol) ?? enclosing?.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            for (var current = containing; current is not null; current = current.BaseType)
            {
                foreach (var name in ValueMemberNames(current, type, staticOnly: false))
                {
                    yield return name;
                }
            }
        }

        foreach (var scopeOfImports in model.GetImportScopes(position))
        {
            foreach (var import in scopeOfImports.Imports)
            {
                if (import.NamespaceOrType is INamedTypeSymbol imported)
                {
                    foreach (var name in ValueMemberNames(imported, type, staticOnly: true))
                    {
                        yield return name;
                    }
                }
            }
        }
    }

    private static IEnumerable<string> DeclaredNames(SyntaxNode scope)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (DeclaredIdentifier(node) is { RawKind: not 0 } identifier)
            {
                yield return identifier.ValueText;
            }
        }
    }

    /// <summary>The name a node declares in a method body (a local, a parameter, a pattern, foreach, catch or query
    /// variable); none for other nodes.</summary>
    private static SyntaxToken DeclaredIdentifier(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax declarator => declarator.Identifier,
        ParameterSyntax parameter => parameter.Identifier,
        SingleVariableDesignationSyntax designation => designation.Identifier,
        ForEachStatementSyntax forEach => forEach.Identifier,
        CatchDeclarationSyntax catchDeclaration => catchDeclaration.Identifier,
        FromClauseSyntax from => from.Identifier,
        LetClauseSyntax let => let.Identifier,
        JoinClauseSyntax join => join.Identifier,
        JoinIntoClauseSyntax into => into.Identifier,
        QueryContinuationSyntax continuation => continuation.Identifier,
        _ => default,
    };

    private static IEnumerable<string> ValueMemberNames(INamedTypeSymbol owner, INamedTypeSymbol type, bool staticOnly)
    {
        foreach (var candidate in owner.GetMembers())
        {
            if ((!staticOnly || candidate.IsStatic) && candidate is IFieldSymbol or IPropertySymbol && SymbolNames.Implements(TypeOf(candidate), type))
            {
                yield return candidate.Name;
            }
        }
    }

    public static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        IParameterSymbol parameter => parameter.Type,
        ILocalSymbol local => local.Type,
        _ => null,
    };

    /// <summary>The member a (non-static) lambda or local function belongs to: it decides whether instance state is reachable.</summary>
    private static ISymbol? MemberOf(ISymbol? enclosing)
    {
        while (enclosing is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction, IsStatic: false, ContainingSymbol: { } outer })
        {
            enclosing = outer;
        }

        return enclosing;
    }

    /// <summary>A primary-constructor parameter is instance state: not usable from a static member.</summary>
    private static bool IsPrimaryConstructorParameterOutside(IParameterSymbol parameter, ISymbol? member)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
           && !SymbolEqualityComparer.Default.Equals(constructor, member);
}
