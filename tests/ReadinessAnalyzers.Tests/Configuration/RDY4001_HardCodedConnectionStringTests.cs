using System.Threading.Tasks;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4001_HardCodedConnectionStringTests
{
    private static AnalyzerTest Create(string source)
    {
        var test = AnalyzerVerifier<HardCodedConnectionStringAnalyzer>.Create(source);
        test.StubSources.Add(Stubs.Data);
        return test;
    }

    [Fact]
    public Task Connection_string_passed_to_UseSqlServer_is_reported_with_kind_and_server()
    {
        var test = Create("""
            using Microsoft.EntityFrameworkCore;
            class OrdersContext : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                    => optionsBuilder.UseSqlServer({|#0:"Server=sql-prod-01.corp.internal;Database=Orders;Integrated Security=true;TrustServerCertificate=true"|});
            }
            """);
        test.ExpectedMessages[0] = "Hard-coded SQL Server connection string for 'sql-prod-01.corp.internal': moving the service to another environment needs a rebuild; read it from configuration (builder.Configuration.GetConnectionString(\"…\")) and keep the value in settings or a secret store";
        return test.RunAsync();
    }

    [Fact]
    public Task Connection_strings_are_recognised_by_keys_and_schemes_wherever_they_are_written()
        => Create("""
            static class Connections
            {
                public const string Orders = [|"Host=pg-orders.internal;Port=5432;Database=orders;Username=orders"|];
                public static readonly string Catalog = [|"Data Source=sql-prod;Initial Catalog=Catalog;Integrated Security=SSPI"|];
                public static string Mongo => [|"mongodb+srv://cluster0.abcde.mongodb.net/orders?retryWrites=true"|];
                public static string Bus = [|"Endpoint=sb://orders-prod.servicebus.windows.net/;SharedAccessKeyName=listen;EntityPath=orders"|];
                public static string Redis = [|"redis-prod.internal:6380,ssl=true,abortConnect=false"|];
                public static string Rabbit = [|"amqps://rabbit-prod.internal:5671/orders"|];
                public static string Files = [|"Data Source=/var/data/orders.db"|];
            }
            """).RunAsync();

    [Fact]
    public Task Interpolations_and_concatenations_with_a_literal_server_are_reported()
        => Create("""
            using Npgsql;
            class C
            {
                const string Host = "pg-prod.internal";
                NpgsqlConnection Open(string database) => new NpgsqlConnection([|$"Host={Host};Database={database};Username=orders"|]);
                string Build(string password) => [|"Server=sql-prod;Database=Orders;" + "User Id=app;Password=" + password|];
            }
            """).RunAsync();

    [Fact]
    public Task Weak_values_are_reported_only_where_a_connection_string_is_expected()
        => Create("""
            using Microsoft.Data.SqlClient;
            using StackExchange.Redis;
            using Microsoft.Extensions.Caching.StackExchangeRedis;
            class C
            {
                const string Cache = "redis-prod.internal:6379";
                void M(RedisCacheOptions options)
                {
                    ConnectionMultiplexer.Connect([|Cache|]);
                    ConnectionMultiplexer.Connect([|"cache.internal"|]);
                    options.Configuration = [|"redis-prod.internal:6379"|];
                    var connection = new SqlConnection { ConnectionString = [|"Server=sql-prod"|] };
                    options.InstanceName = "orders";
                }
            }
            """).RunAsync();

    [Fact]
    public Task Constants_reach_a_sink_through_fallbacks_branches_initializers_and_compound_assignments()
        => Create("""
            using Microsoft.Data.SqlClient;
            using StackExchange.Redis;
            using Microsoft.Extensions.Caching.StackExchangeRedis;
            class C
            {
                const string Primary = "redis-a.internal:6379";
                const string Secondary = "redis-b.internal:6379";
                static readonly string NotConstant = "redis-c.internal:6379";
                void M(RedisCacheOptions options, string? configured, bool primary)
                {
                    const string Local = "sql-orders";
                    ConnectionMultiplexer.Connect(configured ?? [|Primary|]);
                    ConnectionMultiplexer.Connect(primary ? [|Primary|] : [|Secondary|]);
                    options.Configuration ??= [|Secondary|];
                    var connection = new SqlConnection { ConnectionString = [|Local|] };
                    connection.ConnectionString += [|Local|];
                    ConnectionMultiplexer.Connect(NotConstant);
                    ConnectionMultiplexer.Connect(Primary == configured ? "" : configured!);
                    options.InstanceName = Primary;
                    Use(Primary, Local);
                }
                static void Use(string name, string value) { }
            }
            """).RunAsync();

    [Fact]
    public Task Connection_strings_are_found_wherever_a_value_goes_not_only_at_sinks()
        => Create("""
            using System;
            using System.Collections.Generic;
            static class Connections
            {
                static readonly string[] Array = { [|"Host=pg-a.internal;Database=orders;Username=orders"|] };
                static readonly List<string> Collection = [[|"Host=pg-b.internal;Database=orders;Username=orders"|]];
                static readonly (string, string) Pair = ("orders", [|"Host=pg-c.internal;Database=orders;Username=orders"|]);
                static readonly Func<string> Lambda = () => [|"Host=pg-d.internal;Database=orders;Username=orders"|];
                static string ForEnvironment(string name) => name switch
                {
                    "prod" => [|"Host=pg-e.internal;Database=orders;Username=orders"|],
                    _ => [|"Host=pg-f.internal;Database=orders;Username=orders"|],
                };
                static IEnumerable<string> All()
                {
                    yield return [|"Host=pg-g.internal;Database=orders;Username=orders"|];
                }
                static string Default(string value = [|"Host=pg-h.internal;Database=orders;Username=orders"|]) => value;
                static string Fallback(string? configured, bool primary, string suffix)
                {
                    var first = [|"Host=pg-i.internal;Database=orders;Username=orders"|] ?? configured;
                    var joined = "prefix;" + (primary ? [|"Host=pg-j.internal;Database=orders;Username=orders"|] : suffix);
                    var interpolated = $"{(configured ?? [|"Host=pg-k.internal;Database=orders;Username=orders"|])}";
                    Console.WriteLine([|$"Host=pg-l.internal;Database={suffix};Username=orders"|]);
                    return first + joined + interpolated;
                }
            }
            """).RunAsync();

    [Fact]
    public Task Without_any_database_client_a_connection_string_is_still_reported()
    {
        var test = AnalyzerVerifier<HardCodedConnectionStringAnalyzer>.Create("""
            static class Connections
            {
                public const string Orders = [|"Host=pg-orders.internal;Port=5432;Database=orders;Username=orders"|];
                public static string Describe() => "Server: " + Orders.Length;
            }
            """);
        test.AspNetCore = false;
        return test.RunAsync();
    }

    [Fact]
    public Task Local_servers_are_reported_with_a_message_that_says_so()
    {
        var test = Create("""
            using Microsoft.EntityFrameworkCore;
            static class Setup
            {
                public static void Configure(DbContextOptionsBuilder options)
                    => options.UseSqlServer({|#0:@"Server=(localdb)\mssqllocaldb;Database=Orders;Trusted_Connection=True"|});
            }
            """);
        test.ExpectedMessages[0] = "Hard-coded SQL Server connection string for '(localdb)\\mssqllocaldb' on the developer's machine, which a deployed service cannot reach: moving the service to another environment needs a rebuild; read it from configuration (builder.Configuration.GetConnectionString(\"…\")) and keep the value in settings or a secret store";
        return test.RunAsync();
    }

    [Fact]
    public Task Local_servers_are_not_reported_when_the_option_ignores_them()
    {
        var test = Create("""
            using Microsoft.EntityFrameworkCore;
            static class Setup
            {
                public static void Configure(DbContextOptionsBuilder options)
                {
                    options.UseSqlServer("Server=localhost,1433;Database=Orders;User Id=sa;TrustServerCertificate=true");
                    options.UseSqlite("Data Source=orders.db");
                    options.UseNpgsql([|"Host=pg-prod.internal;Database=orders;Username=orders"|]);
                }
            }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY4001.ignore_local = true
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Configuration_lookups_templates_names_and_look_alikes_are_not_reported()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Logging;
            using StackExchange.Redis;
            class C
            {
                const string Template = "Server={0};Database={1};User Id={2}";
                void M(DbContextOptionsBuilder options, IConfiguration configuration, ILogger<C> logger, string host, string db)
                {
                    options.UseSqlServer(configuration.GetConnectionString("Orders"));
                    options.UseSqlServer("Name=ConnectionStrings:Orders");
                    options.UseSqlite("Data Source=:memory:");
                    options.UseSqlite("DataSource=file::memory:?cache=shared;Mode=Memory");
                    options.UseNpgsql($"Host={host};Database={db}");
                    options.UseSqlServer(configuration["Db"] ?? "");
                    ConnectionMultiplexer.Connect(configuration["Redis"]!);
                    logger.LogInformation("Connecting to Host={Host};Database={Database}", host, db);
                    var text = string.Format(Template, host, db, "app");
                    var notes = "Server=the box under the desk";
                    var query = "name=orders;page=2";
                    var header = "key=value;other=thing";
                }
            }
            """).RunAsync();

    [Fact]
    public Task Design_time_factories_and_test_projects_are_not_reported()
    {
        var factory = Create("""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Design;
            class OrdersContext : DbContext { }
            class OrdersContextFactory : IDesignTimeDbContextFactory<OrdersContext>
            {
                public OrdersContext CreateDbContext(string[] args)
                {
                    new DbContextOptionsBuilder<OrdersContext>().UseSqlServer("Server=(localdb)\\mssqllocaldb;Database=Orders;Trusted_Connection=True");
                    return new OrdersContext();
                }
            }
            """);
        var tests = Create("""
            static class Fixture
            {
                public const string Orders = "Host=pg-test.internal;Database=orders;Username=orders";
            }
            """);
        tests.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        return Task.WhenAll(factory.RunAsync(), tests.RunAsync());
    }
}
