namespace OrderService.Orders;

public sealed record Order(string Id, decimal Total);

/// <summary>A stand-in for a data store client: an in-memory table that sometimes fails like a real one.</summary>
public sealed class OrderStore
{
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);

    public Order? Find(string id)
    {
        try
        {
            return _orders.TryGetValue(id, out var order) ? order : null;
        }
        catch (Exception)
        {
            // RDY1001: the failure disappears; callers see "not found" while the store is broken.
            return null;
        }
    }
}
