using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.CodeFixes.HealthChecks;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3003_NoSeparateLivenessAndReadinessCodeFixTests
{
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

    private static CodeFixTest Create(string source, string fixedSource, params (string Source, string Fixed)[] others)
    {
        var test = StartupTest.CreateFix(RuleIdentifiers.NoSeparateLivenessAndReadiness, new SeparateLivenessAndReadinessCodeFix(), source, fixedSource);
        test.StubSources.Add(StartupStubs.XabarilHealthChecks);
        foreach (var (other, otherFixed) in others)
        {
            test.Sources.Add(other);
            test.FixedSources.Add(otherFixed);
        }

        return test;
    }

    private static CodeFixTest CreateWithoutFix(string source)
    {
        var test = Create(source, source, (DatabaseCheck, DatabaseCheck));
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test;
    }

    [Fact]
    public Task The_endpoint_becomes_readiness_a_liveness_endpoint_is_added_and_the_check_is_tagged()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.[|MapHealthChecks|]("/healthz");
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: new[] { "ready" });
            var app = builder.Build();
            app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
            app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
            app.Run();
            """,
            (DatabaseCheck, DatabaseCheck)).RunAsync();

    [Fact]
    public Task Options_written_at_the_call_are_kept_and_existing_tags_are_extended()
        => Create(
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck("self", () => HealthCheckResult.Healthy())
                .AddNpgSql("Host=db", tags: new[] { "db" })
                .AddCheck<DatabaseCheck>("orders", HealthStatus.Degraded, ["db"]);
            var app = builder.Build();
            app.[|MapHealthChecks|]("/health", new HealthCheckOptions { AllowCachingResponses = false });
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks()
                .AddCheck("self", () => HealthCheckResult.Healthy())
                .AddNpgSql("Host=db", tags: new[] { "db", "ready" })
                .AddCheck<DatabaseCheck>("orders", HealthStatus.Degraded, ["db", "ready"]);
            var app = builder.Build();
            app.MapHealthChecks("/health", new HealthCheckOptions { AllowCachingResponses = false, Predicate = r => r.Tags.Contains("ready") });
            app.MapHealthChecks("/health/live", new HealthCheckOptions { AllowCachingResponses = false, Predicate = _ => false });
            app.Run();
            """,
            (DatabaseCheck, DatabaseCheck)).RunAsync();

    [Fact]
    public Task Startup_middleware_is_split_and_checks_registered_in_another_file_are_tagged()
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
                public void ConfigureServices(IServiceCollection services) => services.AddOrderChecks();

                public void Configure(IApplicationBuilder app)
                {
                    var r = 0;
                    app.[|UseHealthChecks|]("/health/");
                    app.UseRouting();
                }
            }
            """,
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            public static class Program
            {
                public static void Main(string[] args) =>
                    Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();
            }

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddOrderChecks();

                public void Configure(IApplicationBuilder app)
                {
                    var r = 0;
                    app.UseHealthChecks("/health/", new HealthCheckOptions { Predicate = registration => registration.Tags.Contains("ready") });
                    app.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
                    app.UseRouting();
                }
            }
            """,
            (
                """
                public static class OrderChecks
                {
                    public static IServiceCollection AddOrderChecks(this IServiceCollection services)
                    {
                        services.AddHealthChecks().AddCheck<DatabaseCheck>(
                            "orders",
                            failureStatus: null);
                        return services;
                    }
                }
                """,
                """
                public static class OrderChecks
                {
                    public static IServiceCollection AddOrderChecks(this IServiceCollection services)
                    {
                        services.AddHealthChecks().AddCheck<DatabaseCheck>(
                            "orders",
                            failureStatus: null, tags: new[] { "ready" });
                        return services;
                    }
                }
                """),
            (DatabaseCheck, DatabaseCheck));
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task The_liveness_path_avoids_a_path_already_written()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
            var app = builder.Build();
            app.[|MapHealthChecks|]("/healthz");
            app.MapGet("/healthz/live", () => "custom");
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: new[] { "ready" });
            var app = builder.Build();
            app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
            app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
            app.MapGet("/healthz/live", () => "custom");
            app.Run();
            """,
            (DatabaseCheck, DatabaseCheck)).RunAsync();

    [Fact]
    public Task No_fix_when_a_dependency_check_cannot_take_tags()
        => CreateWithoutFix(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db").AddRedis("redis:6379");
            var app = builder.Build();
            app.[|MapHealthChecks|]("/healthz");
            app.Run();
            """).RunAsync();

    [Fact]
    public Task No_fix_when_tags_come_from_a_variable()
        => CreateWithoutFix(
            """
            var builder = WebApplication.CreateBuilder(args);
            string[] tags = ["db"];
            builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db", tags: tags);
            var app = builder.Build();
            app.[|MapHealthChecks|]("/healthz");
            app.Run();
            """).RunAsync();

    [Fact]
    public Task No_fix_when_the_endpoint_is_not_a_statement_of_its_own()
    {
        var test = CreateWithoutFix(
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
            """);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
