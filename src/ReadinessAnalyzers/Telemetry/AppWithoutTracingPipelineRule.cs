using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>RDY2006: a web app or worker service whose start-up configures no tracing or metrics pipeline.
/// Decided from the shared start-up model of <see cref="HostStartupAnalyzer"/>.</summary>
internal static class AppWithoutTracingPipelineRule
{
    public static readonly ListOption PipelineMethodsOption = RuleOptions.List(
        OptionCatalog.AppWithoutTracingPipeline.PipelineMethods,
        "Methods of other assemblies that set up tracing or metrics for the app (bare or full names), e.g. your platform's `AddPlatformTelemetry`. .NET Aspire's `AddServiceDefaults`/`ConfigureOpenTelemetry` are listed by default.");

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.AppWithoutTracingPipeline,
        title: "App without a tracing or metrics pipeline",
        messageFormat: "'{0}' starts a {1} whose start-up configures no tracing or metrics pipeline, so its requests, dependency calls and failures cannot be followed across services or graphed; add one (builder.Services.AddOpenTelemetry().WithTracing(…).WithMetrics(…), or Application Insights), or set this rule to none when an agent instruments the process",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Without distributed tracing and metrics, an incident in a service is investigated from logs alone: no latency percentiles, no error rates per dependency, no trace that shows which downstream call was slow.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app)
    {
        if (model.TelemetryPipeline)
        {
            return;
        }

        var listed = StartupOptions.Get(context, app.Host.Location, PipelineMethodsOption);
        if (model.Calls.Any(c => (c.Library & LibraryCapability.Telemetry) != 0 || StartupApp.Matches(c.Method, listed)))
        {
            return;
        }

        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, app.Host.Location, app.Host.Display, app.KindText));
    }
}
