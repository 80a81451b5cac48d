using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// The code the benchmarks analyse: the sample service's sources plus a synthetic service of the given size,
/// written in the shapes the rules look at (controllers, workers, catch blocks, start-up, settings).
/// </summary>
internal static class ServiceCorpus
{
    public static List<(string Path, string Text)> Sources(int syntheticTypes)
    {
        var sources = new List<(string, string)>();
        var sample = Path.Combine(FindRepositoryRoot(), "samples", "OrderService");
        foreach (var file in Directory.EnumerateFiles(sample, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", System.StringComparison.Ordinal) && !f.Contains("/bin/", System.StringComparison.Ordinal)))
        {
            sources.Add(("/src/sample/" + Path.GetRelativePath(sample, file), File.ReadAllText(file)));
        }

        for (var i = 0; i < syntheticTypes; i++)
        {
            sources.Add(($"/src/synthetic/Service{i}.cs", SyntheticService(i)));
        }

        return sources;
    }

    private static string SyntheticService(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System.Diagnostics;
            using Microsoft.AspNetCore.Mvc;
            namespace Synthetic.N{{n}};

            public sealed class Worker{{n}}(ILogger<Worker{{n}}> logger, HttpClient client) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        try
                        {
                            var body = await client.GetStringAsync("/items/{{n}}", stoppingToken);
                            logger.LogInformation("Fetched {Length}", body.Length);
                        }
                        catch (HttpRequestException ex)
                        {
                            logger.LogError(ex, "Fetch failed");
                        }
                        catch (Exception)
                        {
                        }

                        await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken);
                    }
                }
            }

            [ApiController]
            [Route("api/items{{n}}")]
            public sealed class ItemsController{{n}}(ILogger<ItemsController{{n}}> logger) : ControllerBase
            {
                private static readonly ActivitySource Source = new("Synthetic{{n}}");

                [HttpGet("{id}")]
                public async Task<IActionResult> Get(string id)
                {
                    using var activity = Source.StartActivity("get");
                    try
                    {
                        await Task.Yield();
                        return Ok(id);
                    }
                    catch (Exception ex)
                    {
                        logger.LogError("Get failed: " + ex.Message);
                        return Problem();
                    }
                }

                private int? Parse(string text)
                {
                    try { return int.Parse(text); }
                    catch (FormatException) { return null; }
                }
            }
            """;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(System.AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReadinessAnalyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }
}
