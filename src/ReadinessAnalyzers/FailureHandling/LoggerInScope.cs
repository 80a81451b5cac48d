using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// An <c>ILogger</c> that code at a position can use: a local, parameter, field, property or primary-constructor
/// parameter in scope (instance state only outside static code), locals and parameters first, then names with "log".
/// One definition for RDY1001's advice and its code fix, so the message never promises a logger the fix cannot find.
/// </summary>
internal static class LoggerInScope
{
    public static ISymbol? Find(SemanticModel model, int position, ISymbol? enclosing, INamedTypeSymbol loggerType)
    {
        var inStaticContext = enclosing is { IsStatic: true };
        return model.LookupSymbols(position)
            .Where(s => s is IFieldSymbol or IPropertySymbol or IParameterSymbol or ILocalSymbol)
            .Where(s => !inStaticContext || s.IsStatic || s is ILocalSymbol
                        || (s is IParameterSymbol p && !IsPrimaryConstructorParameterOutside(p, enclosing)))
            .Where(s => SymbolNames.Implements(TypeOf(s), loggerType))
            .OrderBy(s => s is ILocalSymbol or IParameterSymbol ? 0 : 1)
            .ThenBy(s => s.Name.IndexOf("log", StringComparison.OrdinalIgnoreCase) >= 0 ? 0 : 1)
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

    /// <summary>A primary-constructor parameter is instance state: not usable from a static member.</summary>
    private static bool IsPrimaryConstructorParameterOutside(IParameterSymbol parameter, ISymbol? enclosing)
        => parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
           && !SymbolEqualityComparer.Default.Equals(constructor, enclosing);
}
