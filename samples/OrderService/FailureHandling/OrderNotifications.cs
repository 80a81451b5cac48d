using OrderService.Orders;

namespace OrderService.FailureHandling;

/// <summary>Tells the warehouse and the customer about new orders.</summary>
public sealed class OrderNotifier
{
    private readonly HttpClient _warehouse;

    public OrderNotifier(HttpClient warehouse) => _warehouse = warehouse;

    // RDY1002: an unreachable warehouse throws after the await and crashes the whole service.
    public async void NotifyWarehouse(Order order)
    {
        using var response = await _warehouse.PostAsJsonAsync("/shipments", order);
        response.EnsureSuccessStatusCode();
    }

    public void NotifyCustomer(Order order)
    {
        // RDY1003: the task is dropped; a failed e-mail leaves no trace and the caller never knows.
        _warehouse.PostAsJsonAsync("/mail/order-confirmation", order);
    }
}

/// <summary>Publishes orders written to the outbox table.</summary>
public sealed class OrderOutboxPublisher : BackgroundService
{
    private readonly OrderNotifier _notifier;
    private readonly ILogger<OrderOutboxPublisher> _logger;
    private readonly Queue<Order> _outbox = new();

    public OrderOutboxPublisher(OrderNotifier notifier, ILogger<OrderOutboxPublisher> logger)
    {
        _notifier = notifier;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // RDY1005: one failed publish leaves ExecuteAsync and stops the whole host.
        while (!stoppingToken.IsCancellationRequested)
        {
            while (_outbox.TryDequeue(out var order))
            {
                await PublishAsync(order, stoppingToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
        }
    }

    private Task PublishAsync(Order order, CancellationToken cancellationToken)
    {
        _logger.LogDebug("Publishing order {OrderId}", order.Id);
        _notifier.NotifyCustomer(order);
        return Task.CompletedTask;
    }
}
