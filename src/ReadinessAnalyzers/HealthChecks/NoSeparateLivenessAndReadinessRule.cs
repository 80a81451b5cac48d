using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>RDY3003: one health endpoint that runs every check serves as both liveness and readiness probe.</summary>
internal static class NoSeparateLivenessAndReadinessRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.NoSeparateLivenessAndReadiness,
        title: "No separate liveness and readiness",
        messageFormat: "'{0}' is the only health endpoint and runs every check, including dependency checks, so a slow or failing dependency fails the liveness probe too and the orchestrator restarts healthy instances; map a liveness endpoint that runs no dependency checks (Predicate = _ => false) and a readiness endpoint filtered by tag (Predicate = r => r.Tags.Contains(\"ready\"))",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Liveness answers 'should this process be restarted?', readiness 'should it receive traffic?'. When one endpoint runs every dependency check, a database hiccup restarts every pod at once instead of briefly taking them out of rotation.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app)
    {
        if (!app.IsWeb || model.Endpoints.Count != 1)
        {
            return;
        }

        var endpoint = model.Endpoints.Single();
        if (endpoint.HasPredicate != false || !model.CallsOn(StartupReceiver.HealthChecks).Any(IsDependencyCheck))
        {
            return;
        }

        var listed = StartupOptions.Get(context, endpoint.NameLocation, HealthChecksNotExposedRule.ExposingMethodsOption);
        if (model.Calls.Any(c => (c.Library & LibraryCapability.HealthEndpoints) != 0 || StartupApp.Matches(c.Method, listed)))
        {
            return;
        }

        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, endpoint.NameLocation, endpoint.Path));
    }

    /// <summary>A check that can be slow or fail for reasons outside the process: anything but an inline
    /// lambda (<c>AddCheck("self", () => HealthCheckResult.Healthy())</c> is the classic liveness check) or a publisher.</summary>
    internal static bool IsDependencyCheck(StartupCall call)
    {
        if (call.Name.EndsWith("Publisher", System.StringComparison.Ordinal))
        {
            return false;
        }

        if (call.Name is "AddCheck" or "AddAsyncCheck")
        {
            return !call.Method.TypeArguments.IsEmpty || call.Method.Parameters.Any(p => p.Type.Name == "IHealthCheck");
        }

        return true;
    }
}
