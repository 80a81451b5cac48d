using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4005: code branches on the environment name compared with a literal (<c>env.EnvironmentName == "Production"</c>,
/// <c>string.Equals(env.EnvironmentName, "Staging")</c>, <c>is "Development"</c>, a <c>switch</c> case, or the
/// <c>ASPNETCORE_ENVIRONMENT</c> variable read directly).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnvironmentNameBranchingAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.EnvironmentNameBranching,
        title: "Environment name compared with a literal",
        messageFormat: "This compares the environment name with \"{0}\": a hand-written comparison is easy to get wrong (case, spelling) and spreads environment-specific behaviour through the code; use {1}, or better a configuration setting that each environment sets",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Behaviour that depends on the environment's name cannot be changed without a rebuild and differs silently when an environment is renamed or added. The host's IsDevelopment/IsStaging/IsProduction compare case-insensitively; a configuration flag states the intent.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeBinary, OperationKind.Binary);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzePattern, OperationKind.ConstantPattern);
        context.RegisterOperationAction(AnalyzeCaseClause, OperationKind.CaseClause);
    }

    private static void AnalyzeCaseClause(OperationAnalysisContext context)
    {
        if (context.Operation is ISingleValueCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } } clause
            && clause.Value.ConstantValue is { HasValue: true, Value: string name }
            && IsEnvironmentName(switchStatement.Value))
        {
            Report(context, clause.Value.Syntax, name);
        }
    }

    private static void AnalyzeBinary(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return;
        }

        Check(context, binary.LeftOperand, binary.RightOperand);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "Equals" || method.ContainingType.SpecialType != SpecialType.System_String)
        {
            return;
        }

        if (method.IsStatic && invocation.Arguments.Length >= 2)
        {
            Check(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value);
        }
        else if (!method.IsStatic && invocation.Instance is { } instance && invocation.Arguments.Length >= 1)
        {
            Check(context, instance, invocation.Arguments[0].Value);
        }
    }

    private static void AnalyzePattern(OperationAnalysisContext context)
    {
        var pattern = (IConstantPatternOperation)context.Operation;
        IOperation? subject = pattern.Parent switch
        {
            IIsPatternOperation isPattern => isPattern.Value,
            IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } } => switchStatement.Value,
            ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } => switchExpression.Value,
            IBinaryPatternOperation or INegatedPatternOperation => FindPatternSubject(pattern.Parent),
            _ => null,
        };

        if (subject is not null && IsEnvironmentName(subject) && pattern.Value.ConstantValue is { HasValue: true, Value: string name })
        {
            Report(context, pattern.Syntax, name);
        }
    }

    private static IOperation? FindPatternSubject(IOperation? operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IIsPatternOperation isPattern:
                    return isPattern.Value;
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression }:
                    return switchExpression.Value;
                case IPatternCaseClauseOperation { Parent: ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } }:
                    return switchStatement.Value;
                case IPatternOperation:
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }

    private static void Check(OperationAnalysisContext context, IOperation left, IOperation right)
    {
        if (right.ConstantValue is { HasValue: true, Value: string rightName } && IsEnvironmentName(left))
        {
            Report(context, context.Operation.Syntax, rightName);
        }
        else if (left.ConstantValue is { HasValue: true, Value: string leftName } && IsEnvironmentName(right))
        {
            Report(context, context.Operation.Syntax, leftName);
        }
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode syntax, string name)
    {
        if (name.Length == 0)
        {
            return;
        }

        var suggestion = name.Trim().ToUpperInvariant() switch
        {
            "DEVELOPMENT" => "env.IsDevelopment()",
            "STAGING" => "env.IsStaging()",
            "PRODUCTION" => "env.IsProduction()",
            _ => $"env.IsEnvironment(\"{name}\")",
        };
        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, syntax.GetLocation(), name, suggestion));
    }

    /// <summary><c>IHostEnvironment.EnvironmentName</c> (any type's string property of that name, so the old
    /// <c>IHostingEnvironment</c> counts), or the <c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c> variable.</summary>
    private static bool IsEnvironmentName(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation switch
        {
            IPropertyReferenceOperation { Property: { Name: "EnvironmentName", Type.SpecialType: SpecialType.System_String } } => true,
            IInvocationOperation { TargetMethod: { Name: "GetEnvironmentVariable", ContainingType.SpecialType: SpecialType.None } method } invocation
                when method.ContainingType.Name == "Environment" && invocation.Arguments.Length >= 1
                && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string variable }
                && (variable.Equals("ASPNETCORE_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || variable.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)) => true,
            _ => false,
        };
    }
}
