using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>RDY3002: <c>AddHealthChecks()</c> is called, but no endpoint (web) or publisher (worker) makes the results visible.</summary>
internal static class HealthChecksNotExposedRule
{
    public static readonly ListOption ExposingMethodsOption = RuleOptions.List(
        OptionCatalog.HealthChecksNotExposed.ExposingMethods,
        "Methods of other assemblies that expose health checks (map an endpoint or register a publisher), bare or full names. .NET Aspire's `MapDefaultEndpoints` is listed by default.");

    public static readonly RuleOption<bool> TrustReferencedLibrariesOption = RuleOptions.Boolean(
        OptionCatalog.HealthChecksNotExposed.TrustReferencedLibraries,
        "Assume that a call into a non-framework library whose assembly references the ASP.NET Core health-check endpoint assembly (a web app) or the health-check assembly (a worker) exposes the checks. Set to false to rely only on `RDY3002.exposing_methods` and what the app itself maps.");

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HealthChecksNotExposed,
        title: "Health checks not exposed",
        messageFormat: "Health checks are registered, but {0}, so no probe ever sees a failing check; {1}",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Registered health checks do nothing until something runs them: a web app needs a health endpoint for the probes, a worker service needs a publisher (or its own probe) that reports the results.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app)
    {
        if (model.AddHealthChecksCalls.IsEmpty || model.HealthCheckServiceUsed || !model.Endpoints.IsEmpty)
        {
            return;
        }

        if (!app.IsWeb && model.Publisher)
        {
            return;
        }

        var location = StartupApp.First(model.AddHealthChecksCalls);
        var listed = StartupOptions.Get(context, location, ExposingMethodsOption);
        var libraryMightExpose = !StartupOptions.Get(context, location, TrustReferencedLibrariesOption)
            ? LibraryCapability.None
            : app.IsWeb ? LibraryCapability.HealthEndpoints : LibraryCapability.HealthChecks | LibraryCapability.HealthEndpoints;
        if (model.Calls.Any(c => (c.Library & libraryMightExpose) != 0 || StartupApp.Matches(c.Method, listed)))
        {
            return;
        }

        if (app.IsWeb)
        {
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, "no endpoint serves them", "map one for the probes (app.MapHealthChecks(\"/healthz\"))"));
        }
        else
        {
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, "nothing in this worker service publishes them", "register an IHealthCheckPublisher (services.AddSingleton<IHealthCheckPublisher, …>()) that reports them where the orchestrator or monitoring looks"));
        }
    }
}
