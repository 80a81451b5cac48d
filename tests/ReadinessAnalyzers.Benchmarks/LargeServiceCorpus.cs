using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// A generated server code base with the density of real server code: many fields and locals (the references
/// a per-reference action would pay for), string literals of every kind (log templates, keys, SQL, URLs), catch
/// blocks, async methods, loops, a few hosted services and handlers, and one EF-migration-like file in ten (a
/// wall of string literals). Deterministic: the same count gives the same text.
/// </summary>
internal static class LargeServiceCorpus
{
    /// <summary>A stand-in for EF Core's migration API (real namespace and names, compiled as source).</summary>
    private const string MigrationApi = """
        namespace Microsoft.EntityFrameworkCore.Migrations
        {
            public sealed class ColumnBuilder
            {
                public object Column<T>(string type = null, bool nullable = false, int? maxLength = null, string defaultValueSql = null) => null;
            }

            public sealed class MigrationBuilder
            {
                public void CreateTable(string name, System.Func<ColumnBuilder, object> columns, string schema = null) { }
                public void CreateIndex(string name, string table, string column, string schema = null, bool unique = false) { }
                public void AddColumn<T>(string name, string table, string type = null, bool nullable = false, string schema = null) { }
                public void Sql(string sql) { }
                public void InsertData(string table, string[] columns, object[] values, string schema = null) { }
                public void DropTable(string name, string schema = null) { }
            }

            public abstract class Migration
            {
                protected abstract void Up(MigrationBuilder migrationBuilder);
                protected virtual void Down(MigrationBuilder migrationBuilder) { }
            }
        }
        """;

    /// <summary>A stand-in for the OpenTelemetry builders (real namespaces and names), so the rules about the
    /// telemetry pipeline (RDY2007) have something to gather.</summary>
    private const string OpenTelemetryApi = """
        namespace OpenTelemetry.Trace
        {
            public abstract class TracerProviderBuilder
            {
                public abstract TracerProviderBuilder AddSource(params string[] names);
            }
        }

        namespace OpenTelemetry.Metrics
        {
            public abstract class MeterProviderBuilder
            {
                public abstract MeterProviderBuilder AddMeter(params string[] names);
            }
        }

        namespace Large.Telemetry
        {
            public static class PipelineExtensions
            {
                public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddLargeTelemetry(
                    this Microsoft.Extensions.DependencyInjection.IServiceCollection services,
                    System.Action<OpenTelemetry.Trace.TracerProviderBuilder> tracing,
                    System.Action<OpenTelemetry.Metrics.MeterProviderBuilder> metrics) => services;
            }
        }
        """;

    public static List<(string Path, string Text)> Sources(int files)
    {
        var sources = new List<(string, string)> { ("/src/large/MigrationApi.cs", MigrationApi), ("/src/large/OpenTelemetryApi.cs", OpenTelemetryApi), ("/src/large/Program.cs", ProgramText(files)) };
        for (var i = 0; i < files; i++)
        {
            var text = (i % 10) switch
            {
                9 => Migration(i),
                3 => HostedService(i),
                _ => ServiceClass(i, methods: 1),
            };
            sources.Add(($"/src/large/F{i}.cs", text));
        }

        return sources;
    }

    /// <summary>One document of about 500 lines, the size an editor re-analyses on every keystroke.</summary>
    public static string Document500() => ServiceClass(100_000, methods: 7);

    private static string ProgramText(int files)
    {
        var builder = new StringBuilder();
        builder.AppendLine("using Microsoft.Extensions.Diagnostics.HealthChecks;");
        builder.AppendLine("var builder = WebApplication.CreateBuilder(args);");
        builder.AppendLine("builder.Services.AddHealthChecks();");
        builder.AppendLine("Large.Telemetry.PipelineExtensions.AddLargeTelemetry(builder.Services, tracing => tracing.AddSource(\"Large.*\"), metrics => metrics.AddMeter(\"Large.*\"));");
        for (var i = 3; i < files; i += 10)
        {
            builder.Append("builder.Services.AddHostedService<Large.N").Append(i).Append(".Poller").Append(i).AppendLine(">();");
        }

        builder.AppendLine("var app = builder.Build();");
        builder.AppendLine("app.MapHealthChecks(\"/healthz\");");
        builder.AppendLine("app.Run();");
        return builder.ToString();
    }

