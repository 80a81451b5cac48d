using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks;

public sealed class RDY3004_DependencyWithoutHealthCheckTests
{
    private const string OrderDbContext = """
        using Microsoft.EntityFrameworkCore;

        namespace OrderService.Data;

        public sealed class OrderDbContext(DbContextOptions<OrderDbContext> options) : DbContext(options);

        public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : DbContext(options);
        """;

    private const string Queue = """
        namespace MyCompany.Messaging
        {
            using Microsoft.Extensions.DependencyInjection;

            public static class QueueExtensions
            {
                public static IServiceCollection AddOrderQueue(this IServiceCollection services, string name) => services;
                public static IHealthChecksBuilder AddOrderQueueCheck(this IHealthChecksBuilder builder) => builder;
            }
        }
        """;

    private static AnalyzerTest Create(params string[] sources)
    {
        var test = StartupTest.Create(RuleIdentifiers.DependencyWithoutHealthCheck, sources);
        test.Sources.Add(OrderDbContext);
        test.StubSources.Add(StartupStubs.EntityFrameworkCore);
        test.StubSources.Add(StartupStubs.EntityFrameworkCoreHealthChecks);
        test.StubSources.Add(StartupStubs.XabarilHealthChecks);
        test.StubSources.Add(StartupStubs.Redis);
        test.StubSources.Add(StartupStubs.Npgsql);
        test.StubSources.Add(Queue);
        test.StubSources.Add(StartupStubs.AspireClientIntegrations);
        return test;
    }

