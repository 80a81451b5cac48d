using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>The workloads of a Kubernetes manifest file (every document), or why it cannot be read.</summary>
internal sealed class KubernetesFile
{
    public KubernetesFile(SourceText text, ImmutableArray<Workload> workloads, DescriptorError? error)
    {
        Text = text;
        Workloads = workloads;
        Error = error;
    }

    public SourceText Text { get; }

    public ImmutableArray<Workload> Workloads { get; }

    public DescriptorError? Error { get; }
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
