using System.Threading.Tasks;
using ReadinessAnalyzers.HealthChecks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.HealthChecks.HealthCheckCannotFailAnalyzer>;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3005_HealthCheckCannotFailTests
{
    [Fact]
    public Task Check_that_only_returns_healthy_is_reported_on_the_method_name()
    {
        var test = Verify.Create("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class DatabaseHealthCheck : IHealthCheck
            {
                public Task<HealthCheckResult> {|#0:CheckHealthAsync|}(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(HealthCheckResult.Healthy("Database is fine"));
            }
            """);
        test.ExpectedMessages[0] = "Health check 'DatabaseHealthCheck' " + HealthCheckCannotFailAnalyzer.AlwaysHealthy;
        return test.RunAsync();
    }

    [Fact]
    public Task Async_check_building_a_healthy_result_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class QueueHealthCheck : IHealthCheck
            {
                private readonly int _limit = 10;

                #pragma warning disable CS1998
                public async Task<HealthCheckResult> [|CheckHealthAsync|](HealthCheckContext context, CancellationToken cancellationToken)
                {
                    var data = new Dictionary<string, object> { ["limit"] = _limit };
                    return new HealthCheckResult(HealthStatus.Healthy, "ok", data: data);
                }
            }
            """);

    [Fact]
    public Task Explicit_interface_implementation_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            sealed class CacheCheck : IHealthCheck
            {
                Task<HealthCheckResult> IHealthCheck.[|CheckHealthAsync|](HealthCheckContext context, CancellationToken cancellationToken)
                    => Task.FromResult(HealthCheckResult.Healthy());
            }
            """);

    [Fact]
    public Task Catch_everything_returning_healthy_is_reported_on_the_catch()
    {
        var test = Verify.Create("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class PaymentsHealthCheck(HttpClient client) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    try
                    {
                        using var response = await client.GetAsync("/health", cancellationToken);
                        return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
                    }
                    {|#0:catch (Exception ex)|}
                    {
                        return HealthCheckResult.Healthy(ex.Message);
                    }
                }
            }
            """);
        test.ExpectedMessages[0] = "Health check 'PaymentsHealthCheck' " + HealthCheckCannotFailAnalyzer.CatchReturnsHealthy;
        return test.RunAsync();
    }

    [Fact]
    public Task Empty_catch_falling_through_to_healthy_is_reported()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class StorageHealthCheck : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    try
                    {
                        await File.ReadAllTextAsync("/data/probe", cancellationToken);
                    }
                    [|catch|]
                    {
                    }

                    return HealthCheckResult.Healthy();
                }
            }
            """);

    [Fact]
    public Task Ignored_cancellation_token_while_doing_io_is_reported_on_the_parameter()
    {
        var test = Verify.Create("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class PaymentsHealthCheck(HttpClient client) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken {|#0:cancellationToken|} = default)
                {
                    using var response = await client.GetAsync("/health");
                    return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
                }
            }
            """);
        test.ExpectedMessages[0] = "Health check 'PaymentsHealthCheck' ignores its CancellationToken 'cancellationToken' while calling methods that accept one, so a hanging dependency holds the probe past the health-check timeout instead of failing it; pass the token on";
        return test.RunAsync();
    }

    [Fact]
    public Task Checks_that_can_fail_are_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class PaymentsHealthCheck(HttpClient client) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    try
                    {
                        using var response = await client.GetAsync("/health", cancellationToken);
                        response.EnsureSuccessStatusCode();
                        return HealthCheckResult.Healthy();
                    }
                    catch (Exception ex)
                    {
                        return new HealthCheckResult(context.Registration.FailureStatus, "Payments unreachable", ex);
                    }
                }
            }

            public sealed class DiskHealthCheck : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    // Throwing is failing: HealthCheckService turns the exception into Unhealthy.
                    await File.WriteAllTextAsync("/tmp/probe", "x", cancellationToken);
                    return HealthCheckResult.Healthy();
                }
            }

            public sealed class StartupHealthCheck : IHealthCheck
            {
                private volatile bool _ready;

                public void MarkReady() => _ready = true;

                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(_ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming up"));
            }

            public sealed class BacklogHealthCheck(Queue<string> backlog) : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(backlog.Count > 1000 ? HealthCheckResult.Degraded() : HealthCheckResult.Healthy());
            }

            public sealed class RetryingCheck(HttpClient client) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    try
                    {
                        await client.GetStringAsync("/ping", cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        return HealthCheckResult.Unhealthy();
                    }

                    return HealthCheckResult.Healthy();
                }
            }
            """);

    [Fact]
    public Task Liveness_checks_and_look_alikes_are_silent()
        => Verify.VerifyAsync("""
            using Microsoft.Extensions.Diagnostics.HealthChecks;

            public sealed class LivenessCheck : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(HealthCheckResult.Healthy());
            }

            public sealed class SelfCheck : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(HealthCheckResult.Healthy());
            }

            public sealed class NotACheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(HealthCheckResult.Healthy());
            }

            public abstract class CheckBase : IHealthCheck
            {
                public abstract Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default);
            }

            public static class Registration
            {
                public static IHealthChecksBuilder AddSelf(this IHealthChecksBuilder builder)
                    => builder.AddCheck("self", () => HealthCheckResult.Healthy());
            }

            public sealed class ComputeCheck : IHealthCheck
            {
                public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                    => Task.FromResult(GC.GetTotalMemory(false) > 1_000_000_000 ? HealthCheckResult.Degraded() : HealthCheckResult.Healthy());
            }
            """);
}
