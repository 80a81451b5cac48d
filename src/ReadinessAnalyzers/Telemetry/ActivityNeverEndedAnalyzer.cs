using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2003: an activity started with <c>ActivitySource.StartActivity</c> (or <c>new Activity(…).Start()</c>) that is
/// never disposed or stopped and never leaves the method. Not path-sensitive: one Dispose/Stop anywhere is enough,
/// and any hand-off (returned, stored, passed on) counts as ownership moving elsewhere. See rules/RDY2003.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ActivityNeverEndedAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ActivityNeverEnded,
        title: "Activity never ended",
        messageFormat: "The activity started by '{0}' in '{1}' is never disposed or stopped, so its span never ends: it is not exported, and it stays Activity.Current for the work that follows; declare it with 'using var'",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An Activity is exported when it stops. One that is started and never disposed or stopped produces no span, and because it remains Activity.Current every later span on that flow becomes its child: traces show wrong parents and missing operations.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var analysis = new FirstUse<CompilationAnalysis>(() =>
                TypeLookup.Get(compilation, "System.Diagnostics.Activity") is { } activity
                && TypeLookup.Get(compilation, "System.Diagnostics.ActivitySource") is { } source
                    ? new CompilationAnalysis(activity, source)
                    : null);
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeInvocation(context), OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly INamedTypeSymbol _activity;
        private readonly INamedTypeSymbol _source;

        public CompilationAnalysis(INamedTypeSymbol activity, INamedTypeSymbol source)
        {
            _activity = activity;
            _source = source;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!StartsAnActivity(invocation) || IsEnded(invocation))
            {
                return;
            }

            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, NameLocation(invocation), DescribeCall(invocation), StartupCode.DescribeMember(context.ContainingSymbol)));
        }

        private bool StartsAnActivity(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "StartActivity" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _source))
            {
                return true;
            }

            return method.Name == "Start"
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, _activity)
                && invocation.Instance is IObjectCreationOperation;
        }

        /// <summary>Follows the started activity (through fluent calls such as <c>SetTag</c>) to where it lands.</summary>
        private bool IsEnded(IOperation started, int depth = 0)
        {
            var value = started;
            while (true)
            {
                var parent = value.Parent;
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                        value = parent;
                        continue;
                    case IConditionalAccessOperation conditional when conditional.Operation == value:
                        if (conditional.WhenNotNull is IInvocationOperation whenNotNull && IsEnding(whenNotNull))
                        {
                            return true;
                        }

                        if (conditional.WhenNotNull is IInvocationOperation fluent && ReturnsActivity(fluent))
                        {
                            value = conditional;
                            continue;
                        }

                        return false;
                    case IInvocationOperation call when call.Instance == value:
                        if (IsEnding(call))
                        {
                            return true;
                        }

                        if (ReturnsActivity(call))
                        {
                            value = call;
                            continue;
                        }

                        return false;
                    case IExpressionStatementOperation:
                        return false;
                    case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                        return false;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when assignment.Value == value:
                        return depth > 3 || IsLocalEnded(local.Local, assignment, depth);
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return IsInUsing(declarator) || depth > 3 || IsLocalEnded(declarator.Symbol, declarator, depth);
                    case IUsingOperation:
                        return true;
                    case IMemberReferenceOperation or IBinaryOperation or IIsPatternOperation or IIsTypeOperation:
                        // Read for a property or compared with null, then dropped.
                        return false;
                    default:
                        // Returned, stored in a field or property, passed as an argument, captured in a tuple,
                        // awaited, …: ownership moves elsewhere.
                        return true;
                }
            }
        }

        private static bool IsInUsing(IVariableDeclaratorOperation declarator)
            => declarator.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation
               || declarator.Parent?.Parent?.Parent is IUsingDeclarationOperation or IUsingOperation;

        /// <summary>A local holding the activity: ended when any use of it ends it or hands it on.</summary>
        private bool IsLocalEnded(ILocalSymbol local, IOperation assignedAt, int depth)
        {
            var root = assignedAt;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    && IsEnded(reference, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEnding(IInvocationOperation call)
            => call.TargetMethod.Name is "Dispose" or "Stop";

        private bool ReturnsActivity(IInvocationOperation call)
            => SymbolEqualityComparer.Default.Equals(call.TargetMethod.ReturnType, _activity);

        private static string DescribeCall(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == "Start" ? "new Activity(…).Start()" : "StartActivity";

        private static Location NameLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                ? member.Name.GetLocation()
                : invocation.Syntax.GetLocation();
    }
}
