using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>A kind of external dependency: how its registration is recognised and which health checks cover it.</summary>
internal sealed class DependencyKind
{
    public DependencyKind(string description, string suggestedCheck, ImmutableArray<string> registeredTypes, ImmutableArray<string> coveringTypes, ImmutableArray<string> checkMethods, ImmutableArray<string> clientNamespaces)
    {
        Description = description;
        SuggestedCheck = suggestedCheck;
        RegisteredTypes = registeredTypes;
        CoveringTypes = coveringTypes;
        CheckMethods = checkMethods;
        ClientNamespaces = clientNamespaces;
    }

    public string Description { get; }

    public string SuggestedCheck { get; }

    /// <summary>Full names: registering a service of such a type (or a subtype) in dependency injection registers this dependency.</summary>
    public ImmutableArray<string> RegisteredTypes { get; }

    /// <summary>Full names: a custom check that uses such a type (or a subtype) covers this dependency.</summary>
    public ImmutableArray<string> CoveringTypes { get; }

    /// <summary><c>IHealthChecksBuilder</c> methods (AspNetCore.HealthChecks.* and the framework) that cover it.</summary>
    public ImmutableArray<string> CheckMethods { get; }

    /// <summary>Namespaces of the client library: a client integration (<see cref="DependencyCatalog.IsClientIntegration"/>)
    /// whose parameters use a type of such a namespace (or of <c>Aspire.</c> + it) registers a check for this kind.</summary>
    public ImmutableArray<string> ClientNamespaces { get; }
}

