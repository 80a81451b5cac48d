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

    /// <summary>
    /// Every string expression (RDY4002, RDY4003). Measured on the benchmarks' code base, these are fewer
    /// operations than <see cref="ConsumerKinds"/> (arguments alone outnumber literals): a rule that reads every
    /// string whatever its use is cheapest here, with its cheapest test first.
    /// </summary>
    public static readonly OperationKind[] Kinds = [OperationKind.Literal, OperationKind.InterpolatedString, OperationKind.Binary];

    /// <summary>
    /// The operations a string value goes into (arguments, assignments, initializers, returns, array, tuple and
    /// collection elements, switch-expression arms): an analyzer registers here instead of on every literal and
    /// every binary operation, and reaches the string expressions with <see cref="VisitStrings{TState}"/>. Collection
    /// expressions (C# 12) have no <see cref="OperationKind"/> member in the Roslyn this assembly is built against:
    /// Roslyn 4.8 represents them as <see cref="OperationKind.None"/>, 4.9 and later as kind 0x7F.
    /// </summary>
    public static readonly OperationKind[] ConsumerKinds = CreateConsumerKinds();

    private const OperationKind CollectionExpression = (OperationKind)0x7F;

    private static OperationKind[] CreateConsumerKinds()
    {
        OperationKind[] kinds =
        [
            OperationKind.Argument, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment,
            OperationKind.VariableInitializer, OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.ParameterInitializer,
            OperationKind.Return, OperationKind.YieldReturn, OperationKind.ArrayInitializer, OperationKind.Tuple, OperationKind.SwitchExpressionArm,
            OperationKind.None,
        ];

        // The version, not Enum.IsDefined or Enum.TryParse: those build the enum's reflection tables in every compiler process.
        if (typeof(OperationKind).Assembly.GetName().Version < new Version(4, 9))
        {
            return kinds;
        }

        // Not a spread ([.. kinds, …]): the compiler lowers it to Span<T>, and System.Memory is not an assembly the
        // compiler provides to analyzers (PackageLayoutTests).
        var withCollections = new OperationKind[kinds.Length + 1];
        kinds.CopyTo(withCollections, 0);
        withCollections[kinds.Length] = CollectionExpression;
        return withCollections;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every outermost string expression (a string literal, an interpolation, a
    /// string concatenation — as <see cref="TryGetText"/> takes them) and every field or local reference that
    /// <paramref name="consumer"/> receives: through conversions, both sides of <c>??</c> and the branches of
    /// <c>?:</c>, and the branches of <c>?:</c> and <c>??</c> nested in a concatenation or interpolation. The flag
    /// tells whether the value reaches <paramref name="consumer"/> itself (<see cref="Consumer"/> of the expression
    /// is <paramref name="consumer"/>), as opposed to being only the tested side of a <c>??</c>. Allocates nothing.
    /// </summary>
    public static void VisitStrings<TState>(IOperation consumer, ref TState state, StringVisitor<TState> visit)
    {
        switch (consumer)
        {
            case IArgumentOperation argument:
                Descend(argument.Value, true, 0, ref state, visit);
                return;
            case IAssignmentOperation assignment:
                Descend(assignment.Value, true, 0, ref state, visit);
                return;
            case ISymbolInitializerOperation initializer:
                Descend(initializer.Value, true, 0, ref state, visit);
                return;
            case IReturnOperation { ReturnedValue: { } returned }:
                Descend(returned, true, 0, ref state, visit);
                return;
            case ISwitchExpressionArmOperation arm:
                Descend(arm.Value, true, 0, ref state, visit);
                return;
            case IArrayInitializerOperation array:
                foreach (var element in array.ElementValues)
                {
                    Descend(element, true, 0, ref state, visit);
                }

                return;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Descend(element, true, 0, ref state, visit);
                }

                return;
            default:
                // A collection expression (or, on Roslyn 4.8, an operation it has no kind for): its elements.
                foreach (var element in consumer.ChildOperations)
                {
                    Descend(element, true, 0, ref state, visit);
                }

                return;
        }
    }

    private static void Descend<TState>(IOperation value, bool reachesConsumer, int depth, ref TState state, StringVisitor<TState> visit)
    {
        if (depth > 32)
        {
            return;
        }

        // What Consumer climbs through reaches the consumer for at most 8 levels.
        var reaches = reachesConsumer && depth < 8;
        switch (value)
        {
            case IConversionOperation conversion:
                Descend(conversion.Operand, reaches, depth + 1, ref state, visit);
                return;
            case ICoalesceOperation coalesce:
                Descend(coalesce.Value, false, depth + 1, ref state, visit);
                Descend(coalesce.WhenNull, reaches, depth + 1, ref state, visit);
                return;
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                Descend(conditional.WhenTrue, reaches, depth + 1, ref state, visit);
                Descend(whenFalse, reaches, depth + 1, ref state, visit);
                return;
            case ILiteralOperation literal when literal.ConstantValue is { HasValue: true, Value: string }:
                visit(value, reaches, ref state);
                return;
            case IInterpolatedStringOperation interpolated:
                visit(value, reaches, ref state);
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole)
                    {
                        DescendInsideString(hole.Expression, depth + 1, ref state, visit);
                    }
                }

                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary:
                visit(value, reaches, ref state);
                DescendInsideString(binary.LeftOperand, depth + 1, ref state, visit);
                DescendInsideString(binary.RightOperand, depth + 1, ref state, visit);
                return;
            case IFieldReferenceOperation or ILocalReferenceOperation:
                visit(value, reaches, ref state);
                return;
        }
    }

    /// <summary>Inside a concatenation or interpolation, the branches of <c>?:</c> and <c>??</c> are outermost
    /// string expressions of their own (whose consumer is the conditional's parent, never a sink).</summary>
    private static void DescendInsideString<TState>(IOperation part, int depth, ref TState state, StringVisitor<TState> visit)
    {
        while (part is IConversionOperation conversion)
        {
            part = conversion.Operand;
        }

        switch (part)
        {
            case ICoalesceOperation or IConditionalOperation:
                Descend(part, false, depth, ref state, visit);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } binary when depth < 32:
                DescendInsideString(binary.LeftOperand, depth + 1, ref state, visit);
                DescendInsideString(binary.RightOperand, depth + 1, ref state, visit);
                return;
            case IInterpolatedStringOperation interpolated when depth < 32:
                foreach (var nested in interpolated.Parts)
                {
                    if (nested is IInterpolationOperation hole)
                    {
                        DescendInsideString(hole.Expression, depth + 1, ref state, visit);
                    }
                }

                return;
        }
    }

    /// <summary>True for the string expressions <see cref="VisitStrings{TState}"/> reports (not the references).</summary>
    public static bool IsStringExpression(IOperation operation)
        => operation.Kind is OperationKind.Literal or OperationKind.InterpolatedString or OperationKind.Binary;

    /// <summary>
    /// The cheapest test before <see cref="TryGetText"/> builds a text: true when some constant piece of the string
    /// expression (as the text would be folded) contains one of <paramref name="characters"/>. Allocates nothing.
    /// </summary>
    public static bool AnyPieceContains(IOperation operation, char[] characters)
        => AnyPieceContains(operation, characters, 0);

    private static bool AnyPieceContains(IOperation operation, char[] characters, int depth)
    {
        if (operation.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant.IndexOfAny(characters) >= 0;
        }

        if (depth > 32)
        {
            return false;
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return AnyPieceContains(conversion.Operand, characters, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return AnyPieceContains(binary.LeftOperand, characters, depth + 1) || AnyPieceContains(binary.RightOperand, characters, depth + 1);
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    var contains = part switch
                    {
                        IInterpolatedStringTextOperation text => AnyPieceContains(text.Text, characters, depth + 1),
                        IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null => AnyPieceContains(hole.Expression, characters, depth + 1),
                        _ => false,
                    };
                    if (contains)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

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

/// <summary>Called by <see cref="HardCodedStrings.VisitStrings{TState}"/> for each string expression or reference a consumer receives.</summary>
internal delegate void StringVisitor<TState>(IOperation expression, bool reachesConsumer, ref TState state);
