using System.Text;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

internal static class SymbolNames
{
    /// <summary>
    /// The metadata name of a type's definition with its namespace and containing types, e.g.
    /// <c>Microsoft.Extensions.Logging.ILogger`1</c> or <c>Outer+Inner</c>. Matches what users write in options
    /// for non-generic types and what <see cref="Compilation.GetTypeByMetadataName"/> accepts.
    /// </summary>
    public static string GetFullMetadataName(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        if (definition.ContainingType is null && definition.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            return ns.ToDisplayString() + "." + definition.MetadataName;
        }

        var builder = new StringBuilder(definition.MetadataName);
        var containing = definition.ContainingType;
        while (containing is not null)
        {
            builder.Insert(0, containing.MetadataName + "+");
            definition = containing;
            containing = containing.ContainingType;
        }

        if (definition.ContainingNamespace is { IsGlobalNamespace: false } outerNamespace)
        {
            builder.Insert(0, outerNamespace.ToDisplayString() + ".");
        }

        return builder.ToString();
    }

    /// <summary>The name without generic arity, e.g. <c>Microsoft.Extensions.Logging.ILogger</c> for <c>ILogger&lt;T&gt;</c>.</summary>
    public static string GetFullNameWithoutArity(ITypeSymbol type)
    {
        var name = GetFullMetadataName(type);
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    public static bool IsOrInheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType)
    {
        if (type is null || interfaceType is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, interfaceType))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, interfaceType))
            {
                return true;
            }
        }

        return false;
    }
}