/// <summary>
/// The built-in table: dependency registration → accepted health checks. Teams extend it with
/// <c>RDY3004.dependency_checks</c>. Registrations that add their own checks (MassTransit's <c>AddMassTransit</c>,
/// the .NET Aspire client integrations such as <c>builder.AddNpgsqlDataSource("db")</c>) are not listed; the client
/// integrations also cover the plain registrations of their kind (<see cref="IntegrationCovers"/>).
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
        ImmutableArray.Create("AddNpgSql", "AddSqlServer", "AddMySql", "AddOracle", "AddSqlite", "AddAzureSqlServer"),
        ImmutableArray.Create("Npgsql", "Microsoft.Data.SqlClient", "Microsoft.Data.Sqlite", "MySqlConnector", "MySql.Data", "Oracle.ManagedDataAccess", "Microsoft.EntityFrameworkCore", "Pomelo.EntityFrameworkCore", "Oracle.EntityFrameworkCore"));

    public static readonly DependencyKind Redis = new(
        "Redis",
        "AddRedis(…)",
        ImmutableArray.Create("StackExchange.Redis.IConnectionMultiplexer"),
        ImmutableArray.Create("StackExchange.Redis.IConnectionMultiplexer", "StackExchange.Redis.IDatabase", "Microsoft.Extensions.Caching.Distributed.IDistributedCache"),
        ImmutableArray.Create("AddRedis"),
        ImmutableArray.Create("StackExchange.Redis", "Microsoft.Extensions.Caching.StackExchangeRedis"));

    public static readonly DependencyKind Http = new(
        "the HTTP service",
        "AddUrlGroup(new Uri(…))",
        ImmutableArray<string>.Empty,
        ImmutableArray.Create("System.Net.Http.IHttpClientFactory", "System.Net.Http.HttpClient"),
        ImmutableArray.Create("AddUrlGroup"),
        ImmutableArray<string>.Empty);

    public static readonly DependencyKind ServiceBus = new(
        "Azure Service Bus",
        "AddAzureServiceBusQueue(…) or AddAzureServiceBusTopic(…)",
        ImmutableArray.Create("Azure.Messaging.ServiceBus.ServiceBusClient"),
        ImmutableArray.Create("Azure.Messaging.ServiceBus.ServiceBusClient", "Azure.Messaging.ServiceBus.ServiceBusSender", "Azure.Messaging.ServiceBus.ServiceBusReceiver"),
        ImmutableArray.Create("AddAzureServiceBusQueue", "AddAzureServiceBusTopic", "AddAzureServiceBusSubscription"),
        ImmutableArray.Create("Azure.Messaging.ServiceBus"));

    public static readonly DependencyKind RabbitMq = new(
        "RabbitMQ",
        "AddRabbitMQ(…)",
        ImmutableArray.Create("RabbitMQ.Client.IConnection", "RabbitMQ.Client.IConnectionFactory"),
        ImmutableArray.Create("RabbitMQ.Client.IConnection", "RabbitMQ.Client.IConnectionFactory", "RabbitMQ.Client.IModel", "RabbitMQ.Client.IChannel"),
        ImmutableArray.Create("AddRabbitMQ"),
        ImmutableArray.Create("RabbitMQ.Client"));

    public static readonly DependencyKind MongoDb = new(
        "MongoDB",
        "AddMongoDb(…)",
        ImmutableArray.Create("MongoDB.Driver.IMongoClient", "MongoDB.Driver.IMongoDatabase"),
        ImmutableArray.Create("MongoDB.Driver.IMongoClient", "MongoDB.Driver.IMongoDatabase"),
        ImmutableArray.Create("AddMongoDb"),
        ImmutableArray.Create("MongoDB.Driver"));

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

    /// <summary>A client integration that registers its own health check unless told not to: an extension method of
    /// another assembly on the host builder (<c>IHostApplicationBuilder</c>) from a .NET Aspire integration — its
    /// assembly is <c>Aspire.*</c> or <c>*.Aspire.*</c> (CommunityToolkit.Aspire), its class is named <c>Aspire…</c>,
    /// or it takes settings from an <c>Aspire.*</c> namespace. The caller checks the receiver.</summary>
    public static bool IsClientIntegration(IMethodSymbol method)
    {
        if (!method.IsExtensionMethod || !method.Name.StartsWith("Add", StringComparison.Ordinal))
        {
            return false;
        }

        var assembly = method.ContainingAssembly?.Name ?? string.Empty;
        if (assembly.StartsWith("Aspire.", StringComparison.Ordinal) || assembly.IndexOf(".Aspire.", StringComparison.Ordinal) >= 0
            || method.ContainingType.Name.StartsWith("Aspire", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var parameter in method.Parameters)
        {
            foreach (var type in Flatten(parameter.Type, 0))
            {
                if (IsInAspireNamespace(type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The type's namespace is <c>Aspire</c> or one inside it: its outermost namespace is named <c>Aspire</c>
    /// (read from the symbols, without building the namespace's display string for every parameter type).</summary>
    private static bool IsInAspireNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } outer)
        {
            ns = outer;
        }

        return ns.Name == "Aspire";
    }

    /// <summary>Does the client integration <paramref name="integration"/> register a check that covers this
    /// dependency? Its type argument is the registered type (<c>AddNpgsqlDbContext&lt;CatalogContext&gt;</c>), any
    /// database context integration covers the database (as any database check does), and otherwise the client
    /// library's namespaces in its parameters (<c>Action&lt;ConfigurationOptions&gt;</c> of StackExchange.Redis) say the kind.</summary>
    public static bool IntegrationCovers(IMethodSymbol integration, DependencyKind kind, ITypeSymbol? specific, INamedTypeSymbol? dbContext)
    {
        foreach (var typeArgument in integration.TypeArguments)
        {
            if (specific is not null && SymbolEqualityComparer.Default.Equals(typeArgument, specific))
            {
                return true;
            }

            if (kind == Database && SymbolNames.IsOrInheritsFrom(typeArgument, dbContext))
            {
                return true;
            }
        }

        if (kind.ClientNamespaces.IsEmpty)
        {
            return false;
        }

        foreach (var parameter in integration.Parameters)
        {
            foreach (var type in Flatten(parameter.Type, 0))
            {
                if (type.ContainingNamespace?.ToDisplayString() is { } ns && kind.ClientNamespaces.Any(c => InNamespace(ns, c) || InNamespace(ns, "Aspire." + c)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool InNamespace(string ns, string root)
        => ns == root || (ns.Length > root.Length && ns[root.Length] == '.' && ns.StartsWith(root, StringComparison.Ordinal));

    /// <summary>A parameter type and its type arguments (<c>Action&lt;IAzureClientBuilder&lt;ServiceBusClient, …&gt;&gt;</c>).</summary>
    private static IEnumerable<ITypeSymbol> Flatten(ITypeSymbol type, int depth)
    {
        yield return type;
        if (depth < 3 && type is INamedTypeSymbol { IsGenericType: true } named)
        {
            foreach (var argument in named.TypeArguments)
            {
                foreach (var inner in Flatten(argument, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }

    public static bool AnyNamed(IEnumerable<ITypeSymbol> types, ImmutableArray<string> fullNames)
        => !fullNames.IsEmpty && types.SelectMany(t => Expand(t)).Any(t => fullNames.Contains(SymbolNames.GetFullMetadataName(t)));
}
