using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.CodeFixVerifier<
    ReadinessAnalyzers.FailureHandling.BlockingOnAsyncAnalyzer,
    ReadinessAnalyzers.CodeFixes.FailureHandling.BlockingOnAsyncCodeFixProvider>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1004_BlockingOnAsyncCodeFixTests
{
    [Fact]
    public Task Result_becomes_await_and_is_parenthesised_before_a_member_access()
        => Verify.VerifyFixAsync(
            """
            class OrderService(HttpClient client)
            {
                public async Task<int> CountAsync()
                {
                    var body = client.GetStringAsync("/orders").[|Result|];
                    var length = client.GetStringAsync("/lines").[|Result|].Length;
                    await Task.Yield();
                    return body.Length + length;
                }
            }
            """,
            """
            class OrderService(HttpClient client)
            {
                public async Task<int> CountAsync()
                {
                    var body = await client.GetStringAsync("/orders");
                    var length = (await client.GetStringAsync("/lines")).Length;
                    await Task.Yield();
                    return body.Length + length;
                }
            }
            """);

    [Fact]
    public Task GetResult_and_Wait_become_await()
        => Verify.VerifyFixAsync(
            """
            class C
            {
                Task SaveAsync() => Task.CompletedTask;
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task<int> M()
                {
                    SaveAsync().[|Wait()|];
                    var n = LoadAsync().[|GetAwaiter().GetResult()|];
                    return n;
                }
            }
            """,
            """
            class C
            {
                Task SaveAsync() => Task.CompletedTask;
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task<int> M()
                {
                    await SaveAsync();
                    var n = await LoadAsync();
                    return n;
                }
            }
            """);

    [Fact]
    public Task ConfigureAwait_false_is_added_when_the_method_already_uses_it_and_an_explicit_one_is_kept()
        => Verify.VerifyFixAsync(
            """
            class Client(HttpClient http)
            {
                public async Task<string> GetAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    var c = http.GetStringAsync("/c").ConfigureAwait(false).[|GetAwaiter().GetResult()|];
                    return http.GetStringAsync("/a").[|Result|] + http.GetStringAsync("/b").[|GetAwaiter().GetResult()|] + c;
                }

                public async Task<string> OtherAsync()
                {
                    await Task.Yield();
                    return http.GetStringAsync("/c").[|Result|];
                }
            }
            """,
            """
            class Client(HttpClient http)
            {
                public async Task<string> GetAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    var c = await http.GetStringAsync("/c").ConfigureAwait(false);
                    return await http.GetStringAsync("/a").ConfigureAwait(false) + await http.GetStringAsync("/b").ConfigureAwait(false) + c;
                }

                public async Task<string> OtherAsync()
                {
                    await Task.Yield();
                    return await http.GetStringAsync("/c");
                }
            }
            """);

    [Fact]
    public Task Async_lambdas_local_functions_and_WaitAll_statements_are_fixed()
        => Verify.VerifyFixAsync(
            """
            class C
            {
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task M(Task first, Task second)
                {
                    Func<Task<int>> f = async () => LoadAsync().[|Result|] + 1;
                    async Task Local() { first.[|Wait()|]; await Task.Yield(); }
                    [|Task.WaitAll(first, second)|];
                    await Local();
                    await f();
                }
            }
            """,
            """
            class C
            {
                Task<int> LoadAsync() => Task.FromResult(1);
                async Task M(Task first, Task second)
                {
                    Func<Task<int>> f = async () => await LoadAsync() + 1;
                    async Task Local() { await first; await Task.Yield(); }
                    await Task.WhenAll(first, second);
                    await Local();
                    await f();
                }
            }
            """);

    [Fact]
    public Task Fix_all_fixes_nested_waits_and_skips_those_without_a_fix()
    {
        var test = Verify.Create(
            """
            public class OrdersController(HttpClient client) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public string Get() => client.GetStringAsync("/orders").[|Result|];

                Task<int> ParseAsync(string text) => Task.FromResult(text.Length);

                public async Task<int> CountAsync()
                {
                    var n = ParseAsync(client.GetStringAsync("/a").[|Result|]).[|Result|];
                    await Task.Yield();
                    return n;
                }
            }
            """,
            """
            public class OrdersController(HttpClient client) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public string Get() => client.GetStringAsync("/orders").[|Result|];

                Task<int> ParseAsync(string text) => Task.FromResult(text.Length);

                public async Task<int> CountAsync()
                {
                    var n = await ParseAsync(await client.GetStringAsync("/a"));
                    await Task.Yield();
                    return n;
                }
            }
            """);
        test.NumberOfIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    // ---- No fix where 'await' would not compile or changes the meaning ----

    [Fact]
    public Task No_fix_outside_an_async_function_body()
    {
        const string Source = """
            public class OrdersController(HttpClient client) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public string Get() => client.GetStringAsync("/orders").[|Result|];
            }

            class Warmup(HttpClient client) : IHostedService
            {
                public Task StartAsync(CancellationToken cancellationToken)
                {
                    client.GetStringAsync("/warm").[|GetAwaiter().GetResult()|];
                    return Task.CompletedTask;
                }

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }

            static class Endpoints
            {
                public static void Map(WebApplication app)
                    => app.MapGet("/orders", (HttpClient client) => client.GetStringAsync("/orders").[|Result|]);
            }
            """;
        var test = Verify.Create(Source, Source);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_in_a_catch_filter_a_conditional_access_a_later_query_clause_or_a_timed_wait()
    {
        const string Source = """
            class Holder { public Task<int> Task { get; } = System.Threading.Tasks.Task.FromResult(1); }
            class C
            {
                Task<bool> ShouldHandleAsync() => Task.FromResult(true);
                Task<int[]> LoadAsync() => Task.FromResult(new[] { 1 });
                async Task<int?> M(Holder? holder, Task work)
                {
                    try { await Task.Yield(); }
                    catch (Exception) when (ShouldHandleAsync().[|Result|]) { }
                    var value = holder?.Task.[|Result|];
                    var done = work.[|Wait(TimeSpan.FromSeconds(1))|];
                    return value;
                }
            }
            """;
        var test = Verify.Create(Source, Source);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task The_first_from_clause_of_a_query_may_await()
        => Verify.VerifyFixAsync(
            """
            class C
            {
                Task<int[]> LoadAsync() => Task.FromResult(new[] { 1 });
                async Task<int> M()
                {
                    var doubled = from x in LoadAsync().[|Result|] select x * 2;
                    await Task.Yield();
                    return doubled.Sum();
                }
            }
            """,
            """
            class C
            {
                Task<int[]> LoadAsync() => Task.FromResult(new[] { 1 });
                async Task<int> M()
                {
                    var doubled = from x in await LoadAsync() select x * 2;
                    await Task.Yield();
                    return doubled.Sum();
                }
            }
            """);
}
