using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1006: a callback run where nobody catches for it — a <c>System.Threading.Timer</c> callback, a
/// <c>System.Timers.Timer.Elapsed</c> handler, a <c>new Thread(…)</c> start, a <c>ThreadPool.QueueUserWorkItem</c>
/// item, or a <c>Task.Run</c>/<c>StartNew</c> whose task is dropped — that can fail outside any general try/catch.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnprotectedCallbackAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> ReportFireAndForgetTasksOption = RuleOptions.Boolean(
        OptionCatalog.UnprotectedCallback.ReportFireAndForgetTasks,
        "When false, `Task.Run`/`Task.Factory.StartNew` calls whose task is dropped are not reported (for code bases that observe such failures globally through `TaskScheduler.UnobservedTaskException`); timers, threads and thread-pool items still are.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UnprotectedCallback,
        title: "Unprotected background callback",
        messageFormat: "The {0} callback{1}: {2} can throw outside any try/catch; {3}; wrap its body in try/catch that logs the exception",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Timer callbacks, thread starts and thread-pool work items have no caller to catch their exceptions: an unhandled exception there terminates the process. System.Timers.Timer swallows exceptions from Elapsed handlers, and a dropped Task.Run task keeps its exception to itself, so there failures vanish instead.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => new CompilationAnalysis(compilation, AsyncSymbols.Create(compilation), options));
            start.RegisterOperationAction(context => analysis.Value!.AnalyzeObjectCreation(context), OperationKind.ObjectCreation);
            start.RegisterOperationAction(context => analysis.Value!.AnalyzeInvocation(context), OperationKind.Invocation);
            start.RegisterOperationAction(context => analysis.Value!.AnalyzeEventAssignment(context), OperationKind.EventAssignment);
        });
    }

    private sealed class CompilationAnalysis
    {
        private const string Crashes = "an exception escaping it terminates the process";

        private readonly AsyncSymbols _symbols;
        private readonly FailurePoints _failures;
        private readonly PerTreeOptions<bool> _reportTasks;
        private readonly INamedTypeSymbol? _threadingTimer;
        private readonly INamedTypeSymbol? _timersTimer;
        private readonly INamedTypeSymbol? _thread;
        private readonly INamedTypeSymbol? _threadPool;

        public CompilationAnalysis(Compilation compilation, AsyncSymbols symbols, AnalyzerOptions options)
        {
            _symbols = symbols;
            _failures = new FailurePoints(compilation, symbols, TelemetryKnowledge.Create(compilation, options));
            _reportTasks = new PerTreeOptions<bool>(options, ReportFireAndForgetTasksOption.GetValue);
            _threadingTimer = TypeLookup.Get(compilation, "System.Threading.Timer");
            _timersTimer = TypeLookup.Get(compilation, "System.Timers.Timer");
            _thread = TypeLookup.Get(compilation, "System.Threading.Thread");
            _threadPool = TypeLookup.Get(compilation, "System.Threading.ThreadPool");
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (AsyncSymbols.Is(creation.Type, _threadingTimer))
            {
                AnalyzeCallback(context, FirstDelegateArgument(creation.Arguments), "Timer", Crashes);
            }
            else if (AsyncSymbols.Is(creation.Type, _thread))
            {
                AnalyzeCallback(context, FirstDelegateArgument(creation.Arguments), "Thread", Crashes);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" && AsyncSymbols.Is(method.ContainingType, _threadPool))
            {
                AnalyzeCallback(context, FirstDelegateArgument(invocation.Arguments), "ThreadPool work item", Crashes);
            }
            else if (_symbols.IsTaskStart(method) && IsDropped(invocation) && _reportTasks.For(invocation.Syntax.SyntaxTree))
            {
                AnalyzeCallback(context, FirstDelegateArgument(invocation.Arguments), method.Name == "Run" ? "Task.Run" : "StartNew", "its task is dropped, so an exception it throws is never observed or logged");
            }
        }

        public void AnalyzeEventAssignment(OperationAnalysisContext context)
        {
            var assignment = (IEventAssignmentOperation)context.Operation;
            if (assignment.Adds
                && assignment.EventReference is IEventReferenceOperation { Event.Name: "Elapsed" } reference
                && AsyncSymbols.Is(reference.Event.ContainingType, _timersTimer))
            {
                AnalyzeCallback(context, assignment.HandlerValue, "Timer.Elapsed", "System.Timers.Timer swallows exceptions from Elapsed handlers, so failures vanish without a trace");
            }
        }

        private static IOperation? FirstDelegateArgument(ImmutableArray<IArgumentOperation> arguments)
            => arguments.FirstOrDefault(a => a.Value.Type?.TypeKind == TypeKind.Delegate || a.Value is IDelegateCreationOperation)?.Value;

        private static bool IsDropped(IOperation invocation)
        {
            var parent = invocation.Parent;
            while (parent is IConversionOperation { IsImplicit: true })
            {
                parent = parent.Parent;
            }

            return parent is IExpressionStatementOperation
                   || (parent is ISimpleAssignmentOperation { Target: IDiscardOperation } && parent.Parent is IExpressionStatementOperation);
        }

        private void AnalyzeCallback(OperationAnalysisContext context, IOperation? callback, string kind, string consequence)
        {
            while (callback is IConversionOperation conversion)
            {
                callback = conversion.Operand;
            }

            if (callback is not IDelegateCreationOperation creation)
            {
                return;
            }

            switch (creation.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    if ((lambda.Symbol.IsAsync && lambda.Symbol.ReturnsVoid && !_symbols.HasEventHandlerShape(lambda.Symbol))
                        || _failures.FindInCallback(lambda.Body) is not { } lambdaFailure)
                    {
                        return;
                    }

                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, LambdaHeader(lambda.Syntax), kind, string.Empty, lambdaFailure.Describe(), consequence));
                    break;

                case IMethodReferenceOperation { Method: var method } reference:
                    if ((method.IsAsync && method.ReturnsVoid && !_symbols.HasEventHandlerShape(method))
                        || _failures.FindInCallback(method) is not { } methodFailure)
                    {
                        return;
                    }

                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, reference.Syntax.GetLocation(), kind, " '" + method.Name + "'", methodFailure.Describe(), consequence));
                    break;
            }
        }

        private static Location LambdaHeader(SyntaxNode syntax)
        {
            var end = syntax switch
            {
                LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
                AnonymousMethodExpressionSyntax anonymous => (anonymous.ParameterList?.Span.End) ?? anonymous.DelegateKeyword.Span.End,
                _ => syntax.Span.End,
            };

            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
        }
    }
}
