using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>A Kubernetes manifest file: its documents, each parsed on first use (thread-safe, once per compilation:
/// the file comes from a shared <see cref="Microsoft.CodeAnalysis.Diagnostics.SourceTextValueProvider{TValue}"/>).</summary>
internal sealed class KubernetesFile
{
    private readonly string _full;

    public KubernetesFile(SourceText text, string full, ImmutableArray<ManifestDocument> documents)
    {
        Text = text;
        _full = full;
        Documents = documents;
    }

    public SourceText Text { get; }

    /// <summary>Empty for a template (<c>{{ … }}</c>).</summary>
    public ImmutableArray<ManifestDocument> Documents { get; }

    /// <summary>The documents whose text contains one of <paramref name="names"/> (any case); all when null. A
    /// workload of the project names it (container or image), so the others need not be parsed.</summary>
    public IEnumerable<ManifestDocument> Mentioning(IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return Documents;
        }

        var hit = new bool[Documents.Length];
        foreach (var name in names)
        {
            for (var index = _full.IndexOf(name, System.StringComparison.OrdinalIgnoreCase); index >= 0; index = _full.IndexOf(name, index + name.Length, System.StringComparison.OrdinalIgnoreCase))
            {
                var low = 0;
                var high = Documents.Length - 1;
                while (low < high)
                {
                    var middle = (low + high + 1) / 2;
                    if (Documents[middle].Start <= index)
                    {
                        low = middle;
                    }
                    else
                    {
                        high = middle - 1;
                    }
                }

                if (low < hit.Length)
                {
                    hit[low] = true;
                }
            }
        }

        var result = new List<ManifestDocument>();
        for (var i = 0; i < hit.Length; i++)
        {
            if (hit[i])
            {
                result.Add(Documents[i]);
            }
        }

        return result;
    }
}

/// <summary>One document of a manifest file (from its <c>---</c> line), read on first use.</summary>
internal sealed class ManifestDocument
{
    private readonly System.Lazy<(ImmutableArray<Workload> Workloads, DescriptorError? Error)> _read;

    public ManifestDocument(int start, int length, System.Func<(ImmutableArray<Workload>, DescriptorError?)> read)
    {
        Start = start;
        Length = length;
        _read = new System.Lazy<(ImmutableArray<Workload>, DescriptorError?)>(read, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Start { get; }

    public int Length { get; }

    public ImmutableArray<Workload> Workloads => _read.Value.Workloads;

    /// <summary>The syntax error of this document, if any (lines are the file's).</summary>
    public DescriptorError? Error => _read.Value.Error;
}

/// <summary>A Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod and its containers.</summary>
internal sealed class Workload
{
    public Workload(string kind, string? name, ImmutableArray<WorkloadContainer> containers)
    {
        Kind = kind;
        Name = name;
        Containers = containers;
    }

    public string Kind { get; }

    /// <summary><c>metadata.name</c>.</summary>
    public string? Name { get; }

    public ImmutableArray<WorkloadContainer> Containers { get; }
}

internal sealed class WorkloadContainer
{
    public WorkloadContainer(Located name, Located? image)
    {
        Name = name;
        Image = image;
    }

    public Located Name { get; }

    public Located? Image { get; }

    /// <summary><c>ports[].containerPort</c> with the port's <c>name</c>, if any.</summary>
    public List<(string? Name, Located Port)> Ports { get; } = new();

    /// <summary><c>env[]</c> entries with a literal <c>value</c>.</summary>
    public List<(string Name, Located Value)> Environment { get; } = new();

    /// <summary>Variables whose value comes from elsewhere (<c>valueFrom</c>), and whether <c>envFrom</c> brings unnamed ones.</summary>
    public HashSet<string> EnvironmentFromReferences { get; } = new(System.StringComparer.Ordinal);

    public bool EnvironmentFromSources { get; set; }

    /// <summary><c>command</c> and <c>args</c>: a <c>--urls</c> there changes what the app listens on.</summary>
    public List<string> CommandLine { get; } = new();

    public Probe? Liveness { get; set; }

    public Probe? Readiness { get; set; }

    public Probe? Startup { get; set; }

    public IEnumerable<Probe> Probes()
    {
        if (Liveness is not null)
        {
            yield return Liveness;
        }

        if (Readiness is not null)
        {
            yield return Readiness;
        }

        if (Startup is not null)
        {
            yield return Startup;
        }
    }
}

internal enum ProbeAction
{
    Other,
    HttpGet,
    TcpSocket,
    Exec,
    Grpc,
}

/// <summary>A liveness, readiness or startup probe.</summary>
internal sealed class Probe
{
    public Probe(string role, ProbeAction action, Located? path, Located? port, TextSpan keySpan)
    {
        Role = role;
        Action = action;
        Path = path;
        Port = port;
        KeySpan = keySpan;
    }

    /// <summary>"liveness", "readiness" or "startup".</summary>
    public string Role { get; }

    public ProbeAction Action { get; }

    /// <summary><c>httpGet.path</c>.</summary>
    public Located? Path { get; }

    /// <summary><c>httpGet.port</c> or <c>tcpSocket.port</c>: a number or a port name.</summary>
    public Located? Port { get; }

    /// <summary>The probe's key (<c>livenessProbe:</c>).</summary>
    public TextSpan KeySpan { get; }
}
