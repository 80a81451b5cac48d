using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessAnalyzers.CodeFixes.Configuration;

/// <summary>
/// Where a value written in code can be read from configuration instead: an <c>IConfiguration</c> local, parameter,
/// field or property in scope (<c>configuration</c>, <c>_configuration</c>), else something that has one
/// (<c>builder.Configuration</c>, <c>context.Configuration</c>, <c>app.Configuration</c>). Only in executable code
/// (a member body, a lambda, a top-level statement) where the expression may replace a constant.
/// </summary>
internal static class ConfigurationInScope
{
    private const string ConfigurationInterface = "Microsoft.Extensions.Configuration.IConfiguration";

    /// <summary>The expression that reads configuration at <paramref name="node"/>, or null when none is in reach.</summary>
    public static string? Find(SemanticModel semanticModel, ExpressionSyntax node, CancellationToken cancellationToken)
    {
        var configuration = semanticModel.Compilation.GetTypeByMetadataName(ConfigurationInterface);
        if (configuration is null || !IsReplaceableExecutableCode(node))
        {
            return null;
        }

        var position = node.SpanStart;
        var enclosing = semanticModel.GetEnclosingSymbol(position, cancellationToken);
        var isStaticContext = enclosing is null || IsStaticContext(enclosing);
        var inConstructorInitializer = node.FirstAncestorOrSelf<ConstructorInitializerSyntax>() is not null;
        string? holder = null;
        string? member = null;
        foreach (var symbol in semanticModel.LookupSymbols(position))
        {
            var type = symbol switch
            {
                ILocalSymbol local when DeclaredBefore(local, position) => local.Type,
                // A primary constructor's parameters are in scope in every member, but usable only in instance ones.
                IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } when isStaticContext => null,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field when !inConstructorInitializer && (field.IsStatic || !isStaticContext) && !field.IsImplicitlyDeclared => field.Type,
                IPropertySymbol { IsIndexer: false } property when !inConstructorInitializer && (property.IsStatic || !isStaticContext) => property.Type,
                _ => null,
            };
            if (type is null)
            {
                continue;
            }

            var direct = symbol is ILocalSymbol or IParameterSymbol;
            if (IsConfiguration(type, configuration))
            {
                if (direct)
                {
                    return symbol.Name;
                }

                member ??= symbol.Name;
            }
            else if (direct && holder is null && type.GetMembers("Configuration").OfType<IPropertySymbol>().Any(p => !p.IsStatic && IsConfiguration(p.Type, configuration)))
            {
                holder = symbol.Name + ".Configuration";
            }
        }

        return member ?? holder;
    }

    private static bool IsConfiguration(ITypeSymbol type, INamedTypeSymbol configuration)
        => SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, configuration));

    private static bool DeclaredBefore(ILocalSymbol local, int position)
        => local.DeclaringSyntaxReferences.Length > 0 && local.DeclaringSyntaxReferences.All(r => r.Span.End < position);

    private static bool IsStaticContext(ISymbol symbol)
    {
        for (var current = symbol; current is not null; current = current.ContainingSymbol)
        {
            if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
            {
                continue;
            }

            return current.IsStatic || current is INamedTypeSymbol;
        }

        return true;
    }

    /// <summary>Inside a body that runs, and nowhere a constant is required (const, attribute, default value,
    /// case label, pattern) or instance members are out of reach (field and property initializers).</summary>
    private static bool IsReplaceableExecutableCode(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AttributeSyntax or ParameterSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax or FieldDeclarationSyntax or EnumMemberDeclarationSyntax:
                    return false;
                case LocalDeclarationStatementSyntax local when local.IsConst:
                    return false;
                case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax }:
                    return false;
                case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Any(SyntaxKind.StaticKeyword):
                    return false;
                case LocalFunctionStatementSyntax function when function.Modifiers.Any(SyntaxKind.StaticKeyword):
                    return false;
                case BlockSyntax or ArrowExpressionClauseSyntax or GlobalStatementSyntax or AnonymousFunctionExpressionSyntax or ConstructorInitializerSyntax:
                    // Executable, unless an enclosing declaration above says otherwise (checked as the loop goes on).
                    return NoConstantContextAbove(ancestor);
            }
        }

        return false;
    }

    private static bool NoConstantContextAbove(SyntaxNode node)
        => !node.Ancestors().Any(a => a is AttributeSyntax or ParameterSyntax or FieldDeclarationSyntax
            || (a is EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax })
            || (a is AnonymousFunctionExpressionSyntax lambda && lambda.Modifiers.Any(SyntaxKind.StaticKeyword))
            || (a is LocalFunctionStatementSyntax function && function.Modifiers.Any(SyntaxKind.StaticKeyword)));
}
