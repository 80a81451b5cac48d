using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3002_HealthChecksNotExposedTests
{
    private static AnalyzerTest Create(params string[] sources) => StartupTest.Create(RuleIdentifiers.HealthChecksNotExposed, sources);

    [Fact]
    public Task Web_app_registering_checks_without_an_endpoint_is_reported_on_add_health_checks()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddHealthChecks|}().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapGet("/", () => "ok");
            app.Run();
            """);
        test.ExpectedMessages[0] = "Health checks are registered, but no endpoint serves them, so no probe ever sees a failing check; map one for the probes (app.MapHealthChecks(\"/healthz\"))";
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_registering_checks_without_a_publisher_is_reported()
    {
        var test = Create(
            """
            using OrderWorker;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<Worker>();
            builder.Services.{|#0:AddHealthChecks|}();
            builder.Build().Run();
            """,
            StartupTest.Worker);
        test.ExpectedMessages[0] = "Health checks are registered, but nothing in this worker service publishes them, so no probe ever sees a failing check; register an IHealthCheckPublisher (services.AddSingleton<IHealthCheckPublisher, …>()) that reports them where the orchestrator or monitoring looks";
        return test.RunAsync();
    }

    [Fact]
    public Task Registration_in_an_infrastructure_extension_is_reported_there()
        => Create(
            """
            using OrderService.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddInfrastructure();
            builder.Build().Run();
            """,
            """
            namespace OrderService.Infrastructure;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services)
                {
                    services.[|AddHealthChecks|]();
                    return services;
                }
            }
            """).RunAsync();

    [Fact]
    public Task Map_health_checks_exposes_them()
        => Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Startup_with_use_endpoints_exposes_them()
    {
        var test = Create("""
            public static class Program
            {
                public static void Main(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();
            }

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddHealthChecks();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapHealthChecks("/health"));
                }
            }
            """);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task A_hand_written_endpoint_that_runs_the_health_check_service_exposes_them()
        => Create("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapGet("/status", async (HealthCheckService health) => (await health.CheckHealthAsync()).Status.ToString());
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Worker_with_a_publisher_exposes_them()
        => Create(
            """
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using OrderWorker;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<Worker>();
            builder.Services.AddHealthChecks();
            builder.Services.AddSingleton<IHealthCheckPublisher, FileProbePublisher>();
            builder.Build().Run();

            sealed class FileProbePublisher : IHealthCheckPublisher
            {
                public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
                    => File.WriteAllTextAsync("/tmp/healthy", report.Status.ToString(), cancellationToken);
            }
            """,
            StartupTest.Worker).RunAsync();

    [Fact]
    public Task Aspire_map_default_endpoints_exposes_them_by_default()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }

    [Fact]
    public Task Option_lists_a_platform_method_that_exposes_them()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        test.EditorConfig = """
            [*.cs]
            RDY3002.exposing_methods = MapDefaultEndpoints
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Option_without_the_aspire_method_reports_it()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks|]();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        test.EditorConfig = """
            [*.cs]
            RDY3002.exposing_methods = MapPlatformEndpoints
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Class_library_registering_health_checks_is_silent()
        => Create("""
            public static class HealthRegistration
            {
                public static IServiceCollection AddOrderHealth(this IServiceCollection services)
                {
                    services.AddHealthChecks();
                    return services;
                }
            }
            """).RunAsync();

    private const string PlatformEndpoints = """
        namespace MyCompany.Platform
        {
            using Microsoft.AspNetCore.Builder;

            public static class PlatformEndpoints
            {
                public static WebApplication MapPlatformEndpoints(this WebApplication app)
                {
                    app.MapHealthChecks("/healthz");
                    return app;
                }
            }
        }
        """;

    [Fact]
    public Task Library_that_references_the_health_endpoint_assembly_is_trusted_by_default()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapPlatformEndpoints();
            app.Run();
            """);
        test.StubSources.Add(PlatformEndpoints);
        return test.RunAsync();
    }

    [Fact]
    public Task Trust_in_referenced_libraries_and_listed_methods_can_be_turned_off()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddHealthChecks|]();
            var app = builder.Build();
            app.MapPlatformEndpoints();
            app.MapDefaultEndpoints();
            app.Run();
            """);
        test.StubSources.Add(PlatformEndpoints);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        test.EditorConfig = """
            [*.cs]
            RDY3002.trust_referenced_libraries = false
            RDY3002.exposing_methods =
            """;
        return test.RunAsync();
    }
}
