using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>The framework types the start-up model recognises, resolved once per compilation. Any may be
/// missing (a net6.0 project has no <c>IHostApplicationBuilder</c>, a worker has no ASP.NET Core).</summary>
internal sealed class StartupSymbols
{
    private StartupSymbols(Compilation compilation)
    {
        ServiceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");
        HostApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostApplicationBuilder");
        HostBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostBuilder");
        WebHostBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Hosting.IWebHostBuilder");
        WebApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplicationBuilder");
        ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        WebApplication = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication");
        HealthChecksBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
        HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
        HealthCheck = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck");
        HealthCheckPublisher = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheckPublisher");
        HealthCheckService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService");
        HealthCheckOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions");
        HealthReport = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport");
        HealthReportEntry = compilation.GetTypeByMetadataName("Microsoft.Extensions.Diagnostics.HealthChecks.HealthReportEntry");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        DbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
    }

    public INamedTypeSymbol? ServiceCollection { get; }

    public INamedTypeSymbol? HostApplicationBuilder { get; }

    public INamedTypeSymbol? HostBuilder { get; }

    public INamedTypeSymbol? WebHostBuilder { get; }

    public INamedTypeSymbol? WebApplicationBuilder { get; }

    public INamedTypeSymbol? ApplicationBuilder { get; }

    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    public INamedTypeSymbol? WebApplication { get; }

    public INamedTypeSymbol? HealthChecksBuilder { get; }

    public INamedTypeSymbol? HostedService { get; }

    public INamedTypeSymbol? HealthCheck { get; }

    public INamedTypeSymbol? HealthCheckPublisher { get; }

    public INamedTypeSymbol? HealthCheckService { get; }

    public INamedTypeSymbol? HealthCheckOptions { get; }

    public INamedTypeSymbol? HealthReport { get; }

    public INamedTypeSymbol? HealthReportEntry { get; }

    public INamedTypeSymbol? Exception { get; }

    public INamedTypeSymbol? DbContext { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? Uri { get; }

    /// <summary>Null when the compilation cannot host anything (no dependency injection at all).</summary>
    public static StartupSymbols? TryCreate(Compilation compilation)
    {
        var symbols = new StartupSymbols(compilation);
        return symbols.ServiceCollection is null ? null : symbols;
    }
}
