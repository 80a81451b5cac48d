namespace OrderService.Configuration;

/// <summary>Where the orders live. Shows RDY4001 (connection string) and RDY4002 (secret) in code.</summary>
public static class OrderDatabase
{
    // RDY4001: a build per environment, and failover needs a release.
    public const string ConnectionString = "Host=orders-db.prod.orders-corp.internal;Port=5432;Database=orders;Username=orders_app";

    // RDY4002: a fake key for the sample, shaped like a real one; in a real service it would now need rotating.
    public const string PaymentsApiKey = "N0t-A-Real-Key-7f3a9c2e1b";
}
