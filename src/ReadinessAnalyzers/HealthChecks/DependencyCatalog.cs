using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>A kind of external dependency: how its registration is recognised and which health checks cover it.</summary>
internal sealed class DependencyKind
{
    public DependencyKind(string description, string suggestedCheck, ImmutableArray<string> registeredTypes, ImmutableArray<string> coveringTypes, ImmutableArray<string> checkMethods)
    {
        Description = description;
        SuggestedCheck = suggestedCheck;
        RegisteredTypes = registeredTypes;
        CoveringTypes = coveringTypes;
        CheckMethods = checkMethods;
    }

    public string Description { get; }

    public string SuggestedCheck { get; }

    /// <summary>Full names: registering a service of such a type (or a subtype) in dependency injection registers this dependency.</summary>
    public ImmutableArray<string> RegisteredTypes { get; }

    /// <summary>Full names: a custom check that uses such a type (or a subtype) covers this dependency.</summary>
    public ImmutableArray<string> CoveringTypes { get; }

    /// <summary><c>IHealthChecksBuilder</c> methods (AspNetCore.HealthChecks.* and the framework) that cover it.</summary>
    public ImmutableArray<string> CheckMethods { get; }
}

/// <summary>
/// The built-in table: dependency registration → accepted health checks. Teams extend it with
/// <c>RDY3004.dependency_checks</c>. Registrations that add their own checks (MassTransit's <c>AddMassTransit</c>,
/// the .NET Aspire client integrations such as <c>builder.AddNpgsqlDataSource("db")</c>) are not listed.
/// </summary>
internal static class DependencyCatalog
{
    private static readonly ImmutableArray<string> DatabaseTypes = ImmutableArray.Create(
        "System.Data.Common.DbConnection", "System.Data.Common.DbDataSource", "System.Data.IDbConnection");

    public static readonly DependencyKind Database = new(
        "the database",
        "a database check (AddNpgSql, AddSqlServer, AddMySql … from AspNetCore.HealthChecks.*)",
        DatabaseTypes,
        DatabaseTypes,
        ImmutableArray.Create("AddNpgSql", "AddSqlServer", "AddMySql", "AddOracle", "AddSqlite", "AddAzureSqlServer"));

    public static readonly DependencyKind Redis = new(
        "Redis",
        "AddRedis(…)",
        ImmutableArray.Create("StackExchange.Redis.IConnectionMultiplexer"),
        ImmutableArray.Create("StackExchange.Redis.IConnectionMultiplexer", "StackExchange.Redis.IDatabase", "Microsoft.Extensions.Caching.Distributed.IDistributedCache"),
        ImmutableArray.Create("AddRedis"));

    public static readonly DependencyKind Http = new(
        "the HTTP service",
        "AddUrlGroup(new Uri(…))",
        ImmutableArray<string>.Empty,
        ImmutableArray.Create("System.Net.Http.IHttpClientFactory", "System.Net.Http.HttpClient"),
        ImmutableArray.Create("AddUrlGroup"));

    public static readonly DependencyKind ServiceBus = new(
        "Azure Service Bus",
        "AddAzureServiceBusQueue(…) or AddAzureServiceBusTopic(…)",
        ImmutableArray.Create("Azure.Messaging.ServiceBus.ServiceBusClient"),
        ImmutableArray.Create("Azure.Messaging.ServiceBus.ServiceBusClient", "Azure.Messaging.ServiceBus.ServiceBusSender", "Azure.Messaging.ServiceBus.ServiceBusReceiver"),
        ImmutableArray.Create("AddAzureServiceBusQueue", "AddAzureServiceBusTopic", "AddAzureServiceBusSubscription"));

    public static readonly DependencyKind RabbitMq = new(
        "RabbitMQ",
        "AddRabbitMQ(…)",
        ImmutableArray.Create("RabbitMQ.Client.IConnection", "RabbitMQ.Client.IConnectionFactory"),
        ImmutableArray.Create("RabbitMQ.Client.IConnection", "RabbitMQ.Client.IConnectionFactory", "RabbitMQ.Client.IModel", "RabbitMQ.Client.IChannel"),
        ImmutableArray.Create("AddRabbitMQ"));

    public static readonly DependencyKind MongoDb = new(
        "MongoDB",
        "AddMongoDb(…)",
        ImmutableArray.Create("MongoDB.Driver.IMongoClient", "MongoDB.Driver.IMongoDatabase"),
        ImmutableArray.Create("MongoDB.Driver.IMongoClient", "MongoDB.Driver.IMongoDatabase"),
        ImmutableArray.Create("AddMongoDb"));

    /// <summary>Kinds recognised from what a plain registration (<c>AddSingleton</c>, <c>AddScoped</c>, …) registers.</summary>
    public static readonly ImmutableArray<DependencyKind> RegisteredKinds = ImmutableArray.Create(Database, Redis, ServiceBus, RabbitMq, MongoDb);

    /// <summary>Registration methods that register a dependency by name.</summary>
    public static readonly ImmutableDictionary<string, DependencyKind> RegistrationMethods = new Dictionary<string, DependencyKind>
    {
        ["AddStackExchangeRedisCache"] = Redis,
        ["AddStackExchangeRedisOutputCache"] = Redis,
        ["AddNpgsqlDataSource"] = Database,
        ["AddMultiHostNpgsqlDataSource"] = Database,
        ["AddNpgsqlSlimDataSource"] = Database,
    }.ToImmutableDictionary();

    /// <summary>The type, its base types and interfaces, and the same for its type arguments (<c>IDbContextFactory&lt;T&gt;</c> → T).</summary>
    public static IEnumerable<ITypeSymbol> Expand(ITypeSymbol type, int depth = 0)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            yield return @interface;
        }

        if (depth < 2 && type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (var argument in named.TypeArguments)
            {
                foreach (var expanded in Expand(argument, depth + 1))
                {
                    yield return expanded;
                }
            }
        }
    }

    public static bool AnyNamed(IEnumerable<ITypeSymbol> types, ImmutableArray<string> fullNames)
        => !fullNames.IsEmpty && types.SelectMany(t => Expand(t)).Any(t => fullNames.Contains(SymbolNames.GetFullMetadataName(t)));
}
