using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3009_LivenessProbeChecksDependenciesTests
{
    private static AnalyzerTest Create(string? program, params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.LivenessProbeChecksDependencies, program, files);

    private static Descriptor Probes(string liveness, string readiness = "/healthz") => Descriptor.Kubernetes($$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ordering-api
        spec:
          template:
            spec:
              containers:
                - name: ordering-api
                  livenessProbe:
                    httpGet:
                      path: {{liveness}}
                      port: 8080
                  readinessProbe:
                    httpGet:
                      path: {{readiness}}
                      port: 8080
        """);

    private const string DatabaseCheck = """
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        sealed class DatabaseCheck : IHealthCheck
        {
            public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            {
                await Task.Delay(1, cancellationToken);
                return HealthCheckResult.Healthy();
            }
        }
        """;

    [Fact]
    public Task Liveness_probe_on_the_endpoint_that_selects_dependency_checks_by_tag_is_reported()
    {
        var test = Create(DeploymentTest.WebApp, Probes("{|#0:/healthz|}"));
        test.ExpectedMessages[0] = "The liveness probe of container 'ordering-api' calls '/healthz', which runs the dependency checks 'db'; when one of those dependencies is slow or down, every pod fails liveness and Kubernetes restarts healthy pods across the fleet; point liveness at an endpoint that runs no dependency checks (Predicate = _ => false) and keep '/healthz' for the readiness probe";
        return test.RunAsync();
    }

    [Fact]
    public Task Liveness_probe_on_the_only_endpoint_running_every_check_is_reported()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("orders-db").AddCheck<DatabaseCheck>("cache");
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();
            """,
            Probes("[|/health|]", "/health"));
        test.Sources.Add(DatabaseCheck);
        return test.RunAsync();
    }

    [Fact]
    public Task Liveness_probe_on_the_endpoint_that_selects_checks_by_name_is_reported()
    {
        var test = Create(
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.MapHealthChecks("/health/db", new HealthCheckOptions { Predicate = r => r.Name == "db" });
            app.Run();
            """,
            Probes("[|/health/db|]", "/health/db"));
        test.Sources.Add(DatabaseCheck);
        return test.RunAsync();
    }

    [Fact]
    public Task Liveness_on_the_endpoint_without_checks_and_readiness_on_the_dependency_endpoint_are_silent()
        => Create(DeploymentTest.WebApp, Probes("/alive", "/healthz")).RunAsync();

    [Fact]
    public Task Endpoint_running_only_inline_checks_is_silent()
        => Create(
            """
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapHealthChecks("/health");
            app.Run();
            """,
            Probes("/health", "/health")).RunAsync();

    [Fact]
    public Task Predicate_that_is_not_understood_is_silent()
    {
        var test = Create(
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = Filters.Live });
            app.Run();

            static class Filters
            {
                public static bool Live(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration registration) => registration.Tags.Count == 0;
            }
            """,
            Probes("/health", "/health"));
        test.Sources.Add(DatabaseCheck);
        return test.RunAsync();
    }

    [Fact]
    public Task Dependency_endpoint_of_a_workload_of_another_service_is_silent()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ordering-api
            spec:
              template:
                spec:
                  containers:
                    - name: catalog-api
                      image: eshop/catalog.api
                      livenessProbe:
                        httpGet:
                          path: /healthz
                          port: 8080
            """)).RunAsync();
}
