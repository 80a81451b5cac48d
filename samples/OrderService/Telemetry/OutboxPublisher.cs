namespace OrderService.Telemetry;

/// <summary>Publishes queued order events. Shows RDY2002 (a hosted loop that emits no telemetry) and
/// RDY2005 (console output instead of a log).</summary>
public sealed class OutboxPublisher(IOutbox outbox) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = await outbox.PublishPendingAsync(stoppingToken);
            await Task.Delay(published == 0 ? TimeSpan.FromSeconds(5) : TimeSpan.Zero, stoppingToken);
        }
    }
}

public interface IOutbox
{
    Task<int> PublishPendingAsync(CancellationToken cancellationToken);
}

public sealed class InMemoryOutbox : IOutbox
{
    private readonly Queue<string> _pending = new();

    public Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        while (_pending.TryDequeue(out var message))
        {
            Console.WriteLine($"Published {message}");
            count++;
        }

        return Task.FromResult(count);
    }
}
