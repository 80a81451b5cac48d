using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.HealthChecks.HealthEndpointOnlyOutsideProductionAnalyzer>;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3007_HealthEndpointOnlyOutsideProductionTests
{
    [Fact]
    public Task Service_defaults_library_mapping_only_in_development_is_reported_at_each_call()
    {
        var test = Verify.Create("""
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            namespace MyShop.ServiceDefaults;

            public static class Extensions
            {
                public static WebApplication MapDefaultEndpoints(this WebApplication app)
                {
                    if (app.Environment.IsDevelopment())
                    {
                        app.{|#0:MapHealthChecks|}("/health");
                        app.{|#1:MapHealthChecks|}("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
                    }

                    return app;
                }
            }
            """);
        test.ExpectedMessages[0] = "'MapHealthChecks' exposes the health endpoint '/health' only inside 'if (app.Environment.IsDevelopment())', so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)";
        return test.RunAsync();
    }

    [Fact]
    public Task Early_exit_when_not_in_development_is_reported()
    {
        var test = Verify.Create("""
            public static class Probes
            {
                public static IApplicationBuilder UseProbes(this IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (!env.IsDevelopment())
                    {
                        return app;
                    }

                    return app.{|#0:UseHealthChecks|}("/healthz");
                }

                public static void MapProbes(WebApplication app)
                {
                    if (app.Environment.IsProduction()) throw new InvalidOperationException("not here");
                    app.[|MapHealthChecks|]("/healthz");
                }
            }
            """);
        test.ExpectedMessages[0] = "'UseHealthChecks' exposes the health endpoint '/healthz' only after 'if (!env.IsDevelopment()) return', so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)";
        return test.RunAsync();
    }

    [Fact]
    public Task Else_of_is_production_and_other_non_production_checks_are_reported()
    {
        var test = Verify.Create("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsProduction())
            {
                app.MapGet("/", () => "shop");
            }
            else
            {
                app.{|#0:MapHealthChecks|}("/a");
            }

            if (app.Environment.IsStaging()) app.[|MapHealthChecks|]("/b");
            if (app.Environment.IsEnvironment("Local")) app.[|MapHealthChecks|]("/c");
            if (app.Environment.EnvironmentName == "Development") app.[|MapHealthChecks|]("/d");
            if (app.Environment.IsBuild()) app.[|MapHealthChecks|]("/e");
            if (app.Environment.IsDevelopment() && args.Length > 0) app.[|MapHealthChecks|]("/f");
            if (app.Environment.EnvironmentName is "Test") app.[|MapHealthChecks|]("/g");
            switch (app.Environment.EnvironmentName)
            {
                case "Development":
                    app.{|#1:MapHealthChecks|}("/h");
                    break;
            }

            app.Run();

            static class BuildEnvironment
            {
                public static bool IsBuild(this IHostEnvironment environment) => environment.IsEnvironment("Build");
            }
            """);
        test.ExpectedMessages[0] = "'MapHealthChecks' exposes the health endpoint '/a' only in the else branch of 'if (app.Environment.IsProduction())', so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)";
        test.ExpectedMessages[1] = "'MapHealthChecks' exposes the health endpoint '/h' only in 'case \"Development\":' of 'switch (app.Environment.EnvironmentName)', so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)";
        return test.RunAsync();
    }

    [Fact]
    public Task Mapping_inside_a_callback_registered_only_in_development_is_reported()
        => Verify.VerifyAsync("""
            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    app.UseRouting();
                    if (env.IsDevelopment())
                    {
                        app.UseEndpoints(endpoints => endpoints.[|MapHealthChecks|]("/health"));
                    }
                }
            }
            """);

    [Fact]
    public Task Listed_helper_called_only_in_development_is_reported_in_the_host()
    {
        var test = Verify.Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.{|#0:MapDefaultEndpoints|}();
            }

            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        test.ExpectedMessages[0] = "'MapDefaultEndpoints' exposes the health checks only inside 'if (app.Environment.IsDevelopment())', so in production the probes find no health endpoint and cannot tell a broken instance from a healthy one; map it in every environment and restrict who can reach it instead (RequireHost, a management port, or authorization)";
        return test.RunAsync();
    }

    [Fact]
    public Task Mappings_that_run_in_production_are_not_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            if (!app.Environment.IsDevelopment()) app.MapHealthChecks("/a");
            if (app.Environment.IsProduction()) app.MapHealthChecks("/b");
            if (app.Environment.IsDevelopment()) { app.MapGet("/", () => "dev"); } else { app.MapHealthChecks("/c"); }
            if (app.Configuration.GetValue<bool>("Probes:Enabled")) app.MapHealthChecks("/d");
            if (app.Environment.IsEnvironment("Docker")) app.MapHealthChecks("/e");
            if (app.Environment.IsDevelopment() || args.Length > 0) app.MapHealthChecks("/f");
            if (app.Environment.EnvironmentName != "Development") app.MapHealthChecks("/g");
            if (app.Environment.IsDevelopment() == false) app.MapHealthChecks("/h");
            app.Run();
            """);

    [Fact]
    public Task Extra_endpoint_for_development_next_to_the_production_one_is_not_reported()
        => Verify.VerifyAsync("""
            public static class Endpoints
            {
                public static WebApplication MapProbes(this WebApplication app)
                {
                    app.MapHealthChecks("/healthz");
                    if (app.Environment.IsDevelopment())
                    {
                        app.MapHealthChecks("/health/details");
                    }

                    return app;
                }
            }
            """);

    [Fact]
    public Task Look_alike_methods_and_other_calls_in_development_are_not_reported()
        => Verify.VerifyAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
                new Monitor().MapHealthChecks("/health");
            }

            app.MapHealthChecks("/healthz");
            app.Run();

            sealed class Monitor
            {
                public void MapHealthChecks(string path) { }
            }
            """);

    [Fact]
    public Task Early_exit_inside_a_local_function_does_not_guard_the_code_after_it()
        => Verify.VerifyAsync("""
            public static class Probes
            {
                public static void Map(WebApplication app)
                {
                    Configure();
                    app.MapHealthChecks("/healthz");

                    void Configure()
                    {
                        if (!app.Environment.IsDevelopment()) return;
                        app.UseDeveloperExceptionPage();
                    }
                }
            }
            """);

    [Fact]
    public Task Options_change_the_non_production_names_and_the_listed_helpers()
    {
        var test = Verify.Create("""
            using MyCompany.Platform;

            static class Probes
            {
                // Staging is production-like here: this is the mapping that runs in production.
                public static void Staging(WebApplication app) { if (app.Environment.IsStaging()) app.MapHealthChecks("/a"); }

                public static void Preview(WebApplication app) { if (app.Environment.IsEnvironment("Preview")) app.[|MapHealthChecks|]("/b"); }

                public static void Platform(WebApplication app) { if (app.Environment.IsDevelopment()) app.[|MapPlatformEndpoints|](); }
            }

            namespace MyCompany.Platform
            {
                public static class PlatformEndpoints
                {
                    public static WebApplication MapPlatformEndpoints(this WebApplication app) => app;
                }
            }
            """);
        test.EditorConfig = """
            [*.cs]
            readiness.non_production_environments = Development, Preview
            RDY3002.exposing_methods = MyCompany.Platform.PlatformEndpoints.MapPlatformEndpoints
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Test_projects_are_not_checked()
    {
        var test = Verify.Create("""
            public sealed class ProbeTests
            {
                [Xunit.Fact]
                public void Maps()
                {
                    var app = WebApplication.Create();
                    if (app.Environment.IsDevelopment()) app.MapHealthChecks("/health");
                }
            }
            """);
        test.StubSources.Add(StartupStubs.Xunit);
        return test.RunAsync();
    }

    [Fact]
    public Task A_project_without_ASP_NET_Core_maps_no_HTTP_endpoint_and_is_not_analysed()
    {
        var test = Verify.Create("""
            using Microsoft.Extensions.Hosting;

            public static class Worker
            {
                public static IHost MapDefaultEndpoints(this IHost host) => host;

                public static void Configure(IHost host, IHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        host.MapDefaultEndpoints();
                    }
                }
            }
            """);
        test.AspNetCore = false;
        test.StubSources.Add("""
            namespace Microsoft.Extensions.Hosting
            {
                public interface IHost { }
                public interface IHostEnvironment { string EnvironmentName { get; } }
                public static class HostEnvironmentEnvExtensions
                {
                    public static bool IsDevelopment(this IHostEnvironment environment) => environment.EnvironmentName == "Development";
                }
            }
            """);
        return test.RunAsync();
    }
}
