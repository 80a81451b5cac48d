using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>RDY3006: a health endpoint open to everyone whose response writer writes exceptions, descriptions or check data.</summary>
internal static class HealthEndpointLeaksInternalsRule
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HealthEndpointLeaksInternals,
        title: "Health endpoint leaks internals",
        messageFormat: "Health endpoint '{0}' writes {1} to anyone who can reach it, revealing host names, versions and failure details of your dependencies; write only the status there, or restrict the endpoint (.RequireAuthorization(), or .RequireHost(\"*:8081\") on an internal port)",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Health endpoints are usually reachable without authentication. A response writer that writes exception messages, stack traces, descriptions or check data hands an attacker connection targets, versions and error details whenever a dependency fails.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model)
    {
        foreach (var endpoint in model.Endpoints)
        {
            if (endpoint.IsProtected || (model.FallbackPolicy && !endpoint.AllowsAnonymous))
            {
                continue;
            }

            var leak = endpoint.WriterLeak;
            if (leak is null && endpoint.WriterMethod is { } writer)
            {
                model.LeakingWriters.TryGetValue(writer, out leak);
            }

            if (leak is not null)
            {
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, endpoint.NameLocation, endpoint.Path, leak));
            }
        }
    }
}
