using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>
/// RDY3007: a health endpoint (<c>MapHealthChecks</c>, <c>UseHealthChecks</c>, or a method listed in
/// <c>RDY3002.exposing_methods</c> such as <c>MapDefaultEndpoints</c>) is mapped only under a non-production
/// environment condition (see <see cref="EnvironmentConditions"/>). A per-invocation rule, so it also checks class
/// libraries (the .NET Aspire service defaults) and runs in the IDE without full-solution analysis.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HealthEndpointOnlyOutsideProductionAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HealthEndpointOnlyOutsideProduction,
        title: "Health endpoint mapped only outside production",
        messageFormat: "'{0}' exposes {1} only {2}, so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A health endpoint mapped inside 'if (app.Environment.IsDevelopment())' (the .NET Aspire service defaults do this) does not exist where it is needed: in production, liveness and readiness probes get 404, so the orchestrator either never marks the instance ready or cannot detect a broken one.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // No ASP.NET Core: nothing here can map an HTTP endpoint.
            if (!ReferenceGate.MayReference(start.Compilation, StartupGate.AspNetCoreEndpointAssemblies) || TestProjects.IsTestProject(start.Compilation))
            {
                return;
            }

            var compilation = start.Compilation;
            var builders = new FirstUse<Builders>(() =>
            {
                var endpointRouteBuilder = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
                var applicationBuilder = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");

                // No ASP.NET Core: nothing here can map an HTTP endpoint.
                return endpointRouteBuilder is null && applicationBuilder is null ? null : new Builders(endpointRouteBuilder, applicationBuilder);
            });
            var options = new PerTreeOptions<TreeOptions>(start.Options, static o => new TreeOptions(o));
            start.RegisterOperationAction(
                context =>
                {
                    if (builders.Value is { } found)
                    {
                        Analyze(context, found.EndpointRouteBuilder, found.ApplicationBuilder, options);
                    }
                },
                OperationKind.Invocation);
        });
    }

    /// <summary>The ASP.NET Core types an endpoint is mapped on (either may be absent).</summary>
    private sealed class Builders(INamedTypeSymbol? endpointRouteBuilder, INamedTypeSymbol? applicationBuilder)
    {
        public INamedTypeSymbol? EndpointRouteBuilder { get; } = endpointRouteBuilder;

        public INamedTypeSymbol? ApplicationBuilder { get; } = applicationBuilder;
    }

    /// <summary>The two options this rule reads, per syntax tree (a class: a tuple of two lists would make the
    /// per-tree cache a generic instantiation over a value type, compiled just in time in every compiler process).</summary>
    private sealed class TreeOptions(AnalyzerConfigOptions options)
    {
        public ImmutableArray<string> Exposing { get; } = HealthChecksNotExposedRule.ExposingMethodsOption.GetValue(options);

        public ImmutableArray<string> NonProduction { get; } = EnvironmentConditions.NonProductionEnvironmentsOption.GetValue(options);
    }

    private static void Analyze(
        OperationAnalysisContext context,
        INamedTypeSymbol? endpointRouteBuilder,
        INamedTypeSymbol? applicationBuilder,
        PerTreeOptions<TreeOptions> options)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var treeOptions = options.For(invocation.Syntax.SyntaxTree);
        var exposing = treeOptions.Exposing;
        var nonProduction = treeOptions.NonProduction;
        if (!IsHealthEndpoint(method, endpointRouteBuilder, applicationBuilder, exposing, out var isListed)
            || EnvironmentConditions.FindGuard(invocation, nonProduction) is not { } guard
            || HasProductionMapping(invocation, endpointRouteBuilder, applicationBuilder, exposing, nonProduction))
        {
            return;
        }

        var what = isListed ? "the health checks" : PathOf(invocation) is { } path ? "the health endpoint '" + path + "'" : "a health endpoint";
        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, NameLocation(invocation), method.Name, what, guard.Describe()));
    }

    private static bool IsHealthEndpoint(IMethodSymbol method, INamedTypeSymbol? endpointRouteBuilder, INamedTypeSymbol? applicationBuilder, ImmutableArray<string> exposing, out bool isListed)
    {
        isListed = false;
        if (method.Name is "MapHealthChecks" or "UseHealthChecks")
        {
            var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
            return SymbolNames.Implements(receiver, endpointRouteBuilder) || SymbolNames.Implements(receiver, applicationBuilder);
        }

        isListed = StartupApp.Matches(method, exposing);
        return isListed;
    }

    /// <summary>Another health endpoint in the same body that runs in production (a detailed endpoint for
    /// development next to the probes' endpoint is fine).</summary>
    private static bool HasProductionMapping(IInvocationOperation reported, INamedTypeSymbol? endpointRouteBuilder, INamedTypeSymbol? applicationBuilder, ImmutableArray<string> exposing, ImmutableArray<string> nonProduction)
    {
        var root = reported;
        IOperation top = reported;
        while (top.Parent is not null)
        {
            top = top.Parent;
        }

        foreach (var operation in top.Descendants())
        {
            if (operation is IInvocationOperation other && !ReferenceEquals(other, root)
                && IsHealthEndpoint(other.TargetMethod, endpointRouteBuilder, applicationBuilder, exposing, out _)
                && EnvironmentConditions.FindGuard(other, nonProduction) is null)
            {
                return true;
            }
        }

        return false;
    }

    private static string? PathOf(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand; // "/healthz" converted to PathString
            }

            if (argument.ArgumentKind != ArgumentKind.DefaultValue && value.ConstantValue is { HasValue: true, Value: string path })
            {
                return path;
            }
        }

        return null;
    }

    private static Location NameLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax.GetLocation();
}
