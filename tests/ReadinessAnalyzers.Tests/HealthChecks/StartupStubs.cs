namespace ReadinessAnalyzers.Tests.HealthChecks;

/// <summary>Third-party API shapes used by start-up code, with their real namespaces and names.</summary>
internal static class StartupStubs
{
    public const string EntityFrameworkCore = """
        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { public DbContext(DbContextOptions options) { } }
            public class DbContextOptions { }
            public class DbContextOptions<TContext> : DbContextOptions where TContext : DbContext { }
            public class DbContextOptionsBuilder { }
            public interface IDbContextFactory<TContext> where TContext : DbContext { TContext CreateDbContext(); }
            public static class NpgsqlDbContextOptionsBuilderExtensions
            {
                public static DbContextOptionsBuilder UseNpgsql(this DbContextOptionsBuilder builder, string? connectionString) => builder;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            using Microsoft.EntityFrameworkCore;

            public static class EntityFrameworkServiceCollectionExtensions
            {
                public static IServiceCollection AddDbContext<TContext>(this IServiceCollection services, System.Action<DbContextOptionsBuilder>? optionsAction = null) where TContext : DbContext => services;
                public static IServiceCollection AddDbContextPool<TContext>(this IServiceCollection services, System.Action<DbContextOptionsBuilder> optionsAction, int poolSize = 1024) where TContext : DbContext => services;
                public static IServiceCollection AddDbContextFactory<TContext>(this IServiceCollection services, System.Action<DbContextOptionsBuilder>? optionsAction = null) where TContext : DbContext => services;
            }

            public static class NpgsqlServiceCollectionExtensions
            {
                public static IServiceCollection AddNpgsql<TContext>(this IServiceCollection services, string? connectionString) where TContext : DbContext => services;
            }
        }
        """;

