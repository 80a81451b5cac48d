using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers;

/// <summary>How an operation is kept out of production.</summary>
internal enum GuardKind
{
    /// <summary>In the branch of <c>if (env.IsDevelopment())</c> (or <c>cond ? … : …</c>).</summary>
    Inside,

    /// <summary>In the else branch of <c>if (env.IsProduction())</c>.</summary>
    Else,

    /// <summary>After <c>if (!env.IsDevelopment()) return;</c> in the same or an enclosing block.</summary>
    AfterExit,

    /// <summary>In a <c>case "Development":</c> of a <c>switch</c> on the environment name.</summary>
    Case,
}

/// <summary>The statement that keeps an operation out of production, and how.</summary>
internal readonly struct NonProductionGuard
{
    public NonProductionGuard(IOperation statement, GuardKind kind)
    {
        Statement = statement;
        Kind = kind;
    }

    /// <summary>The <c>if</c> (an <see cref="IConditionalOperation"/>) or the <c>switch</c> case.</summary>
    public IOperation Statement { get; }

    public GuardKind Kind { get; }

    /// <summary>For messages: "inside 'if (app.Environment.IsDevelopment())'", …</summary>
    public string Describe()
    {
        switch (Statement)
        {
            case IConditionalOperation conditional:
                var condition = Shorten(conditional.Condition.Syntax.ToString());
                return Kind switch
                {
                    GuardKind.Inside => "inside 'if (" + condition + ")'",
                    GuardKind.Else => "in the else branch of 'if (" + condition + ")'",
                    _ => "after 'if (" + condition + ") " + (EndsInThrow(conditional.WhenTrue) ? "throw" : "return") + "'",
                };
            case ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } switchCase:
                return "in '" + Shorten(switchCase.Clauses[0].Syntax.ToString()) + "' of 'switch (" + Shorten(switchStatement.Value.Syntax.ToString()) + ")'";
            default:
                return "in a non-production branch";
        }
    }

    private static string Shorten(string text)
        => text.Length > 80 ? text.Substring(0, 77) + "..." : text;

    private static bool EndsInThrow(IOperation operation)
        => operation switch
        {
            IBlockOperation { Operations.Length: > 0 } block => EndsInThrow(block.Operations[block.Operations.Length - 1]),
            IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation => true,
            _ => false,
        };
}

/// <summary>
/// The product's one answer to "does this code run only outside production?": the branch of an environment check
/// (<c>if (env.IsDevelopment())</c>, <c>env.IsEnvironment("Build")</c>, a custom <c>env.IsBuild()</c>, the else of
/// <c>env.IsProduction()</c>, <c>env.EnvironmentName == "Development"</c>, a <c>switch</c> on the name), or the rest
/// of a block after an early exit taken in production (<c>if (!env.IsDevelopment()) return;</c>). Conditions
/// combine through <c>!</c>, <c>&amp;&amp;</c> and <c>||</c>. Anything else (a configuration flag, a local bool) may
/// be true in production. Pure functions over the operation tree: no state, no semantic model.
/// </summary>
internal static class EnvironmentConditions
{
    public static readonly ListOption NonProductionEnvironmentsOption = RuleOptions.List(
        OptionCatalog.Product.NonProductionEnvironments,
        "Environment names that are never production. `IsDevelopment()`, `IsStaging()`, `IsEnvironment(\"…\")`, a comparison of `EnvironmentName`, and a custom `Is<Name>()` extension on the host environment (e.g. `IsBuild()`) that names one of them mark code that does not run in production.");

    private static readonly string[] ProductionNames = ["Production", "Prod"];

    [Flags]
    private enum Outside
    {
        Unknown = 0,

        /// <summary>When the condition is true, the environment is not production.</summary>
        WhenTrue = 1,

        /// <summary>When the condition is false, the environment is not production.</summary>
        WhenFalse = 2,
    }

