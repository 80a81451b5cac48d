using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.Configuration;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// RDY3008–RDY3011 at the host analyzer's compilation end: the workloads, compose services and Dockerfiles that belong
/// to this web app, compared with the start-up model (health endpoints, the checks they run, listen addresses).
/// Silent wherever the code side is not known: endpoints mapped by another assembly (AddServiceDefaults,
/// MapDefaultEndpoints, a shared library), paths or addresses that are not constants, values from elsewhere.
/// </summary>
internal static class DeploymentCheck
{
    public static void Report(CompilationAnalysisContext context, StartupModel model, StartupApp app, ImmutableArray<DescriptorEntry> entries)
    {
        // Test projects never get here: the host analyzer registers nothing in them.
        if (!app.IsWeb || entries.IsDefaultOrEmpty)
        {
            return;
        }

        var identity = ProjectIdentity.Create(context.Options, context.Compilation);
        var loaded = DescriptorParser.Load(entries.OrderBy(e => e.File.Path, StringComparer.Ordinal).ToImmutableArray(), identity, context.CancellationToken);
        var code = new CodeSide(context, model, app);
        var dockerfiles = loaded.Dockerfiles.Where(d => identity.Owns(d.Entry, d.Model)).ToList();
        var images = dockerfiles.Select(d => ImageFacts.Describe(d.Model.BaseImage(d.Model.Final!))).ToList();
        var dockerEnvironment = dockerfiles.SelectMany(d => Environment(d.Model)).ToList();

        foreach (var (entry, manifest) in loaded.Manifests)
        {
            // Only the documents that name the project can hold its workloads (container or image name).
            foreach (var workload in manifest.Mentioning(entry.OwnedByFolder ? null : identity.Names).SelectMany(d => d.Workloads))
            {
                foreach (var container in workload.Containers.Where(identity.Owns))
                {
                    CheckContainer(context, code, entry, manifest.Text, workload, container, dockerEnvironment, images);
                }
            }
        }

        foreach (var (entry, dockerfile) in dockerfiles)
        {
            var chain = dockerfile.Chain(dockerfile.Final!);
            if (chain.LastOrDefault(s => s.Healthcheck is not null)?.Healthcheck is { None: false } healthcheck)
            {
                var ports = new Lazy<AppPorts>(() => AppPorts.Collect(model, code.Settings, Environment(dockerfile), environmentUnknown: false, new[] { ImageFacts.Describe(chain[0].Image.Value) }));
                CheckHealthcheckUrl(context, code, entry, dockerfile.Text, healthcheck.Arguments, healthcheck.CommandSpan, "The HEALTHCHECK of '" + Path.GetFileName(entry.File.Path) + "'", "the container is always reported unhealthy", ports);
            }
        }

        foreach (var (entry, compose) in loaded.ComposeFiles)
        {
            foreach (var service in compose.Services.Where(identity.Owns))
            {
                if (service.Healthcheck is not { } healthcheck)
                {
                    continue;
                }

                var environment = service.Environment.Select(e => (e.Name, e.Value.Value, "of compose service '" + service.Name.Value + "'")).Concat(dockerEnvironment).ToList();
                var ports = new Lazy<AppPorts>(() => AppPorts.Collect(model, code.Settings, environment, service.EnvironmentFromFiles, images));
                CheckHealthcheckUrl(context, code, entry, compose.Text, healthcheck.Words, healthcheck.UrlSpan ?? healthcheck.Command.Span, "The healthcheck of compose service '" + service.Name.Value + "'", "the service is always unhealthy and services that wait for it (condition: service_healthy) never start", ports);
            }
        }
    }

