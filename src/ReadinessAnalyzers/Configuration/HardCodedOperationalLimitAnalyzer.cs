using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4004: a literal timeout, retry count, pool size or interval passed to a well-known knob (HttpClient.Timeout,
/// command timeouts, Polly and EF Core retry settings, connection pool limits) or used as the polling delay of a
/// hosted service's loop.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedOperationalLimitAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardCodedOperationalLimit,
        title: "Hard-coded operational limit",
        messageFormat: "{0} is hard-coded to '{1}': when a dependency slows down or an incident needs a different value, operations cannot tune it without a rebuild; bind it from configuration (an options class) and keep this value as the default",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Timeouts, retry counts, pool sizes and polling intervals are the values operators change first during an incident or a load test. Compiled in, each change is a release.",
        customTags: RuleTags.Default);

    /// <summary>Properties that are operational knobs wherever they appear.</summary>
    private static readonly ImmutableHashSet<string> KnobProperties = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "CommandTimeout", "ConnectTimeout", "ConnectionTimeout", "MaxRetryAttempts", "MaxRetryCount", "RetryCount", "MaxConnectionsPerServer",
        "PooledConnectionLifetime", "PooledConnectionIdleTimeout", "MaxPoolSize", "MinPoolSize", "BreakDuration", "SamplingDuration",
        "MinimumThroughput", "HandlerLifetime", "MaxDelay");

    /// <summary>Method parameters that are operational knobs (Polly v7, EF Core, IHttpClientBuilder).</summary>
    private static readonly ImmutableHashSet<string> KnobParameters = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "retryCount", "maxRetryCount", "maxRetryAttempts", "commandTimeout", "durationOfBreak", "exceptionsAllowedBeforeBreaking", "handlerLifetime", "maxRetryDelay");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (TestProjects.IsTestProject(start.Compilation))
            {
                return;
            }

            var compilation = start.Compilation;
            var types = new FirstUse<Types>(() => TypeLookup.Get(compilation, "System.TimeSpan") is { } timeSpan
                ? new Types(
                    timeSpan,
                    TypeLookup.Get(compilation, "System.Net.Http.HttpClient"),
                    TypeLookup.Get(compilation, "System.Threading.Tasks.Task"),
                    TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostedService"))
                : null);
            start.RegisterOperationAction(
                context =>
                {
                    if (types.Value is { } found)
                    {
                        AnalyzeAssignment(context, found.TimeSpan, found.HttpClient);
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationAction(
                context =>
                {
                    if (types.Value is { } found)
                    {
                        AnalyzeArgument(context, found.TimeSpan, found.Task, found.HostedService);
                    }
                },
                OperationKind.Argument);
        });
    }

    /// <summary>The types the rule compares with, looked up on the first callback.</summary>
    private sealed class Types(INamedTypeSymbol timeSpan, INamedTypeSymbol? httpClient, INamedTypeSymbol? task, INamedTypeSymbol? hostedService)
    {
        public INamedTypeSymbol TimeSpan { get; } = timeSpan;

        public INamedTypeSymbol? HttpClient { get; } = httpClient;

        public INamedTypeSymbol? Task { get; } = task;

        public INamedTypeSymbol? HostedService { get; } = hostedService;
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol timeSpan, INamedTypeSymbol? httpClient)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !IsLiteralLimit(assignment.Value, timeSpan))
        {
            return;
        }

        var isKnob = KnobProperties.Contains(property.Name)
            || (property.Name == "Timeout" && (SymbolNames.IsOrInheritsFrom(property.ContainingType, httpClient) || IsResilienceType(property.ContainingType)))
            || (property.Name == "Delay" && IsResilienceType(property.ContainingType));
        if (isKnob)
        {
            Report(context, assignment.Value, property.ContainingType.Name + "." + property.Name);
        }
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, INamedTypeSymbol timeSpan, INamedTypeSymbol? task, INamedTypeSymbol? hostedService)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue || !IsLiteralLimit(argument.Value, timeSpan)
            || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return;
        }

        if (KnobParameters.Contains(parameter.Name) || (IsResilienceType(method.ContainingType) && parameter.Type.Equals(timeSpan, SymbolEqualityComparer.Default)))
        {
            Report(context, argument.Value, $"'{parameter.Name}' of {method.Name}");
            return;
        }

        if (method.Name == "Delay" && SymbolEqualityComparer.Default.Equals(method.ContainingType, task) && parameter.Ordinal == 0
            && IsInHostedServiceLoop(argument, context.ContainingSymbol, hostedService))
        {
            Report(context, argument.Value, $"The polling interval of {context.ContainingSymbol.ContainingType.Name}");
        }
    }

    private static void Report(OperationAnalysisContext context, IOperation value, string knob)
    {
        var text = value.Syntax.ToString();
        if (text.Length > 60)
        {
            text = text.Substring(0, 57) + "...";
        }

        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, value.Syntax.GetLocation(), knob, text));
    }

    /// <summary>A numeric literal, <c>TimeSpan.FromSeconds(30)</c>-style call or <c>new TimeSpan(…)</c> with literal arguments.</summary>
    private static bool IsLiteralLimit(IOperation value, INamedTypeSymbol timeSpan)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        switch (value)
        {
            case ILiteralOperation literal:
                // Zero initialises a counter (RetryCount = 0 on a message) far more often than it sets a knob.
                return literal.ConstantValue.HasValue && literal.ConstantValue.Value is int or long or double or float or decimal
                    && System.Convert.ToDouble(literal.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture) != 0;
            case IInvocationOperation invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, timeSpan)
                && invocation.TargetMethod.Name.StartsWith("From", StringComparison.Ordinal):
                return AllLiteral(invocation.Arguments);
            case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, timeSpan):
                return creation.Arguments.Length > 0 && AllLiteral(creation.Arguments);
            default:
                return false;
        }
    }

    private static bool AllLiteral(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (argument.ArgumentKind != ArgumentKind.DefaultValue && value is not ILiteralOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Polly and Microsoft.Extensions.Http.Resilience option and policy types.</summary>
    private static bool IsResilienceType(INamedTypeSymbol? type)
    {
        var ns = type?.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith("Polly", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Extensions.Http.Resilience", StringComparison.Ordinal);
    }

    /// <summary><c>Task.Delay</c> inside a loop of a hosted service's method (not in a lambda run elsewhere).</summary>
    private static bool IsInHostedServiceLoop(IOperation operation, ISymbol containingSymbol, INamedTypeSymbol? hostedService)
    {
        if (hostedService is null || containingSymbol.ContainingType is not { } type || !SymbolNames.Implements(type, hostedService))
        {
            return false;
        }

        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            if (current is ILoopOperation)
            {
                return true;
            }
        }

        return false;
    }
}