    private static string ServiceClass(int i, int methods)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder();
        builder.Append($$"""
            using System.Collections.Concurrent;
            using System.Text;
            namespace Large.N{{n}};

            public interface IStore{{n}}
            {
                Task<string?> GetAsync(string key, CancellationToken cancellationToken);
                Task SetAsync(string key, string value, CancellationToken cancellationToken);
            }

            public sealed class Service{{n}} : IStore{{n}}
            {
                private const string KeyPrefix = "svc{{n}}:";
                private const string TableName = "Items{{n}}";
                private const int MaxBatch = 128;
                private static readonly string[] Separators = [",", ";", "|"];
                private readonly ILogger<Service{{n}}> _logger;
                private readonly HttpClient _client;
                private readonly ConcurrentDictionary<string, string> _cache = new();
                private readonly SemaphoreSlim _gate = new(1, 1);
                private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
                private long _hits;
                private long _misses;
                private int _generation;
                private string _lastKey = string.Empty;

                public Service{{n}}(ILogger<Service{{n}}> logger, HttpClient client)
                {
                    _logger = logger;
                    _client = client;
                }

                public async Task<string?> GetAsync(string key, CancellationToken cancellationToken)
                {
                    var fullKey = KeyPrefix + key;
                    if (_cache.TryGetValue(fullKey, out var cached))
                    {
                        Interlocked.Increment(ref _hits);
                        return cached;
                    }

                    Interlocked.Increment(ref _misses);
                    await _gate.WaitAsync(cancellationToken);
                    try
                    {
                        var response = await _client.GetAsync($"/api/items/{key}?table={TableName}", cancellationToken);
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        _cache[fullKey] = body;
                        _lastKey = fullKey;
                        return body;
                    }
                    catch (HttpRequestException ex)
                    {
                        _logger.LogWarning(ex, "Fetching {Key} from {Table} failed", key, TableName);
                        return null;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public Task SetAsync(string key, string value, CancellationToken cancellationToken)
                {
                    var fullKey = KeyPrefix + key;
                    _cache[fullKey] = value;
                    _generation++;
                    return Task.CompletedTask;
                }

            """);
        for (var m = 0; m < methods; m++)
        {
            var k = m.ToString(CultureInfo.InvariantCulture);
            builder.Append($$"""
                    public async Task<int> Process{{k}}Async(IReadOnlyList<string> lines, CancellationToken cancellationToken)
                    {
                        var processed = 0;
                        var skipped = 0;
                        var failures = new List<string>();
                        var builder = new StringBuilder();
                        var started = DateTime.UtcNow;
                        foreach (var line in lines)
                        {
                            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("#", StringComparison.Ordinal))
                            {
                                skipped++;
                                continue;
                            }

                            var parts = line.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
                            var name = parts.Length > 0 ? parts[0].Trim() : "unknown";
                            var amount = parts.Length > 1 && decimal.TryParse(parts[1], out var parsed) ? parsed : 0m;
                            var category = parts.Length > 2 ? parts[2] : "default";
                            try
                            {
                                var existing = await GetAsync(name, cancellationToken);
                                var total = existing is null ? amount : amount + decimal.Parse(existing);
                                builder.Append(name).Append('=').Append(total).Append(';');
                                _counters[category] = _counters.TryGetValue(category, out var count) ? count + 1 : 1;
                                await SetAsync(name, total.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                                processed++;
                            }
                            catch (FormatException ex)
                            {
                                failures.Add(name);
                                _logger.LogError(ex, "Line {Line} of batch {{k}} has a malformed amount", line);
                            }
                            catch (Exception ex) when (ex is not OperationCanceledException)
                            {
                                _logger.LogError(ex, "Processing {Name} in category {Category} failed", name, category);
                                throw;
                            }

                            if (processed % MaxBatch == 0)
                            {
                                _logger.LogInformation("Processed {Count} lines in {Elapsed} ms", processed, (DateTime.UtcNow - started).TotalMilliseconds);
                            }
                        }

                        var summary = $"processed={processed};skipped={skipped};failed={failures.Count};table={TableName}";
                        _logger.LogDebug("Batch {{k}} done: {Summary}", summary);
                        return processed;
                    }

                    private string Describe{{k}}(string key, int attempt, TimeSpan elapsed)
                    {
                        var label = "attempt " + attempt + " of key " + key;
                        var hits = Interlocked.Read(ref _hits);
                        var misses = Interlocked.Read(ref _misses);
                        var ratio = hits + misses == 0 ? 0d : (double)hits / (hits + misses);
                        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}: {1:P1} hits after {2} ms ({3})", label, ratio, elapsed.TotalMilliseconds, _lastKey);
                        if (text.Length > 200)
                        {
                            text = text.Substring(0, 197) + "...";
                        }

                        return text;
                    }

                """);
        }