    private static void CheckContainer(CompilationAnalysisContext context, CodeSide code, DescriptorEntry entry, SourceText text, Workload workload, WorkloadContainer container, List<(string Name, string Value, string Source)> dockerEnvironment, List<ImageFacts> images)
    {
        var name = container.Name.Value;
        var ports = new Lazy<AppPorts>(() =>
        {
            var environment = container.Environment.Select(e => (e.Name, e.Value.Value, "of container '" + name + "'")).Concat(dockerEnvironment).ToList();
            var unknown = container.EnvironmentFromSources
                || container.EnvironmentFromReferences.Any(v => AppPorts.ConfigurationKey(v) is not null)
                || container.CommandLine.Any(w => w.IndexOf("urls", StringComparison.OrdinalIgnoreCase) >= 0 || w.IndexOf("_ports", StringComparison.OrdinalIgnoreCase) >= 0 || w.IndexOf("kestrel", StringComparison.OrdinalIgnoreCase) >= 0);
            return AppPorts.Collect(code.Model, code.Settings, environment, unknown, images);
        });

        foreach (var probe in container.Probes())
        {
            var subject = "The " + probe.Role + " probe of container '" + name + "'";
            var consequence = Consequence(probe.Role);
            if (probe.Action == ProbeAction.HttpGet && probe.Path is { } path)
            {
                if (code.Unmapped(path.Value) is { } mapped)
                {
                    Report(context, DeploymentRules.ProbePathNotMapped, entry, text, path.Span, subject, path.Value, mapped, consequence);
                }
                else if (probe.Role == "liveness" && code.DependencyChecks(path.Value) is { } checks)
                {
                    Report(context, DeploymentRules.LivenessProbeChecksDependencies, entry, text, path.Span, name, path.Value, checks);
                }
            }

            if (probe.Action is ProbeAction.HttpGet or ProbeAction.TcpSocket && probe.Port is { } port && Resolve(port.Value, container) is { } number
                && ports.Value is { Known: true } listened && !listened.Contains(number))
            {
                var shown = number.ToString(CultureInfo.InvariantCulture) == port.Value ? port.Value : "'" + port.Value + "' (" + number.ToString(CultureInfo.InvariantCulture) + ")";
                Report(context, DeploymentRules.ProbePortNotListened, entry, text, port.Span, subject, shown, listened.Describe(), consequence);
            }
        }

        if (container.Readiness is null && code.Endpoints.Count > 0)
        {
            Report(context, DeploymentRules.NoReadinessProbe, entry, text, container.Name.Span, name, workload.Kind + (workload.Name is null ? string.Empty : " '" + workload.Name + "'"), code.EndpointList, code.ReadinessPath);
        }
    }

    private static void CheckHealthcheckUrl(CompilationAnalysisContext context, CodeSide code, DescriptorEntry entry, SourceText text, IEnumerable<string> words, TextSpan span, string subject, string consequence, Lazy<AppPorts> ports)
    {
        if (HealthcheckCommand.LocalUrl(words) is not { } url)
        {
            return;
        }

        if (code.Unmapped(url.Path) is { } mapped)
        {
            Report(context, DeploymentRules.ProbePathNotMapped, entry, text, span, subject, url.Path, mapped, consequence);
        }

        if (ports.Value is { Known: true } listened && !listened.Contains(url.Port))
        {
            Report(context, DeploymentRules.ProbePortNotListened, entry, text, span, subject, url.Port.ToString(CultureInfo.InvariantCulture), listened.Describe(), consequence);
        }
    }

    private static string Consequence(string role) => role switch
    {
        "liveness" => "Kubernetes restarts the container over and over",
        "readiness" => "the pod never becomes ready and gets no traffic",
        _ => "the container never passes its startup probe and is killed and restarted",
    };

    /// <summary>A port number, or a port name resolved through the container's <c>ports[].name</c>.</summary>
    private static int? Resolve(string port, WorkloadContainer container)
    {
        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        foreach (var (name, containerPort) in container.Ports)
        {
            if (name == port && int.TryParse(containerPort.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var resolved))
            {
                return resolved;
            }
        }

        return null;
    }

    /// <summary>The final stage's environment (with the stages it is built on), later settings first.</summary>
    private static IEnumerable<(string Name, string Value, string Source)> Environment(DockerfileModel dockerfile)
        => dockerfile.Final is { } final
            ? dockerfile.Chain(final).SelectMany(s => s.Environment).Select(e => (e.Name, e.Value.Value, "in the Dockerfile"))
            : Enumerable.Empty<(string, string, string)>();

