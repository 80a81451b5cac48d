using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.FailureHandling;
using ReadinessAnalyzers.FailureHandling;
using Fix = ReadinessAnalyzers.Testing.CodeFixVerifier<ReadinessAnalyzers.FailureHandling.AsyncVoidAnalyzer, ReadinessAnalyzers.CodeFixes.FailureHandling.AsyncVoidCodeFixProvider>;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.AsyncVoidAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1002_AsyncVoidTests
{
    [Fact]
    public Task Async_void_method_is_reported_with_a_message_naming_it()
    {
        var test = Verify.Create("""
            class Notifier(HttpClient client)
            {
                public async void {|#0:SendNotification|}(string orderId)
                {
                    await client.PostAsync("/notify/" + orderId, null);
                }
            }
            """);
        test.ExpectedMessages[0] = "'SendNotification' is async void: nobody can await it, so an exception it throws escapes to the thread pool and crashes the process; return Task instead and await it";
        return test.RunAsync();
    }

    [Fact]
    public Task Async_void_local_function_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    async void [|Refresh|]() => await Task.Delay(10);
                    Refresh();
                }
            }
            """);

    [Fact]
    public Task Async_lambda_converted_to_Action_is_reported_with_the_delegate_type()
    {
        var test = Verify.Create("""
            class Startup
            {
                void Configure(IHostApplicationLifetime lifetime, HttpClient client)
                {
                    lifetime.ApplicationStopping.Register({|#0:async|} () => await client.PostAsync("/deregister", null));
                }
            }
            """);
        test.ExpectedMessages[0] = "This async lambda, converted to 'Action', is async void: nobody can await it, so an exception it throws escapes to the thread pool and crashes the process; pass it where a Func<Task> is accepted, or wrap its whole body in try/catch that logs the exception";
        return test.RunAsync();
    }

    [Fact]
    public Task Async_lambdas_in_ForEach_and_Parallel_ForEach_are_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void M(List<string> ids, HttpClient client)
                {
                    ids.ForEach([|async|] id => await client.DeleteAsync("/orders/" + id));
                    Parallel.ForEach(ids, [|async|] id => { await client.DeleteAsync("/orders/" + id); });
                    Action<int> a = [|async|] delegate (int x) { await Task.Delay(x); };
                }
            }
            """);

    [Fact]
    public Task A_partially_protected_body_is_still_reported()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                async void [|Run|]()
                {
                    await Task.Delay(10);
                    try { await Task.Delay(10); }
                    catch (Exception ex) { logger.LogError(ex, "failed"); }
                }

                async void [|Rethrow|]()
                {
                    try { await Task.Delay(10); }
                    catch (Exception ex) { logger.LogError(ex, "failed"); throw; }
                }

                async void [|Narrow|]()
                {
                    try { await Task.Delay(10); }
                    catch (HttpRequestException ex) { logger.LogError(ex, "failed"); }
                }
            }
            """);

    // ---- Negative cases ----

    [Fact]
    public Task Async_Task_methods_and_lambdas_are_not_reported()
        => Verify.VerifyAsync("""
            class C
            {
                async Task A() => await Task.Delay(1);
                async ValueTask B() => await Task.Delay(1);
                void D() { Func<Task> f = async () => await Task.Delay(1); _ = Task.Run(async () => await Task.Delay(1)); }
                void E(WebApplication app) => app.MapGet("/", async () => { await Task.Delay(1); return "ok"; });
                void Sync() { Action a = () => Console.WriteLine(); }
            }
            """);

    [Fact]
    public Task Event_handlers_by_shape_are_not_reported()
        => Verify.VerifyAsync("""
            class Form
            {
                public event EventHandler? Click;
                public event EventHandler<UnhandledExceptionEventArgs>? Failed;
                void Wire(System.Timers.Timer timer)
                {
                    Click += OnClick;
                    Failed += async (s, e) => await Task.Delay(1);
                    timer.Elapsed += async (sender, e) => await Task.Delay(1);
                    Console.CancelKeyPress += async delegate (object? s, ConsoleCancelEventArgs e) { await Task.Delay(1); };
                }

                private async void OnClick(object? sender, EventArgs e) => await Task.Delay(1);
            }
            """);

    [Fact]
    public Task Overrides_and_interface_implementations_are_not_reported()
        => Verify.VerifyAsync("""
            abstract class Page { protected abstract void OnLoaded(); }
            interface IObserverLike { void OnNext(int value); }
            class C : Page, IObserverLike, IObserver<string>
            {
                protected override async void OnLoaded() => await Task.Delay(1);
                public async void OnNext(int value) => await Task.Delay(value);
                async void IObserver<string>.OnNext(string value) => await Task.Delay(1);
                public void OnCompleted() { }
                public void OnError(Exception error) { }
            }
            """);

    [Fact]
    public Task Bodies_fully_wrapped_in_a_general_catch_are_not_reported()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                async void Refresh()
                {
                    try { await Task.Delay(10); }
                    catch (Exception ex) { logger.LogError(ex, "Refresh failed"); }
                }

                void Wire(IHostApplicationLifetime lifetime)
                {
                    lifetime.ApplicationStarted.Register(async () =>
                    {
                        try { await Task.Delay(10); }
                        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Warm-up failed"); }
                    });
                    var timer = new Timer(async _ =>
                    {
                        try { await Task.Delay(10); }
                        catch { logger.LogError("Tick failed"); }
                    });
                }
            }
            """);

    // ---- Options ----

    [Fact]
    public Task Report_event_handlers_option_reports_unprotected_handlers()
        => Verify.VerifyAsync(
            """
            class Form(ILogger<Form> logger)
            {
                public event EventHandler? Click;
                void Wire()
                {
                    Click += OnClick;
                    Click += OnProtectedClick;
                    Click += [|async|] (s, e) => await Task.Delay(1);
                }

                private async void [|OnClick|](object? sender, EventArgs e) => await Task.Delay(1);

                private async void OnProtectedClick(object? sender, EventArgs e)
                {
                    try { await Task.Delay(1); }
                    catch (Exception ex) { logger.LogError(ex, "Click failed"); }
                }
            }
            """,
            """
            [*.cs]
            RDY1002.report_event_handlers = true
            """);

    // ---- Code fix ----

    [Fact]
    public Task Fix_changes_a_private_method_called_directly_to_return_Task()
        => Fix.VerifyFixAsync(
            """
            class C
            {
                private async void [|Refresh|]() => await Task.Delay(1);

                async Task Caller()
                {
                    Refresh();
                    this.Refresh();
                    await Task.Yield();
                }
            }
            """,
            """
            class C
            {
                private async Task Refresh() => await Task.Delay(1);

                async Task Caller()
                {
                    Refresh();
                    this.Refresh();
                    await Task.Yield();
                }
            }
            """);

    [Fact]
    public Task Fix_handles_local_functions_and_fix_all()
        => Fix.VerifyFixAsync(
            """
            class C
            {
                internal async void [|Load|]() => await Task.Delay(1);

                void M()
                {
                    async void [|Save|]() { await Task.Delay(1); }
                    Save();
                    Load();
                }
            }
            """,
            """
            class C
            {
                internal async Task Load() => await Task.Delay(1);

                void M()
                {
                    async Task Save() { await Task.Delay(1); }
                    Save();
                    Load();
                }
            }
            """);

    [Fact]
    public Task Fix_is_offered_only_where_callers_cannot_break()
        => Fix.VerifyFixAsync(
            """
            public class Api
            {
                public async void [|Publish|]() => await Task.Delay(1);
                private async void [|Handler|]() => await Task.Delay(1);
                internal virtual async void [|Hook|]() => await Task.Delay(1);
                private async void [|Refresh|]() => await Task.Delay(1);
                void Wire(CancellationToken token) { token.Register(Handler); Refresh(); }
            }
            """,
            """
            public class Api
            {
                public async void [|Publish|]() => await Task.Delay(1);
                private async void [|Handler|]() => await Task.Delay(1);
                internal virtual async void [|Hook|]() => await Task.Delay(1);
                private async Task Refresh() => await Task.Delay(1);
                void Wire(CancellationToken token) { token.Register(Handler); Refresh(); }
            }
            """);
}
