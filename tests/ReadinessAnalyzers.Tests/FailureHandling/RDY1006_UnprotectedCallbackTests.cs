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
        test.ExpectedMessages[0] = "The Timer callback: 'Send()' can throw outside any try/catch; an exception escaping it terminates the process; wrap its body in try/catch that logs the exception";
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
        test.ExpectedMessages[0] = "The Timer.Elapsed callback 'OnElapsed': 'Delete()' can throw outside any try/catch; System.Timers.Timer swallows exceptions from Elapsed handlers, so failures vanish without a trace; wrap its body in try/catch that logs the exception";
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

    [Fact]
    public Task A_finally_block_that_does_IO_is_reported_and_named()
    {
        var test = Verify.Create("""
            interface IRepository { Task SaveAsync(); }
            class C(IRepository repository, Stream stream, ILogger<C> logger)
            {
                void M() => _ = Task.Run({|#0:async () =>|}
                {
                    try { await repository.SaveAsync(); }
                    catch (Exception ex) { logger.LogError(ex, "Save failed"); }
                    finally { await stream.FlushAsync(); }
                });
            }
            """);
        test.ExpectedMessages[0] = "The Task.Run callback: 'await FlushAsync()' in the finally block can throw outside any try/catch; its task is dropped, so an exception it throws is never observed or logged; wrap its body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task A_callback_invoked_in_a_catch_block_is_reported_and_named()
    {
        var test = Verify.Create("""
            delegate void Completion(Exception? error);
            class Device(ILogger<Device> logger)
            {
                public void Write(Stream stream, byte[] data, Completion done) => _ = Task.Run({|#0:async () =>|}
                {
                    try { await stream.WriteAsync(data); }
                    catch (Exception ex) { logger.LogError(ex, "Write failed"); done(ex); return; }
                    done(null);
                });
            }
            """);
        test.ExpectedMessages[0] = "The Task.Run callback: 'done()' in a catch block can throw outside any try/catch; its task is dropped, so an exception it throws is never observed or logged; wrap its body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task A_rethrow_that_nothing_logged_is_reported()
    {
        var test = Verify.Create("""
            interface IRepository { void Save(); }
            class C(IRepository repository)
            {
                private bool _failed;
                public bool Failed => _failed;
                void M() => new Thread({|#0:() =>|}
                {
                    try { repository.Save(); }
                    catch (Exception) { _failed = true; throw; }
                }).Start();
            }
            """);
        test.ExpectedMessages[0] = "The Thread callback: 'throw;' in a catch block can throw outside any try/catch; an exception escaping it terminates the process; wrap its body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task A_called_method_that_does_not_record_its_failures_is_judged_statement_by_statement()
        => Verify.VerifyAsync("""
            interface IRepository { Task SaveAsync(); }
            interface ISink { void Prepare(); }
            class C(IRepository repository, ISink sink, ILogger<C> logger)
            {
                private bool _failed;
                void M()
                {
                    _ = Task.Run([|() =>|] SwallowingAsync());
                    _ = Task.Run([|() =>|] AwaitsOutsideItsTryAsync());
                    _ = Task.Run([|() =>|] ThrowsOutsideItsTryAsync());
                }

                // The catch neither logs nor uses the exception: nothing vouches for the call before the try.
                private async Task SwallowingAsync()
                {
                    sink.Prepare();
                    try { await repository.SaveAsync(); }
                    catch (Exception) { _failed = true; }
                }

                // The catch logs, but awaited work after the try is still work.
                private async Task AwaitsOutsideItsTryAsync()
                {
                    try { await repository.SaveAsync(); }
                    catch (Exception ex) { logger.LogError(ex, "Save failed"); }
                    await repository.SaveAsync();
                }

                private async Task ThrowsOutsideItsTryAsync()
                {
                    try { await repository.SaveAsync(); }
                    catch (Exception ex) { logger.LogError(ex, "Save failed"); }
                    if (_failed) throw new InvalidOperationException("failed before");
                }
            }
            """);

    [Fact]
    public Task Interface_calls_follow_the_implementations_of_the_project()
        => Verify.VerifyAsync("""
            interface IErrorHandler { void HandleError(string message); }
            interface IAlert { void Raise(); }
            interface IUnimplemented { void Run(); }
            class LoggingErrorHandler(ILogger<LoggingErrorHandler> logger) : IErrorHandler
            {
                public void HandleError(string message) => logger.LogError("Storage error: {Message}", message);
            }
            class SafeErrorHandler(ILogger<SafeErrorHandler> logger) : IErrorHandler
            {
                public void HandleError(string message)
                {
                    try { File.AppendAllText("errors.log", message); }
                    catch (Exception ex) { logger.LogError(ex, "Could not record {Message}", message); }
                }
            }
            class RemoteAlert(HttpClient client) : IAlert
            {
                public void Raise() => client.Send(new HttpRequestMessage());
            }
            abstract class Watchdog
            {
                protected abstract void Report();
                public void Start() => _ = new Timer([|Check|]);
                private void Check(object? state) => Report();
            }
            class FileWatchdog : Watchdog
            {
                protected override void Report() => File.AppendAllText("hang.log", "hang");
            }
            class C(IErrorHandler handler, IAlert alert, IUnimplemented unimplemented)
            {
                void M()
                {
                    _ = new Timer(_ => handler.HandleError("hang"));
                    _ = new Timer([|_ =>|] alert.Raise());
                    _ = new Timer([|_ =>|] unimplemented.Run());
                }
            }
            """);

    [Fact]
    public Task A_callback_contract_invoked_by_a_timer_is_a_failure_point()
        => Verify.VerifyAsync("""
            delegate void Completion(int result);
            class Wheel
            {
                private readonly Timer _timer;
                private readonly Completion _completion;
                public Wheel(Completion completion)
                {
                    _completion = completion;
                    _timer = new Timer([|Tick|]);
                }
                private void Tick(object? state) => _completion(1);
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

    [Fact]
    public Task A_called_method_that_catches_and_logs_is_protected_despite_cleanup_and_bookkeeping()
        => Verify.VerifyAsync("""
            interface IClient { Task SendAsync(); }
            interface ISink { void Write(string text); }
            class Stats(ISink sink)
            {
                public void Count() => sink.Write("meet");
                public void Unwind(bool done) => sink.Write(done ? "ok" : "failed");
            }
            class Node(IClient client, Stats stats, SemaphoreSlim gate, ILogger<Node> logger)
            {
                public void Meet() => _ = Task.Run(() => MeetAsync());

                private async Task MeetAsync()
                {
                    var done = false;
                    stats.Count();
                    try
                    {
                        await client.SendAsync();
                        done = true;
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Meet failed");
                        stats.Unwind(done);
                    }
                    finally
                    {
                        stats.Unwind(done);
                        gate.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task Cleanup_in_the_finally_block_of_a_callback_that_catches_is_not_a_failure()
        => Verify.VerifyAsync("""
            interface IReplicator { Task ResyncAsync(); }
            interface IRoles { void Change(string role); }
            class Cluster(IReplicator replicator, IRoles roles, ILogger<Cluster> logger)
            {
                public void Resync() => _ = Task.Run(async () =>
                {
                    try { await replicator.ResyncAsync(); }
                    catch (Exception ex) { logger.LogError(ex, "Resync failed"); }
                    finally { AllowRoleChange(); }
                });

                private void AllowRoleChange() => roles.Change("any");
            }
            """);

    [Fact]
    public Task Teardown_calls_are_not_failures()
        => Verify.VerifyAsync("""
            interface IConnection { void Close(); }
            class Session(IConnection connection) { public void Dispose() => connection.Close(); }
            class Gate(IConnection connection) { public void WriteUnlock() => connection.Close(); public void ReleaseLease() => connection.Close(); }
            class Failover(Session session, Gate gate)
            {
                void Abort() => _ = Task.Run(() => Reset());

                private void Reset()
                {
                    session.Dispose();
                    gate.WriteUnlock();
                    gate.ReleaseLease();
                }
            }
            """);

    [Fact]
    public Task A_catch_that_logs_and_rethrows_while_the_finally_completes_a_task_source_is_not_reported()
        => Verify.VerifyAsync("""
            interface IStep { Task RunAsync(); }
            class StateMachine(IStep step, ILogger<StateMachine> logger)
            {
                private readonly TaskCompletionSource _completed = new();
                public Task Completed => _completed.Task;

                public void Start() => _ = Task.Run(async () => await RunAsync());

                private async Task RunAsync()
                {
                    Exception? failure = null;
                    try { await step.RunAsync(); }
                    catch (Exception ex)
                    {
                        FastForward();
                        logger.LogError(ex, "State machine failed");
                        failure = ex;
                        throw;
                    }
                    finally
                    {
                        if (failure is null) _completed.TrySetResult();
                        else _completed.TrySetException(failure);
                    }
                }

                private void FastForward() => step.RunAsync().Wait();
            }
            """);

    [Fact]
    public Task In_memory_bookkeeping_two_calls_deep_is_not_a_failure()
        => Verify.VerifyAsync("""
            class Slot
            {
                private long _state;
                public bool Advance(out uint cookie)
                {
                    var old = Volatile.Read(ref _state);
                    cookie = (uint)old;
                    return Interlocked.CompareExchange(ref _state, old + 1, old) == old;
                }
            }
            class TimeoutManager(CancellationToken token)
            {
                private readonly Slot?[] _slots = new Slot?[8];
                public void Start() => new Thread(() =>
                {
                    while (!token.WaitHandle.WaitOne(100))
                    {
                        Tick();
                    }
                }).Start();

                private void Tick()
                {
                    for (var i = 0; i < _slots.Length; i++)
                    {
                        if (_slots[i] is { } slot && slot.Advance(out var cookie))
                        {
                            _slots[i] = null;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task An_Action_hook_a_call_to_itself_and_a_dropped_async_call_are_not_failures()
        => Verify.VerifyAsync("""
            class Entry(Func<Task> callback)
            {
                public Entry? Next;
                public async Task RunAsync() => await callback();
                public void RunAll()
                {
                    _ = RunAsync();
                    Next?.RunAll();
                }
            }
            class Wheel
            {
                private readonly Timer _timer;
                private readonly Entry?[] _schedule = new Entry?[16];
                private int _position;
                public Wheel() => _timer = new Timer(Tick);
                internal Action<int>? DelayWarning { get; set; }

                private void Tick(object? state)
                {
                    DelayWarning?.Invoke(1);
                    var current = Interlocked.Exchange(ref _schedule[_position], null);
                    _position = (_position + 1) % _schedule.Length;
                    current?.RunAll();
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
