using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrderWorker;

/// <summary>Checks that the outbox folder is readable.</summary>
public sealed class OutboxHealthCheck : IHealthCheck
{
    public const string OutboxFolder = "/var/outbox";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await File.WriteAllTextAsync(Path.Combine(OutboxFolder, ".probe"), "probe", cancellationToken);
        }
        catch (Exception)
        {
            // RDY3005: the failure the check exists to detect is reported as Healthy.
            return HealthCheckResult.Healthy("Outbox not writable, will retry");
        }

        return HealthCheckResult.Healthy();
    }
}
