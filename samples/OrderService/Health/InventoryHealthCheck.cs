using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrderService.Health;

/// <summary>A placeholder check that was never finished.</summary>
public sealed class InventoryHealthCheck : IHealthCheck
{
    // RDY3005: always Healthy, checks nothing.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(HealthCheckResult.Healthy("Inventory is reachable"));
}
