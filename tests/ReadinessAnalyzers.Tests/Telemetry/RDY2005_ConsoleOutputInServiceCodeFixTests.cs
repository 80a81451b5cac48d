using System.Threading.Tasks;
using ReadinessAnalyzers.Testing;
using Verify = ReadinessAnalyzers.Testing.CodeFixVerifier<
    ReadinessAnalyzers.Telemetry.ConsoleOutputInServiceAnalyzer,
    ReadinessAnalyzers.CodeFixes.Telemetry.ConsoleOutputInServiceCodeFixProvider>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2005_ConsoleOutputInServiceCodeFixTests
{
    private const string WebSdk = """
        is_global = true
        build_property.UsingMicrosoftNETSdkWeb = true
        """;

    private static CodeFixTest Create(string source, string fixedSource)
    {
        var test = Verify.Create(source, fixedSource);
        test.GlobalConfig = WebSdk;
        return test;
    }

    private static Task VerifyFixAsync(string source, string fixedSource) => Create(source, fixedSource).RunAsync();

    private static Task VerifyNoFixAsync(string source)
    {
        var test = Create(source, source);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task An_interpolated_string_becomes_a_template_with_named_placeholders()
        => VerifyFixAsync(
            """
            public class OrderHandler(ILogger<OrderHandler> logger)
            {
                public void Handle(string id, Order order)
                {
                    [|Console.WriteLine|]($"Handling {id} for {order.Customer} ({order.Total:C}) {{retry}}\t\"{nameof(Order)}\"");
                }
            }
            public record Order(string Customer, decimal Total);
            """,
            """
            public class OrderHandler(ILogger<OrderHandler> logger)
            {
                public void Handle(string id, Order order)
                {
                    logger.LogInformation("Handling {Id} for {OrderCustomer} ({OrderTotal:C}) {{retry}}\t\"Order\"", id, order.Customer, order.Total);
                }
            }
            public record Order(string Customer, decimal Total);
            """);

    [Fact]
    public Task Console_Error_becomes_LogError_and_formats_and_concatenations_become_templates()
        => VerifyFixAsync(
            """
            public class Importer
            {
                private readonly ILogger<Importer> _logger;
                public Importer(ILogger<Importer> logger) => _logger = logger;

                public void Import(string file, int count, int[] rows)
                {
                    [|Console.Error.WriteLine|]("Import of {0} failed after {1,5:N0} rows", file, count);
                    [|Console.Out.WriteLine|]("Imported " + count + " rows from " + file);
                    [|Console.Write|](rows.Length);
                    [|Console.WriteLine|]("Done {ok}");
                }
            }
            """,
            """
            public class Importer
            {
                private readonly ILogger<Importer> _logger;
                public Importer(ILogger<Importer> logger) => _logger = logger;

                public void Import(string file, int count, int[] rows)
                {
                    _logger.LogError("Import of {File} failed after {Count,5:N0} rows", file, count);
                    _logger.LogInformation("Imported {Count} rows from {File}", count, file);
                    _logger.LogInformation("{RowsLength}", rows.Length);
                    _logger.LogInformation("Done {{ok}}");
                }
            }
            """);

    [Fact]
    public Task A_written_exception_is_logged_as_the_exception_at_error_level()
        => VerifyFixAsync(
            """
            public class Poller(ILogger<Poller> logger)
            {
                public void Poll()
                {
                    try { File.Delete("x"); }
                    catch (IOException ex) { [|Console.WriteLine|](ex); }
                }
            }
            """,
            """
            public class Poller(ILogger<Poller> logger)
            {
                public void Poll()
                {
                    try { File.Delete("x"); }
                    catch (IOException ex) { logger.LogError(ex, "Poll failed"); }
                }
            }
            """);

    [Fact]
    public Task Adds_the_logging_using_when_it_is_missing_and_names_repeated_values_uniquely()
    {
        var test = Create(
            """
            public class Sync
            {
                private readonly Microsoft.Extensions.Logging.ILogger _log;
                public Sync(Microsoft.Extensions.Logging.ILogger log) => _log = log;

                public void Run(string a, string b)
                {
                    [|System.Console.WriteLine|]($"{a.Length}-{b.Length}-{a.GetHashCode()}");
                }
            }
            """,
            """
            using Microsoft.Extensions.Logging;

            public class Sync
            {
                private readonly Microsoft.Extensions.Logging.ILogger _log;
                public Sync(Microsoft.Extensions.Logging.ILogger log) => _log = log;

                public void Run(string a, string b)
                {
                    _log.LogInformation("{ALength}-{BLength}-{AHashCode}", a.Length, b.Length, a.GetHashCode());
                }
            }
            """);
        test.ImplicitUsings = false;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_logs_every_write_that_has_a_logger()
    {
        var test = Create(
            """
            public static class Banner
            {
                public static void Print(string name) => [|Console.WriteLine|]($"== {name} ==");
            }

            public class Worker(ILogger<Worker> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        [|Console.WriteLine|]("tick");
                        [|Console.Error.WriteLine|]($"late by {DateTime.UtcNow.Second}s");
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """,
            """
            public static class Banner
            {
                public static void Print(string name) => [|Console.WriteLine|]($"== {name} ==");
            }

            public class Worker(ILogger<Worker> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogInformation("tick");
                        logger.LogError("late by {UtcNowSecond}s", DateTime.UtcNow.Second);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);
        test.NumberOfIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    // ---- No fix ----

    [Fact]
    public Task No_fix_without_a_logger_or_with_an_instance_logger_in_static_code()
        => VerifyNoFixAsync("""
            public class Plain { public void Print(int n) => [|Console.WriteLine|](n); }
            public class Owner(ILogger<Owner> logger)
            {
                public static void Print(int n) => [|Console.WriteLine|](n);
                public static void Later(List<int> items) => items.ForEach(i => [|Console.WriteLine|](i));
                public void Use() => logger.LogDebug("x");
            }
            """);

    [Fact]
    public Task No_fix_for_Debug_Trace_async_writes_empty_lines_or_a_format_that_is_not_constant()
        => VerifyNoFixAsync("""
            using System.Diagnostics;
            public class C(ILogger<C> logger)
            {
                public async Task M(string format, char[] chars, object[] values)
                {
                    [|Debug.WriteLine|]("debug");
                    [|Trace.TraceError|]("trace");
                    await [|Console.Out.WriteLineAsync|]("async");
                    [|Console.WriteLine|]();
                    [|Console.WriteLine|](format, 1);
                    [|Console.WriteLine|](chars);
                    [|Console.WriteLine|]("{1} before {0}", 1, 2);
                    [|Console.WriteLine|]("{0}", values);
                    logger.LogDebug("x");
                }
            }
            """);
}
