using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.CodeFixes.HealthChecks;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3006_HealthEndpointLeaksInternalsCodeFixTests
{
    private const string StatusOnly = "RDY3006.WriteStatusOnly";
    private const string ManagementPort = "RDY3006.RequireManagementPort";

    private static CodeFixTest Create(string source, string fixedSource, string? equivalenceKey)
    {
        var test = StartupTest.CreateFix(RuleIdentifiers.HealthEndpointLeaksInternals, new HealthEndpointLeaksInternalsCodeFix(), source, fixedSource);
        test.StubSources.Add(StartupStubs.XabarilHealthChecks);
        test.CodeActionEquivalenceKey = equivalenceKey;
        return test;
    }

    [Fact]
    public Task A_leaking_lambda_writer_is_replaced_by_one_that_writes_only_the_status()
        => Create(
            """
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
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz", new()
            {
                ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status.ToString()),
            }).AllowAnonymous();
            app.Run();
            """,
            StatusOnly).RunAsync();

    [Fact]
    public Task A_library_writer_is_replaced_and_the_lambda_avoids_names_in_scope()
        => Create(
            """
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            var context = "orders";
            app.[|MapHealthChecks|]("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            app.Run();
            """,
            """
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            var context = "orders";
            app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = (httpContext, report) => httpContext.Response.WriteAsync(report.Status.ToString()) });
            app.Run();
            """,
            StatusOnly).RunAsync();

    [Fact]
    public Task The_endpoint_can_be_restricted_to_the_internal_management_port()
        => Create(
            """
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.[|MapHealthChecks|]("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
            app.[|MapHealthChecks|]("/health/all", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).AllowAnonymous();
            app.Run();
            """,
            """
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).RequireHost("*:8081");
            app.MapHealthChecks("/health/all", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse }).AllowAnonymous().RequireHost("*:8081");
            app.Run();
            """,
            ManagementPort).RunAsync();

    /// <summary>A Startup class with a leaking middleware endpoint and a leaking endpoint mapped in a lambda body.</summary>
    private const string StartupSource = """
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
                app.[|UseHealthChecks|]("/health/raw", new HealthCheckOptions { ResponseWriter = (context, report) => context.Response.WriteAsync(JsonSerializer.Serialize(report)) });
                app.UseRouting();
                app.UseEndpoints(endpoints => endpoints.[|MapHealthChecks|]("/health", new HealthCheckOptions
                {
                    ResponseWriter = (context, report) => context.Response.WriteAsync(JsonSerializer.Serialize(report)),
                }));
            }
        }
        """;

    [Fact]
    public Task Startup_endpoints_get_the_port_in_a_lambda_body_and_the_middleware_gets_the_port_overload()
    {
        var test = Create(
            StartupSource,
            Unmarked(StartupSource)
                .Replace("UseHealthChecks(\"/health/raw\", new", "UseHealthChecks(\"/health/raw\", 8081, new", System.StringComparison.Ordinal)
                .Replace("        }));", "        }).RequireHost(\"*:8081\"));", System.StringComparison.Ordinal),
            ManagementPort);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Startup_writers_are_replaced_in_the_middleware_and_in_a_lambda_body()
    {
        var test = Create(
            StartupSource,
            Unmarked(StartupSource)
                .Replace("context.Response.WriteAsync(JsonSerializer.Serialize(report))", "context.Response.WriteAsync(report.Status.ToString())", System.StringComparison.Ordinal),
            StatusOnly);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task An_endpoint_mapped_in_an_extension_method_is_restricted_too()
    {
        const string Source = """
            using HealthChecks.UI.Client;
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapPlatformHealth();
            app.Run();

            public static class PlatformEndpoints
            {
                public static IEndpointRouteBuilder MapPlatformHealth(this IEndpointRouteBuilder endpoints)
                {
                    endpoints.[|MapHealthChecks|]("/health", new HealthCheckOptions { ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse });
                    return endpoints;
                }
            }
            """;
        return Create(
            Source,
            Unmarked(Source).Replace("WriteHealthCheckUIResponse });", "WriteHealthCheckUIResponse }).RequireHost(\"*:8081\");", System.StringComparison.Ordinal),
            ManagementPort).RunAsync();
    }

    private static string Unmarked(string source) => Markup.Strip(source);
}
