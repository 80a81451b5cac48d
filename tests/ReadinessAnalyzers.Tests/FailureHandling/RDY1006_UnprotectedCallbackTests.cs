using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.UnprotectedCallbackAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1006_UnprotectedCallbackTests
{
    [Fact]
    public Task Threading_timer_callback_is_reported_with_a_message()
    {
        var test = Verify.Create("""
            class CacheRefresher(HttpClient client)
            {
                private Timer? _timer;
                public void Start() => _timer = new Timer({|#0:_ =>|} client.Send(new HttpRequestMessage()), null, 0, 60_000);
            }
            """);
        test.ExpectedMessages[0] = "The Timer callback can throw outside any try/catch: an exception escaping it terminates the process; wrap its body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task Elapsed_handler_and_method_group_are_reported_with_their_consequence()
    {
        var test = Verify.Create("""
            class Poller
            {
                private readonly System.Timers.Timer _timer = new(1000);
                public void Start()
                {
                    _timer.Elapsed += {|#0:OnElapsed|};
                    _timer.Elapsed += [|async (s, e) =>|] await File.WriteAllTextAsync("x", "y");
                    _timer.Start();
                }

                private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e) => File.Delete("lock");
            }
            """);
        test.ExpectedMessages[0] = "The Timer.Elapsed callback 'OnElapsed' can throw outside any try/catch: System.Timers.Timer swallows exceptions from Elapsed handlers, so failures vanish without a trace; wrap its body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task Threads_thread_pool_items_and_dropped_Task_Run_are_reported()
        => Verify.VerifyAsync("""
            interface IRepository { Task SaveAsync(); void Save(); }
            class C(IRepository repository)
            {
                void M()
                {
                    new Thread([|() =>|] repository.Save()).Start();
                    ThreadPool.QueueUserWorkItem([|_ =>|] { repository.Save(); });
                    Task.Run([|async () =>|] await repository.SaveAsync());
                    _ = Task.Run([|() =>|] repository.Save());
                    Task.Factory.StartNew([|delegate|] { throw new InvalidOperationException(); });
                }
            }
            """);

    [Fact]
    public Task Partial_protection_is_still_reported()
        => Verify.VerifyAsync("""
            interface IRepository { void Save(); }
            class C(IRepository repository, ILogger<C> logger)
            {
                void M()
                {
                    _ = Task.Run([|() =>|]
                    {
                        repository.Save();
                        try { repository.Save(); }
                        catch (Exception ex) { logger.LogError(ex, "failed"); }
                    });
                    _ = Task.Run([|() =>|]
                    {
                        try { repository.Save(); }
                        catch (InvalidOperationException ex) { logger.LogError(ex, "failed"); }
                    });
                }
            }
            """);

    // ---- Negative cases ----

    [Fact]
    public Task Protected_callbacks_are_not_reported()
        => Verify.VerifyAsync("""
            interface IRepository { Task SaveAsync(); }
            class C(IRepository repository, ILogger<C> logger)
            {
                void M(System.Timers.Timer timer)
                {
                    var t = new Timer(_ =>
                    {
                        try { repository.SaveAsync().Wait(); }
                        catch (Exception ex) { logger.LogError(ex, "Refresh failed"); }
                    });
                    timer.Elapsed += OnElapsed;
                    _ = Task.Run(async () =>
                    {
                        try { await repository.SaveAsync(); }
                        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Save failed"); }
                    });
                    _ = Task.Run(() => SafeSaveAsync());
                    new Thread(SafeLoop).Start();
                }

                private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
                {
                    try { File.Delete("lock"); }
                    catch (Exception ex) { logger.LogError(ex, "Cleanup failed"); }
                }

                private async Task SafeSaveAsync()
                {
                    try { await repository.SaveAsync(); }
                    catch (Exception ex) { logger.LogError(ex, "Save failed"); }
                }

                private void SafeLoop()
                {
                    while (true)
                    {
                        try { File.Delete("x"); }
                        catch (Exception ex) { logger.LogError(ex, "Loop failed"); }
                    }
                }
            }
            """);

    [Fact]
    public Task Observed_tasks_and_callbacks_that_cannot_fail_are_not_reported()
        => Verify.VerifyAsync("""
            interface IRepository { void Save(); }
            class C(IRepository repository, ILogger<C> logger)
            {
                private Task? _running;
                async Task M(CancellationTokenSource cts)
                {
                    await Task.Run(() => repository.Save());
                    _running = Task.Run(() => repository.Save());
                    var t = Task.Run(() => repository.Save());
                    await t;
                    var timer = new Timer(_ => cts.Cancel());
                    var timer2 = new Timer(_ => logger.LogInformation("tick"));
                    _ = Task.Run(() => Interlocked.Increment(ref _count));
                }

                private int _count;
            }
            """);

    [Fact]
    public Task The_documented_timed_hosted_service_is_not_reported_but_a_failing_method_group_is()
    {
        var test = Verify.Create("""
            public partial class TimedHostedService(ILogger<TimedHostedService> logger, HttpClient client) : IHostedService, IDisposable
            {
                private int _executionCount;
                private Timer? _timer;
                private Timer? _refresh;

                public Task StartAsync(CancellationToken stoppingToken)
                {
                    logger.LogInformation("Timed Hosted Service running.");
                    _timer = new Timer(DoWork, null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
                    _refresh = new Timer([|Refresh|], null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
                    return Task.CompletedTask;
                }

                private void DoWork(object? state)
                {
                    var count = Interlocked.Increment(ref _executionCount);
                    logger.LogInformation("Timed Hosted Service is working. Count: {Count}", count);
                    Console.WriteLine(count.ToString());
                }

                public Task StopAsync(CancellationToken stoppingToken)
                {
                    _timer?.Change(Timeout.Infinite, 0);
                    return Task.CompletedTask;
                }

                public void Dispose() => _timer?.Dispose();
            }
            """, """
            public partial class TimedHostedService
            {
                private void Refresh(object? state) => client.Send(new HttpRequestMessage());
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task A_called_method_whose_loop_protects_itself_counts_as_protected()
        => Verify.VerifyAsync("""
            interface IRepository { Task SaveAsync(); }
            class C(IRepository repository, ILogger<C> logger)
            {
                void M(CancellationToken ct)
                {
                    _ = Task.Run(() => PumpAsync(ct));
                    _ = Task.Run([|() =>|] UnsafePumpAsync(ct));
                }

                private async Task PumpAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested)
                    {
                        try { await repository.SaveAsync(); }
                        catch (Exception ex) { logger.LogError(ex, "Save failed"); }
                        await Task.Delay(1000, ct);
                    }
                }

                private async Task UnsafePumpAsync(CancellationToken ct)
                {
                    while (!ct.IsCancellationRequested) { await repository.SaveAsync(); }
                }
            }
            """);

    [Fact]
    public Task Async_void_callbacks_are_left_to_RDY1002()
        => Verify.VerifyAsync("""
            interface IRepository { Task SaveAsync(); }
            class C(IRepository repository)
            {
                void M()
                {
                    var timer = new Timer(async _ => await repository.SaveAsync());
                    ThreadPool.QueueUserWorkItem(async _ => await repository.SaveAsync());
                    new Thread(async () => await repository.SaveAsync()).Start();
                }
            }
            """);

    // ---- Options ----

    [Fact]
    public Task Fire_and_forget_tasks_option_turns_off_Task_Run_only()
        => Verify.VerifyAsync(
            """
            interface IRepository { void Save(); }
            class C(IRepository repository)
            {
                void M()
                {
                    _ = Task.Run(() => repository.Save());
                    Task.Factory.StartNew(() => repository.Save());
                    ThreadPool.QueueUserWorkItem([|_ =>|] repository.Save());
                }
            }
            """,
            """
            [*.cs]
            RDY1006.report_fire_and_forget_tasks = false
            """);
}
