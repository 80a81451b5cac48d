using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>What a start-up call is made on.</summary>
internal enum StartupReceiver
{
    None,

    /// <summary><c>IServiceCollection</c> (<c>builder.Services</c>, <c>ConfigureServices(services)</c>, <c>AddInfrastructure(this IServiceCollection)</c>).</summary>
    Services,

    /// <summary><c>IHostApplicationBuilder</c>, <c>WebApplicationBuilder</c>, <c>IHostBuilder</c>, <c>IWebHostBuilder</c>.</summary>
    Host,

    /// <summary><c>WebApplication</c>, <c>IApplicationBuilder</c>, <c>IEndpointRouteBuilder</c>.</summary>
    App,

    /// <summary><c>IHealthChecksBuilder</c> (the result of <c>AddHealthChecks()</c>).</summary>
    HealthChecks,
}

/// <summary>What a library we cannot see into might do, judged by the assemblies it references.</summary>
[System.Flags]
internal enum LibraryCapability
{
    None = 0,
    HealthChecks = 1,
    HealthEndpoints = 2,
    Telemetry = 4,
}

/// <summary>A host being built: <c>WebApplication.CreateBuilder</c>, <c>Host.CreateApplicationBuilder</c>, <c>new HostBuilder()</c>, …</summary>
internal sealed class HostBuilderCall
{
    public HostBuilderCall(Location location, string display, bool isWeb, ISymbol containingSymbol)
    {
        Location = location;
        Display = display;
        IsWeb = isWeb;
        ContainingSymbol = containingSymbol;
    }

    public Location Location { get; }

    public string Display { get; }

    public bool IsWeb { get; }

    public ISymbol ContainingSymbol { get; }
}

/// <summary>A call made on a start-up receiver, with the little the rules need to know about it later.</summary>
internal sealed class StartupCall
{
    public StartupCall(IMethodSymbol method, Location nameLocation, StartupReceiver receiver, bool fromSource, LibraryCapability library, ImmutableArray<ITypeSymbol> touchedTypes, string? httpClientName, bool outsideProduction = false, bool registersOwnHealthCheck = false, HealthCheckFacts? check = null)
    {
        Check = check;
        Method = method;
        NameLocation = nameLocation;
        Receiver = receiver;
        FromSource = fromSource;
        Library = library;
        TouchedTypes = touchedTypes;
        HttpClientName = httpClientName;
        OutsideProduction = outsideProduction;
        RegistersOwnHealthCheck = registersOwnHealthCheck;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The method name as written (with type arguments), where a finding about the call goes.</summary>
    public Location NameLocation { get; }

    public StartupReceiver Receiver { get; }

    public bool FromSource { get; }

    public LibraryCapability Library { get; }

    /// <summary>For dependency-injection registrations (<c>AddSingleton</c>, …): the registered types (type arguments,
    /// instance argument, factory return). For health-check registrations and <c>AddAzureClients</c>: every type the
    /// arguments (lambdas included) touch. Empty for other calls.</summary>
    public ImmutableArray<ITypeSymbol> TouchedTypes { get; }

    /// <summary>For <c>AddHttpClient</c> whose configuration sets a non-relative <c>BaseAddress</c>: the client's name.</summary>
    public string? HttpClientName { get; }

    /// <summary>The call runs only outside production (<c>if (builder.Environment.IsDevelopment())</c>, a custom
    /// <c>IsBuild()</c>, …; see <see cref="EnvironmentConditions"/>). Decided for dependency registrations
    /// (<see cref="StartupReceiver.Services"/> calls into other assemblies) and client integrations only.</summary>
    public bool OutsideProduction { get; }

    /// <summary>A client integration that registers its own health check (.NET Aspire's
    /// <c>builder.AddNpgsqlDbContext&lt;T&gt;("db")</c>, <c>AddRedisClient</c>, …), not switched off through
    /// <c>DisableHealthChecks = true</c>; see <see cref="DependencyCatalog.IsClientIntegration"/>.</summary>
    public bool RegistersOwnHealthCheck { get; }

    public string Name => Method.Name;

    /// <summary>For a health-check registration, when the operations contract was requested: its name and tags.</summary>
    public HealthCheckFacts? Check { get; }
}

/// <summary>The name and tags a health-check registration gives its check, as far as they are constants
/// (collected only for the operations contract).</summary>
internal sealed class HealthCheckFacts
{
    public HealthCheckFacts(string? name, ImmutableArray<string> tags)
    {
        Name = name;
        Tags = tags;
    }

    /// <summary>The <c>name</c> argument, or null when there is none or it is not a constant.</summary>
    public string? Name { get; }

    public ImmutableArray<string> Tags { get; }
}

/// <summary>What a health endpoint runs and who may reach it, as far as constants tell (collected only for the
/// operations contract).</summary>
internal sealed class EndpointContractFacts
{
    public EndpointContractFacts(string selection, ImmutableArray<string> selected, ImmutableArray<string> restrictions)
    {
        Selection = selection;
        Selected = selected;
        Restrictions = restrictions;
    }

    /// <summary>"all" (no predicate), "none" (<c>_ =&gt; false</c>), "tags", "names", "predicate" (a predicate
    /// not understood) or "unknown" (options not visible).</summary>
    public string Selection { get; }

