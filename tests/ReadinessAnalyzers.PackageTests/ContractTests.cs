using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The operations contract end to end (rules/RDY9100.md): a real web project built against the packed package writes
/// the contract into readiness.json and readiness.md, carried from the analyzers through RDY9100 diagnostics in the
/// compiler's SARIF log, which the console never shows; <c>ReadinessContract=false</c> turns it off.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ContractTests(PackageFixture fixture)
{
    private const string Program = """
        using System.Diagnostics;
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls("http://*:8080");
        builder.Services.AddHttpClient("payments", c => c.BaseAddress = new Uri("https://payments.example.com"));
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<PaymentsCheck>("payments", tags: ["ready"]);
        builder.Services.AddHostedService<OutboxPublisher>();
        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") }).RequireHost("*:8081");
        app.Run();

        public sealed class PaymentsCheck(IHttpClientFactory factory) : IHealthCheck
        {
            public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            {
                using var response = await factory.CreateClient("payments").GetAsync("/health", cancellationToken);
                return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("payments answered " + (int)response.StatusCode);
            }
        }

        public sealed class OutboxPublisher(ILogger<OutboxPublisher> logger) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    using var activity = OrdersTelemetry.Source.StartActivity("publish");
                    logger.LogInformation("Publishing the outbox");
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }

        public static class OrdersTelemetry
        {
            public static readonly ActivitySource Source = new("Orders.Outbox");
        }
        """;

    private const string Settings = """
        {
          "Kestrel": { "Endpoints": { "Https": { "Url": "https://*:8443" } } }
        }
        """;

    [Fact]
    public async Task A_web_project_gets_its_contract_in_readiness_json_and_md_and_the_console_never_shows_RDY9100()
    {
        var project = SampleProject.Web(fixture, "ContractApp").With("Program.cs", Program).With("appsettings.json", Settings);
        var reportFolder = Path.Combine(project.Directory, "obj", "Debug", "net10.0", "readiness");
        var programPath = project.PathOf("Program.cs");

        var build = await project.BuildAsync("-v:n");
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("RDY9100", build.Command.Output, StringComparison.Ordinal);
        Assert.Contains("\"ruleId\": \"RDY9100\"", File.ReadAllText(Path.Combine(reportFolder, "compiler.sarif")), StringComparison.Ordinal);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportFolder, "readiness.json"))).RootElement;
        Assert.Equal(2, json.GetProperty("schemaVersion").GetInt32());
        Assert.DoesNotContain(json.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "RDY9100");
        var contract = json.GetProperty("contract");

        var host = contract.GetProperty("host");
        Assert.Equal("web", host.GetProperty("kind").GetString());
        var hostBuilder = host.GetProperty("hostBuilder");
        Assert.Equal("WebApplication.CreateBuilder", hostBuilder.GetProperty("call").GetString());
        Assert.Equal(programPath, hostBuilder.GetProperty("file").GetString());
        Assert.Equal(Line(project, "WebApplication.CreateBuilder"), hostBuilder.GetProperty("line").GetInt32());

        var checks = host.GetProperty("healthChecks").EnumerateArray().ToList();
        Assert.Equal(["self", "payments"], checks.Select(c => c.GetProperty("name").GetString()!));
        Assert.Equal(["AddCheck", "AddCheck<PaymentsCheck>"], checks.Select(c => c.GetProperty("registration").GetString()!));
        Assert.Equal(["live"], Strings(checks[0].GetProperty("tags")));
        Assert.Equal(["ready"], Strings(checks[1].GetProperty("tags")));
        Assert.Equal(Line(project, ".AddCheck<PaymentsCheck>"), checks[1].GetProperty("line").GetInt32());

        var endpoints = host.GetProperty("healthEndpoints").EnumerateArray().ToList();
        Assert.Equal(2, endpoints.Count);
        var (live, ready) = (endpoints[0], endpoints[1]);
        Assert.Equal("/health/live", live.GetProperty("path").GetString());
        Assert.Equal("liveness", live.GetProperty("role").GetString());
        Assert.Equal("tags", live.GetProperty("selection").GetString());
        Assert.Equal(["live"], Strings(live.GetProperty("selected")));
        Assert.Equal(["self"], Strings(live.GetProperty("checks")));
        Assert.Empty(Strings(live.GetProperty("restrictions")));
        Assert.False(live.GetProperty("allowsAnonymous").GetBoolean());
        Assert.Equal(programPath, live.GetProperty("file").GetString());
        Assert.Equal(Line(project, "app.MapHealthChecks(\"/health/live\""), live.GetProperty("line").GetInt32());
        Assert.Equal("/health/ready", ready.GetProperty("path").GetString());
        Assert.Equal("readiness", ready.GetProperty("role").GetString());
        Assert.Equal(["payments"], Strings(ready.GetProperty("checks")));
        Assert.Equal(["RequireHost(*:8081)"], Strings(ready.GetProperty("restrictions")));

        var listen = host.GetProperty("listen").EnumerateArray().ToList();
        Assert.Equal(["http://*:8080", "https://*:8443"], listen.Select(l => l.GetProperty("address").GetString()!));
        Assert.Equal(["UseUrls", "appsettings.json: Kestrel:Endpoints:Https:Url"], listen.Select(l => l.GetProperty("source").GetString()!));
        Assert.Equal(Line(project, "UseUrls"), listen[0].GetProperty("line").GetInt32());
        Assert.Equal(project.PathOf("appsettings.json"), listen[1].GetProperty("file").GetString());
        Assert.Equal(2, listen[1].GetProperty("line").GetInt32());

        var dependency = Assert.Single(host.GetProperty("dependencies").EnumerateArray());
        Assert.Equal("AddHttpClient", dependency.GetProperty("registration").GetString());
        Assert.Equal("the HTTP service 'payments'", dependency.GetProperty("dependency").GetString());
        Assert.Equal("payments", dependency.GetProperty("coveredBy").GetString());
        Assert.Equal(Line(project, "AddHttpClient"), dependency.GetProperty("line").GetInt32());

        var hosted = Assert.Single(host.GetProperty("hostedServices").EnumerateArray());
        Assert.Equal("OutboxPublisher", hosted.GetProperty("type").GetString());
        Assert.Equal("OutboxPublisher", hosted.GetProperty("logCategory").GetString());
        Assert.Equal(Line(project, "AddHostedService"), hosted.GetProperty("line").GetInt32());

        // No OpenTelemetry in this app: the source is listed, its export unknown.
        var source = Assert.Single(contract.GetProperty("telemetry").GetProperty("sources").EnumerateArray());
        Assert.Equal("ActivitySource", source.GetProperty("kind").GetString());
        Assert.Equal("Orders.Outbox", source.GetProperty("name").GetString());
        Assert.Equal("unknown", source.GetProperty("exported").GetString());
        Assert.Equal("no pipeline is configured in this project", source.GetProperty("reason").GetString());
        Assert.Equal(Line(project, "new(\"Orders.Outbox\")"), source.GetProperty("line").GetInt32());

        // The configuration part comes from the configuration rules (RDY4006): an object with keys when they report it.
        var configuration = contract.GetProperty("configuration");
        Assert.True(configuration.ValueKind == JsonValueKind.Null || configuration.GetProperty("keys").ValueKind == JsonValueKind.Array, configuration.ToString());

        var markdown = File.ReadAllText(Path.Combine(reportFolder, "readiness.md"));
        Assert.Contains("## Operations contract\n\nHost: **web**, built by `WebApplication.CreateBuilder`", markdown, StringComparison.Ordinal);
        Assert.Contains($"| `/health/ready` | readiness | `payments` | `RequireHost(*:8081)` | `Program.cs:{ready.GetProperty("line").GetInt32()}` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| the HTTP service 'payments' | `AddHttpClient` | payments |", markdown, StringComparison.Ordinal);

        // Minimal verbosity (the default) shows nothing of it either.
        var quiet = await project.BuildAsync("--no-incremental");
        Assert.True(quiet.Succeeded, quiet.ToString());
        Assert.DoesNotContain("RDY9100", quiet.Command.Output, StringComparison.Ordinal);

        // Opt-out: the analyzers report nothing, the report's contract is null.
        var off = await project.BuildAsync("-p:ReadinessContract=false");
        Assert.True(off.Succeeded, off.ToString());
        Assert.DoesNotContain("\"ruleId\": \"RDY9100\"", File.ReadAllText(Path.Combine(reportFolder, "compiler.sarif")), StringComparison.Ordinal);
        var offJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportFolder, "readiness.json"))).RootElement;
        Assert.Equal(JsonValueKind.Null, offJson.GetProperty("contract").ValueKind);
    }

    private static int Line(SampleProject project, string text) => project.PositionOf("Program.cs", text).Line;

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "(null)").ToArray();
}
