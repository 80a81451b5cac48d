using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks;

/// <summary>RDY3004: the start-up registers an external dependency (see <see cref="DependencyCatalog"/>) and no
/// registered health check covers it.</summary>
internal static class DependencyWithoutHealthCheckRule
{
    public static readonly ListOption DependencyChecksOption = RuleOptions.List(
        OptionCatalog.DependencyWithoutHealthCheck.DependencyChecks,
        "Further `registration:check` pairs of method names (bare or full), comma-separated, e.g. `AddOrderQueue:AddOrderQueueCheck`. The registration is then reported unless one of its paired checks is called; a pair for a built-in registration adds an accepted check.");

    public static readonly ListOption IgnoredDependenciesOption = RuleOptions.List(
        OptionCatalog.DependencyWithoutHealthCheck.IgnoredDependencies,
        "Registrations never reported: registration method names (`AddHttpClient`, `AddStackExchangeRedisCache`) or full names of the registered type (`MyApp.Clients.GeoClient`, `MyApp.Data.ReportingDbContext`).");

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.DependencyWithoutHealthCheck,
        title: "Dependency without a health check",
        messageFormat: "'{0}' registers {1}, but no health check covers it, so an instance that cannot reach it still reports healthy and keeps receiving traffic; add {2} to AddHealthChecks(), or a custom check that uses it",
        category: RuleCategories.HealthChecks,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Health checks that do not look at the service's external dependencies report 'healthy' while every request fails: the database, cache, broker or downstream API an instance cannot reach must be part of its readiness.",
        customTags: RuleTags.CompilationEnd);

    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app, StartupSymbols symbols)
    {
        if (model.AddHealthChecksCalls.IsEmpty
            && !model.Calls.Any(c => StartupApp.Matches(c.Method, StartupOptions.Get(context, app.Host.Location, HostWithoutHealthChecksRule.HealthCheckMethodsOption))))
        {
            // Without health checks at all RDY3001 speaks; one finding per missing piece, not per dependency.
            return;
        }

        foreach (var dependency in Dependencies(context, model, symbols))
        {
            if (dependency.CoveredBy is null)
            {
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, dependency.Call.NameLocation, Display(dependency.Call.Method), dependency.Subject, dependency.Suggested));
            }
        }
    }

    /// <summary>Every external dependency the production start-up registers (options applied: ignored ones are left
    /// out), with the health check that covers it, or null. RDY3004 reports the uncovered ones; the operations
    /// contract lists them all.</summary>
    internal static List<DependencyFact> Dependencies(CompilationAnalysisContext context, StartupModel model, StartupSymbols symbols)
    {
        var result = new List<DependencyFact>();
        var checks = model.CallsOn(StartupReceiver.HealthChecks).ToList();
        foreach (var call in model.Calls)
        {
            if (call.Receiver == StartupReceiver.HealthChecks || call.OutsideProduction)
            {
                // A registration made only outside production (IsDevelopment(), a build-time IsBuild()) is not a
                // dependency of the production service.
                continue;
            }

            var pairs = StartupOptions.Get(context, call.NameLocation, DependencyChecksOption);
            var customChecks = PairedChecks(call.Method, pairs);
            var dependency = call.FromSource || call.Receiver != StartupReceiver.Services ? null : Identify(call, symbols);
            if (dependency is null && customChecks.Count == 0)
            {
                continue;
            }

            (DependencyKind? kind, string subject, ITypeSymbol? specific, string suggested) = dependency is { } found
                ? (found.Kind, found.Subject, found.Specific, found.Suggested)
                : (null, "a dependency", null, customChecks[0]);
            var ignored = StartupOptions.Get(context, call.NameLocation, IgnoredDependenciesOption);
            if (StartupApp.Matches(call.Method, ignored) || (specific is not null && ignored.Contains(SymbolNames.GetFullMetadataName(specific))))
            {
                continue;
            }

            result.Add(new DependencyFact(call, subject, suggested, CoveredBy(kind, specific, customChecks, checks, model, symbols)));
        }

        return result;
    }

    private static (DependencyKind Kind, string Subject, ITypeSymbol? Specific, string Suggested)? Identify(StartupCall call, StartupSymbols symbols)
    {
        var method = call.Method;
        if (symbols.DbContext is not null && method.Name.StartsWith("Add", StringComparison.Ordinal)
            && method.TypeArguments.FirstOrDefault(t => SymbolNames.IsOrInheritsFrom(t, symbols.DbContext)) is { } context)
        {
            return (DependencyCatalog.Database, "the database behind '" + context.Name + "'", context, "AddDbContextCheck<" + context.Name + ">()");
        }

        if (DependencyCatalog.RegistrationMethods.TryGetValue(method.Name, out var named))
        {
            return (named, named.Description, null, named.SuggestedCheck);
        }

        if (method.Name == "AddHttpClient" && call.HttpClientName is { } clientName)
        {
            var typed = method.TypeArguments.FirstOrDefault();
            return (DependencyCatalog.Http, "the HTTP service '" + clientName + "'", typed, DependencyCatalog.Http.SuggestedCheck);
        }

        if (!call.TouchedTypes.IsEmpty)
        {
            foreach (var kind in DependencyCatalog.RegisteredKinds)
            {
                if (DependencyCatalog.AnyNamed(call.TouchedTypes, kind.RegisteredTypes))
                {
                    return (kind, kind.Description, null, kind.SuggestedCheck);
                }
            }
        }

        return null;
    }

    private static List<string> PairedChecks(IMethodSymbol registration, ImmutableArray<string> pairs)
    {
        var result = new List<string>();
        foreach (var pair in pairs)
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0 || colon == pair.Length - 1)
            {
                continue;
            }

            if (StartupApp.Matches(registration, ImmutableArray.Create(pair.Substring(0, colon).Trim())))
            {
                result.Add(pair.Substring(colon + 1).Trim());
            }
        }

        return result;
    }

    /// <summary>The check that covers the dependency (its name when the contract collected it, else its registration), or null.</summary>
    private static string? CoveredBy(DependencyKind? kind, ITypeSymbol? specific, List<string> customChecks, List<StartupCall> checks, StartupModel model, StartupSymbols symbols)
    {
        if (customChecks.Count > 0 && model.Calls.FirstOrDefault(c => StartupApp.Matches(c.Method, customChecks.ToImmutableArray())) is { } custom)
        {
            return CheckDisplay(custom);
        }

        if (kind is null)
        {
            return null;
        }

        if (specific is not null && model.Calls.FirstOrDefault(c => c.Name.StartsWith("Enrich", StringComparison.Ordinal) && c.Method.TypeArguments.Contains(specific, SymbolEqualityComparer.Default)) is { } enrich)
        {
            // .NET Aspire: builder.EnrichNpgsqlDbContext<T>() adds the context's health check.
            return Display(enrich.Method);
        }

        if (model.Calls.FirstOrDefault(c => c.RegistersOwnHealthCheck && !c.OutsideProduction && DependencyCatalog.IntegrationCovers(c.Method, kind, specific, symbols.DbContext)) is { } integration)
        {
            // .NET Aspire client integrations (builder.AddNpgsqlDbContext<T>("db"), AddRedisClient, …) add their own check.
            return Display(integration.Method);
        }

        foreach (var check in checks)
        {
            if (kind.CheckMethods.Contains(check.Name))
            {
                return CheckDisplay(check);
            }

            if (check.Name == "AddDbContextCheck")
            {
                if (specific is not null && check.Method.TypeArguments.Contains(specific, SymbolEqualityComparer.Default))
                {
                    return CheckDisplay(check);
                }

                continue;
            }

            var touched = TouchedByCheck(check, model, symbols);
            if (specific is not null && touched.SelectMany(t => DependencyCatalog.Expand(t)).Contains(specific, SymbolEqualityComparer.Default))
            {
                return CheckDisplay(check);
            }

            if (DependencyCatalog.AnyNamed(touched, kind.CoveringTypes))
            {
                return CheckDisplay(check);
            }
        }

        return null;
    }

    /// <summary>A check as the contract names it: its name when known, else its registration (<c>AddNpgSql</c>).</summary>
    internal static string CheckDisplay(StartupCall check) => check.Check?.Name ?? Display(check.Method);

    /// <summary>What a check registration uses: its lambda's and arguments' types, and for check classes the types
    /// their members use (this compilation) or their public constructors take (other assemblies).</summary>
    private static List<ITypeSymbol> TouchedByCheck(StartupCall check, StartupModel model, StartupSymbols symbols)
    {
        var result = new List<ITypeSymbol>(check.TouchedTypes);
        foreach (var type in check.TouchedTypes)
        {
            if (type is not INamedTypeSymbol named || !SymbolNames.Implements(named, symbols.HealthCheck))
            {
                continue;
            }

            if (model.CheckClassTouches.TryGetValue(named, out var touches))
            {
                result.AddRange(touches);
            }

            foreach (var constructor in named.InstanceConstructors)
            {
                result.AddRange(constructor.Parameters.Select(p => p.Type));
            }
        }

        return result;
    }

    internal static string Display(IMethodSymbol method)
        => method.TypeArguments.IsEmpty
            ? method.Name
            : method.Name + "<" + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ">";
}

/// <summary>An external dependency of the start-up and the health check that covers it (null: none).</summary>
internal sealed class DependencyFact
{
    public DependencyFact(StartupCall call, string subject, string suggested, string? coveredBy)
    {
        Call = call;
        Subject = subject;
        Suggested = suggested;
        CoveredBy = coveredBy;
    }

    public StartupCall Call { get; }

    public string Subject { get; }

    public string Suggested { get; }

    public string? CoveredBy { get; }
}
