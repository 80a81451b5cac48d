using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.BlockingOnAsyncAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1004_BlockingOnAsyncTests
{
    [Fact]
    public Task Result_in_an_async_method_is_reported_with_a_message()
    {
        var test = Verify.Create("""
            class OrderService(HttpClient client)
            {
                public async Task<int> CountAsync()
                {
                    var body = client.GetStringAsync("/orders").{|#0:Result|};
                    await Task.Yield();
                    return body.Length;
                }
            }
            """);
        test.ExpectedMessages[0] = "'.Result' blocks a thread until the task completes, in async method 'CountAsync': under load this starves the thread pool so requests queue and time out, and it can deadlock; use 'await' instead";
        return test.RunAsync();
    }

    [Fact]
    public Task Wait_GetResult_and_WaitAll_in_async_code_are_reported()
        => Verify.VerifyAsync("""
            class C
            {
                Task SaveAsync() => Task.CompletedTask;
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task M(Task other)
                {
                    SaveAsync().[|Wait()|];
                    SaveAsync().[|Wait(TimeSpan.FromSeconds(1))|];
                    var n = LoadAsync().[|GetAwaiter().GetResult()|];
                    LoadAsync().ConfigureAwait(false).[|GetAwaiter().GetResult()|];
                    [|Task.WaitAll(other)|];
                    Func<Task> f = async () => { var x = LoadAsync().[|Result|]; await Task.Yield(); };
                    async Task Local() { other.[|Wait()|]; await Task.Yield(); }
                    await Local();
                }
            }
            """);

    [Fact]
    public Task Controller_actions_are_reported_even_when_synchronous()
    {
        var test = Verify.Create("""
            using Microsoft.AspNetCore.Mvc;
            public class OrdersController(HttpClient client) : ControllerBase
            {
                public IActionResult Get() => Ok(client.GetStringAsync("/orders").[|Result|]);
                [NonAction] public string Helper() => client.GetStringAsync("/x").Result;
                private string Private() => client.GetStringAsync("/x").Result;
            }

            [ApiController]
            public class PlainApi(HttpClient client)
            {
                public string Get() => client.GetStringAsync("/orders").[|Result|];
            }

            public class IndexModel(HttpClient client) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
            {
                public void OnGet() => client.GetStringAsync("/").[|Wait()|];
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task Minimal_API_handlers_and_hosted_service_members_are_reported()
        => Verify.VerifyAsync("""
            var app = WebApplication.Create();
            app.MapGet("/orders", (HttpClient client) => client.GetStringAsync("/orders").[|Result|]);
            app.MapGroup("/api").MapPost("/orders", (HttpClient client) => { client.PostAsync("/x", null).[|Wait()|]; });
            app.Run();

            class Warmup(HttpClient client) : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken)
                {
                    client.GetStringAsync("/warm").[|GetAwaiter().GetResult()|];
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);

    // ---- Negative cases ----

    [Fact]
    public Task Main_constructors_sync_methods_and_sync_lambdas_are_not_reported()
        => Verify.VerifyAsync("""
            class Program
            {
                static Task<int> LoadAsync() => Task.FromResult(1);
                static void Main() => LoadAsync().GetAwaiter().GetResult();
                private readonly int _value = LoadAsync().Result;
                Program() { LoadAsync().Wait(); }
                int Sync() => LoadAsync().Result;
                int Property => LoadAsync().Result;
                private static readonly Lazy<int> Cached = new(() => LoadAsync().Result);
                async Task M(List<Task<int>> tasks)
                {
                    var values = tasks.Select(t => t.Result).ToList();
                    await LoadAsync().ContinueWith(t => Console.WriteLine(t.Result));
                }
            }
            """);

    [Fact]
    public Task Top_level_statements_are_a_console_Main()
        => Verify.VerifyAsync("""
            var client = new HttpClient();
            var text = client.GetStringAsync("/").Result;
            await Task.Delay(1);
            """);

    [Fact]
    public Task Completed_tasks_are_not_reported()
        => Verify.VerifyAsync("""
            class C
            {
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task<int> M(Task<int> a, Task<int> b, Task<int>[] all, List<Task<int>> list)
                {
                    var x = Task.FromResult(1).Result + new ValueTask<int>(2).Result;
                    Task.CompletedTask.Wait();
                    await a;
                    var y = a.Result;
                    if (b.IsCompletedSuccessfully) { y += b.Result; }
                    var c = LoadAsync();
                    var d = LoadAsync();
                    await Task.WhenAll(c, d);
                    y += c.Result + d.GetAwaiter().GetResult();
                    await Task.WhenAll(all).ConfigureAwait(false);
                    y += all[0].Result;
                    foreach (var t in list) { y += t.Result; }
                    var done = await Task.WhenAny(a, b);
                    return y + done.Result + (await Task.WhenAny(a, b)).Result;
                }
            }
            """);

    [Fact]
    public Task Lock_bodies_and_non_task_Result_properties_are_not_reported()
        => Verify.VerifyAsync("""
            class Outcome { public int Result { get; set; } public void Wait() { } }
            class C
            {
                private readonly object _gate = new();
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task M(Outcome outcome)
                {
                    lock (_gate) { var v = LoadAsync().Result; }
                    var r = outcome.Result;
                    outcome.Wait();
                    await Task.Yield();
                }
            }
            """);

    [Fact]
    public Task An_await_of_another_task_does_not_make_this_one_complete()
        => Verify.VerifyAsync("""
            class C
            {
                async Task<int> M(Task<int> a, Task<int> b)
                {
                    await a;
                    return b.[|Result|];
                }
            }
            """);

    // ---- Options ----

    [Fact]
    public Task Report_sync_methods_option_reports_ordinary_methods_but_not_Main_or_constructors()
        => Verify.VerifyAsync(
            """
            class Program
            {
                static Task<int> LoadAsync() => Task.FromResult(1);
                static void Main() => LoadAsync().GetAwaiter().GetResult();
                Program() { LoadAsync().Wait(); }
                int Sync(Task<int> t) => t.[|Result|];
                void Local(Task t) { void Inner() => t.[|Wait()|]; Inner(); }
                private static readonly Lazy<int> Cached = new(() => LoadAsync().Result);
            }
            """,
            """
            [*.cs]
            RDY1004.report_sync_methods = true
            """);
}
