using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>
/// RDY3005: an <c>IHealthCheck.CheckHealthAsync</c> implementation that cannot report a failure — it returns only
/// <c>Healthy</c> without doing any work, or catches every exception and still returns <c>Healthy</c> — or that
/// ignores its <c>CancellationToken</c> while calling methods that accept one.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HealthCheckCannotFailAnalyzer : DiagnosticAnalyzer
{
    internal const string AlwaysHealthy = "always returns Healthy without checking anything, so it reports healthy while what it is named after is down; check the dependency (open a connection, ping it, run a cheap query) and return Unhealthy when that fails, or remove the check";
    internal const string CatchReturnsHealthy = "catches every exception and still returns Healthy, so a failing dependency reports healthy; return HealthCheckResult.Unhealthy(\"…\", exception) (or context.Registration.FailureStatus) in the catch";
    internal const string IgnoresToken = "ignores its CancellationToken '{0}' while calling methods that accept one, so a hanging dependency holds the probe past the health-check timeout instead of failing it; pass the token on";

    /// <summary>Words in a check's type name that mark a deliberate liveness check, which is allowed to always answer Healthy.</summary>
    private static readonly ImmutableHashSet<string> LivenessWords = ImmutableHashSet.Create("Live", "Liveness", "Alive", "Self", "Ping");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HealthCheckCannotFail,
        title: "Health check that cannot fail",
        messageFormat: "Health check '{0}' {1}",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A health check that returns Healthy no matter what, or swallows the failure it exists to detect, gives the orchestrator a false signal; one that ignores its cancellation token cannot be stopped by the health-check timeout.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (!ReferenceGate.MayReference(compilation, "Microsoft.Extensions.Diagnostics.HealthChecks.Abstractions"))
            {
                return;
            }

            var analysis = new FirstUse<CompilationAnalysis>(() =>
            {
                // The gate first: without health checks (most projects) nothing else is looked up.
                var healthCheck = TypeLookup.Get(compilation, "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck");
                if (healthCheck?.GetMembers("CheckHealthAsync").FirstOrDefault() is not IMethodSymbol checkHealth)
                {
                    return null;
                }

                var result = TypeLookup.Get(compilation, "Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult");
                var token = TypeLookup.Get(compilation, "System.Threading.CancellationToken");
                return result is null || token is null
                    ? null
                    : new CompilationAnalysis(checkHealth, result, token, TypeLookup.Get(compilation, "System.Exception"));
            });
            start.RegisterOperationBlockAction(context => analysis.Value?.AnalyzeMethod(context));
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly IMethodSymbol _checkHealth;
        private readonly INamedTypeSymbol _result;
        private readonly INamedTypeSymbol _token;
        private readonly INamedTypeSymbol? _exception;

        public CompilationAnalysis(IMethodSymbol checkHealth, INamedTypeSymbol result, INamedTypeSymbol token, INamedTypeSymbol? exception)
        {
            _checkHealth = checkHealth;
            _result = result;
            _token = token;
            _exception = exception;
        }

        public void AnalyzeMethod(OperationBlockAnalysisContext context)
        {
            if (context.OwningSymbol is not IMethodSymbol { Name: "CheckHealthAsync" or "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck.CheckHealthAsync", IsAbstract: false } method
                || method.ContainingType is not { } type
                || !SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(_checkHealth), method))
            {
                return;
            }

            var body = context.OperationBlocks.OfType<IBlockOperation>().FirstOrDefault()
                ?? context.OperationBlocks.Select(b => b.Descendants().OfType<IBlockOperation>().FirstOrDefault()).FirstOrDefault(b => b is not null);
            if (body is null)
            {
                return;
            }

            var operations = OperationWalk.DescendantsOutsideFunctions(body).ToList();
            var returns = operations.OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null).ToList();
            var name = type.Name;

            if (returns.Count > 0 && returns.All(r => IsHealthy(r.ReturnedValue!)) && !DoesWork(operations) && !IsLivenessCheck(name)
                && method.Locations.FirstOrDefault() is { IsInSource: true } nameLocation)
            {
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, nameLocation, name, AlwaysHealthy));
                return;
            }

            foreach (var catchClause in operations.OfType<ICatchClauseOperation>())
            {
                if (IsCatchAll(catchClause) && CatchReportsHealthy(catchClause, returns) && catchClause.Syntax is CatchClauseSyntax syntax)
                {
                    var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, (syntax.Filter?.Span.End) ?? (syntax.Declaration?.Span.End) ?? syntax.CatchKeyword.Span.End));
                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, name, CatchReturnsHealthy));
                }
            }

            var tokenParameter = method.Parameters.FirstOrDefault(p => SymbolEqualityComparer.Default.Equals(p.Type, _token));
            if (tokenParameter is not null
                && !operations.OfType<IParameterReferenceOperation>().Any(p => SymbolEqualityComparer.Default.Equals(p.Parameter, tokenParameter))
                && !context.OperationBlocks.Any(b => b.Descendants().OfType<IParameterReferenceOperation>().Any(p => SymbolEqualityComparer.Default.Equals(p.Parameter, tokenParameter)))
                && operations.OfType<IInvocationOperation>().Any(CouldTakeToken)
                && tokenParameter.Locations.FirstOrDefault() is { IsInSource: true } tokenLocation)
            {
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, tokenLocation, name, string.Format(System.Globalization.CultureInfo.InvariantCulture, IgnoresToken, tokenParameter.Name)));
            }
        }

        /// <summary><c>HealthCheckResult.Healthy(…)</c>, <c>new HealthCheckResult(HealthStatus.Healthy, …)</c>, wrapped in
        /// <c>Task.FromResult</c> or a conversion.</summary>
        private bool IsHealthy(IOperation value)
        {
            value = Unwrap(value);
            if (value is IInvocationOperation { TargetMethod.Name: "FromResult" } fromResult && fromResult.Arguments.Length == 1)
            {
                value = Unwrap(fromResult.Arguments[0].Value);
            }

            return value switch
            {
                IInvocationOperation call => call.TargetMethod.Name == "Healthy" && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _result),
                IObjectCreationOperation creation => SymbolEqualityComparer.Default.Equals(creation.Type, _result)
                    && creation.Arguments.Length > 0
                    && Unwrap(creation.Arguments[0].Value) is IFieldReferenceOperation { Field.Name: "Healthy" },
                _ => false,
            };
        }

        /// <summary>Anything that can throw or wait: an await, a throw, or a call other than building the result.</summary>
        private bool DoesWork(List<IOperation> operations)
            => operations.Any(o => o is IAwaitOperation or IThrowOperation
                || (o is IInvocationOperation call
                    && !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _result)
                    && call.TargetMethod.Name is not ("FromResult" or "ToString")));

        private static bool IsLivenessCheck(string typeName)
        {
            var start = 0;
            for (var i = 1; i <= typeName.Length; i++)
            {
                if (i == typeName.Length || char.IsUpper(typeName[i]))
                {
                    if (LivenessWords.Contains(typeName.Substring(start, i - start)))
                    {
                        return true;
                    }

                    start = i;
                }
            }

            return false;
        }

        private bool IsCatchAll(ICatchClauseOperation catchClause)
            => catchClause.Filter is null
               && (catchClause.ExceptionType is null
                   || catchClause.ExceptionType.SpecialType == SpecialType.System_Object
                   || SymbolEqualityComparer.Default.Equals(catchClause.ExceptionType, _exception));

        /// <summary>The handler returns Healthy, or falls through (no return, no throw) to a method whose every return is Healthy.</summary>
        private bool CatchReportsHealthy(ICatchClauseOperation catchClause, List<IReturnOperation> methodReturns)
        {
            var inHandler = OperationWalk.DescendantsOutsideFunctions(catchClause.Handler).ToList();
            var handlerReturns = inHandler.OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null).ToList();
            if (handlerReturns.Count > 0)
            {
                return handlerReturns.Any(r => IsHealthy(r.ReturnedValue!));
            }

            return !inHandler.OfType<IThrowOperation>().Any() && methodReturns.Count > 0 && methodReturns.All(r => IsHealthy(r.ReturnedValue!));
        }

        /// <summary>The call lets a <c>CancellationToken</c> default, or the method has an overload that takes one more, a token.</summary>
        private bool CouldTakeToken(IInvocationOperation call)
        {
            if (call.Arguments.Any(a => a.ArgumentKind == ArgumentKind.DefaultValue && SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, _token)))
            {
                return true;
            }

            var target = call.TargetMethod;
            if (target.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, _token)))
            {
                return false;
            }

            foreach (var member in target.ContainingType.GetMembers(target.Name))
            {
                if (member is IMethodSymbol overload
                    && overload.Parameters.Length == target.Parameters.Length + 1
                    && SymbolEqualityComparer.Default.Equals(overload.Parameters[overload.Parameters.Length - 1].Type, _token)
                    && overload.IsStatic == target.IsStatic)
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
