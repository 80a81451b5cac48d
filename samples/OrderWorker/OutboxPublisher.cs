using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrderWorker;

/// <summary>Publishes order events written to the outbox folder.</summary>
public sealed class OutboxPublisher(ILogger<OutboxPublisher> logger) : BackgroundService
{
    public const string ActivitySourceName = "OrderWorker.Outbox";

    // Exported: Program.cs subscribes the tracing pipeline to this name.
    private static readonly ActivitySource Source = new(ActivitySourceName);

    // RDY2007: no metrics pipeline subscribes to "OrderWorker.Outbox" (it adds the meter "OrderWorker").
    private static readonly Meter Meter = new("OrderWorker.Outbox");

    private static readonly Counter<long> Published = Meter.CreateCounter<long>("outbox.published");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var file in Directory.EnumerateFiles(OutboxHealthCheck.OutboxFolder))
            {
                using var activity = Source.StartActivity("outbox.publish");
                logger.LogInformation("Publishing {File}", file);
                File.Delete(file);
                Published.Add(1);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }
}
