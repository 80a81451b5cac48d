using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.Configuration;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4001_HardCodedConnectionStringCodeFixTests
{
    private const string Settings = """
        {
          "Logging": {
            "LogLevel": {
              "Default": "Information"
            }
          },
          "AllowedHosts": "*"
        }
        """;

    private static CodeFixTest Create(string source, string fixedSource, string? settings = Settings, string? fixedSettings = null)
    {
        var test = CodeFixVerifier<HardCodedConnectionStringAnalyzer, ReadFromConfigurationCodeFix>.Create(source, fixedSource);
        test.StubSources.Add(Stubs.Data);
        if (settings is not null)
        {
            test.AdditionalFiles.Add(("appsettings.json", settings));
        }

        if (fixedSettings is not null)
        {
            test.FixedAdditionalFiles.Add(("appsettings.json", fixedSettings));
        }

        return test;
    }

    private static CodeFixTest CreateWithoutFix(string source, string? settings = Settings)
    {
        var test = Create(source, source, settings);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test;
    }

    [Fact]
    public Task Top_level_program_reads_the_builder_configuration_and_the_value_moves_to_appsettings()
        => Create(
            """
            using Microsoft.Data.SqlClient;

            var builder = WebApplication.CreateBuilder(args);
            var connection = new SqlConnection([|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|]);
            var app = builder.Build();
            app.Run();
            """,
            """
            using Microsoft.Data.SqlClient;

            var builder = WebApplication.CreateBuilder(args);
            var connection = new SqlConnection(builder.Configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("Connection string 'Orders' is missing."));
            var app = builder.Build();
            app.Run();
            """,
            fixedSettings: """
            {
              "Logging": {
                "LogLevel": {
                  "Default": "Information"
                }
              },
              "AllowedHosts": "*",
              "ConnectionStrings": {
                "Orders": "Server=sql-prod.internal;Database=Orders;Integrated Security=true"
              }
            }
            """).RunAsync();

    [Fact]
    public Task An_injected_configuration_is_used_and_an_existing_section_is_extended()
        => Create(
            """
            using Microsoft.EntityFrameworkCore;

            sealed class OrdersContext(IConfiguration configuration) : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                    => optionsBuilder.UseNpgsql([|"Host=pg-orders.internal;Port=5432;Username=orders"|]);
            }
            """,
            """
            using Microsoft.EntityFrameworkCore;

            sealed class OrdersContext(IConfiguration configuration) : DbContext
            {
                protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
                    => optionsBuilder.UseNpgsql(configuration.GetConnectionString("PgOrders"));
            }
            """,
            settings: """
            {
                "ConnectionStrings": {
                    "Catalog": "Host=pg-catalog.internal"
                },
                "AllowedHosts": "*"
            }
            """,
            fixedSettings: """
            {
                "ConnectionStrings": {
                    "Catalog": "Host=pg-catalog.internal",
                    "PgOrders": "Host=pg-orders.internal;Port=5432;Username=orders"
                },
                "AllowedHosts": "*"
            }
            """).RunAsync();

    [Fact]
    public Task Fix_all_shares_a_key_for_equal_values_and_numbers_a_different_value()
    {
        var test = Create(
            """
            using Microsoft.Data.SqlClient;

            sealed class Repositories(IConfiguration configuration)
            {
                public SqlConnection Orders() => new SqlConnection([|"Server=sql-a.internal;Database=Orders"|]);
                public SqlConnection OrdersAgain() => new SqlConnection([|"Server=sql-a.internal;Database=Orders"|]);
                public SqlConnection OrdersReplica() => new SqlConnection([|"Server=sql-b.internal;Database=Orders"|]);
                public IConfiguration Configuration => configuration;
            }
            """,
            """
            using Microsoft.Data.SqlClient;

            sealed class Repositories(IConfiguration configuration)
            {
                public SqlConnection Orders() => new SqlConnection(configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("Connection string 'Orders' is missing."));
                public SqlConnection OrdersAgain() => new SqlConnection(configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("Connection string 'Orders' is missing."));
                public SqlConnection OrdersReplica() => new SqlConnection(configuration.GetConnectionString("Orders2") ?? throw new InvalidOperationException("Connection string 'Orders2' is missing."));
                public IConfiguration Configuration => configuration;
            }
            """,
            settings: "{\n}\n",
            fixedSettings: """
            {
              "ConnectionStrings": {
                "Orders": "Server=sql-a.internal;Database=Orders",
                "Orders2": "Server=sql-b.internal;Database=Orders"
              }
            }

            """);
        test.NumberOfIterations = 3;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task A_key_that_already_holds_the_value_is_reused_and_the_settings_stay_as_they_are()
        => Create(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open() => new SqlConnection([|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|]);
            }
            """,
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open() => new SqlConnection(configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("Connection string 'Orders' is missing."));
            }
            """,
            settings: """
            {
              // Comments stay.
              "ConnectionStrings": { "Orders": "Server=sql-prod.internal;Database=Orders;Integrated Security=true" }
            }
            """).RunAsync();

    [Fact]
    public Task The_variable_name_is_the_key_when_the_value_names_no_database_or_server_name()
        => Create(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open()
                {
                    string reportingConnectionString = [|"Server=10.0.4.17;Initial Catalog=;Integrated Security=true"|];
                    return new SqlConnection(reportingConnectionString);
                }
            }
            """,
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open()
                {
                    string reportingConnectionString = configuration.GetConnectionString("Reporting") ?? throw new InvalidOperationException("Connection string 'Reporting' is missing.");
                    return new SqlConnection(reportingConnectionString);
                }
            }
            """,
            fixedSettings: """
            {
              "Logging": {
                "LogLevel": {
                  "Default": "Information"
                }
              },
              "AllowedHosts": "*",
              "ConnectionStrings": {
                "Reporting": "Server=10.0.4.17;Initial Catalog=;Integrated Security=true"
              }
            }
            """).RunAsync();

    [Fact]
    public Task A_cache_is_named_after_its_host_and_a_database_file_after_its_name()
        => Create(
            """
            using Microsoft.EntityFrameworkCore;
            using StackExchange.Redis;

            sealed class Stores(IConfiguration configuration)
            {
                public ConnectionMultiplexer Cache() => ConnectionMultiplexer.Connect([|"redis-prod.internal:6380"|]);
                public DbContextOptionsBuilder Local(DbContextOptionsBuilder options) => options.UseSqlite([|"Data Source=/var/data/orders.db"|]);
            }
            """,
            """
            using Microsoft.EntityFrameworkCore;
            using StackExchange.Redis;

            sealed class Stores(IConfiguration configuration)
            {
                public ConnectionMultiplexer Cache() => ConnectionMultiplexer.Connect(configuration.GetConnectionString("RedisProd") ?? throw new InvalidOperationException("Connection string 'RedisProd' is missing."));
                public DbContextOptionsBuilder Local(DbContextOptionsBuilder options) => options.UseSqlite(configuration.GetConnectionString("Orders"));
            }
            """,
            settings: "{ }",
            fixedSettings: """
            {
              "ConnectionStrings": {
                "RedisProd": "redis-prod.internal:6380",
                "Orders": "Data Source=/var/data/orders.db"
              }
            }
            """).RunAsync();

    [Fact]
    public Task A_value_with_a_password_is_not_moved_into_a_settings_file()
        => CreateWithoutFix(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open() => new SqlConnection([|"Server=sql-prod.internal;Database=Orders;User Id=app;Password=Winter2024x"|]);
            }
            """).RunAsync();

    [Fact]
    public Task No_fix_without_configuration_in_scope()
        => CreateWithoutFix(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store
            {
                public SqlConnection Open() => new SqlConnection([|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|]);
            }
            """).RunAsync();

    [Fact]
    public Task No_fix_for_a_constant_or_a_field_initializer()
        => CreateWithoutFix(
            """
            sealed class Store(IConfiguration configuration)
            {
                private const string Orders = [|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|];
                private readonly string _catalog = [|"Server=sql-prod.internal;Database=Catalog;Integrated Security=true"|];
                public int Length => Orders.Length + _catalog.Length + (configuration["x"]?.Length ?? 0);
            }
            """).RunAsync();

    [Fact]
    public Task No_fix_for_an_instance_configuration_from_a_static_method()
        => CreateWithoutFix(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public static SqlConnection Open() => new SqlConnection([|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|]);
                public string? Name => configuration["Name"];
            }
            """).RunAsync();

    [Fact]
    public Task No_fix_when_the_project_has_no_appsettings_json()
        => CreateWithoutFix(
            """
            using Microsoft.Data.SqlClient;

            sealed class Store(IConfiguration configuration)
            {
                public SqlConnection Open() => new SqlConnection([|"Server=sql-prod.internal;Database=Orders;Integrated Security=true"|]);
            }
            """,
            settings: null).RunAsync();
}
