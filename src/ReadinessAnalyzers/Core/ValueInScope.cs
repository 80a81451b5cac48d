using System;
using System.Linq;
using Microsoft.CodeAnalysis;

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
        return model.LookupSymbols(position)
            .Where(s => s is IFieldSymbol or IPropertySymbol or IParameterSymbol or ILocalSymbol)
            .Where(s => !inStaticContext || s.IsStatic || s is ILocalSymbol
                        || (s is IParameterSymbol p && !IsPrimaryConstructorParameterOutside(p, member)))
            .Where(s => SymbolNames.Implements(TypeOf(s), type))
            .OrderBy(s => s is ILocalSymbol or IParameterSymbol ? 0 : 1)
            .ThenBy(s => s.Name.IndexOf(nameHint, StringComparison.OrdinalIgnoreCase) >= 0 ? 0 : 1)
            .FirstOrDefault();
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