    private static void Report(CompilationAnalysisContext context, DiagnosticDescriptor rule, DescriptorEntry entry, SourceText text, TextSpan span, params object[] arguments)
        => context.ReportDiagnostic(ReadinessDiagnostic.InFile(rule, DescriptorText.Location(entry.File.Path, text, span), text, severity: null, arguments));

    /// <summary>What the code says, computed once per compilation end and only as far as asked.</summary>
    private sealed class CodeSide
    {
        private readonly CompilationAnalysisContext _context;
        private readonly Lazy<bool> _pathsKnown;
        private readonly Dictionary<string, bool> _mentioned = new(StringComparer.Ordinal);
        private List<(string Address, string Source)>? _settings;

        public CodeSide(CompilationAnalysisContext context, StartupModel model, StartupApp app)
        {
            _context = context;
            Model = model;
            Endpoints = model.Endpoints.OrderBy(e => e.NameLocation, HostContract.LocationOrder.Instance).ToList();
            _pathsKnown = new Lazy<bool>(() =>
            {
                if (Endpoints.Count == 0 || Endpoints.Any(e => !IsConstantPath(e.Path)))
                {
                    return false;
                }

                var exposing = StartupOptions.Get(context, app.Host.Location, HealthChecksNotExposedRule.ExposingMethodsOption);
                return !model.Calls.Any(c => (c.Library & LibraryCapability.HealthEndpoints) != 0 || StartupApp.Matches(c.Method, exposing));
            });
        }

        public StartupModel Model { get; }

        public List<HealthEndpoint> Endpoints { get; }

        public string EndpointList => Join(Endpoints.Select(e => e.Path).Distinct(StringComparer.Ordinal));

        /// <summary>The endpoint the start-up model sees as readiness, else the first one.</summary>
        public string ReadinessPath
            => Endpoints.FirstOrDefault(e => HostContract.Role(e.Path, e.Contract?.Selection ?? "unknown", e.Contract?.Selected ?? ImmutableArray<string>.Empty, Endpoints.Count).Contains("readiness"))?.Path
                ?? Endpoints[0].Path;

        /// <summary>Addresses in the settings files (<c>urls</c>, <c>http_ports</c>, <c>Kestrel:Endpoints:*:Url</c>).</summary>
        public List<(string Address, string Source)> Settings => _settings ??= ReadSettings();

        /// <summary>The mapped health paths (for the message) when <paramref name="path"/> is none of them and the code
        /// does not mention it elsewhere; null when it is mapped or the code side is not fully known.</summary>
        public string? Unmapped(string path)
        {
            if (!_pathsKnown.Value || Find(path) is not null || MentionedInSource(path))
            {
                return null;
            }

            return Join(Endpoints.Select(e => e.Path).Distinct(StringComparer.Ordinal));
        }

        /// <summary>The dependency checks the endpoint at <paramref name="path"/> runs ("'db' and 'redis'"), or null.</summary>
        public string? DependencyChecks(string path)
        {
            if (Find(path) is not { Contract: { } facts })
            {
                return null;
            }

            var checks = Model.CallsOn(StartupReceiver.HealthChecks).Where(NoSeparateLivenessAndReadinessRule.IsDependencyCheck).ToList();
            IEnumerable<StartupCall>? runs = facts.Selection switch
            {
                "all" => checks,
                "tags" => checks.Where(c => c.Check is { } check && check.Tags.Any(facts.Selected.Contains)),
                "names" => checks.Where(c => c.Check?.Name is { } name && facts.Selected.Contains(name)),
                _ => null,
            };
            var names = runs?.Select(DependencyWithoutHealthCheckRule.CheckDisplay).Distinct(StringComparer.Ordinal).ToList();
            return names is { Count: > 0 } ? Join(names) : null;
        }

        private HealthEndpoint? Find(string probePath)
        {
            var probe = NormalizePath(probePath);
            foreach (var endpoint in Endpoints)
            {
                var mapped = NormalizePath(endpoint.Path);
                if (probe == mapped || (mapped != "/" && probe.EndsWith(mapped, StringComparison.Ordinal)))
                {
                    return endpoint; // equal, or behind a path base (UsePathBase, an ingress prefix)
                }
            }

            return null;
        }

