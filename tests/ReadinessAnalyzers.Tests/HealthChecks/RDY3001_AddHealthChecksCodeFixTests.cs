using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.CodeFixes.HealthChecks;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3001_AddHealthChecksCodeFixTests
{
    private static CodeFixTest Create(string source, string fixedSource)
        => StartupTest.CreateFix(RuleIdentifiers.HostWithoutHealthChecks, new AddHealthChecksCodeFix(), source, fixedSource);

    [Fact]
    public Task Web_app_gets_the_registration_and_an_endpoint_before_run()
        => Create(
            """
            var builder = [|WebApplication.CreateBuilder(args)|];
            builder.Services.AddControllers();

            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            builder.Services.AddControllers();

            var app = builder.Build();
            app.MapControllers();
            app.MapHealthChecks("/healthz");
            app.Run();
            """).RunAsync();

    [Fact]
    public Task Web_app_without_run_gets_the_endpoint_after_build()
        => Create(
            """
            var builder = [|WebApplication.CreateBuilder(args)|];
            var app = builder.Build();
            await app.StartAsync();
            """,
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            await app.StartAsync();
            """).RunAsync();

    [Fact]
    public Task Worker_gets_the_registration()
    {
        var test = Create(
            """
            var builder = [|Host.CreateApplicationBuilder(args)|];
            builder.Services.AddHostedService<OrderWorker.Worker>();
            builder.Build().Run();
            """,
            """
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHealthChecks();
            builder.Services.AddHostedService<OrderWorker.Worker>();
            builder.Build().Run();
            """);
        test.Sources.Add(StartupTest.Worker);
        test.FixedSources.Add(StartupTest.Worker);
        return test.RunAsync();
    }

    [Fact]
    public Task Program_main_keeps_the_indentation_and_adds_missing_usings()
    {
        var test = Create(
            """
            namespace OrderService
            {
                public static class Program
                {
                    public static async System.Threading.Tasks.Task Main(string[] args)
                    {
                        var builder = [|Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args)|];
                        var app = builder.Build();
                        await app.RunAsync();
                    }
                }
            }
            """,
            """
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.AspNetCore.Builder;

            namespace OrderService
            {
                public static class Program
                {
                    public static async System.Threading.Tasks.Task Main(string[] args)
                    {
                        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
                        builder.Services.AddHealthChecks();
                        var app = builder.Build();
                        app.MapHealthChecks("/healthz");
                        await app.RunAsync();
                    }
                }
            }
            """);
        test.ImplicitUsings = false;
        test.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
