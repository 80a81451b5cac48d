using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The code fixes as a real client applies them: <c>dotnet format analyzers</c> loads the packed analyzers and
/// code fixes from the package reference and rewrites the files.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CodeFixFormatTests(PackageFixture fixture)
{
    [Fact]
    public async Task Dotnet_format_applies_the_RDY1001_fix_from_the_package()
    {
        var project = SampleProject.Web(fixture, "FormatApp")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<OrderStore>();
                var app = builder.Build();
                app.MapGet("/{id}", (string id, OrderStore store) => store.Find(id));
                app.Run();
                """)
            .With("OrderStore.cs", """
                public sealed class OrderStore
                {
                    private readonly ILogger<OrderStore> _logger;

                    public OrderStore(ILogger<OrderStore> logger) => _logger = logger;

                    public int? Find(string id)
                    {
                        try
                        {
                            return int.Parse(id);
                        }
                        catch (Exception)
                        {
                            return null;
                        }
                    }
                }
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(build.WithId("RDY1001"));

        var format = await FormatAsync(project, "RDY1001");

        var fixedText = File.ReadAllText(project.PathOf("OrderStore.cs"));
        Assert.True(fixedText.Contains("catch (Exception ex)", StringComparison.Ordinal), fixedText + "\n" + format);
        Assert.True(fixedText.Contains("_logger.LogError(ex, \"Find failed\");", StringComparison.Ordinal), fixedText + "\n" + format);

        var rebuild = await RebuildAsync(project);
        Assert.DoesNotContain("RDY1001", rebuild.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>dotnet format</c> asks the first diagnostic it meets for the fix-all key. When that catch has no logger
    /// in scope it gets no action (a null key); fix-all must still fix every catch that has one.
    /// </summary>
    [Fact]
    public async Task Dotnet_format_fixes_every_fixable_catch_when_the_first_one_has_no_logger()
    {
        var project = SampleProject.Web(fixture, "FormatFirstWithoutLogger")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<OrderStore>();
                var app = builder.Build();
                Settings.Load(args.Length > 0 ? args[0] : "80");
                app.MapGet("/{id}", (string id, OrderStore store) => store.Find(id));
                app.Run();
                """)
            .With("OrderStore.cs", """
                public static class Settings
                {
                    public static int Port { get; private set; } = 80;

                    public static void Load(string text)
                    {
                        try
                        {
                            Port = int.Parse(text);
                        }
                        catch (Exception)
                        {
                        }
                    }
                }

                public sealed class OrderStore
                {
                    private readonly ILogger<OrderStore> _logger;

                    public OrderStore(ILogger<OrderStore> logger) => _logger = logger;

                    public int? Find(string id)
                    {
                        try
                        {
                            return int.Parse(id);
                        }
                        catch (Exception)
                        {
                            return null;
                        }
                    }
                }
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(2, build.WithId("RDY1001").Count);

        var format = await FormatAsync(project, "RDY1001");
        Assert.DoesNotContain("Fix All action", format.Output, StringComparison.Ordinal);

        var fixedText = File.ReadAllText(project.PathOf("OrderStore.cs"));
        Assert.True(fixedText.Contains("_logger.LogError(ex, \"Find failed\");", StringComparison.Ordinal), fixedText + "\n" + format);
        Assert.True(Regex.Matches(fixedText, "LogError").Count == 1, "Only OrderStore has a logger:\n" + fixedText);

        var rebuild = await RebuildAsync(project);
        Assert.Single(Regex.Matches(rebuild.Output, @"OrderStore\.cs\(\d+,\d+\): warning RDY1001").Select(m => m.Value).Distinct());
    }

    // ---- RDY1004, RDY2004, RDY2005 (issue 15) ----

    /// <summary>
    /// The fixes for a blocking wait, a per-call <c>ActivitySource</c> and console output, applied together by
    /// <c>dotnet format analyzers</c> from the package: the project rebuilds with exit code 0 and none of the three
    /// diagnostics left.
    /// </summary>
    [Fact]
    public async Task Dotnet_format_applies_the_RDY1004_RDY2004_and_RDY2005_fixes_and_the_project_rebuilds_clean()
    {
        var project = SampleProject.Web(fixture, "FormatAwaitTelemetry")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<HttpClient>();
                builder.Services.AddSingleton<OrderService>();
                var app = builder.Build();
                app.MapPost("/orders/{id}", (string id, OrderService orders) => orders.PlaceAsync(id));
                app.Run();
                """)
            .With("OrderService.cs", """
                using System.Diagnostics;

                public sealed class OrderService(HttpClient http, ILogger<OrderService> logger)
                {
                    public async Task<int> PlaceAsync(string id)
                    {
                        var source = new ActivitySource("Shop.Orders");
                        using var activity = source.StartActivity("Place");
                        Console.WriteLine($"Placing {id} at {DateTime.UtcNow:O}");
                        var body = http.GetStringAsync("orders/" + id).Result;
                        await Task.Yield();
                        return body.Length;
                    }
                }
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(build.WithId("RDY1004"));
        Assert.Single(build.WithId("RDY2004"));
        Assert.Single(build.WithId("RDY2005"));

        // One run per rule, as a team would apply them one at a time (and so that no run works from diagnostics
        // another fixer in the same run has moved).
        var formats = new List<CommandResult>();
        foreach (var id in new[] { "RDY2004", "RDY2005", "RDY1004" })
        {
            formats.Add(await FormatAsync(project, id));
        }

        var fixedText = File.ReadAllText(project.PathOf("OrderService.cs"));
        foreach (var expected in new[]
                 {
                     "private static readonly ActivitySource ShopOrdersActivitySource = new ActivitySource(\"Shop.Orders\");",
                     "var source = ShopOrdersActivitySource;",
                     "logger.LogInformation(\"Placing {Id} at {DateTimeUtcNow:O}\", id, DateTime.UtcNow);",
                     "var body = await http.GetStringAsync(\"orders/\" + id);",
                 })
        {
            Assert.True(fixedText.Contains(expected, StringComparison.Ordinal), $"Missing: {expected}\n{fixedText}\n{string.Join('\n', formats)}");
        }

        var rebuild = await RebuildAsync(project);
        Assert.DoesNotContain("RDY1004", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY2004", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY2005", rebuild.Output, StringComparison.Ordinal);
    }

    // ---- end of RDY1004, RDY2004, RDY2005 ----

    /// <summary>
    /// The configuration fixes change an additional file (appsettings.json) besides the code, and RDY3003 is a
    /// compilation-end rule whose fix edits two places: <c>dotnet format</c> applies all three on a web project, and
    /// the result builds clean of them with the settings file still valid JSON holding the moved values.
    /// </summary>
    [Fact]
    public async Task Dotnet_format_applies_the_configuration_and_health_endpoint_fixes()
    {
        // RDY3003 is Info by default, which the build does not print; raised so the build shows it before and after.
        var project = SampleProject.Web(fixture, "FormatSettingsApp")
            .With(".editorconfig", """
                root = true

                [*.cs]
                dotnet_diagnostic.RDY3003.severity = warning
                """)
            .With("appsettings.json", """
                {
                  "Logging": {
                    "LogLevel": {
                      "Default": "Information"
                    }
                  },
                  "AllowedHosts": "*"
                }
                """)
            .With("Program.cs", """
                using Microsoft.Extensions.Diagnostics.HealthChecks;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks().AddCheck<DatabaseCheck>("db");
                var catalog = new Uri("https://catalog-api.corp.internal/v1/");
                var orders = "Server=sql-prod.corp.internal;Database=Orders;Integrated Security=true";
                var app = builder.Build();
                app.MapHealthChecks("/healthz");
                app.MapGet("/", () => catalog.Host + orders.Length);
                app.Run();

                sealed class DatabaseCheck : IHealthCheck
                {
                    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                        => Task.FromResult(HealthCheckResult.Healthy());
                }
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(build.WithId("RDY4001"));
        Assert.Single(build.WithId("RDY4003"));
        Assert.Single(build.WithId("RDY3003"));

        var format = await FormatAsync(project, "RDY4001", "RDY4003", "RDY3003");

        var program = File.ReadAllText(project.PathOf("Program.cs"));
        var settings = File.ReadAllText(project.PathOf("appsettings.json"));
        var report = program + "\n" + settings + "\n" + format;
        Assert.True(program.Contains("var orders = builder.Configuration.GetConnectionString(\"Orders\") ?? throw new InvalidOperationException(\"Connection string 'Orders' is missing.\");", StringComparison.Ordinal), report);
        Assert.True(program.Contains("new Uri(builder.Configuration[\"Services:CatalogApi:Url\"] ?? throw new InvalidOperationException(", StringComparison.Ordinal), report);
        Assert.True(program.Contains(".AddCheck<DatabaseCheck>(\"db\", tags: new[] { \"ready\" });", StringComparison.Ordinal), report);
        Assert.True(program.Contains("app.MapHealthChecks(\"/healthz\", new HealthCheckOptions { Predicate = r => r.Tags.Contains(\"ready\") });", StringComparison.Ordinal), report);
        Assert.True(program.Contains("app.MapHealthChecks(\"/healthz/live\", new HealthCheckOptions { Predicate = _ => false });", StringComparison.Ordinal), report);

        using (var json = System.Text.Json.JsonDocument.Parse(settings))
        {
            var root = json.RootElement;
            Assert.Equal("*", root.GetProperty("AllowedHosts").GetString());
            Assert.Equal("Information", root.GetProperty("Logging").GetProperty("LogLevel").GetProperty("Default").GetString());
            Assert.Equal("Server=sql-prod.corp.internal;Database=Orders;Integrated Security=true", root.GetProperty("ConnectionStrings").GetProperty("Orders").GetString());
            Assert.Equal("https://catalog-api.corp.internal/v1/", root.GetProperty("Services").GetProperty("CatalogApi").GetProperty("Url").GetString());
        }

        var rebuild = await RebuildAsync(project);
        Assert.DoesNotContain("RDY4001", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY4003", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY3003", rebuild.Output, StringComparison.Ordinal);
    }

    /// <summary>RDY3006 offers two actions; <c>dotnet format</c> applies the first, the status-only writer (the page says so).</summary>
    [Fact]
    public async Task Dotnet_format_applies_the_status_only_writer_for_RDY3006()
    {
        var project = SampleProject.Web(fixture, "FormatLeakApp")
            .With("Program.cs", """
                using Microsoft.AspNetCore.Diagnostics.HealthChecks;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                var app = builder.Build();
                app.MapHealthChecks("/healthz", new HealthCheckOptions
                {
                    ResponseWriter = (context, report) => context.Response.WriteAsync(string.Join(",", report.Entries.Select(e => e.Value.Exception?.Message))),
                });
                app.Run();
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(build.WithId("RDY3006"));

        var format = await FormatAsync(project, "RDY3006");

        var program = File.ReadAllText(project.PathOf("Program.cs"));
        Assert.True(program.Contains("ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status.ToString()),", StringComparison.Ordinal), program + "\n" + format);
        Assert.DoesNotContain("RequireHost", program, StringComparison.Ordinal);

        var rebuild = await RebuildAsync(project);
        Assert.DoesNotContain("RDY3006", rebuild.Output, StringComparison.Ordinal);
    }

    /// <summary><c>dotnet format analyzers</c> for <paramref name="diagnostics"/> at warning severity; asserts it succeeded.</summary>
    private async Task<CommandResult> FormatAsync(SampleProject project, params string[] diagnostics)
    {
        var format = await DotNet.RunToolAsync(
            project.Directory,
            fixture.NuGetPackages,
            ["format", "analyzers", project.Name + ".csproj", "--diagnostics", .. diagnostics, "--severity", "warn", "--no-restore"]);
        Assert.True(format.ExitCode == 0, format.ToString());
        return format;
    }

    /// <summary>The build after the fixes, without restore; asserts it succeeded.</summary>
    private async Task<CommandResult> RebuildAsync(SampleProject project)
    {
        var rebuild = await DotNet.RunAsync(project.Directory, fixture.NuGetPackages, "build", project.Name + ".csproj", "-tl:off", "--no-restore");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        return rebuild;
    }
}
