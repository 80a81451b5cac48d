namespace OrderService.Configuration;

/// <summary>Publishes order events. Shows RDY4004 (polling interval) and RDY4005 (environment name).</summary>
public sealed class OutboxPublisher(IHostEnvironment environment, ILogger<OutboxPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // RDY4005: "production" in a deployment manifest silently takes the other branch.
        var batchSize = environment.EnvironmentName == "Production" ? 500 : 10;
        while (!stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Publishing up to {BatchSize} order events", batchSize);

            // RDY4004: the polling interval cannot be tuned without a rebuild.
            await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
        }
    }
}