        /// <summary>
        /// The path served some other way the start-up model does not follow: the path (with its leading slash, or
        /// its last segment with one) as a string literal anywhere in the code (a MapGet, a constant, a group), or
        /// without the slash as the argument of an attribute (<c>[HttpGet("ready")]</c>) or a <c>Map*</c> call. A bare
        /// word elsewhere (a tag <c>"ready"</c>) does not count. Only asked before a finding is reported.
        /// </summary>
        private bool MentionedInSource(string path)
        {
            var normalized = NormalizePath(path);
            if (_mentioned.TryGetValue(normalized, out var known))
            {
                return known;
            }

            var last = normalized.Substring(normalized.LastIndexOf('/') + 1);
            var slashed = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { normalized };
            var bare = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { normalized.TrimStart('/') };
            if (last.Length > 0)
            {
                slashed.Add("/" + last);
                bare.Add(last);
            }

            var found = false;
            foreach (var tree in _context.Compilation.SyntaxTrees)
            {
                var text = tree.GetText(_context.CancellationToken).ToString();
                if (!bare.Any(b => b.Length > 0 && text.IndexOf(b, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    continue;
                }

                foreach (var token in tree.GetRoot(_context.CancellationToken).DescendantTokens())
                {
                    if (!token.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken))
                    {
                        continue;
                    }

                    var value = token.ValueText.TrimEnd('/');
                    if (slashed.Contains(value) || (bare.Contains(value) && IsRouteArgument(token)))
                    {
                        found = true;
                        break;
                    }
                }

                if (found)
                {
                    break;
                }
            }

            _mentioned[normalized] = found;
            return found;
        }

        private static bool IsRouteArgument(SyntaxToken token)
        {
            var argument = token.Parent?.Parent;
            if (argument is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeArgumentSyntax)
            {
                return true;
            }

            if (argument is Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax { Parent.Parent: Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation })
            {
                var name = invocation.Expression switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    Microsoft.CodeAnalysis.CSharp.Syntax.SimpleNameSyntax simple => simple.Identifier.ValueText,
                    _ => string.Empty,
                };
                return name.StartsWith("Map", StringComparison.Ordinal) || name.StartsWith("Use", StringComparison.Ordinal);
            }

            return false;
        }

        private List<(string Address, string Source)> ReadSettings()
        {
            var result = new List<(string, string)>();
            foreach (var file in _context.Options.AdditionalFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                if (!SettingsFileAnalyzer.IsSettingsFile(file.Path) || file.GetText(_context.CancellationToken) is not { } text)
                {
                    continue;
                }

                var parsed = SettingsFileAnalyzer.Parsed.Get(text);
                foreach (var setting in parsed.Settings)
                {
                    if (!HostContract.IsAddressKey(setting.Path) || setting.Value.Text is not { Length: > 0 } value)
                    {
                        continue;
                    }

                    foreach (var part in value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        var item = part.Trim();
                        var address = setting.Path.EndsWith("_ports", StringComparison.OrdinalIgnoreCase) ? "http://*:" + item : item;
                        result.Add((address, setting.Path + " in " + Path.GetFileName(file.Path)));
                    }
                }
            }

            return result;
        }

        private static bool IsConstantPath(string path) => path.Length > 0 && path.IndexOf(' ') < 0 && path.IndexOf('{') < 0;

        private static string NormalizePath(string path)
        {
            var value = path.Trim();
            var query = value.IndexOfAny(new[] { '?', '#' });
            if (query >= 0)
            {
                value = value.Substring(0, query);
            }

            if (!value.StartsWith("/", StringComparison.Ordinal))
            {
                value = "/" + value;
            }

            if (value.Length > 1)
            {
                value = value.TrimEnd('/');
            }

            return value.ToLowerInvariant();
        }
    }

    /// <summary>"'/a'", "'/a' and '/b'", "'/a', '/b' and '/c'".</summary>
    private static string Join(IEnumerable<string> items)
    {
        var quoted = items.Select(i => "'" + i + "'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
    }
}