        builder.AppendLine("}");
        return builder.ToString();
    }

    private static string HostedService(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        return $$"""
            namespace Large.N{{n}};

            public sealed class Poller{{n}}(ILogger<Poller{{n}}> logger, IHttpClientFactory clients) : BackgroundService
            {
                private const string Endpoint = "/api/queue/{{n}}";
                private static readonly System.Diagnostics.ActivitySource Source = new("Large.N{{n}}");
                private readonly TimeSpan _interval = TimeSpan.FromSeconds(15);
                private int _failures;

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    var client = clients.CreateClient("queue");
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        try
                        {
                            using var activity = Source.StartActivity("Poll");
                            var payload = await client.GetStringAsync(Endpoint, stoppingToken);
                            var items = payload.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                            foreach (var item in items)
                            {
                                var trimmed = item.Trim();
                                if (trimmed.Length == 0)
                                {
                                    continue;
                                }

                                logger.LogInformation("Dequeued {Item} from {Endpoint}", trimmed, Endpoint);
                            }

                            _failures = 0;
                        }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                        {
                            return;
                        }
                        catch (Exception ex)
                        {
                            _failures++;
                            logger.LogError(ex, "Polling {Endpoint} failed {Failures} times", Endpoint, _failures);
                        }

                        await Task.Delay(_interval, stoppingToken);
                    }
                }
            }
            """;
    }

    private static string Migration(int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder();
        builder.Append($$"""
            using Microsoft.EntityFrameworkCore.Migrations;
            namespace Large.Migrations;

            public partial class Migration{{n}} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {

            """);
        for (var t = 0; t < 6; t++)
        {
            var table = "Table" + n + "_" + t.ToString(CultureInfo.InvariantCulture);
            builder.Append($$"""
                        migrationBuilder.CreateTable(
                            name: "{{table}}",
                            schema: "ordering",
                            columns: table => new
                            {
                                Id = table.Column<int>(type: "integer", nullable: false),
                                Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                                Description = table.Column<string>(type: "text", nullable: true),
                                Price = table.Column<decimal>(type: "numeric(18,2)", nullable: false),
                                Created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                                Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                            });
                        migrationBuilder.CreateIndex(name: "IX_{{table}}_Name", table: "{{table}}", column: "Name", schema: "ordering", unique: true);
                        migrationBuilder.AddColumn<string>(name: "Notes", table: "{{table}}", type: "text", nullable: true, schema: "ordering");
                        migrationBuilder.InsertData("{{table}}", new[] { "Id", "Name", "Status" }, new object[] { 1, "Default item", "Active" }, "ordering");
                        migrationBuilder.Sql("UPDATE \"ordering\".\"{{table}}\" SET \"Status\" = 'Active' WHERE \"Status\" IS NULL;");

                """);
        }

        builder.AppendLine("    }");
        builder.AppendLine("}");
        return builder.ToString();
    }
}
