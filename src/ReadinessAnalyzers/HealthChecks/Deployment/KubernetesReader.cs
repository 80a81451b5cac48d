using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.RepresentationModel;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// Reads the workloads of a Kubernetes manifest (multi-document YAML, <c>kind: List</c> included): Deployment,
/// StatefulSet, DaemonSet, ReplicaSet and Pod with their containers, ports, environment and probes. Documents of
/// other kinds (Service, ConfigMap, Job, CronJob, …) and YAML that is not a manifest are skipped without a word.
/// The file is split into its documents by text (<c>---</c> lines) and a document is parsed only when asked for:
/// YamlDotNet reads a few MB per second, and most documents of a large manifest belong to other services.
/// </summary>
internal static class KubernetesReader
{
    private static readonly HashSet<string> PodTemplateKinds = new(StringComparer.Ordinal) { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" };

    public static KubernetesFile Read(SourceText text)
    {
        var full = text.ToString();
        if (full.IndexOf("{{", StringComparison.Ordinal) >= 0)
        {
            return new KubernetesFile(text, full, ImmutableArray<ManifestDocument>.Empty);
        }

        var documents = ImmutableArray.CreateBuilder<ManifestDocument>();
        var start = 0;
        var startLine = 0;
        foreach (var line in text.Lines)
        {
            if (line.LineNumber > startLine && IsDocumentMarker(full, line.Start, line.End))
            {
                documents.Add(Document(text, full, start, line.Start, startLine));
                start = line.Start;
                startLine = line.LineNumber;
            }
        }

        documents.Add(Document(text, full, start, full.Length, startLine));
        return new KubernetesFile(text, full, documents.ToImmutable());
    }

    /// <summary><c>---</c> (or <c>...</c>) at the start of a line: a document starts there (block scalars are
    /// indented, so such a line cannot be content).</summary>
    private static bool IsDocumentMarker(string text, int start, int end)
        => end - start >= 3
            && ((text[start] == '-' && text[start + 1] == '-' && text[start + 2] == '-') || (text[start] == '.' && text[start + 1] == '.' && text[start + 2] == '.'))
            && (end - start == 3 || char.IsWhiteSpace(text[start + 3]));

    private static ManifestDocument Document(SourceText text, string full, int start, int end, int line)
        => new(start, end - start, () => ReadDocument(text, full.Substring(start, end - start), line));

    private static (ImmutableArray<Workload> Workloads, DescriptorError? Error) ReadDocument(SourceText text, string yaml, int lineOffset)
    {
        try
        {
            var workloads = ImmutableArray.CreateBuilder<Workload>();
            var documents = YamlReading.Load(yaml, lineOffset, out var error);
            foreach (var document in documents)
            {
                AddWorkloads(document.RootNode, new YamlSource(text, lineOffset), workloads, depth: 0);
            }

            return (workloads.ToImmutable(), error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A defect of this reader (or of the library) rather than of the file: read nothing.
            return (ImmutableArray<Workload>.Empty, null);
        }
    }

    private static void AddWorkloads(YamlNode? root, YamlSource text, ImmutableArray<Workload>.Builder workloads, int depth)
    {
        var kind = root.Child("kind").Text();
        if (kind is null || depth > 2)
        {
            return;
        }

        if (kind == "List")
        {
            foreach (var item in root.Child("items").Items())
            {
                AddWorkloads(item, text, workloads, depth + 1);
            }

            return;
        }

        YamlNode? podSpec = kind == "Pod" ? root.Child("spec")
            : PodTemplateKinds.Contains(kind) ? root.Child("spec").Child("template").Child("spec")
            : null;
        if (podSpec is null)
        {
            return;
        }

        var containers = ImmutableArray.CreateBuilder<WorkloadContainer>();
        foreach (var node in podSpec.Child("containers").Items())
        {
            if (node.Child("name").Located(text) is { } name)
            {
                containers.Add(ReadContainer(node, name, text));
            }
        }

        if (containers.Count > 0)
        {
            workloads.Add(new Workload(kind, root.Child("metadata").Child("name").Text(), containers.ToImmutable()));
        }
    }

    private static WorkloadContainer ReadContainer(YamlNode node, Located name, YamlSource text)
    {
        var container = new WorkloadContainer(name, node.Child("image").Located(text));
        foreach (var port in node.Child("ports").Items())
        {
            if (port.Child("containerPort").Located(text) is { } number)
            {
                container.Ports.Add((port.Child("name").Text(), number));
            }
        }

        foreach (var variable in node.Child("env").Items())
        {
            if (variable.Child("name").Text() is not { } variableName)
            {
                continue;
            }

            if (variable.Child("value").Located(text) is { } value)
            {
                container.Environment.Add((variableName, value));
            }
            else if (variable.Child("valueFrom") is not null)
            {
                container.EnvironmentFromReferences.Add(variableName);
            }
        }

        container.EnvironmentFromSources = node.Child("envFrom") is YamlSequenceNode { Children.Count: > 0 };
        foreach (var key in new[] { "command", "args" })
        {
            foreach (var word in node.Child(key).Items())
            {
                if (word.Text() is { } part)
                {
                    container.CommandLine.Add(part);
                }
            }
        }

        container.Liveness = ReadProbe(node, "livenessProbe", "liveness", text);
        container.Readiness = ReadProbe(node, "readinessProbe", "readiness", text);
        container.Startup = ReadProbe(node, "startupProbe", "startup", text);
        return container;
    }

    private static Probe? ReadProbe(YamlNode container, string key, string role, YamlSource text)
    {
        var probe = container.Child(key);
        if (probe is null || container.KeySpan(key, text) is not { } keySpan)
        {
            return null;
        }

        if (probe.Child("httpGet") is { } httpGet)
        {
            return new Probe(role, ProbeAction.HttpGet, httpGet.Child("path").Located(text), httpGet.Child("port").Located(text), keySpan);
        }

        if (probe.Child("tcpSocket") is { } tcp)
        {
            return new Probe(role, ProbeAction.TcpSocket, path: null, tcp.Child("port").Located(text), keySpan);
        }

        var action = probe.Child("exec") is not null ? ProbeAction.Exec : probe.Child("grpc") is not null ? ProbeAction.Grpc : ProbeAction.Other;
        return new Probe(role, action, path: null, port: null, keySpan);
    }
}
