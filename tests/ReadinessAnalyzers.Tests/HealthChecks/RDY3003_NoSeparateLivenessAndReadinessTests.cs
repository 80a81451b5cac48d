using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3003_NoSeparateLivenessAndReadinessTests
{
    private static AnalyzerTest Create(params string[] sources) => StartupTest.Create(RuleIdentifiers.NoSeparateLivenessAndReadiness, sources);

    private const string DatabaseCheck = """
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        sealed class DatabaseCheck : IHealthCheck
        {
            public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            {
                await Task.Delay(1, cancellationToken);
                return HealthCheckResult.Unhealthy();
            }
        }
        """;

    [Fact]
    public Task One_endpoint_running_a_dependency_check_is_reported()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.{|#0:MapHealthChecks|}("/healthz");
            app.Run();
            """,
            DatabaseCheck);
        test.ExpectedMessages[0] = "'/healthz' is the only health endpoint and runs every check, including dependency checks, so a slow or failing dependency fails the liveness probe too and the orchestrator restarts healthy instances; map a liveness endpoint that runs no dependency checks (Predicate = _ => false) and a readiness endpoint filtered by tag (Predicate = r => r.Tags.Contains(\"ready\"))";
        return test.RunAsync();
    }

    [Fact]
    public Task One_endpoint_with_options_but_no_predicate_is_reported()
    {
        var test = Create("""
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddNpgSql("Host=db");
            var app = builder.Build();
            app.[|MapHealthChecks|]("/health", new HealthCheckOptions { AllowCachingResponses = false });
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.XabarilHealthChecks);
        return test.RunAsync();
    }

    [Fact]
    public Task Startup_use_health_checks_is_reported()
    {
        var test = Create(
            """
            public static class Program
            {
                public static void Main(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();
            }

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddHealthChecks().AddCheck<DatabaseCheck>("db");

                public void Configure(IApplicationBuilder app) => app.[|UseHealthChecks|]("/health");
            }
            """,
            DatabaseCheck);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Separate_liveness_and_readiness_endpoints_are_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: ["ready"]);
            var app = builder.Build();
            app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false });
            app.MapHealthChecks("/healthz/ready", new() { Predicate = r => r.Tags.Contains("ready") });
            app.Run();
            """,
            DatabaseCheck).RunAsync();

    [Fact]
    public Task One_endpoint_with_a_predicate_is_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: ["ready"]);
            var app = builder.Build();
            app.MapHealthChecks("/ready", new() { Predicate = r => r.Tags.Contains("ready") });
            app.Run();
            """,
            DatabaseCheck).RunAsync();

    [Fact]
    public Task One_endpoint_with_only_a_self_check_is_silent()
        => Create("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Options_from_a_variable_are_not_guessed()
        => Create(
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            var options = new HealthCheckOptions { Predicate = _ => false };
            app.MapHealthChecks("/healthz", options);
            app.Run();
            """,
            DatabaseCheck).RunAsync();

    [Fact]
    public Task Aspire_default_endpoints_next_to_one_mapped_endpoint_are_silent()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            DatabaseCheck);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }
}