    /// <summary>The guard that keeps <paramref name="operation"/> out of production, or null when it may run there.
    /// Walks up to the operation block's root; lambdas are crossed (a callback registered only in development is
    /// development-only), local functions are not (they may be called from anywhere).</summary>
    public static NonProductionGuard? FindGuard(IOperation operation, ImmutableArray<string> nonProductionNames)
    {
        var current = operation;
        for (var parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when !ReferenceEquals(current, conditional.Condition):
                    var outside = Classify(conditional.Condition, nonProductionNames, 0);
                    if (ReferenceEquals(current, conditional.WhenTrue) && (outside & Outside.WhenTrue) != 0)
                    {
                        return new NonProductionGuard(conditional, GuardKind.Inside);
                    }

                    if (ReferenceEquals(current, conditional.WhenFalse) && (outside & Outside.WhenFalse) != 0)
                    {
                        return new NonProductionGuard(conditional, GuardKind.Else);
                    }

                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (ReferenceEquals(statement, current))
                        {
                            break;
                        }

                        if (statement is IConditionalOperation { WhenFalse: null } exit && AlwaysExits(exit.WhenTrue)
                            && (Classify(exit.Condition, nonProductionNames, 0) & Outside.WhenFalse) != 0)
                        {
                            return new NonProductionGuard(exit, GuardKind.AfterExit);
                        }
                    }

                    break;
                case ISwitchCaseOperation switchCase when switchCase.Parent is ISwitchOperation switchStatement
                    && IsEnvironmentName(switchStatement.Value) && AllCasesNonProduction(switchCase, nonProductionNames):
                    return new NonProductionGuard(switchCase, GuardKind.Case);
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    private static bool AllCasesNonProduction(ISwitchCaseOperation switchCase, ImmutableArray<string> names)
    {
        foreach (var clause in switchCase.Clauses)
        {
            if (clause is not ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: string name } } || !IsNonProduction(name, names))
            {
                return false;
            }
        }

