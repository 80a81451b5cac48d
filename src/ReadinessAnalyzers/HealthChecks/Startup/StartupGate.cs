using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// Whether the start-up rules can report anything in a compilation, decided from a few type look-ups before
/// any action is registered. RDY3006 needs ASP.NET Core's application or endpoint builders; every other
/// start-up rule needs an executable that builds a host (Microsoft.Extensions.Hosting or ASP.NET Core
/// hosting). A class library without ASP.NET Core — most projects of a large solution — pays nothing more.
/// </summary>
internal static class StartupGate
{
    /// <summary>
    /// The same question at compilation start, before anything is bound (<see cref="ReferenceGate"/>): are the
    /// assemblies that declare those types referenced at all? <see cref="CanReport"/> then decides from the types on
    /// the first callback.
    /// </summary>
    public static bool MayReport(Compilation compilation)
        => ReferenceGate.MayReference(compilation, AspNetCoreEndpointAssemblies)
            || (compilation.Options.OutputKind == OutputKind.ConsoleApplication
                && ReferenceGate.MayReference(compilation, "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.AspNetCore.Hosting.Abstractions"));

    /// <summary>The assemblies of IApplicationBuilder and IEndpointRouteBuilder.</summary>
    public static readonly string[] AspNetCoreEndpointAssemblies = ["Microsoft.AspNetCore.Http.Abstractions", "Microsoft.AspNetCore.Routing"];

    public static bool CanReport(Compilation compilation)
        => TypeLookup.Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder") is not null
            || TypeLookup.Get(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder") is not null
            || (compilation.Options.OutputKind == OutputKind.ConsoleApplication
                && (TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostedService") is not null
                    || TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostBuilder") is not null
                    || TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostApplicationBuilder") is not null
                    || TypeLookup.Get(compilation, "Microsoft.AspNetCore.Hosting.IWebHostBuilder") is not null));
}
