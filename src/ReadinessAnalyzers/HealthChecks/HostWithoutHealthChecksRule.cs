using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>RDY3001: a web app or worker service whose start-up never calls <c>AddHealthChecks()</c>.</summary>
internal static class HostWithoutHealthChecksRule
{
    public static readonly ListOption HealthCheckMethodsOption = RuleOptions.List(
        OptionCatalog.HostWithoutHealthChecks.HealthCheckMethods,
        "Methods of other assemblies that register health checks for the app (bare or full names), e.g. your platform's `AddPlatformDefaults`. .NET Aspire's `AddServiceDefaults` is listed by default.");

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HostWithoutHealthChecks,
        title: "Host without health checks",
        messageFormat: "'{0}' starts a {1} whose start-up code never calls AddHealthChecks(), so the orchestrator cannot tell a broken instance from a healthy one and keeps routing traffic to it or keeps it running; call builder.Services.AddHealthChecks() and {2}",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A web app or worker service that offers no health signal cannot be probed: load balancers and Kubernetes keep sending work to an instance whose database is down, and a hung worker is never restarted.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app)
    {
        if (!model.AddHealthChecksCalls.IsEmpty)
        {
            return;
        }

        var listed = StartupOptions.Get(context, app.Host.Location, HealthCheckMethodsOption);
        if (model.Calls.Any(c => (c.Library & LibraryCapability.HealthChecks) != 0 || (!c.FromSource && StartupApp.Matches(c.Method, listed))))
        {
            return;
        }

        var fix = app.IsWeb
            ? "map an endpoint for the probes (app.MapHealthChecks(\"/healthz\"))"
            : "publish the results (an IHealthCheckPublisher) so the worker's health can be watched";
        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, app.Host.Location, app.Host.Display, app.KindText, fix));
    }
}
