using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3001_HostWithoutHealthChecksTests
{
    private static AnalyzerTest Create(params string[] sources) => StartupTest.Create(RuleIdentifiers.HostWithoutHealthChecks, sources);

    [Fact]
    public Task Minimal_api_without_health_checks_is_reported_on_the_builder_call()
    {
        var test = Create("""
            var builder = {|#0:WebApplication.CreateBuilder(args)|};
            builder.Services.AddControllers();
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """);
        test.ExpectedMessages[0] = "'WebApplication.CreateBuilder' starts a web app whose start-up code never calls AddHealthChecks(), so the orchestrator cannot tell a broken instance from a healthy one and keeps routing traffic to it or keeps it running; call builder.Services.AddHealthChecks() and map an endpoint for the probes (app.MapHealthChecks(\"/healthz\"))";
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_template_without_health_checks_is_reported()
    {
        var test = Create(
            """
            using OrderWorker;

            var builder = {|#0:Host.CreateApplicationBuilder(args)|};
            builder.Services.AddHostedService<Worker>();
            var host = builder.Build();
            host.Run();
            """,
            StartupTest.Worker);
        test.ExpectedMessages[0] = "'Host.CreateApplicationBuilder' starts a worker service whose start-up code never calls AddHealthChecks(), so the orchestrator cannot tell a broken instance from a healthy one and keeps routing traffic to it or keeps it running; call builder.Services.AddHealthChecks() and publish the results (an IHealthCheckPublisher) so the worker's health can be watched";
        return test.RunAsync();
    }

    [Fact]
    public Task Program_main_with_startup_class_is_reported_on_the_generic_host_builder()
    {
        var test = Create("""
            namespace OrderService;

            public static class Program
            {
                public static void Main(string[] args) => CreateHostBuilder(args).Build().Run();

                public static IHostBuilder CreateHostBuilder(string[] args) =>
                    [|Host.CreateDefaultBuilder(args)|]
                        .ConfigureWebHostDefaults(web => web.UseStartup<Startup>());
            }

            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddControllers();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Generic_host_with_configure_services_lambda_and_hosted_service_is_reported()
    {
        var test = Create(
            """
            using OrderWorker;

            await [|Host.CreateDefaultBuilder(args)|]
                .ConfigureServices(services => services.AddHostedService<Worker>())
                .Build()
                .RunAsync();
            """,
            StartupTest.Worker);
        return test.RunAsync();
    }

    [Fact]
    public Task Partial_program_for_web_application_factory_is_reported_once()
        => Create(
            """
            var builder = [|WebApplication.CreateSlimBuilder(args)|];
            var app = builder.Build();
            app.MapGet("/", () => "ok");
            app.Run();

            public partial class Program;
            """,
            """
            public partial class Program
            {
                internal static string Name => "orders";
            }
            """).RunAsync();

    [Fact]
    public Task Health_checks_in_startup_configure_services_are_seen()
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

                public void Configure(IApplicationBuilder app) => app.UseHealthChecks("/healthz");
            }
            """);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Health_checks_in_the_projects_own_service_collection_extension_are_seen()
        => Create(
            """
            using OrderService.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddInfrastructure(builder.Configuration);
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            """
            namespace OrderService.Infrastructure;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
                {
                    services.AddHealthChecks();
                    return services;
                }
            }
            """).RunAsync();

    [Fact]
    public Task Class_library_with_an_infrastructure_extension_is_not_a_host()
        => Create("""
            namespace OrderService.Infrastructure;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services) => services.AddSingleton<TimeProvider>(TimeProvider.System);

                public static WebApplication BuildForTests(string[] args) => WebApplication.CreateBuilder(args).Build();
            }
            """).RunAsync();

    [Fact]
    public Task Console_tool_that_uses_the_generic_host_for_dependency_injection_is_not_a_service()
        => Create("""
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddSingleton<Importer>();
            using var host = builder.Build();
            await host.Services.GetRequiredService<Importer>().RunAsync(args);

            sealed class Importer
            {
                public Task RunAsync(string[] files) => Task.CompletedTask;
            }
            """).RunAsync();

    [Fact]
    public Task Console_tool_without_a_host_is_silent()
        => Create("""
            Console.WriteLine("migrating");
            """).RunAsync();

    [Fact]
    public Task Test_project_building_a_host_is_silent()
    {
        var test = Create("""
            public sealed class OrderApiTests
            {
                [Xunit.Fact]
                public async Task Starts()
                {
                    var builder = WebApplication.CreateBuilder();
                    await using var app = builder.Build();
                }
            }

            static class AutoGeneratedProgram
            {
                static void Main(string[] args) { }
            }
            """);
        test.StubSources.Add(StartupStubs.Xunit);
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task Aspire_service_defaults_count_as_health_checks_by_default()
    {
        var test = Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }

    [Fact]
    public Task Platform_library_that_references_the_health_check_assembly_may_add_them_and_is_not_reported()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            var app = builder.Build();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.PlatformDefaultsWithHealthChecks);
        return test.RunAsync();
    }

    [Fact]
    public Task Platform_library_without_health_checks_is_reported()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.AddPlatformDefaults();
            var app = builder.Build();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.PlatformDefaultsWithoutHealthChecks);
        return test.RunAsync();
    }

    [Fact]
    public Task Option_lists_a_platform_method_that_registers_health_checks()
    {
        var test = Create("""
            using MyCompany.Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddPlatformDefaults();
            var app = builder.Build();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.PlatformDefaultsWithoutHealthChecks);
        test.EditorConfig = """
            [*.cs]
            RDY3001.health_check_methods = MyCompany.Platform.PlatformExtensions.AddPlatformDefaults
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Option_replacing_the_defaults_makes_aspire_service_defaults_reported()
    {
        var test = Create("""
            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.Run();
            """);
        test.StubSources.Add(StartupStubs.AspireServiceDefaults);
        test.EditorConfig = """
            [*.cs]
            RDY3001.health_check_methods = AddPlatformDefaults
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Azure_functions_worker_is_silent()
    {
        var test = Create("""
            var host = new HostBuilder()
                .ConfigureFunctionsWorkerDefaults()
                .ConfigureServices(services => services.AddHostedService<Poller>())
                .Build();
            host.Run();

            sealed class Poller : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """);
        test.StubSources.Add(StartupStubs.AzureFunctions);
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_on_net8_is_reported()
    {
        var test = Create(
            """
            using OrderWorker;

            var builder = [|Host.CreateApplicationBuilder(args)|];
            builder.Services.AddHostedService<Worker>();
            builder.Build().Run();
            """,
            StartupTest.Worker);
        test.Framework = TargetFramework.Net8;
        return test.RunAsync();
    }
}
