namespace OrderService.Configuration;

/// <summary>Calls the inventory service. Shows RDY4003 (endpoint) and RDY4004 (timeout) in code.</summary>
public static class InventoryClientRegistration
{
    public static IServiceCollection AddInventoryClient(this IServiceCollection services)
    {
        services.AddHttpClient("inventory", client =>
        {
            // RDY4003: staging would call the production inventory service.
            client.BaseAddress = new Uri("https://inventory.prod.orders-corp.internal/");

            // RDY4004: operations cannot raise this during an inventory slowdown without a release.
            client.Timeout = TimeSpan.FromSeconds(30);
        });

        return services;
    }
}
