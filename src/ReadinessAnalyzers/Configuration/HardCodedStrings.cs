using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// Finds the string values written in code — literals, constant and non-constant interpolations and
/// concatenations, each once at its outermost expression — and what they are used for (the member, variable or
/// parameter they go into).
/// </summary>
internal static class HardCodedStrings
{
    /// <summary>Stands for a part of an interpolation or concatenation that is not a constant.</summary>
    public const char Hole = '\uFFFF';

    public static readonly OperationKind[] Kinds = [OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Binary];

    /// <summary>The text of <paramref name="operation"/> when it is an outermost string expression, holes marked.</summary>
    public static bool TryGetText(IOperation operation, out string text)
    {
        text = string.Empty;
        switch (operation)
        {
            case ILiteralOperation literal when literal.ConstantValue is { HasValue: true, Value: string } && !IsPartOfLargerString(literal):
            case IInterpolatedStringOperation interpolated when !IsPartOfLargerString(interpolated):
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary when !IsPartOfLargerString(binary):
                text = Fold(operation, 0);
                return text.Length > 0;
            default:
                return false;
        }
    }

    /// <summary>Climbs from a string expression through conversions, <c>??</c> and <c>?:</c> to where its value goes.</summary>
    public static IOperation? Consumer(IOperation operation)
    {
        var current = operation;
        for (var depth = 0; depth < 8 && current.Parent is { } parent; depth++)
        {
            if (parent is IConversionOperation
                || (parent is ICoalesceOperation coalesce && coalesce.WhenNull == current)
                || (parent is IConditionalOperation conditional && conditional.Condition != current))
            {
                current = parent;
                continue;
            }

            return parent;
        }

        return null;
    }

    /// <summary>The name the value is stored under: a field, property, local or parameter, an indexer key
    /// (<c>settings["Jwt:Key"] = …</c>), or the property whose getter returns it.</summary>
    public static string? TargetName(IOperation operation, ISymbol containingSymbol)
    {
        var consumer = Consumer(operation);
        switch (consumer)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol.Name;
            case IFieldInitializerOperation field when !field.InitializedFields.IsEmpty:
                return field.InitializedFields[0].Name;
            case IPropertyInitializerOperation property when !property.InitializedProperties.IsEmpty:
                return property.InitializedProperties[0].Name;
            case IAssignmentOperation assignment when assignment.Value == Unwrapped(operation, assignment):
                return NameOf(assignment.Target);
            case IArgumentOperation { Parameter: { } parameter }:
                return parameter.Name;
            case IReturnOperation when containingSymbol is IMethodSymbol { AssociatedSymbol: IPropertySymbol returned }:
                return returned.Name;
            default:
                return null;
        }
    }

    /// <summary>The last segment of a configuration key (<c>"Jwt:Key"</c> → <c>Key</c>, parent <c>Jwt</c>).</summary>
    public static (string Name, string? Parent) SplitKey(string name)
    {
        var colon = name.LastIndexOf(':');
        if (colon <= 0)
        {
            return (colon < 0 ? name : name.Substring(1), null);
        }

        var parentStart = name.LastIndexOf(':', colon - 1 < 0 ? 0 : colon - 1);
        var parent = parentStart < 0 ? name.Substring(0, colon) : name.Substring(parentStart + 1, colon - parentStart - 1);
        return (name.Substring(colon + 1), parent);
    }

    public static bool IsInAttribute(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current.Kind == OperationKind.Attribute)
            {
                return true;
            }
        }

        return operation.Syntax.Parent?.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax
            || operation.Syntax.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeArgumentListSyntax;
    }

    private static IOperation Unwrapped(IOperation operation, IOperation consumer)
    {
        var current = operation;
        while (current.Parent is { } parent && parent != consumer)
        {
            current = parent;
        }

        return current;
    }

    private static string? NameOf(IOperation target)
        => target switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Arguments.Length == 1
                && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } => key,
            IPropertyReferenceOperation property => property.Property.Name,
            IFieldReferenceOperation field => field.Field.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => null,
        };

    private static bool IsPartOfLargerString(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IInterpolatedStringTextOperation or IInterpolationOperation
            || parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String };
    }

    private static string Fold(IOperation operation, int depth)
    {
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        if (depth > 32)
        {
            return Hole.ToString();
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Fold(conversion.Operand, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return Fold(binary.LeftOperand, depth + 1) + Fold(binary.RightOperand, depth + 1);
            case IInterpolatedStringOperation interpolated:
                var builder = new System.Text.StringBuilder();
                foreach (var part in interpolated.Parts)
                {
                    builder.Append(part switch
                    {
                        IInterpolatedStringTextOperation text => Fold(text.Text, depth + 1),
                        IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null => Fold(hole.Expression, depth + 1),
                        _ => Hole.ToString(),
                    });
                }

                return builder.ToString();
            default:
                return Hole.ToString();
        }
    }
}
