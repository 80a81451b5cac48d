using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>The framework types the start-up model recognises, each looked up once per compilation on first use
/// (most are needed only for a few operations or at compilation end). Any may be missing (a net6.0 project has no
/// <c>IHostApplicationBuilder</c>, a worker has no ASP.NET Core).</summary>
internal sealed class StartupSymbols
{
    private readonly Compilation _compilation;
    private object? _hostApplicationBuilder;
    private object? _hostBuilder;
    private object? _webHostBuilder;
    private object? _webApplicationBuilder;
    private object? _applicationBuilder;
    private object? _endpointRouteBuilder;
    private object? _webApplication;
    private object? _healthChecksBuilder;
    private object? _hostedService;
    private object? _healthCheck;
    private object? _healthCheckPublisher;
    private object? _healthCheckService;
    private object? _healthCheckOptions;
    private object? _healthReport;
    private object? _healthReportEntry;
    private object? _exception;
    private object? _dbContext;
    private object? _httpClient;
    private object? _uri;

    private StartupSymbols(Compilation compilation, INamedTypeSymbol serviceCollection)
    {
        _compilation = compilation;
        ServiceCollection = serviceCollection;
    }

    public INamedTypeSymbol ServiceCollection { get; }

    public INamedTypeSymbol? HostApplicationBuilder => Get(ref _hostApplicationBuilder, "Microsoft.Extensions.Hosting.IHostApplicationBuilder");

    public INamedTypeSymbol? HostBuilder => Get(ref _hostBuilder, "Microsoft.Extensions.Hosting.IHostBuilder");

    public INamedTypeSymbol? WebHostBuilder => Get(ref _webHostBuilder, "Microsoft.AspNetCore.Hosting.IWebHostBuilder");

    public INamedTypeSymbol? WebApplicationBuilder => Get(ref _webApplicationBuilder, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");

    public INamedTypeSymbol? ApplicationBuilder => Get(ref _applicationBuilder, "Microsoft.AspNetCore.Builder.IApplicationBuilder");

    public INamedTypeSymbol? EndpointRouteBuilder => Get(ref _endpointRouteBuilder, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");

    public INamedTypeSymbol? WebApplication => Get(ref _webApplication, "Microsoft.AspNetCore.Builder.WebApplication");

    public INamedTypeSymbol? HealthChecksBuilder => Get(ref _healthChecksBuilder, "Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");

    public INamedTypeSymbol? HostedService => Get(ref _hostedService, "Microsoft.Extensions.Hosting.IHostedService");

    public INamedTypeSymbol? HealthCheck => Get(ref _healthCheck, "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck");

    public INamedTypeSymbol? HealthCheckPublisher => Get(ref _healthCheckPublisher, "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheckPublisher");

    public INamedTypeSymbol? HealthCheckService => Get(ref _healthCheckService, "Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService");

    public INamedTypeSymbol? HealthCheckOptions => Get(ref _healthCheckOptions, "Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions");

    public INamedTypeSymbol? HealthReport => Get(ref _healthReport, "Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport");

    public INamedTypeSymbol? HealthReportEntry => Get(ref _healthReportEntry, "Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry");

    public INamedTypeSymbol? Exception => Get(ref _exception, "System.Exception");

    public INamedTypeSymbol? DbContext => Get(ref _dbContext, "Microsoft.EntityFrameworkCore.DbContext");

    public INamedTypeSymbol? HttpClient => Get(ref _httpClient, "System.Net.Http.HttpClient");

    public INamedTypeSymbol? Uri => Get(ref _uri, "System.Uri");

    /// <summary>Null when the compilation cannot host anything (no dependency injection at all).</summary>
    public static StartupSymbols? TryCreate(Compilation compilation)
        => TypeLookup.Get(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection") is { } serviceCollection
            ? new StartupSymbols(compilation, serviceCollection)
            : null;

    private INamedTypeSymbol? Get(ref object? slot, string metadataName) => LazyType.Get(_compilation, ref slot, metadataName);
}
