using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>The descriptors of the deployment-descriptor rules (issue 14): RDY3008–RDY3011 compare the descriptors
/// with the start-up model at the host analyzer's compilation end (<see cref="DeploymentCheck"/>), RDY3012 and RDY3013
/// need no code and come from <see cref="DeploymentDescriptorAnalyzer"/>.</summary>
internal static class DeploymentRules
{
    public static readonly DiagnosticDescriptor ProbePathNotMapped = RuleDescriptors.Create(
        RuleIdentifiers.ProbePathNotMapped,
        title: "Probe path not mapped",
        messageFormat: "{0} calls '{1}', but the app maps its health endpoints at {2}; every check gets a 404, so {3}; point it at one of them",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Kubernetes probe or a Dockerfile/compose HEALTHCHECK that calls a path the app does not map never succeeds: a failing liveness probe restarts every pod in a loop, a failing readiness probe keeps the pods out of the load balancer.",
        customTags: RuleTags.CompilationEnd);

    public static readonly DiagnosticDescriptor LivenessProbeChecksDependencies = RuleDescriptors.Create(
        RuleIdentifiers.LivenessProbeChecksDependencies,
        title: "Liveness probe checks dependencies",
        messageFormat: "The liveness probe of container '{0}' calls '{1}', which runs the dependency checks {2}; when one of those dependencies is slow or down, every pod fails liveness and Kubernetes restarts healthy pods across the fleet; point liveness at an endpoint that runs no dependency checks (Predicate = _ => false) and keep '{1}' for the readiness probe",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Liveness answers 'is this process stuck?'; a restart cannot fix a database outage. A liveness probe on an endpoint that checks dependencies turns a dependency blip into a restart storm of every replica at once.",
        customTags: RuleTags.CompilationEnd);

    public static readonly DiagnosticDescriptor ProbePortNotListened = RuleDescriptors.Create(
        RuleIdentifiers.ProbePortNotListened,
        title: "Probe port not listened on",
        messageFormat: "{0} targets port {1}, but the app listens on {2}; the check can never connect, so {3}; use the port the app listens on",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A probe on a port nothing listens on always fails. The classic case: .NET 8 and later container images listen on 8080 (ASPNETCORE_HTTP_PORTS), not 80 as before.",
        customTags: RuleTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NoReadinessProbe = RuleDescriptors.Create(
        RuleIdentifiers.NoReadinessProbe,
        title: "No readiness probe",
        messageFormat: "Container '{0}' of {1} has no readiness probe, although the app maps health endpoints ({2}); Kubernetes sends it traffic from the moment the container starts, before the app is ready, and keeps sending it during shutdown; add a readinessProbe (httpGet path '{3}')",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without a readiness probe a pod counts as ready the moment its container starts: requests reach it while it is still warming up, while it shuts down and while it cannot reach its dependencies.",
        customTags: RuleTags.CompilationEnd);

    public static readonly DiagnosticDescriptor HealthCheckToolMissing = RuleDescriptors.Create(
        RuleIdentifiers.HealthCheckToolMissing,
        title: "HEALTHCHECK tool missing in the image",
        messageFormat: "The HEALTHCHECK runs {0}, but the final image '{1}' {2} and the Dockerfile does not install it; the check always fails, so the container is always reported unhealthy; {3}",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The .NET aspnet and runtime images ship neither curl nor (on Debian and Ubuntu) wget, and chiseled or distroless images have no shell at all. A HEALTHCHECK that needs them fails every time.",
        customTags: RuleTags.Default);

    public static readonly DiagnosticDescriptor DescriptorUnreadable = RuleDescriptors.Create(
        RuleIdentifiers.DeploymentDescriptorUnreadable,
        title: "Deployment descriptor cannot be read",
        messageFormat: "'{0}' cannot be read as a {1}: {2} (line {3}); the deployment checks skip this file, and {4} rejects it too, so fix it",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A Dockerfile, Kubernetes manifest or docker-compose file that does not parse fails the deployment that uses it, and none of the deployment checks can look at it.",
        customTags: RuleTags.Default);
}
