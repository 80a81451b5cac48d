using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.Tests.HealthChecks;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2006_AppWithoutTracingPipelineTests
{
    private static AnalyzerTest Create(params string[] sources) => StartupTest.Create(RuleIdentifiers.AppWithoutTracingPipeline, sources);

    private const string ApplicationInsights = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class ApplicationInsightsExtensions
            {
                public static IServiceCollection AddApplicationInsightsTelemetry(this IServiceCollection services) => services;
                public static IServiceCollection AddApplicationInsightsTelemetryWorkerService(this IServiceCollection services) => services;
            }
        }
        """;

    [Fact]
    public Task Web_app_without_tracing_or_metrics_is_reported_once_on_the_builder()
    {
        var test = Create(
            """
            var builder = {|#0:WebApplication.CreateBuilder(args)|};
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            """
            static class Helpers
            {
                public static WebApplicationBuilder Other() => WebApplication.CreateBuilder();
            }
            """);
        test.ExpectedMessages[0] = "'WebApplication.CreateBuilder' starts a web app whose start-up configures no tracing or metrics pipeline, so its requests, dependency calls and failures cannot be followed across services or graphed; add one (builder.Services.AddOpenTelemetry().WithTracing(…).WithMetrics(…), or Application Insights), or set this rule to none when an agent instruments the process";
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_without_tracing_or_metrics_is_reported()
        => Create(
            """
            using OrderWorker;

            var builder = [|Host.CreateApplicationBuilder(args)|];
            builder.Services.AddHostedService<Worker>();
            builder.Build().Run();
            """,
            StartupTest.Worker).RunAsync();

    [Fact]
    public Task Open_telemetry_in_an_infrastructure_extension_counts()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddObservability();
            builder.Build().Run();
            """,
            """
            using OpenTelemetry.Trace;

            public static class Observability
            {
                public static IServiceCollection AddObservability(this IServiceCollection services)
                {
                    services.AddOpenTelemetry().WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
                    return services;
                }
            }
            """);
        test.StubSources.Add(StartupStubs.OpenTelemetry);
        return test.RunAsync();
    }

    [Fact]
    public Task Application_insights_counts()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddApplicationInsightsTelemetry();
            builder.Build().Run();
            """);
        test.StubSources.Add(ApplicationInsights);
        return test.RunAsync();
    }

    [Fact]
    public Task Aspire_service_defaults_count_by_default()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            builder.Build().Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }

    [Fact]
    public Task Option_lists_the_platform_method_that_sets_up_telemetry()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            builder.Build().Run();
            """);
        test.StubSources.Add(StartupStubs.PlatformDefaultsWithoutHealthChecks);
        test.EditorConfig = """
            [*.cs]
            RDY2006.pipeline_methods = AddPlatformDefaults
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Without_the_option_the_platform_method_does_not_count()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.AddPlatformDefaults();
            builder.Build().Run();
            """);
        test.StubSources.Add(StartupStubs.PlatformDefaultsWithoutHealthChecks);
        return test.RunAsync();
    }

    [Fact]
    public Task Class_library_and_console_tool_are_silent()
        => Create("""
            public static class Hosting
            {
                public static IHost BuildHost(string[] args) => Host.CreateApplicationBuilder(args).Build();
            }
            """).RunAsync();

    [Fact]
    public Task Severity_none_switches_it_off()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Build().Run();
            """);
        test.EditorConfig = """
            [*.cs]
            dotnet_diagnostic.RDY2006.severity = none
            """;
        return test.RunAsync();
    }
}