    [Fact]
    public Task Db_context_registered_in_an_infrastructure_extension_without_a_check_is_reported_there()
    {
        var test = Create(
            """
            using OrderService.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddInfrastructure(builder.Configuration);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            """
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            namespace OrderService.Infrastructure;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
                {
                    services.{|#0:AddDbContext<OrderDbContext>|}(options => options.UseNpgsql(configuration.GetConnectionString("Orders")));
                    return services;
                }
            }
            """);
        test.ExpectedMessages[0] = "'AddDbContext<OrderDbContext>' registers the database behind 'OrderDbContext', but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add AddDbContextCheck<OrderDbContext>() to AddHealthChecks(), or a custom check that uses it";
        return test.RunAsync();
    }

    [Fact]
    public Task Redis_cache_http_client_multiplexer_and_data_source_without_checks_are_reported()
    {
        var test = Create("""
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddStackExchangeRedisCache|}(o => o.Configuration = builder.Configuration["Redis"]);
            builder.Services.{|#1:AddHttpClient<PaymentsClient>|}(c => c.BaseAddress = new Uri("https://payments.example.com"));
            builder.Services.{|#2:AddSingleton<IConnectionMultiplexer>|}(ConnectionMultiplexer.Connect("redis:6379"));
            builder.Services.{|#3:AddNpgsqlDataSource|}("Host=db");
            builder.Services.AddHealthChecks();
            builder.Build().Run();

            sealed class PaymentsClient(HttpClient client)
            {
                public Task<string> PingAsync() => client.GetStringAsync("/ping");
            }
            """);
        test.ExpectedMessages[0] = "'AddStackExchangeRedisCache' registers Redis, but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add AddRedis(…) to AddHealthChecks(), or a custom check that uses it";
        test.ExpectedMessages[1] = "'AddHttpClient<PaymentsClient>' registers the HTTP service 'PaymentsClient', but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add AddUrlGroup(new Uri(…)) to AddHealthChecks(), or a custom check that uses it";
        test.ExpectedMessages[2] = "'AddSingleton<IConnectionMultiplexer>' registers Redis, but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add AddRedis(…) to AddHealthChecks(), or a custom check that uses it";
        test.ExpectedMessages[3] = "'AddNpgsqlDataSource' registers the database, but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add a database check (AddNpgSql, AddSqlServer, AddMySql … from AspNetCore.HealthChecks.*) to AddHealthChecks(), or a custom check that uses it";
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_with_a_db_context_factory_and_sql_connection_factory_is_reported()
        => Create(
            """
            using System.Data.Common;
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;
            using OrderWorker;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<Worker>();
            builder.Services.[|AddDbContextFactory<OrderDbContext>|](o => o.UseNpgsql("Host=db"));
            builder.Services.[|AddScoped<DbConnection>|](sp => Npgsql.NpgsqlDataSource.Create("Host=db").CreateConnection());
            builder.Services.AddHealthChecks().AddDbContextCheck<ReportingDbContext>();
            builder.Build().Run();
            """,
            StartupTest.Worker).RunAsync();

    [Fact]
    public Task Matching_checks_cover_their_dependencies()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=db"));
            builder.Services.AddDbContextPool<ReportingDbContext>(o => o.UseNpgsql("Host=reports"));
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis");
            builder.Services.AddHttpClient("payments", c => c.BaseAddress = new Uri("https://payments.example.com"));
            builder.Services.AddNpgsqlDataSource("Host=db");
            builder.Services.AddHealthChecks()
                .AddDbContextCheck<OrderDbContext>()
                .AddNpgSql("Host=reports")
                .AddRedis("redis")
                .AddUrlGroup(new Uri("https://payments.example.com/health"));
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task Custom_check_classes_that_use_the_dependency_cover_it()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Diagnostics.HealthChecks;
            using OrderService.Data;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=db"));
            builder.Services.AddDbContext<ReportingDbContext>(o => o.UseNpgsql("Host=reports"));
            builder.Services.AddSingleton<IConnectionMultiplexer>(ConnectionMultiplexer.Connect("redis"));
            builder.Services.AddHealthChecks()
                .AddCheck<OrderDatabaseCheck>("orders-db")
                .AddCheck<ReportingCheck>("reports-db")
                .AddCheck("redis", new RedisCheck(ConnectionMultiplexer.Connect("redis")));
            builder.Build().Run();

            sealed class OrderDatabaseCheck(OrderDbContext db) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    await Task.Yield();
                    return db is null ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy();
                }
            }

            sealed class ReportingCheck(IServiceScopeFactory scopes) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
                    await Task.Delay(1, cancellationToken);
                    return db is null ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy();
                }
            }

            sealed class RedisCheck(IConnectionMultiplexer redis) : IHealthCheck
            {
                public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
                {
                    await redis.GetDatabase().PingAsync();
                    return HealthCheckResult.Healthy();
                }
            }
            """).RunAsync();

    [Fact]
    public Task Look_alikes_are_silent()
        => Create("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpClient<GitHubClient>();
            builder.Services.AddHttpClient("relative", c => c.BaseAddress = new Uri("/api", UriKind.Relative));
            builder.Services.AddScoped<IOrderRepository, OrderRepository>();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddMemoryCache();
            builder.Services.AddHealthChecks();
            builder.Build().Run();

            sealed class GitHubClient(HttpClient client) { }
            interface IOrderRepository { }
            sealed class OrderRepository : IOrderRepository { }
            """).RunAsync();

    [Fact]
    public Task Without_health_checks_at_all_only_RDY3001_speaks()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=db"));
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task Class_library_registrations_are_silent()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            public static class DependencyInjection
            {
                public static IServiceCollection AddInfrastructure(this IServiceCollection services)
                {
                    services.AddHealthChecks();
                    return services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=db"));
                }
            }
            """).RunAsync();

    [Fact]
    public Task Option_adds_a_registration_and_its_check()
    {
        var test = Create("""
            using MyCompany.Messaging;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddOrderQueue|}("orders");
            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """);
        test.EditorConfig = """
            [*.cs]
            RDY3004.dependency_checks = AddOrderQueue:AddOrderQueueCheck, AddStackExchangeRedisCache:AddRedisProbe
            """;
        test.ExpectedMessages[0] = "'AddOrderQueue' registers a dependency, but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add AddOrderQueueCheck to AddHealthChecks(), or a custom check that uses it";
        return test.RunAsync();
    }

    [Fact]
    public Task Option_check_covers_its_registration()
    {
        var test = Create("""
            using MyCompany.Messaging;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOrderQueue("orders");
            builder.Services.AddHealthChecks().AddOrderQueueCheck();
            builder.Build().Run();
            """);
        test.EditorConfig = """
            [*.cs]
            RDY3004.dependency_checks = MyCompany.Messaging.QueueExtensions.AddOrderQueue:AddOrderQueueCheck
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Option_ignores_registrations_by_method_and_by_type()
    {
        var test = Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHttpClient<PaymentsClient>(c => c.BaseAddress = new Uri("https://payments.example.com"));
            builder.Services.AddDbContext<ReportingDbContext>(o => o.UseNpgsql("Host=reports"));
            builder.Services.[|AddDbContext<OrderDbContext>|](o => o.UseNpgsql("Host=db"));
            builder.Services.AddHealthChecks();
            builder.Build().Run();

            sealed class PaymentsClient(HttpClient client) { }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY3004.ignored_dependencies = AddHttpClient, OrderService.Data.ReportingDbContext
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Registration_made_only_for_build_time_generation_is_not_a_production_dependency()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.AddApplicationServices();
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            """
            using OrderService.Data;

            public static class ApplicationServices
            {
                public static void AddApplicationServices(this IHostApplicationBuilder builder)
                {
                    // Build-time OpenAPI generation: no database.
                    if (builder.Environment.IsBuild())
                    {
                        builder.Services.AddDbContext<OrderDbContext>();
                        return;
                    }

                    builder.AddNpgsqlDbContext<OrderDbContext>("orders");
                }
            }
            """,
            """
            namespace Microsoft.Extensions.Hosting;

            internal static class HostEnvironmentExtensions
            {
                public static bool IsBuild(this IHostEnvironment hostEnvironment) => hostEnvironment.IsEnvironment("Build");
            }
            """).RunAsync();

    [Fact]
    public Task Registrations_in_development_branches_are_skipped_but_the_production_path_is_reported()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "localhost");
            }
            else
            {
                builder.Services.[|AddDbContext<ReportingDbContext>|](o => o.UseNpgsql("Host=reports"));
            }

            if (!builder.Environment.IsProduction())
            {
                builder.Services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=localhost"));
            }

            if (builder.Configuration.GetValue<bool>("UseCache"))
            {
                builder.Services.[|AddStackExchangeRedisCache|](o => o.Configuration = builder.Configuration["Redis"]);
            }

            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task Aspire_client_integrations_cover_plain_registrations_of_their_kind()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDbContext<OrderDbContext>(o => o.UseNpgsql("Host=db"));
            builder.AddNpgsqlDbContext<OrderDbContext>("orders");
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = builder.Configuration["Redis"]);
            builder.AddRedisClient("cache");
            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task Aspire_integration_with_checks_disabled_of_another_kind_or_only_in_development_does_not_cover()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.[|AddDbContext<OrderDbContext>|](o => o.UseNpgsql("Host=db"));
            builder.AddNpgsqlDbContext<OrderDbContext>("orders", settings => settings.DisableHealthChecks = true);
            builder.AddReportingClient("reports");
            builder.Services.[|AddStackExchangeRedisCache|](o => o.Configuration = builder.Configuration["Redis"]);
            if (builder.Environment.IsDevelopment())
            {
                builder.AddRedisClient("cache", s => s.DisableHealthChecks = false);
            }

            builder.Services.[|AddDbContext<ReportingDbContext>|](o => o.UseNpgsql("Host=reports"));
            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task Aspire_integration_of_another_kind_does_not_cover_the_database()
        => Create("""
            using Microsoft.EntityFrameworkCore;
            using OrderService.Data;

            var builder = WebApplication.CreateBuilder(args);
            builder.AddRedisClient("cache");
            builder.Services.[|AddDbContext<ReportingDbContext>|](o => o.UseNpgsql("Host=reports"));
            builder.Services.AddHealthChecks();
            builder.Build().Run();
            """).RunAsync();
}
