using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

internal static class SymbolNames
{
    // Names are asked for on hot paths (every call's containing type, every attribute); building one takes a
    // namespace display string. Symbols are immutable, so the answer is kept with the symbol and freed with it.
    private static readonly ConditionalWeakTable<ITypeSymbol, string> FullMetadataNames = new();
    private static readonly ConditionalWeakTable<ITypeSymbol, string> FullNamesWithoutArity = new();
    private static readonly ConditionalWeakTable<ITypeSymbol, string>.CreateValueCallback BuildFullMetadataName = static t => ComputeFullMetadataName(t);
    private static readonly ConditionalWeakTable<ITypeSymbol, string>.CreateValueCallback BuildFullNameWithoutArity = static t =>
    {
        var name = GetFullMetadataName(t);
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    };

    /// <summary>
    /// The metadata name of a type's definition with its namespace and containing types, e.g.
    /// <c>Microsoft.Extensions.Logging.ILogger`1</c> or <c>Outer+Inner</c>. Matches what users write in options
    /// for non-generic types and what <see cref="Compilation.GetTypeByMetadataName"/> accepts.
    /// </summary>
    public static string GetFullMetadataName(ITypeSymbol type)
        => FullMetadataNames.GetValue(type.OriginalDefinition, BuildFullMetadataName);

    private static string ComputeFullMetadataName(ITypeSymbol definition)
    {
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
        => FullNamesWithoutArity.GetValue(type.OriginalDefinition, BuildFullNameWithoutArity);

    /// <summary>
    /// True when the compilation or one of its references declares a type with this full name, of any generic
    /// arity (<c>MediatR.IRequestHandler</c> finds <c>IRequestHandler`1</c> and <c>IRequestHandler`2</c>); nested
    /// types as <c>Outer+Inner</c> or <c>Outer.Inner</c>. Walks namespaces by name: no full type lookup.
    /// </summary>
    public static bool DeclaresType(Compilation compilation, string fullName)
    {
        var tick = fullName.IndexOf('`');
        var parts = (tick < 0 ? fullName : fullName.Substring(0, tick)).Split('.', '+');
        return Declares(compilation.GlobalNamespace, parts, 0);
    }

    private static bool Declares(INamespaceOrTypeSymbol container, string[] parts, int index)
    {
        foreach (var member in container.GetMembers(parts[index]))
        {
            if (index == parts.Length - 1 ? member is INamedTypeSymbol : member is INamespaceOrTypeSymbol next && Declares(next, parts, index + 1))
            {
                return true;
            }
        }

        return false;
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
