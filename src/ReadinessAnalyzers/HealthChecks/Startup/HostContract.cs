using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Configuration;
using ReadinessAnalyzers.Contract;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// The "host" part of the operations contract (rules/RDY9100.md), written at compilation end from the start-up model
/// the health-check rules already built: the host, its health endpoints and checks, the addresses it listens on, its
/// dependencies and the check covering each, its hosted services. Only for a compilation that is a host, and only
/// when the build requested the contract.
/// </summary>
internal static class HostContract
{
    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app, StartupSymbols symbols)
    {
        var json = new ContractJson().BeginObject();
        json.String("kind", app.IsWeb ? "web" : "worker");
        json.BeginObject("hostBuilder").String("call", app.Host.Display);
        Where(json, app.Host.Location);
        json.EndObject();

        var checks = model.CallsOn(StartupReceiver.HealthChecks)
            .Where(c => !c.Name.EndsWith("Publisher", StringComparison.Ordinal))
            .OrderBy(c => c.NameLocation, LocationOrder.Instance)
            .ToList();
        WriteChecks(json, checks);
        WriteEndpoints(json, model, checks);
        WriteAddresses(json, context, model);
        WriteDependencies(json, context, model, symbols);
        WriteHostedServices(json, model);
        WriteConfiguredElsewhere(json, context, model, app);
        json.EndObject();
        context.ReportDiagnostic(ContractChannel.Create(ContractChannel.SectionHost, json.ToString()));
    }

    private static void WriteChecks(ContractJson json, List<StartupCall> checks)
    {
        json.BeginArray("healthChecks");
        foreach (var check in checks)
        {
            json.BeginObject()
                .String("name", check.Check?.Name)
                .String("registration", DependencyWithoutHealthCheckRule.Display(check.Method));
            Strings(json, "tags", check.Check?.Tags ?? ImmutableArray<string>.Empty);
            Where(json, check.NameLocation);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteEndpoints(ContractJson json, StartupModel model, List<StartupCall> checks)
    {
        var endpoints = model.Endpoints.OrderBy(e => e.NameLocation, LocationOrder.Instance).ToList();
        json.BeginArray("healthEndpoints");
        foreach (var endpoint in endpoints)
        {
            var facts = endpoint.Contract;
            var selection = facts?.Selection ?? "unknown";
            var selected = facts?.Selected ?? ImmutableArray<string>.Empty;
            json.BeginObject()
                .String("path", endpoint.Path)
                .String("role", Role(endpoint.Path, selection, selected, endpoints.Count))
                .String("selection", selection);
            Strings(json, "selected", selected);
            var runs = Runs(selection, selected, checks);
            if (runs is null)
            {
                json.String("checks", null);
            }
            else
            {
                Strings(json, "checks", runs);
            }

            Strings(json, "restrictions", facts?.Restrictions ?? ImmutableArray<string>.Empty);
            json.Bool("allowsAnonymous", endpoint.AllowsAnonymous);
            Where(json, endpoint.NameLocation);
            json.EndObject();
        }

        json.EndArray();
    }

    /// <summary>Liveness or readiness as the start-up model sees it: the path or selected tags when they say so, else
    /// what the endpoint runs (nothing: liveness; everything: both when it is the only endpoint).</summary>
    internal static string Role(string path, string selection, ImmutableArray<string> selected, int endpointCount)
    {
        var hints = selection == "tags" ? selected.Add(path) : ImmutableArray.Create(path);
        var live = hints.Any(h => h.IndexOf("live", StringComparison.OrdinalIgnoreCase) >= 0 || h.IndexOf("alive", StringComparison.OrdinalIgnoreCase) >= 0);
        var ready = hints.Any(h => h.IndexOf("ready", StringComparison.OrdinalIgnoreCase) >= 0);
        if (live != ready)
        {
            return live ? "liveness" : "readiness";
        }

        return selection switch
        {
            "none" => "liveness",
            "all" => endpointCount == 1 ? "liveness+readiness" : "readiness",
            _ => "unknown",
        };
    }

    /// <summary>The checks an endpoint runs, by name (or registration), or null when its predicate is not understood.</summary>
    private static List<string>? Runs(string selection, ImmutableArray<string> selected, List<StartupCall> checks)
    {
        IEnumerable<StartupCall>? run = selection switch
        {
            "all" => checks,
            "none" => Enumerable.Empty<StartupCall>(),
            "tags" => checks.Where(c => c.Check is { } facts && facts.Tags.Any(selected.Contains)),
            "names" => checks.Where(c => c.Check?.Name is { } name && selected.Contains(name)),
            _ => null,
        };
        return run?.Select(DependencyWithoutHealthCheckRule.CheckDisplay).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void WriteAddresses(ContractJson json, CompilationAnalysisContext context, StartupModel model)
    {
        json.BeginArray("listen");
        foreach (var address in model.ListenAddresses.OrderBy(a => a.Location, LocationOrder.Instance))
        {
            json.BeginObject().String("address", address.Address).String("source", address.Source);
            Where(json, address.Location);
            json.EndObject();
        }

        foreach (var file in context.Options.AdditionalFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!SettingsFileAnalyzer.IsSettingsFile(file.Path) || file.GetText(context.CancellationToken) is not { } text)
            {
                continue;
            }

            var parsed = SettingsFileAnalyzer.Parsed.Get(text);
            foreach (var setting in parsed.Settings)
            {
                if (!IsAddressKey(setting.Path) || setting.Value.Text is not { Length: > 0 } value)
                {
                    continue;
                }

                var line = text.Lines.GetLinePosition(setting.Value.Span.Start).Line + 1;
                foreach (var part in value.Split(';'))
                {
                    if (part.Trim().Length > 0)
                    {
                        json.BeginObject().String("address", part.Trim()).String("source", Path.GetFileName(file.Path) + ": " + setting.Path)
                            .String("file", file.Path).Number("line", line).EndObject();
                    }
                }
            }
        }

        json.EndArray();
    }

    /// <summary><c>urls</c>, <c>http_ports</c>, <c>https_ports</c> and <c>Kestrel:Endpoints:&lt;name&gt;:Url</c>.</summary>
    internal static bool IsAddressKey(string key)
    {
        if (key.Equals("urls", StringComparison.OrdinalIgnoreCase) || key.Equals("http_ports", StringComparison.OrdinalIgnoreCase) || key.Equals("https_ports", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parts = key.Split(':');
        return parts.Length == 4
            && parts[0].Equals("Kestrel", StringComparison.OrdinalIgnoreCase)
            && parts[1].Equals("Endpoints", StringComparison.OrdinalIgnoreCase)
            && parts[3].Equals("Url", StringComparison.OrdinalIgnoreCase);
    }

    private static void WriteDependencies(ContractJson json, CompilationAnalysisContext context, StartupModel model, StartupSymbols symbols)
    {
        // Classes, not tuples, and a sort by comparison: LINQ over tuples cannot ship precompiled and would be compiled
        // just in time in every compiler process.
        var seen = new HashSet<StartupCall>();
        var dependencies = DependencyWithoutHealthCheckRule.Dependencies(context, model, symbols);
        foreach (var dependency in dependencies)
        {
            seen.Add(dependency.Call);
        }

        // .NET Aspire client integrations (builder.AddNpgsqlDbContext<T>("db")) are dependencies that bring their own check.
        foreach (var call in model.CallsOn(StartupReceiver.Host))
        {
            if (!call.FromSource && !call.OutsideProduction && !seen.Contains(call) && DependencyCatalog.IsClientIntegration(call.Method))
            {
                var coveredBy = call.RegistersOwnHealthCheck ? DependencyWithoutHealthCheckRule.Display(call.Method) + " (its own check)" : null;
                dependencies.Add(new DependencyFact(call, "the client integration " + call.Name, suggested: string.Empty, coveredBy));
            }
        }

        json.BeginArray("dependencies");
        foreach (var dependency in dependencies.OrderBy(d => d.Call.NameLocation, LocationOrder.Instance))
        {
            var call = dependency.Call;
            json.BeginObject()
                .String("registration", DependencyWithoutHealthCheckRule.Display(call.Method))
                .String("dependency", dependency.Subject)
                .String("coveredBy", dependency.CoveredBy);
            Where(json, call.NameLocation);
            json.EndObject();
        }

        json.EndArray();
    }

    private static void WriteHostedServices(ContractJson json, StartupModel model)
    {
        json.BeginArray("hostedServices");
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var registration in model.HostedServices.OrderBy(h => h.Location, LocationOrder.Instance))
        {
            var type = registration.Type;
            var location = registration.Location;
            if (!seen.Add(type))
            {
                continue;
            }

            json.BeginObject()
                .String("type", type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat))
                .String("logCategory", LogCategory(type));
            Where(json, location);
            json.EndObject();
        }

        json.EndArray();
    }

    /// <summary>
    /// Start-up calls into other assemblies that may add health checks, map health endpoints or configure telemetry
    /// (Aspire's <c>AddServiceDefaults</c>/<c>MapDefaultEndpoints</c>, a shared library's helpers): the same calls
    /// that keep RDY3001, RDY3002 and RDY2006 silent. Their bodies are not visible, so the contract names them
    /// rather than claiming that the host maps or registers nothing.
    /// </summary>
    private static void WriteConfiguredElsewhere(ContractJson json, CompilationAnalysisContext context, StartupModel model, StartupApp app)
    {
        var healthMethods = StartupOptions.Get(context, app.Host.Location, HostWithoutHealthChecksRule.HealthCheckMethodsOption);
        var exposingMethods = StartupOptions.Get(context, app.Host.Location, HealthChecksNotExposedRule.ExposingMethodsOption);
        var pipelineMethods = StartupOptions.Get(context, app.Host.Location, Telemetry.AppWithoutTracingPipelineRule.PipelineMethodsOption);
        json.BeginArray("configuredElsewhere");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in model.Calls.Where(c => !c.FromSource).OrderBy(c => c.NameLocation, LocationOrder.Instance))
        {
            var may = new List<string>(3);
            if ((call.Library & LibraryCapability.HealthChecks) != 0 || StartupApp.Matches(call.Method, healthMethods))
            {
                may.Add("health checks");
            }

            if ((call.Library & LibraryCapability.HealthEndpoints) != 0 || StartupApp.Matches(call.Method, exposingMethods))
            {
                may.Add("health endpoints");
            }

            if ((call.Library & LibraryCapability.Telemetry) != 0 || StartupApp.Matches(call.Method, pipelineMethods))
            {
                may.Add("telemetry");
            }

            var assembly = call.Method.ContainingAssembly?.Name ?? string.Empty;
            if (may.Count == 0 || !seen.Add(call.Method.Name + "|" + assembly))
            {
                continue;
            }

            json.BeginObject().String("call", call.Method.Name).String("assembly", assembly);
            Strings(json, "may", may);
            Where(json, call.NameLocation);
            json.EndObject();
        }

        json.EndArray();
    }

    /// <summary>The category of the <c>ILogger&lt;T&gt;</c> the service's constructor takes (the full name of T), or null.</summary>
    private static string? LogCategory(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        foreach (var constructor in named.InstanceConstructors)
        {
            foreach (var parameter in constructor.Parameters)
            {
                if (parameter.Type is INamedTypeSymbol { Name: "ILogger", TypeArguments.Length: 1 } logger
                    && logger.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Logging")
                {
                    return logger.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                }
            }
        }

        return null;
    }

    private static void Strings(ContractJson json, string name, IEnumerable<string> values)
    {
        json.BeginArray(name);
        foreach (var value in values)
        {
            json.String(null, value);
        }

        json.EndArray();
    }

    /// <summary>"file" (full path) and "line" (1-based) of a source location.</summary>
    internal static void Where(ContractJson json, Location location)
    {
        if (!location.IsInSource)
        {
            json.String("file", null).Number("line", 0);
            return;
        }

        var span = location.GetLineSpan();
        json.String("file", span.Path).Number("line", span.StartLinePosition.Line + 1);
    }

    /// <summary>File, then position: the contract's lists do not depend on the order analysis ran in.</summary>
    internal sealed class LocationOrder : IComparer<Location>
    {
        public static readonly LocationOrder Instance = new();

        public int Compare(Location? x, Location? y)
        {
            var file = string.CompareOrdinal(x?.SourceTree?.FilePath, y?.SourceTree?.FilePath);
            return file != 0 ? file : (x?.SourceSpan.Start ?? 0).CompareTo(y?.SourceSpan.Start ?? 0);
        }
    }
}
