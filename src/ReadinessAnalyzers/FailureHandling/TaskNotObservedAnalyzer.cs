using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1003: a call returns a task (Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, or a ConfigureAwait of one)
/// and the statement drops it. A failure of that task is never seen. <c>Task.Run</c>/<c>StartNew</c> are
/// RDY1006's (whose question is whether the started code protects itself); <c>ContinueWith</c> continuations
/// observe their antecedent and are left alone; <c>_ = …</c> is intentional unless the option says otherwise.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskNotObservedAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> ReportDiscardsOption = RuleOptions.Boolean(
        OptionCatalog.TaskNotObserved.ReportDiscards,
        "When true, an explicit discard (`_ = SendAsync();`) is reported too. By default a discard marks fire-and-forget as intended.");

    public static readonly ListOption IgnoredMethodsOption = RuleOptions.List(
        OptionCatalog.TaskNotObserved.IgnoredMethods,
        "Methods whose returned task may be dropped: a full name (`MyCompany.Messaging.Bus.PublishInBackground`) or a bare method name.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.TaskNotObserved,
        title: "Task not observed",
        messageFormat: "The {0} returned by '{1}' is dropped: if it fails, the exception is lost and nobody waits for the work to finish; {2}",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A task that is neither awaited, stored, returned nor passed on carries its failure nowhere: the exception surfaces, if ever, as an UnobservedTaskException long after the request that caused it, and the caller continues as if the work had finished.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.Create(start.Compilation);
            var analysis = new CompilationAnalysis(symbols, new PerTreeOptions<Settings>(start.Options, Settings.Parse));
            start.RegisterOperationAction(analysis.AnalyzeStatement, OperationKind.ExpressionStatement);
            start.RegisterOperationAction(analysis.AnalyzeDiscard, OperationKind.SimpleAssignment);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols _symbols;
        private readonly PerTreeOptions<Settings> _settings;

        public CompilationAnalysis(AsyncSymbols symbols, PerTreeOptions<Settings> settings)
        {
            _symbols = symbols;
            _settings = settings;
        }

        public void AnalyzeStatement(OperationAnalysisContext context)
        {
            var statement = (IExpressionStatementOperation)context.Operation;
            Analyze(context, statement.Operation, isDiscard: false);
        }

        public void AnalyzeDiscard(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IDiscardOperation && assignment.Parent is IExpressionStatementOperation)
            {
                Analyze(context, assignment.Value, isDiscard: true);
            }
        }

        private void Analyze(OperationAnalysisContext context, IOperation value, bool isDiscard)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            var conditional = false;
            if (value is IConditionalAccessOperation access)
            {
                conditional = true;
                value = access.WhenNotNull;
            }

            if (value is not IInvocationOperation invocation
                || !_symbols.IsTaskOrConfiguredTask(invocation.Type ?? invocation.TargetMethod.ReturnType)
                || IsExempt(invocation.TargetMethod)
                || IsSubstituteCheck(invocation.Instance))
            {
                return;
            }

            var settings = _settings.For(value.Syntax.SyntaxTree);
            if ((isDiscard && !settings.ReportDiscards) || settings.IsIgnored(invocation.TargetMethod))
            {
                return;
            }

            var canAwait = !isDiscard && !conditional && IsInAsyncFunction(invocation, context.ContainingSymbol) && !IsInLock(invocation);
            var advice = canAwait
                ? "await it"
                : "await it (make the caller async), store it and observe it later, or — when fire-and-forget is intended and the work handles its own failures — discard it with '_ ='";
            if (isDiscard)
            {
                advice = "await it, or make sure the work handles and logs its own failures";
            }

            var taskName = invocation.TargetMethod.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            context.ReportDiagnostic(ReadinessDiagnostic.Create(
                Rule,
                (isDiscard ? context.Operation : ((IExpressionStatementOperation)context.Operation).Operation).Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add("CanAwait", canAwait ? "true" : "false"),
                taskName,
                invocation.TargetMethod.Name,
                advice));
        }

        private bool IsExempt(IMethodSymbol method)
            => _symbols.IsTaskStart(method)
               || (method.Name == "ContinueWith" && (AsyncSymbols.Is(method.ContainingType, _symbols.Task) || AsyncSymbols.Is(method.ContainingType, _symbols.TaskOfT)));

        /// <summary><c>sub.Received().SendAsync(…);</c>: NSubstitute's assertion calls return the mocked task type
        /// but nothing runs.</summary>
        private static bool IsSubstituteCheck(IOperation? instance)
            => instance is IInvocationOperation { TargetMethod.ContainingNamespace: { } ns }
               && ns.ToDisplayString().StartsWith("NSubstitute", System.StringComparison.Ordinal);

        private static bool IsInAsyncFunction(IOperation operation, ISymbol containingSymbol)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol.IsAsync;
                    case ILocalFunctionOperation localFunction:
                        return localFunction.Symbol.IsAsync;
                }
            }

            return containingSymbol is IMethodSymbol { IsAsync: true };
        }

        private static bool IsInLock(IOperation operation)
        {
            for (var current = operation.Parent; current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation; current = current.Parent)
            {
                if (current is ILockOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed class Settings
    {
        private Settings(bool reportDiscards, ImmutableHashSet<string> ignoredMethods)
        {
            ReportDiscards = reportDiscards;
            IgnoredMethods = ignoredMethods;
        }

        public bool ReportDiscards { get; }

        public ImmutableHashSet<string> IgnoredMethods { get; }

        public static Settings Parse(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
            => new(ReportDiscardsOption.GetValue(options), IgnoredMethodsOption.GetValue(options).ToImmutableHashSet());

        public bool IsIgnored(IMethodSymbol method)
            => !IgnoredMethods.IsEmpty
               && (IgnoredMethods.Contains(method.Name)
                   || IgnoredMethods.Contains(SymbolNames.GetFullNameWithoutArity(method.ContainingType) + "." + method.Name));
    }
}