    public const string EntityFrameworkCoreHealthChecks = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class EntityFrameworkCoreHealthChecksBuilderExtensions
            {
                public static IHealthChecksBuilder AddDbContextCheck<TContext>(this IHealthChecksBuilder builder, string? name = null) where TContext : Microsoft.EntityFrameworkCore.DbContext => builder;
            }
        }
        """;

    public const string Redis = """
        namespace StackExchange.Redis
        {
            public interface IDatabase { System.Threading.Tasks.Task<System.TimeSpan> PingAsync(); }
            public interface IConnectionMultiplexer { IDatabase GetDatabase(int db = -1); }
            public sealed class ConnectionMultiplexer : IConnectionMultiplexer
            {
                public static ConnectionMultiplexer Connect(string configuration) => new();
                public IDatabase GetDatabase(int db = -1) => null!;
            }
        }

        namespace Microsoft.Extensions.Caching.StackExchangeRedis
        {
            public class RedisCacheOptions { public string? Configuration { get; set; } public string? InstanceName { get; set; } }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class StackExchangeRedisCacheServiceCollectionExtensions
            {
                public static IServiceCollection AddStackExchangeRedisCache(this IServiceCollection services, System.Action<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions> setupAction) => services;
            }
        }
        """;

    public const string Npgsql = """
        namespace Npgsql
        {
            public sealed class NpgsqlDataSource : System.Data.Common.DbDataSource
            {
                public static NpgsqlDataSource Create(string connectionString) => null!;
                public override string ConnectionString => "";
                protected override System.Data.Common.DbConnection CreateDbConnection() => null!;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class NpgsqlDataSourceServiceCollectionExtensions
            {
                public static IServiceCollection AddNpgsqlDataSource(this IServiceCollection services, string connectionString) => services;
            }
        }
        """;

    /// <summary>AspNetCore.HealthChecks.* (Xabaril): extension methods on IHealthChecksBuilder.</summary>
    public const string XabarilHealthChecks = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class NpgSqlHealthCheckBuilderExtensions
            {
                public static IHealthChecksBuilder AddNpgSql(this IHealthChecksBuilder builder, string connectionString, string? name = null, System.Collections.Generic.IEnumerable<string>? tags = null) => builder;
            }

            public static class RedisHealthCheckBuilderExtensions
            {
                public static IHealthChecksBuilder AddRedis(this IHealthChecksBuilder builder, string redisConnectionString, string? name = null) => builder;
            }

            public static class UriHealthCheckBuilderExtensions
            {
                public static IHealthChecksBuilder AddUrlGroup(this IHealthChecksBuilder builder, System.Uri uri, string? name = null) => builder;
            }
        }

        namespace HealthChecks.UI.Client
        {
            public static class UIResponseWriter
            {
                public static System.Threading.Tasks.Task WriteHealthCheckUIResponse(Microsoft.AspNetCore.Http.HttpContext httpContext, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) => System.Threading.Tasks.Task.CompletedTask;
                public static System.Threading.Tasks.Task WriteHealthCheckUIResponseNoExceptionDetails(Microsoft.AspNetCore.Http.HttpContext httpContext, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) => System.Threading.Tasks.Task.CompletedTask;
            }
        }
        """;

    public const string OpenTelemetry = """
        namespace OpenTelemetry
        {
            public sealed class OpenTelemetryBuilder
            {
                public OpenTelemetryBuilder WithTracing(System.Action<OpenTelemetry.Trace.TracerProviderBuilder> configure) => this;
                public OpenTelemetryBuilder WithMetrics(System.Action<OpenTelemetry.Metrics.MeterProviderBuilder> configure) => this;
            }
        }

        namespace OpenTelemetry.Trace
        {
            public class TracerProviderBuilder { }
            public static class AspNetCoreTracerProviderBuilderExtensions
            {
                public static TracerProviderBuilder AddAspNetCoreInstrumentation(this TracerProviderBuilder builder) => builder;
            }
        }

        namespace OpenTelemetry.Metrics
        {
            public class MeterProviderBuilder { }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class OpenTelemetryServicesExtensions
            {
                public static OpenTelemetry.OpenTelemetryBuilder AddOpenTelemetry(this IServiceCollection services) => new();
            }
        }
        """;

    /// <summary>A platform library (another assembly) whose start-up extension adds health checks and telemetry
    /// where we cannot see it; its assembly references the health-check assembly.</summary>
    public const string PlatformDefaultsWithHealthChecks = """
        namespace MyCompany.Platform
        {
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class PlatformExtensions
            {
                public static IHostApplicationBuilder AddPlatformDefaults(this IHostApplicationBuilder builder)
                {
                    builder.Services.AddHealthChecks();
                    return builder;
                }
            }
        }
        """;

    /// <summary>A platform library whose extension does something else: its assembly does not reference health checks.</summary>
    public const string PlatformDefaultsWithoutHealthChecks = """
        namespace MyCompany.Platform
        {
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class PlatformExtensions
            {
                public static IHostApplicationBuilder AddPlatformDefaults(this IHostApplicationBuilder builder) => builder;
            }
        }
        """;

    public const string AspireServiceDefaults = """
        namespace Microsoft.Extensions.Hosting
        {
            public static class Extensions
            {
                public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder => builder;
                public static Microsoft.AspNetCore.Builder.WebApplication MapDefaultEndpoints(this Microsoft.AspNetCore.Builder.WebApplication app) => app;
            }
        }
        """;

    /// <summary>.NET Aspire client integrations: extension methods on the host builder that register the client and
    /// its health check (real shapes: settings in an <c>Aspire.*</c> namespace, the client library's options).</summary>
    public const string AspireClientIntegrations = """
        namespace Aspire.Npgsql.EntityFrameworkCore.PostgreSQL
        {
            public sealed class NpgsqlEntityFrameworkCorePostgreSQLSettings { public bool DisableHealthChecks { get; set; } }
        }

        namespace Aspire.StackExchange.Redis
        {
            public sealed class StackExchangeRedisSettings { public bool DisableHealthChecks { get; set; } }
        }

        namespace StackExchange.Redis
        {
            public sealed class ConfigurationOptions { }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public static class AspireEFPostgreSqlExtensions
            {
                public static void AddNpgsqlDbContext<TContext>(this IHostApplicationBuilder builder, string connectionName, System.Action<Aspire.Npgsql.EntityFrameworkCore.PostgreSQL.NpgsqlEntityFrameworkCorePostgreSQLSettings>? configureSettings = null, System.Action<Microsoft.EntityFrameworkCore.DbContextOptionsBuilder>? configureDbContextOptions = null)
                    where TContext : Microsoft.EntityFrameworkCore.DbContext { }
            }

            // Named without the "Aspire" prefix on purpose: recognised by its Aspire settings type.
            public static class RedisClientIntegrationExtensions
            {
                public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName, System.Action<Aspire.StackExchange.Redis.StackExchangeRedisSettings>? configureSettings = null, System.Action<StackExchange.Redis.ConfigurationOptions>? configureOptions = null) { }
            }

            public static class ProjectHostingExtensions
            {
                public static void AddReportingClient(this IHostApplicationBuilder builder, string connectionName) { }
            }
        }
        """;

    public const string Xunit = """
        namespace Xunit
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public class FactAttribute : System.Attribute { }
        }
        """;

    public const string AzureFunctions = """
        namespace Microsoft.Extensions.Hosting
        {
            public static class WorkerHostBuilderExtensions
            {
                public static IHostBuilder ConfigureFunctionsWorkerDefaults(this IHostBuilder builder) => builder;
            }
        }
        """;
}
