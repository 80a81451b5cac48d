using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2001: inside a catch, a telemetry call records the failure (error level or above) but no exception
/// object reaches any call, so the exception type and stack trace are lost. See rules/RDY2001.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FailureLoggedWithoutExceptionAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<string> MinimumLevelOption = RuleOptions.Choice(
        OptionCatalog.FailureLoggedWithoutException.MinimumLevel,
        "The lowest level at which a log call in a catch counts as recording the failure: `warning`, `error` or `critical`. Debug and information logs in a catch are never reported.");

    public static readonly ListOption ExpectedExceptionsOption = RuleOptions.List(
        OptionCatalog.FailureLoggedWithoutException.ExpectedExceptions,
        "Full names of exception types (subclasses included) whose catches may log without the exception object, because the type alone tells the story.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.FailureLoggedWithoutException,
        title: "Failure logged without the exception",
        messageFormat: "'{0}' records a failure in this catch of '{1}' without the exception object, so the log store gets no exception type, stack trace or inner exceptions to group and search by; {2}",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A catch that logs an error but passes only a message (or ex.Message, or the exception formatted into the text) loses the exception type, the stack trace and the inner exceptions: the log says that something failed, never where or why.",
        customTags: RuleTags.Default);

    /// <summary>Diagnostic property: "PassArgument" when the called method (or a sibling overload) takes an exception,
    /// so the code fix can pass it; "AddParameter" when it is the project's own method without one.</summary>
    internal const string AdviceProperty = "Advice";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => TypeLookup.Get(compilation, "System.Exception") is null
                ? null
                : new CompilationAnalysis(TelemetryKnowledge.Create(compilation, options), options));
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeCatch(context), OperationKind.CatchClause);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly TelemetryKnowledge _telemetry;
        private readonly PerTreeOptions<Settings> _settings;

        public CompilationAnalysis(TelemetryKnowledge telemetry, AnalyzerOptions options)
        {
            _telemetry = telemetry;
            _settings = new PerTreeOptions<Settings>(options, Settings.Parse);
        }

        public void AnalyzeCatch(OperationAnalysisContext context)
        {
            var catchClause = (ICatchClauseOperation)context.Operation;
            var settings = _settings.For(catchClause.Syntax.SyntaxTree);
            if (IsExpected(catchClause.ExceptionType, settings))
            {
                return;
            }

            var local = catchClause.Locals.FirstOrDefault();
            List<IInvocationOperation>? failureCalls = null;
            foreach (var operation in HandlerOperations(catchClause.Handler))
            {
                switch (operation)
                {
                    case IThrowOperation:
                        // Rethrown or wrapped: the exception travels on and is recorded where it is finally handled.
                        return;
                    case IArgumentOperation { Parameter: { } parameter } argument when _telemetry.IsExceptionType(parameter.Type)
                        && !(argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null):
                        // An exception object reaches some call (a log, AddException, a result, an inner exception).
                        return;
                    case ILocalReferenceOperation reference when local is not null
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local) && LeavesTheCatch(reference):
                        return;
                    case IInvocationOperation invocation when _telemetry.GetLevel(invocation) >= settings.MinimumLevel:
                        (failureCalls ??= new List<IInvocationOperation>()).Add(invocation);
                        break;
                }
            }

            if (failureCalls is null)
            {
                return;
            }

            var caught = catchClause.ExceptionType.SpecialType == SpecialType.System_Object
                ? "everything"
                : catchClause.ExceptionType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            var exceptionName = local is null
                ? $"the caught exception (name it: catch ({(caught == "everything" ? "Exception" : caught)} ex))"
                : "'" + local.Name + "'";
            foreach (var call in failureCalls)
            {
                var (advice, text) = Advice(call, exceptionName);
                var properties = ImmutableDictionary<string, string?>.Empty.Add(AdviceProperty, advice);
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, NameLocation(call), properties, call.TargetMethod.Name, caught, text));
            }
        }

        /// <summary>What to do, by what the called method can take: pass the exception to it (it or an overload has an
        /// exception parameter), add an exception parameter to it (the project's own helper), or log through another method.</summary>
        private (string Advice, string Text) Advice(IInvocationOperation call, string exceptionName)
        {
            var method = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
            if (TakesException(method) || method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Any(TakesException))
            {
                return ("PassArgument", $"pass {exceptionName} as the call's exception argument");
            }

            return method.Locations.Any(l => l.IsInSource)
                ? ("AddParameter", $"add an Exception parameter to '{method.Name}' and pass {exceptionName} to it")
                : ("OtherMethod", $"log {exceptionName} through a method that takes the exception object");
        }

        private bool TakesException(IMethodSymbol method) => method.Parameters.Any(p => _telemetry.IsExceptionType(p.Type));

        private static bool IsExpected(ITypeSymbol type, Settings settings)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (settings.ExpectedExceptions.Contains(SymbolNames.GetFullMetadataName(current)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The exception is stored, returned or yielded: its evidence is kept elsewhere.</summary>
        private static bool LeavesTheCatch(ILocalReferenceOperation reference)
        {
            IOperation current = reference;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent switch
            {
                ISimpleAssignmentOperation assignment => assignment.Value == current && assignment.Target is not IDiscardOperation,
                IVariableInitializerOperation => true,
                IReturnOperation => true,
                IArrayInitializerOperation { Parent: { IsImplicit: false } } => true,
                ITupleOperation => true,
                _ => false,
            };
        }

        /// <summary>The handler's operations, without nested catch clauses (they are analysed on their own).</summary>
        private static IEnumerable<IOperation> HandlerOperations(IBlockOperation handler)
        {
            // Sized for a typical handler's tree, so it is not regrown on every catch of the compilation.
            var stack = new Stack<IOperation>(32);
            stack.Push(handler);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations)
                {
                    if (child is not ICatchClauseOperation and not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        private static Location NameLocation(IInvocationOperation invocation)
            => invocation.Syntax is InvocationExpressionSyntax { Expression: var expression }
                ? expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name.GetLocation(),
                    MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
                    _ => expression.GetLocation(),
                }
                : invocation.Syntax.GetLocation();
    }

    private sealed class Settings
    {
        private Settings(TelemetryLevel minimumLevel, ImmutableHashSet<string> expectedExceptions)
        {
            MinimumLevel = minimumLevel;
            ExpectedExceptions = expectedExceptions;
        }

        public TelemetryLevel MinimumLevel { get; }

        public ImmutableHashSet<string> ExpectedExceptions { get; }

        public static Settings Parse(AnalyzerConfigOptions options)
            => new(
                MinimumLevelOption.GetValue(options) switch
                {
                    "error" => TelemetryLevel.Error,
                    "critical" => TelemetryLevel.Critical,
                    _ => TelemetryLevel.Warning,
                },
                ExpectedExceptionsOption.GetValue(options).ToImmutableHashSet());
    }
}
