using System.Threading.Tasks;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4004_HardCodedOperationalLimitTests
{
    private const string ResilienceStubs = """
        namespace Polly
        {
            public class PolicyBuilder
            {
                public object WaitAndRetryAsync(int retryCount, System.Func<int, System.TimeSpan> sleepDurationProvider) => new();
                public object CircuitBreakerAsync(int exceptionsAllowedBeforeBreaking, System.TimeSpan durationOfBreak) => new();
            }
            public static class Policy { public static PolicyBuilder Handle<TException>() where TException : System.Exception => new(); }
        }
        namespace Polly.Retry
        {
            public class RetryStrategyOptions { public int MaxRetryAttempts { get; set; } public System.TimeSpan Delay { get; set; } }
        }
        namespace Microsoft.EntityFrameworkCore.Infrastructure
        {
            public class SqlServerDbContextOptionsBuilder
            {
                public SqlServerDbContextOptionsBuilder EnableRetryOnFailure(int maxRetryCount, System.TimeSpan maxRetryDelay, System.Collections.Generic.ICollection<int>? errorNumbersToAdd) => this;
                public SqlServerDbContextOptionsBuilder CommandTimeout(int? commandTimeout) => this;
            }
        }
        """;

    private static AnalyzerTest Create(string source)
    {
        var test = AnalyzerVerifier<HardCodedOperationalLimitAnalyzer>.Create(source);
        test.StubSources.Add(ResilienceStubs);
        return test;
    }

    [Fact]
    public Task HttpClient_timeout_is_reported_with_knob_and_value()
    {
        var test = Create("""
            class C
            {
                void M(HttpClient client) => client.Timeout = {|#0:TimeSpan.FromSeconds(30)|};
            }
            """);
        test.ExpectedMessages[0] = "HttpClient.Timeout is hard-coded to 'TimeSpan.FromSeconds(30)': when a dependency slows down or an incident needs a different value, operations cannot tune it without a rebuild; bind it from configuration (an options class) and keep this value as the default";
        return test.RunAsync();
    }

    [Fact]
    public Task Retry_counts_delays_command_timeouts_and_pool_limits_are_reported()
        => Create("""
            using System.Data.Common;
            using Polly;
            using Polly.Retry;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            class C
            {
                void M(DbCommand command, SqlServerDbContextOptionsBuilder sql)
                {
                    command.CommandTimeout = [|120|];
                    Policy.Handle<HttpRequestException>().WaitAndRetryAsync([|5|], attempt => TimeSpan.FromSeconds(attempt));
                    Policy.Handle<HttpRequestException>().CircuitBreakerAsync([|3|], [|new TimeSpan(0, 0, 30)|]);
                    var retry = new RetryStrategyOptions { MaxRetryAttempts = [|4|], Delay = [|TimeSpan.FromMilliseconds(200)|] };
                    sql.EnableRetryOnFailure([|6|], [|TimeSpan.FromSeconds(10)|], null).CommandTimeout([|60|]);
                    var handler = new SocketsHttpHandler { MaxConnectionsPerServer = [|50|], PooledConnectionLifetime = [|TimeSpan.FromMinutes(2)|] };
                }
            }
            """).RunAsync();

    [Fact]
    public Task Task_Delay_in_the_loop_of_a_hosted_service_is_reported()
        => Create("""
            class OutboxPublisher : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay([|TimeSpan.FromSeconds(15)|], stoppingToken);
                        await Task.Delay([|5000|], stoppingToken);
                    }
                }
            }
            """).RunAsync();

    [Fact]
    public Task Configured_values_delays_outside_loops_or_services_and_other_timeouts_are_not_reported()
        => Create("""
            class Options { public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30); public int RetryCount { get; set; } = 3; }
            class Message { public int RetryCount { get; set; } }
            class Worker : BackgroundService
            {
                private readonly Options _options = new();
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await Task.Delay(_options.Timeout, stoppingToken);
                        var jitter = Task.Run(async () => await Task.Delay(100));
                    }
                }
            }
            class Client
            {
                async Task M(HttpClient client, Options options, CancellationToken token)
                {
                    client.Timeout = options.Timeout;
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    for (var i = 0; i < 3; i++) { await Task.Delay(1000, token); }
                    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    var settings = new Options { Timeout = TimeSpan.FromSeconds(10) };
                    var message = new Message { RetryCount = 0 };
                }
            }
            """).RunAsync();

    [Fact]
    public Task Test_projects_are_not_reported()
    {
        var test = Create("""
            class C
            {
                void M(HttpClient client) => client.Timeout = TimeSpan.FromSeconds(30);
            }
            """);
        test.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        return test.RunAsync();
    }
}
