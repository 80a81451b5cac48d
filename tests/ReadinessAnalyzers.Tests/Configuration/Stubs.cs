namespace ReadinessAnalyzers.Tests.Configuration;

/// <summary>Third-party API shapes used by the configuration rules' tests (real namespaces and names).</summary>
internal static class Stubs
{
    public const string Data = """
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContextOptionsBuilder { }
            public class DbContextOptionsBuilder<T> : DbContextOptionsBuilder { public T? Value; }
            public class DbContext { protected virtual void OnConfiguring(DbContextOptionsBuilder optionsBuilder) { } }
            public static class SqlServerDbContextOptionsExtensions
            {
                public static DbContextOptionsBuilder UseSqlServer(this DbContextOptionsBuilder builder, string? connectionString) => builder;
            }
            public static class NpgsqlDbContextOptionsBuilderExtensions
            {
                public static DbContextOptionsBuilder UseNpgsql(this DbContextOptionsBuilder builder, string? connectionString) => builder;
            }
            public static class SqliteDbContextOptionsBuilderExtensions
            {
                public static DbContextOptionsBuilder UseSqlite(this DbContextOptionsBuilder builder, string? connectionString) => builder;
            }
        }
        namespace Microsoft.EntityFrameworkCore.Design
        {
            public interface IDesignTimeDbContextFactory<out TContext> { TContext CreateDbContext(string[] args); }
        }
        namespace Microsoft.Data.SqlClient
        {
            public sealed class SqlConnection { public SqlConnection(string connectionString) { } public SqlConnection() { } public string ConnectionString { get; set; } = ""; }
        }
        namespace Npgsql
        {
            public sealed class NpgsqlConnection { public NpgsqlConnection(string? connectionString) { } }
        }
        namespace StackExchange.Redis
        {
            public sealed class ConnectionMultiplexer
            {
                public static ConnectionMultiplexer Connect(string configuration, System.IO.TextWriter? log = null) => new();
            }
        }
        namespace MongoDB.Driver
        {
            public sealed class MongoClient { public MongoClient(string connectionString) { } }
        }
        namespace Microsoft.Extensions.Caching.StackExchangeRedis
        {
            public sealed class RedisCacheOptions { public string? Configuration { get; set; } public string? InstanceName { get; set; } }
        }
        """;
}
