using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.UnprotectedBackgroundWorkAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1005_UnprotectedBackgroundWorkTests
{
    private const string Queue = """
        public interface IOrderQueue
        {
            Task<string?> DequeueAsync(CancellationToken ct);
            Task ProcessAsync(string item, CancellationToken ct);
        }
        """;

    private static Task VerifyWithQueueAsync(string source) => Verify.Create(source, Queue).RunAsync();

    [Fact]
    public Task Unprotected_loop_is_reported_with_the_stop_host_message()
    {
        var test = Verify.Create("""
            public class OrderWorker(IOrderQueue queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    {|#0:while|} (!stoppingToken.IsCancellationRequested)
                    {
                        var item = await queue.DequeueAsync(stoppingToken);
                        if (item is not null) await queue.ProcessAsync(item, stoppingToken);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);
        test.Sources.Add(Queue);
        test.ExpectedMessages[0] = "An exception in this loop of 'OrderWorker.ExecuteAsync' escapes the background service and stops the whole host (HostOptions.BackgroundServiceExceptionBehavior is StopHost by default); catch and log exceptions inside the loop so one failed iteration does not end the service";
        return test.RunAsync();
    }

    [Fact]
    public Task Catch_around_the_loop_is_reported_as_a_worker_that_dies_silently()
    {
        var test = Verify.Create("""
            public class OrderWorker(IOrderQueue queue, ILogger<OrderWorker> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    try
                    {
                        {|#0:while|} (!stoppingToken.IsCancellationRequested)
                        {
                            var item = await queue.DequeueAsync(stoppingToken);
                            if (item is not null) await queue.ProcessAsync(item, stoppingToken);
                        }
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Worker failed");
                    }
                }
            }
            """);
        test.Sources.Add(Queue);
        test.ExpectedMessages[0] = "The try/catch around this loop of 'OrderWorker.ExecuteAsync' ends the worker at its first failure while the host keeps running without it; move the try/catch inside the loop (log and continue), or rethrow or stop the application deliberately";
        return test.RunAsync();
    }

    [Fact]
    public Task PeriodicTimer_await_foreach_and_narrow_catches_are_reported()
        => VerifyWithQueueAsync("""
            using System.Threading.Channels;
            public class Refresher(IOrderQueue queue, Channel<string> channel, ILogger<Refresher> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
                    [|while|] (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        try { await queue.ProcessAsync("refresh", stoppingToken); }
                        catch (HttpRequestException ex) { logger.LogWarning(ex, "Refresh failed"); }
                    }

                    await [|foreach|] (var item in channel.Reader.ReadAllAsync(stoppingToken))
                    {
                        await queue.ProcessAsync(item, stoppingToken);
                    }

                    try
                    {
                        [|for|] (;;) { await queue.ProcessAsync("x", stoppingToken); }
                    }
                    catch (OperationCanceledException) { }

                    try
                    {
                        [|do|] { await Task.Run(() => Console.WriteLine(), stoppingToken); } while (true);
                    }
                    catch (OperationCanceledException) { }
                }
            }
            """);

    // ---- Negative cases ----

    [Fact]
    public Task Loop_body_protected_by_a_general_catch_is_not_reported()
        => VerifyWithQueueAsync("""
            public class OrderWorker(IOrderQueue queue, ILogger<OrderWorker> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        try
                        {
                            var item = await queue.DequeueAsync(stoppingToken);
                            if (item is not null) await queue.ProcessAsync(item, stoppingToken);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            logger.LogError(ex, "Processing failed");
                        }

                        await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                    }
                }
            }
            """);

    [Fact]
    public Task Loop_calling_a_helper_that_catches_everything_is_not_reported()
        => VerifyWithQueueAsync("""
            public class OrderWorker(IOrderQueue queue, ILogger<OrderWorker> logger, IServiceScopeFactory scopes) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
                    while (await timer.WaitForNextTickAsync(stoppingToken))
                    {
                        using var scope = scopes.CreateScope();
                        var service = scope.ServiceProvider.GetRequiredService<IOrderQueue>();
                        logger.LogDebug("Tick");
                        await ProcessOnceAsync(stoppingToken);
                    }
                }

                private async Task ProcessOnceAsync(CancellationToken ct)
                {
                    try { await queue.ProcessAsync("x", ct); }
                    catch (Exception ex) { logger.LogError(ex, "Processing failed"); }
                }
            }
            """);

    [Fact]
    public Task Catch_around_the_loop_that_rethrows_or_stops_the_application_is_deliberate()
        => VerifyWithQueueAsync("""
            public class OrderWorker(IOrderQueue queue, ILogger<OrderWorker> logger, IHostApplicationLifetime lifetime) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    try
                    {
                        while (!stoppingToken.IsCancellationRequested) { await queue.ProcessAsync("x", stoppingToken); }
                    }
                    catch (Exception ex)
                    {
                        logger.LogCritical(ex, "Worker failed; stopping");
                        lifetime.StopApplication();
                    }

                    try
                    {
                        while (!stoppingToken.IsCancellationRequested) { await queue.ProcessAsync("y", stoppingToken); }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogCritical(ex, "Worker failed");
                        throw;
                    }
                }
            }
            """);

    [Fact]
    public Task One_shot_work_other_methods_and_non_hosted_types_are_not_reported_by_default()
        => VerifyWithQueueAsync("""
            public class Migrator(IOrderQueue queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    => await queue.ProcessAsync("migrate", stoppingToken);
            }

            public class Delegating(IOrderQueue queue) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

                private async Task RunAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested) { await queue.ProcessAsync("x", ct); }
                }
            }

            public class NotHosted(IOrderQueue queue)
            {
                public async Task ExecuteAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested) { await queue.ProcessAsync("x", ct); }
                }
            }

            public class Idle : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested) { await Task.Delay(1000, stoppingToken); }
                }
            }

            public class Spawner(IOrderQueue queue, ILogger<Spawner> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        _ = Task.Run(() => logger.LogInformation("tick"));
                        await Task.Delay(1000, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            """);

    [Fact]
    public Task Helpers_of_the_project_are_judged_by_their_bodies_one_level_deep()
        => VerifyWithQueueAsync("""
            public class Counter
            {
                private readonly Dictionary<string, int> _counts = new();
                public void Add(string key) => _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }

            public class Reporter(HttpClient client)
            {
                public Task SendAsync(string text) => client.PostAsync("/report", new StringContent(text));
            }

            public class Worker(Counter counter, Reporter reporter) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        counter.Add("tick");
                        await Task.Delay(1000, stoppingToken);
                    }

                    [|while|] (!stoppingToken.IsCancellationRequested)
                    {
                        await reporter.SendAsync("tick");
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);

    // ---- Options ----

    [Fact]
    public Task Report_one_shot_work_option_reports_unprotected_one_shot_ExecuteAsync()
        => Verify.VerifyAsync(
            """
            public class Migrator(IOrderQueue queue, ILogger<Migrator> logger) : BackgroundService
            {
                protected override async Task [|ExecuteAsync|](CancellationToken stoppingToken)
                    => await queue.ProcessAsync("migrate", stoppingToken);
            }

            public class SafeMigrator(IOrderQueue queue, ILogger<SafeMigrator> logger) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    try { await queue.ProcessAsync("migrate", stoppingToken); }
                    catch (Exception ex) { logger.LogError(ex, "Migration failed"); }
                }
            }

            public interface IOrderQueue { Task ProcessAsync(string item, CancellationToken ct); }
            """,
            """
            [*.cs]
            RDY1005.report_one_shot_work = true
            """);
}
