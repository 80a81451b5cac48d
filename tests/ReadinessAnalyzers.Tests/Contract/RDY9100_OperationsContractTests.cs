using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Contract;
using ReadinessAnalyzers.HealthChecks.Startup;
using ReadinessAnalyzers.Telemetry;
using ReadinessAnalyzers.Testing;
using ReadinessAnalyzers.Tests.HealthChecks;
using ReadinessAnalyzers.Tests.Telemetry;

namespace ReadinessAnalyzers.Tests.Contract;

/// <summary>
/// RDY9100, the operations contract: the start-up model's "host" part and RDY2007's "telemetry" part, reported as
/// one Info diagnostic each without location, only when the build requests it (<c>build_property.ReadinessContract</c>).
/// </summary>
public sealed class RDY9100_OperationsContractTests
{
    private const string Requested = "build_property.ReadinessContract = true\n";

    /// <summary>AddDbContextCheck with the real signature's tags parameter (the start-up stubs omit it).</summary>
    private const string EntityFrameworkCoreHealthChecks = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class EntityFrameworkCoreHealthChecksBuilderExtensions
            {
                public static IHealthChecksBuilder AddDbContextCheck<TContext>(this IHealthChecksBuilder builder, string? name = null, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus? failureStatus = null, System.Collections.Generic.IEnumerable<string>? tags = null)
                    where TContext : Microsoft.EntityFrameworkCore.DbContext => builder;
            }
        }
        """;

    private const string Host = """
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://*:8080");
        builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(8081));
        builder.Services.AddDbContext<OrdersDb>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("Orders")));
        builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: new[] { "live" })
            .AddDbContextCheck<OrdersDb>(tags: new[] { "ready" });
        builder.Services.AddHostedService<OutboxPublisher>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource("Orders.Api"))
            .WithMetrics(m => m.AddMeter("Orders.*"));
        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") }).RequireHost("*:8081");
        app.Run();

        public sealed class OrdersDb(DbContextOptions<OrdersDb> options) : DbContext(options);

        public sealed class OutboxPublisher(ILogger<OutboxPublisher> logger) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                using var activity = OrdersTelemetry.Outbox.StartActivity("publish");
                logger.LogInformation("Publishing");
                await Task.Delay(1000, stoppingToken);
            }
        }

        public static class OrdersTelemetry
        {
            public static readonly ActivitySource Api = new("Orders.Api");
            public static readonly ActivitySource Outbox = new("Orders.Outbox");
            public static readonly Meter Meter = new("Orders.Checkout");
        }
        """;

    private const string Settings = """
        {
          "Kestrel": { "Endpoints": { "Https": { "Url": "https://*:8443" } } },
          "ConnectionStrings": { "Orders": "Host=db" }
        }
        """;

    [Fact]
    public async Task Nothing_is_reported_when_the_build_does_not_request_the_contract()
    {
        Assert.Empty(await ContractAsync(null, Host));
        Assert.Empty(await ContractAsync("build_property.ReadinessContract = false\n", Host));
    }

    [Fact]
    public async Task The_diagnostic_is_info_without_location_and_not_configurable()
    {
        var diagnostics = await ContractAsync(Requested + "dotnet_diagnostic.RDY9100.severity = error\ndotnet_analyzer_diagnostic.severity = none\n", Host);
        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(RuleIdentifiers.OperationsContract, d.Id);
            Assert.Equal(DiagnosticSeverity.Info, d.Severity);
            Assert.Equal(Location.None, d.Location);
            Assert.False(d.IsSuppressed);
        });
        Assert.Equal(["host", "telemetry"], diagnostics.Select(d => d.Properties[ContractChannel.SectionKey]).OrderBy(s => s));
    }

    [Fact]
    public async Task The_host_part_of_a_minimal_api_lists_endpoints_checks_addresses_dependencies_and_hosted_services()
    {
        var host = Part(await ContractAsync(Requested, Host), "host");
        Assert.Equal("web", host.GetProperty("kind").GetString());
        Assert.Equal("WebApplication.CreateBuilder", host.GetProperty("hostBuilder").GetProperty("call").GetString());
        Assert.Equal("/src/Test0.cs", host.GetProperty("hostBuilder").GetProperty("file").GetString());
        Assert.Equal(7, host.GetProperty("hostBuilder").GetProperty("line").GetInt32());

        var checks = host.GetProperty("healthChecks").EnumerateArray().ToList();
        Assert.Equal(["self", "OrdersDb"], checks.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["AddCheck", "AddDbContextCheck<OrdersDb>"], checks.Select(c => c.GetProperty("registration").GetString()));
        Assert.Equal(["live"], Strings(checks[0].GetProperty("tags")));
        Assert.Equal(["ready"], Strings(checks[1].GetProperty("tags")));

        var endpoints = host.GetProperty("healthEndpoints").EnumerateArray().ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.Equal("/health/live", endpoints[0].GetProperty("path").GetString());
        Assert.Equal("liveness", endpoints[0].GetProperty("role").GetString());
        Assert.Equal("tags", endpoints[0].GetProperty("selection").GetString());
        Assert.Equal(["live"], Strings(endpoints[0].GetProperty("selected")));
        Assert.Equal(["self"], Strings(endpoints[0].GetProperty("checks")));
        Assert.Empty(Strings(endpoints[0].GetProperty("restrictions")));
        Assert.Equal(20, endpoints[0].GetProperty("line").GetInt32());
        Assert.Equal("/health/ready", endpoints[1].GetProperty("path").GetString());
        Assert.Equal("readiness", endpoints[1].GetProperty("role").GetString());
        Assert.Equal(["OrdersDb"], Strings(endpoints[1].GetProperty("checks")));
        Assert.Equal(["RequireHost(*:8081)"], Strings(endpoints[1].GetProperty("restrictions")));

        var listen = host.GetProperty("listen").EnumerateArray().ToList();
        Assert.Equal(["http://*:8080", "http://*:8081", "https://*:8443"], listen.Select(l => l.GetProperty("address").GetString()));
        Assert.Equal(["UseUrls", "ListenAnyIP", "appsettings.json: Kestrel:Endpoints:Https:Url"], listen.Select(l => l.GetProperty("source").GetString()));
        Assert.Equal("/src/appsettings.json", listen[2].GetProperty("file").GetString());
        Assert.Equal(2, listen[2].GetProperty("line").GetInt32());

        var dependencies = host.GetProperty("dependencies").EnumerateArray().ToList();
        Assert.Equal(2, dependencies.Count);
        Assert.Equal("AddDbContext<OrdersDb>", dependencies[0].GetProperty("registration").GetString());
        Assert.Equal("the database behind 'OrdersDb'", dependencies[0].GetProperty("dependency").GetString());
        Assert.Equal("OrdersDb", dependencies[0].GetProperty("coveredBy").GetString());
        Assert.Equal(10, dependencies[0].GetProperty("line").GetInt32());
        Assert.Equal("AddStackExchangeRedisCache", dependencies[1].GetProperty("registration").GetString());
        Assert.Equal(JsonValueKind.Null, dependencies[1].GetProperty("coveredBy").ValueKind);

        var hosted = Assert.Single(host.GetProperty("hostedServices").EnumerateArray());
        Assert.Equal("OutboxPublisher", hosted.GetProperty("type").GetString());
        Assert.Equal("OutboxPublisher", hosted.GetProperty("logCategory").GetString());
        Assert.Equal(15, hosted.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task The_telemetry_part_says_which_sources_and_meters_the_visible_pipeline_exports()
    {
        var sources = Part(await ContractAsync(Requested, Host), "telemetry").GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(
            ["ActivitySource Orders.Api yes", "ActivitySource Orders.Outbox no", "Meter Orders.Checkout yes"],
            sources.Select(s => $"{s.GetProperty("kind").GetString()} {s.GetProperty("name").GetString()} {s.GetProperty("exported").GetString()}"));
        Assert.All(sources, s => Assert.Equal("/src/Test0.cs", s.GetProperty("file").GetString()));
        Assert.Equal(39, sources[1].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Telemetry_is_unknown_when_the_pipeline_is_set_up_by_another_assembly_or_not_in_the_project()
    {
        const string ServiceDefaults = """
            using System.Diagnostics;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.Run();

            static class Telemetry { public static readonly ActivitySource Source = new("Orders.Api"); }
            """;
        var source = Assert.Single(Part(await ContractAsync(Requested, ServiceDefaults), "telemetry").GetProperty("sources").EnumerateArray());
        Assert.Equal("unknown", source.GetProperty("exported").GetString());
        Assert.Equal("the pipeline is configured by a method of another assembly", source.GetProperty("reason").GetString());

        const string Library = """
            using System.Diagnostics;

            namespace Orders.Data;

            public static class DataTelemetry { public static readonly ActivitySource Source = new("Orders.Data"); }
            """;
        var diagnostics = await ContractAsync(Requested, Library, OutputKind.DynamicallyLinkedLibrary);
        var part = Assert.Single(diagnostics);
        Assert.Equal("telemetry", part.Properties[ContractChannel.SectionKey]);
        var librarySource = Assert.Single(Part(diagnostics, "telemetry").GetProperty("sources").EnumerateArray());
        Assert.Equal("unknown", librarySource.GetProperty("exported").GetString());
        Assert.Equal("no pipeline is configured in this project", librarySource.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_worker_has_a_host_part_with_its_hosted_service_and_no_endpoints()
    {
        const string Program = """
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<OrderWorker.Worker>();
            builder.Build().Run();
            """;
        var host = Part(await ContractAsync(Requested, Program, OutputKind.ConsoleApplication, StartupTest.Worker), "host");
        Assert.Equal("worker", host.GetProperty("kind").GetString());
        Assert.Equal("Host.CreateApplicationBuilder", host.GetProperty("hostBuilder").GetProperty("call").GetString());
        Assert.Empty(host.GetProperty("healthEndpoints").EnumerateArray());
        var hosted = Assert.Single(host.GetProperty("hostedServices").EnumerateArray());
        Assert.Equal("OrderWorker.Worker", hosted.GetProperty("type").GetString());
        Assert.Equal("OrderWorker.Worker", hosted.GetProperty("logCategory").GetString());
    }

    [Fact]
    public async Task An_endpoint_that_runs_every_check_alone_is_liveness_and_readiness_and_an_unknown_predicate_runs_unknown_checks()
    {
        const string Program = """
            using Microsoft.AspNetCore.Diagnostics.HealthChecks;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks().AddCheck("self", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
            var app = builder.Build();
            app.MapHealthChecks("/healthz").RequireAuthorization("ops");
            app.Run();
            """;
        var endpoint = Assert.Single(Part(await ContractAsync(Requested, Program), "host").GetProperty("healthEndpoints").EnumerateArray());
        Assert.Equal("liveness+readiness", endpoint.GetProperty("role").GetString());
        Assert.Equal(["self"], Strings(endpoint.GetProperty("checks")));
        Assert.Equal(["RequireAuthorization(ops)"], Strings(endpoint.GetProperty("restrictions")));

        Assert.Equal("unknown", HostContract.Role("/status", "predicate", ImmutableArray<string>.Empty, 2));
        Assert.Equal("liveness", HostContract.Role("/status", "none", ImmutableArray<string>.Empty, 2));
    }

    [Fact]
    public async Task Without_OpenTelemetry_the_sources_are_still_listed_and_nothing_else_is_reported()
    {
        const string Library = """
            using System.Diagnostics;

            namespace Orders.Data;

            public static class DataTelemetry { public static readonly ActivitySource Source = new("Orders.Data"); }
            """;
        Assert.Empty(await ContractAsync(null, Library, OutputKind.DynamicallyLinkedLibrary, openTelemetry: false));
        var diagnostics = await ContractAsync(Requested, Library, OutputKind.DynamicallyLinkedLibrary, openTelemetry: false);
        var source = Assert.Single(Part(diagnostics, "telemetry").GetProperty("sources").EnumerateArray());
        Assert.Equal("Orders.Data", source.GetProperty("name").GetString());
        Assert.Equal("unknown", source.GetProperty("exported").GetString());
    }

    private static Task<ImmutableArray<Diagnostic>> ContractAsync(string? globalConfig, string source, OutputKind? outputKind = null, params string[] more)
        => ContractAsync(globalConfig, source, outputKind, openTelemetry: true, more);

    private static async Task<ImmutableArray<Diagnostic>> ContractAsync(string? globalConfig, string source, OutputKind? outputKind, bool openTelemetry, params string[] more)
    {
        var spec = new TestProjectSpec { GlobalConfig = globalConfig, OutputKind = outputKind };
        spec.Sources.Add((TestProjectSpec.SourceFolder + "Test0.cs", source));
        for (var i = 0; i < more.Length; i++)
        {
            spec.Sources.Add((TestProjectSpec.SourceFolder + "Test" + (i + 1) + ".cs", more[i]));
        }

        spec.AdditionalFiles.Add((TestProjectSpec.SourceFolder + "appsettings.json", Settings));
        spec.StubSources.Add(StartupStubs.EntityFrameworkCore);
        spec.StubSources.Add(StartupStubs.Redis);
        spec.StubSources.Add(EntityFrameworkCoreHealthChecks);
        if (openTelemetry)
        {
            spec.StubSources.Add(RDY2007_TelemetryNotExportedTests.OpenTelemetry);
        }

        var project = TestProject.Create(spec);
        var errors = project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var result = await TestProject.AnalyzeAsync(project.Compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new HostStartupAnalyzer(), new TelemetryNotExportedAnalyzer()), project.AnalyzerOptions);
        result.ThrowOnAnalyzerExceptions("in the contract test");
        return result.Diagnostics.Where(d => d.Id == RuleIdentifiers.OperationsContract).ToImmutableArray();
    }

    private static JsonElement Part(ImmutableArray<Diagnostic> diagnostics, string section)
    {
        var diagnostic = Assert.Single(diagnostics, d => d.Properties[ContractChannel.SectionKey] == section);
        return JsonDocument.Parse(diagnostic.Properties[ContractChannel.DataKey]!).RootElement;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "(null)").ToArray();
}