        return switchCase.Clauses.Length > 0;
    }

    private static bool AlwaysExits(IOperation operation)
        => operation switch
        {
            IReturnOperation or IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => AlwaysExits(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

    private static Outside Classify(IOperation condition, ImmutableArray<string> names, int depth)
    {
        if (depth > 8)
        {
            return Outside.Unknown;
        }

        while (condition is IConversionOperation conversion)
        {
            condition = conversion.Operand;
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Swap(Classify(not.Operand, names, depth + 1));
            case IBinaryOperation binary:
                return ClassifyBinary(binary, names, depth);
            case IInvocationOperation invocation:
                return ClassifyCall(invocation, names);
            case IIsPatternOperation isPattern when IsEnvironmentName(isPattern.Value):
                return ClassifyPattern(isPattern.Pattern, names);
            default:
                return Outside.Unknown;
        }
    }

    private static Outside ClassifyBinary(IBinaryOperation binary, ImmutableArray<string> names, int depth)
    {
        switch (binary.OperatorKind)
        {
            case BinaryOperatorKind.ConditionalAnd:
            {
                var left = Classify(binary.LeftOperand, names, depth + 1);
                var right = Classify(binary.RightOperand, names, depth + 1);
                return ((left | right) & Outside.WhenTrue) | (left & right & Outside.WhenFalse);
            }

            case BinaryOperatorKind.ConditionalOr:
            {
                var left = Classify(binary.LeftOperand, names, depth + 1);
                var right = Classify(binary.RightOperand, names, depth + 1);
                return (left & right & Outside.WhenTrue) | ((left | right) & Outside.WhenFalse);
            }

            case BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals:
            {
                var result = ClassifyEquality(binary.LeftOperand, binary.RightOperand, names, depth);
                return binary.OperatorKind == BinaryOperatorKind.NotEquals ? Swap(result) : result;
            }

            default:
                return Outside.Unknown;
        }
    }

    /// <summary><c>env.EnvironmentName == "Development"</c>, <c>env.IsDevelopment() == false</c>.</summary>
    private static Outside ClassifyEquality(IOperation left, IOperation right, ImmutableArray<string> names, int depth)
    {
        if (right.ConstantValue is { HasValue: true, Value: string rightName } && IsEnvironmentName(left))
        {
            return ForName(rightName, names);
        }

        if (left.ConstantValue is { HasValue: true, Value: string leftName } && IsEnvironmentName(right))
        {
            return ForName(leftName, names);
        }

        if (right.ConstantValue is { HasValue: true, Value: bool rightValue })
        {
            var result = Classify(left, names, depth + 1);
            return rightValue ? result : Swap(result);
        }

        if (left.ConstantValue is { HasValue: true, Value: bool leftValue })
        {
            var result = Classify(right, names, depth + 1);
            return leftValue ? result : Swap(result);
        }

        return Outside.Unknown;
    }

    private static Outside ClassifyPattern(IPatternOperation pattern, ImmutableArray<string> names)
        => pattern switch
        {
            IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: string name } } => ForName(name, names),
            INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: string name } } } => Swap(ForName(name, names)),
            _ => Outside.Unknown,
        };

    private static Outside ClassifyCall(IInvocationOperation invocation, ImmutableArray<string> names)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "Equals" && method.ContainingType.SpecialType == SpecialType.System_String)
        {
            if (method.IsStatic && invocation.Arguments.Length >= 2)
            {
                return ClassifyEquality(invocation.Arguments[0].Value, invocation.Arguments[1].Value, names, 0);
            }

            return invocation.Instance is { } instance && invocation.Arguments.Length >= 1
                ? ClassifyEquality(instance, invocation.Arguments[0].Value, names, 0)
                : Outside.Unknown;
        }

        if (!method.Name.StartsWith("Is", StringComparison.Ordinal) || method.ReturnType.SpecialType != SpecialType.System_Boolean)
        {
            return Outside.Unknown;
        }

        var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : invocation.Instance?.Type;
        if (!IsHostEnvironment(receiver))
        {
            return Outside.Unknown;
        }

        var ownParameters = method.Parameters.Length - (method.IsExtensionMethod ? 1 : 0);
        if (method.Name == "IsEnvironment")
        {
            var argument = invocation.Arguments.Length > 0 ? invocation.Arguments[invocation.Arguments.Length - 1].Value : null;
            return argument?.ConstantValue is { HasValue: true, Value: string environmentName } ? ForName(environmentName, names) : Outside.Unknown;
        }

        // IsDevelopment(), IsStaging(), IsProduction() and custom ones such as IsBuild() or IsLocal().
        return ownParameters == 0 && method.Name.Length > 2 ? ForName(method.Name.Substring(2), names) : Outside.Unknown;
    }

    private static Outside ForName(string name, ImmutableArray<string> names)
    {
        if (IsNonProduction(name, names))
        {
            return Outside.WhenTrue;
        }

        foreach (var production in ProductionNames)
        {
            if (string.Equals(production, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Outside.WhenFalse;
            }
        }

        return Outside.Unknown;
    }

    private static bool IsNonProduction(string name, ImmutableArray<string> names)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static Outside Swap(Outside value)
        => ((value & Outside.WhenTrue) != 0 ? Outside.WhenFalse : Outside.Unknown) | ((value & Outside.WhenFalse) != 0 ? Outside.WhenTrue : Outside.Unknown);

    /// <summary><c>IHostEnvironment</c>, <c>IWebHostEnvironment</c> and the older <c>IHostingEnvironment</c>s, or a type implementing one.</summary>
    private static bool IsHostEnvironment(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsEnvironmentInterfaceName(type.Name))
        {
            return true;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (IsEnvironmentInterfaceName(@interface.Name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEnvironmentInterfaceName(string name)
        => name is "IHostEnvironment" or "IWebHostEnvironment" or "IHostingEnvironment";

    private static bool IsEnvironmentName(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is IPropertyReferenceOperation { Property: { Name: "EnvironmentName", Type.SpecialType: SpecialType.System_String } };
    }
}
