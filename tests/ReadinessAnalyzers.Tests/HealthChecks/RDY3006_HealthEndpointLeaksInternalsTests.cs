using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3006_HealthEndpointLeaksInternalsTests
{
    private static AnalyzerTest Create(params string[] sources)
    {
        var test = StartupTest.Create(RuleIdentifiers.HealthEndpointLeaksInternals, sources);
        test.StubSources.Add(StartupStubs.XabarilHealthChecks);
        return test;
    }

    [Fact]
    public Task UI_response_writer_on_a_public_endpoint_is_reported()
    {
        var test = Create("""
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.{|#0:MapHealthChecks|}("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            app.Run();
            """);
        test.ExpectedMessages[0] = "Health endpoint '/health' writes exception messages and check data (UIResponseWriter.WriteHealthCheckUIResponse) to anyone who can reach it, revealing host names, versions and failure details of your dependencies; write only the status there, or restrict the endpoint (.RequireAuthorization(), or .RequireHost(\"*:8081\") on an internal port)";
        return test.RunAsync();
    }

    [Fact]
    public Task Lambda_writer_that_writes_exception_messages_is_reported()
        => Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.[|MapHealthChecks|]("/healthz", new()
            {
                ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.Select(e => new { name = e.Key, error = e.Value.Exception?.Message }),
                }),
            }).AllowAnonymous();
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Method_group_writer_of_the_project_that_writes_descriptions_is_reported()
        => Create(
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.[|MapHealthChecks|]("/health", new HealthCheckOptions { ResponseWriter = HealthWriter.WriteAsync });
            app.Run();
            """,
            """
            using System.Text;
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            static class HealthWriter
            {
                public static Task WriteAsync(HttpContext context, HealthReport report)
                {
                    var text = new StringBuilder();
                    foreach (var (name, entry) in report.Entries)
                    {
                        text.AppendLine($"{name}: {entry.Status} {entry.Description}");
                    }

                    return context.Response.WriteAsync(text.ToString());
                }
            }
            """).RunAsync();

    [Fact]
    public Task Startup_endpoint_serializing_the_whole_report_is_reported()
    {
        var test = Create("""
            using System.Text.Json;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

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
                    app.UseEndpoints(endpoints => endpoints.[|MapHealthChecks|]("/health", new HealthCheckOptions
                    {
                        ResponseWriter = (context, report) => context.Response.WriteAsync(JsonSerializer.Serialize(report)),
                    }));
                }
            }
            """);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Protected_or_harmless_endpoints_are_silent()
        => Create("""
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/health/detail", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).RequireAuthorization("ops");
            app.MapHealthChecks("/health/internal", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).RequireHost("*:8081");
            app.MapHealthChecks("/health/ui", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponseNoExceptionDetails });
            app.MapHealthChecks("/health/status", new HealthCheckOptions
            {
                ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new { status = report.Status.ToString(), checks = report.Entries.Select(e => new { e.Key, status = e.Value.Status.ToString() }) }),
            });
            app.UseHealthChecks("/health/port", 9000, new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            app.MapGroup("/ops").RequireAuthorization().MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            var endpoint = app.MapHealthChecks("/health/later", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            endpoint.RequireAuthorization();
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Fallback_authorization_policy_protects_endpoints_unless_they_allow_anonymous()
        => Create("""
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/health/detail", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            app.[|MapHealthChecks|]("/healthz", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).AllowAnonymous();
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Platform_library_mapping_a_leaking_endpoint_is_reported()
        => Create("""
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            public static class PlatformEndpoints
            {
                public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
                {
                    endpoints.[|MapHealthChecks|]("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
                    return endpoints;
                }
            }
            """).RunAsync();
}