    /// <summary>The tags (selection "tags") or check names (selection "names") the predicate selects.</summary>
    public ImmutableArray<string> Selected { get; }

    /// <summary>"RequireHost(*:8081)", "port 8081", "RequireAuthorization", "RequireAuthorization(policy)".</summary>
    public ImmutableArray<string> Restrictions { get; }
}

/// <summary>An address the host listens on, known from code (<c>UseUrls</c>, Kestrel's <c>Listen*</c>, <c>app.Run(url)</c>).</summary>
internal sealed class ListenAddress
{
    public ListenAddress(string address, string source, Location location)
    {
        Address = address;
        Source = source;
        Location = location;
    }

    /// <summary>A URL (<c>http://*:8080</c>) or, for Kestrel's <c>Listen*</c>, <c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The call that sets it (<c>UseUrls</c>, <c>ListenAnyIP</c>, <c>Run</c>, …).</summary>
    public string Source { get; }

    public Location Location { get; }
}

/// <summary>A health endpoint: <c>MapHealthChecks</c> or <c>UseHealthChecks</c>.</summary>
internal sealed class HealthEndpoint
{
    public HealthEndpoint(Location nameLocation, string path, bool? hasPredicate, bool isProtected, bool allowsAnonymous, string? writerLeak, IMethodSymbol? writerMethod, string writerDisplay, EndpointContractFacts? contract = null)
    {
        Contract = contract;
        NameLocation = nameLocation;
        Path = path;
        HasPredicate = hasPredicate;
        IsProtected = isProtected;
        AllowsAnonymous = allowsAnonymous;
        WriterLeak = writerLeak;
        WriterMethod = writerMethod;
        WriterDisplay = writerDisplay;
    }

    public Location NameLocation { get; }

    /// <summary>The path as written, or "the health endpoint" when it is not a constant.</summary>
    public string Path { get; }

    /// <summary>False: runs every check (no options, or options without <c>Predicate</c>). Null: cannot tell.</summary>
    public bool? HasPredicate { get; }

    /// <summary>Requires authorization or a host/port filter — or is used in a way we cannot follow.</summary>
    public bool IsProtected { get; }

    public bool AllowsAnonymous { get; }

    /// <summary>What the response writer leaks, when it is known here.</summary>
    public string? WriterLeak { get; }

    /// <summary>A response writer of this compilation whose body is judged at the end.</summary>
    public IMethodSymbol? WriterMethod { get; }

    public string WriterDisplay { get; }

    /// <summary>What it runs and its restrictions; only when the operations contract was requested.</summary>
    public EndpointContractFacts? Contract { get; }
}

/// <summary>
/// The whole-program facts about how the host starts up, gathered cheaply while the compilation is analysed
/// (see <see cref="StartupCollector"/>) and read once at compilation end. Thread-safe: collections are
/// concurrent, flags only ever go from false to true.
/// </summary>
internal sealed class StartupModel
{
    public ConcurrentQueue<HostBuilderCall> HostBuilders { get; } = new();

    public ConcurrentQueue<StartupCall> Calls { get; } = new();

    public ConcurrentQueue<Location> AddHealthChecksCalls { get; } = new();

    public ConcurrentQueue<HealthEndpoint> Endpoints { get; } = new();

    /// <summary>Types each health check class of this compilation touches in its members (constructor parameters, fields, calls).</summary>
    public ConcurrentDictionary<INamedTypeSymbol, ConcurrentQueue<ITypeSymbol>> CheckClassTouches { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Methods of this compilation that take a <c>HealthReport</c> and write something that leaks.</summary>
    public ConcurrentDictionary<IMethodSymbol, string> LeakingWriters { get; } = new(SymbolEqualityComparer.Default);

    public ConcurrentQueue<string> Exemptions { get; } = new();

    /// <summary>Addresses set in code; only filled when the operations contract was requested.</summary>
    public ConcurrentQueue<ListenAddress> ListenAddresses { get; } = new();

    /// <summary><c>AddHostedService&lt;T&gt;()</c> registrations; only filled when the operations contract was requested.</summary>
    public ConcurrentQueue<HostedServiceRegistration> HostedServices { get; } = new();

    /// <summary>An address set in code from a value that is not a constant (<c>UseUrls(url)</c>, <c>app.Run($"http://*:{port}")</c>);
    /// only set when the operations contract or the deployment rules asked for addresses.</summary>
    public volatile bool ListenNotConstant;

    public volatile bool WebEvidence;
    public volatile bool HostedService;
    public volatile bool Publisher;
    public volatile bool HealthCheckServiceUsed;
    public volatile bool TelemetryPipeline;
    public volatile bool FallbackPolicy;

    public IEnumerable<StartupCall> CallsOn(StartupReceiver receiver)
    {
        foreach (var call in Calls)
        {
            if (call.Receiver == receiver)
            {
                yield return call;
            }
        }
    }
}

/// <summary>An <c>AddHostedService&lt;T&gt;()</c> registration (a class: a queue of tuples cannot ship precompiled).</summary>
internal sealed class HostedServiceRegistration(ITypeSymbol type, Location location)
{
    public ITypeSymbol Type { get; } = type;

    public Location Location { get; } = location;
}
