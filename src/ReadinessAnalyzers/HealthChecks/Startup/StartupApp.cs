using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// The decision made once at compilation end: is this compilation a service host (a web app, or a worker with
/// hosted services), and which host builder call is its start — the place findings about the whole app go.
/// </summary>
internal sealed class StartupApp
{
    private StartupApp(HostBuilderCall host, bool isWeb)
    {
        Host = host;
        IsWeb = isWeb;
    }

    public HostBuilderCall Host { get; }

    public bool IsWeb { get; }

    public string KindText => IsWeb ? "web app" : "worker service";

    /// <summary>Null for class libraries, desktop apps, Azure Functions, Windows services, console tools that
    /// build a host without hosted services, and compilations that build no host at all.</summary>
    public static StartupApp? Decide(Compilation compilation, StartupModel model, CancellationToken cancellationToken)
    {
        if (compilation.Options.OutputKind != OutputKind.ConsoleApplication || model.HostBuilders.IsEmpty || !model.Exemptions.IsEmpty)
        {
            return null;
        }

        var isWeb = model.WebEvidence || model.HostBuilders.Any(h => h.IsWeb);
        if (!isWeb && !model.HostedService)
        {
            return null;
        }

        // The best ranked host builder, then the first by file and position. A loop, not OrderBy/ThenBy: LINQ's sorters
        // over an int key cannot ship precompiled and would be compiled just in time in every compiler process.
        var entryPoint = compilation.GetEntryPoint(cancellationToken);
        HostBuilderCall? host = null;
        var hostRank = 0;
        foreach (var candidate in model.HostBuilders)
        {
            var rank = Rank(candidate, entryPoint);
            if (host is null || rank < hostRank || (rank == hostRank && HostContract.LocationOrder.Instance.Compare(candidate.Location, host.Location) < 0))
            {
                host = candidate;
                hostRank = rank;
            }
        }

        return new StartupApp(host!, isWeb);
    }

    private static int Rank(HostBuilderCall host, IMethodSymbol? entryPoint)
    {
        if (entryPoint is null)
        {
            return 2;
        }

        if (SymbolEqualityComparer.Default.Equals(host.ContainingSymbol, entryPoint))
        {
            return 0;
        }

        return SymbolEqualityComparer.Default.Equals(host.ContainingSymbol.ContainingType, entryPoint.ContainingType) ? 1 : 2;
    }

    /// <summary>The first location in a stable order (file, then position), so a finding does not jump around.</summary>
    public static Location First(IEnumerable<Location> locations)
    {
        Location? first = null;
        foreach (var location in locations)
        {
            if (first is null || HostContract.LocationOrder.Instance.Compare(location, first) < 0)
            {
                first = location;
            }
        }

        return first ?? throw new System.InvalidOperationException("No location.");
    }

    /// <summary>A method named in an option: a bare name (<c>AddServiceDefaults</c>) or a full one
    /// (<c>MyCompany.Platform.HostingExtensions.AddPlatformDefaults</c>).</summary>
    public static bool Matches(IMethodSymbol method, ImmutableArray<string> names)
    {
        if (names.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (name == method.Name
                || (name.Length > method.Name.Length + 1 && name.EndsWith("." + method.Name, System.StringComparison.Ordinal)
                    && name == SymbolNames.GetFullNameWithoutArity(method.ContainingType) + "." + method.Name))
            {
                return true;
            }
        }

        return false;
    }
}
