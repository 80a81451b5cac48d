using System.Threading.Tasks;
using Fix = ReadinessAnalyzers.Testing.CodeFixVerifier<ReadinessAnalyzers.FailureHandling.TaskNotObservedAnalyzer, ReadinessAnalyzers.CodeFixes.FailureHandling.TaskNotObservedCodeFixProvider>;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.TaskNotObservedAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1003_TaskNotObservedTests
{
    [Fact]
    public Task Dropped_task_in_a_sync_method_is_reported_with_a_message()
    {
        var test = Verify.Create("""
            class OrderController(HttpClient client)
            {
                public void Place(string id)
                {
                    {|#0:client.PostAsync("/orders/" + id, null)|};
                }
            }
            """);
        test.ExpectedMessages[0] = "The Task<HttpResponseMessage> returned by 'PostAsync' is dropped: if it fails, the exception is lost and nobody waits for the work to finish; await it (make the caller async), store it and observe it later, or — when fire-and-forget is intended and the work handles its own failures — discard it with '_ ='";
        return test.RunAsync();
    }

    [Fact]
    public Task Dropped_task_in_an_async_method_is_reported_with_await_advice()
    {
        var test = Verify.Create("""
            class Notifier
            {
                Task SendAsync() => Task.CompletedTask;
                async Task Run()
                {
                    {|#0:SendAsync()|};
                    await Task.Yield();
                }
            }
            """);
        test.ExpectedMessages[0] = "The Task returned by 'SendAsync' is dropped: if it fails, the exception is lost and nobody waits for the work to finish; await it";
        return test.RunAsync();
    }

    [Fact]
    public Task ValueTask_ConfigureAwait_conditional_access_and_void_lambdas_are_reported()
        => Verify.VerifyAsync("""
            using System.Threading.Channels;
            class C
            {
                void M(Channel<int> channel, IAsyncDisposable resource, HttpClient? client, CancellationToken token, SemaphoreSlim gate)
                {
                    [|channel.Writer.WriteAsync(1)|];
                    [|resource.DisposeAsync()|];
                    [|Task.Delay(100).ConfigureAwait(false)|];
                    [|client?.GetAsync("/")|];
                    [|gate.WaitAsync()|];
                    token.Register(() => [|Task.Delay(1)|]);
                }
            }
            """);

    [Fact]
    public Task Dropped_RunAsync_in_top_level_statements_is_reported()
        => Verify.VerifyAsync("""
            var app = WebApplication.Create();
            [|app.RunAsync()|];
            """);

    // ---- Negative cases ----

    [Fact]
    public Task Awaited_stored_returned_and_passed_tasks_are_not_reported()
        => Verify.VerifyAsync("""
            class C
            {
                Task SendAsync() => Task.CompletedTask;
                private Task? _pending;
                async Task A() => await SendAsync();
                Task B() => SendAsync();
                Task D() { var t = SendAsync(); _pending = SendAsync(); return Task.WhenAll(t, _pending); }
                void E(List<Task> tasks) { tasks.Add(SendAsync()); }
                void F() { Func<Task> f = () => SendAsync(); }
                void G() { _ = SendAsync(); }
                void H(WebApplication app) { app.MapGet("/", () => SendAsync()); }
            }
            """);

    [Fact]
    public Task Task_Run_StartNew_and_ContinueWith_are_left_to_other_rules()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                Task SendAsync() => Task.CompletedTask;
                void M()
                {
                    Task.Run(() => SendAsync());
                    Task.Factory.StartNew(() => { });
                    SendAsync().ContinueWith(t => logger.LogError(t.Exception, "Send failed"), TaskContinuationOptions.OnlyOnFaulted);
                }
            }
            """);

    [Fact]
    public Task Non_task_results_are_not_reported()
        => Verify.VerifyAsync("""
            class C
            {
                bool TryDo() => true;
                async Task M(System.Threading.Channels.Channel<int> channel, IHostApplicationLifetime lifetime)
                {
                    TryDo();
                    channel.Writer.TryWrite(1);
                    lifetime.StopApplication();
                    await Task.Yield();
                    Task.Yield();
                    new System.Text.StringBuilder().Append("x");
                }
            }
            """);

    [Fact]
    public Task NSubstitute_received_checks_are_not_reported()
    {
        var test = Verify.Create("""
            using NSubstitute;
            public interface INotifier { Task SendAsync(string id); }
            class Tests
            {
                void Check(INotifier notifier)
                {
                    notifier.Received().SendAsync("1");
                    notifier.DidNotReceive().SendAsync("2");
                    [|notifier.SendAsync("3")|];
                }
            }
            """);
        test.StubSources.Add("""
            namespace NSubstitute
            {
                public static class SubstituteExtensions
                {
                    public static T Received<T>(this T substitute) where T : class => substitute;
                    public static T DidNotReceive<T>(this T substitute) where T : class => substitute;
                }
            }
            """);
        return test.RunAsync();
    }

    // ---- Options ----

    [Fact]
    public Task Report_discards_option_reports_explicit_discards()
        => Verify.VerifyAsync(
            """
            class C
            {
                Task SendAsync() => Task.CompletedTask;
                void M()
                {
                    [|_ = SendAsync()|];
                    _ = Task.Run(() => { });
                }
            }
            """,
            """
            [*.cs]
            RDY1003.report_discards = true
            """);

    [Fact]
    public Task Ignored_methods_option_accepts_bare_and_full_names()
        => Verify.VerifyAsync(
            """
            namespace Shop
            {
                class Bus
                {
                    public Task PublishInBackground() => Task.CompletedTask;
                    public Task Warm() => Task.CompletedTask;
                    public Task Send() => Task.CompletedTask;
                    void M()
                    {
                        PublishInBackground();
                        Warm();
                        [|Send()|];
                    }
                }
            }
            """,
            """
            [*.cs]
            RDY1003.ignored_methods = Shop.Bus.PublishInBackground, Warm
            """);

    // ---- Code fix ----

    [Fact]
    public Task Fix_adds_await_in_async_methods_lambdas_and_local_functions()
        => Fix.VerifyFixAsync(
            """
            class C
            {
                Task SendAsync() => Task.CompletedTask;
                async Task M(List<int> items)
                {
                    // send first
                    [|SendAsync()|];
                    Func<Task> f = async () => { [|SendAsync()|]; await Task.Yield(); };
                    async Task Local() { [|Task.Delay(1).ConfigureAwait(false)|]; }
                    await Local();
                }
            }
            """,
            """
            class C
            {
                Task SendAsync() => Task.CompletedTask;
                async Task M(List<int> items)
                {
                    // send first
                    await SendAsync();
                    Func<Task> f = async () => { await SendAsync(); await Task.Yield(); };
                    async Task Local() { await Task.Delay(1).ConfigureAwait(false); }
                    await Local();
                }
            }
            """);

    [Fact]
    public Task Fix_is_not_offered_where_await_is_impossible()
        => Fix.VerifyFixAsync(
            """
            class C
            {
                private readonly object _gate = new();
                Task SendAsync() => Task.CompletedTask;
                async Task M(HttpClient? client)
                {
                    [|SendAsync()|];
                    lock (_gate) { [|SendAsync()|]; }
                    [|client?.GetAsync("/")|];
                    Action a = () => [|SendAsync()|];
                    await Task.Yield();
                }

                void Sync() { [|SendAsync()|]; }
            }
            """,
            """
            class C
            {
                private readonly object _gate = new();
                Task SendAsync() => Task.CompletedTask;
                async Task M(HttpClient? client)
                {
                    await SendAsync();
                    lock (_gate) { [|SendAsync()|]; }
                    [|client?.GetAsync("/")|];
                    Action a = () => [|SendAsync()|];
                    await Task.Yield();
                }

                void Sync() { [|SendAsync()|]; }
            }
            """);
}
