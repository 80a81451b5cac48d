using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// Which workloads, services and Dockerfiles belong to the project being compiled: a container, compose service or
/// image named after the project (<c>Ordering.API</c> → <c>ordering-api</c>, <c>orderingapi</c>, <c>ordering.api</c>) or
/// after <c>ReadinessServiceName</c>; a Dockerfile in the project's folder or one that publishes the project.
/// </summary>
internal sealed class ProjectIdentity
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    private ProjectIdentity(string projectName, string? serviceName)
    {
        ProjectName = projectName;
        ServiceName = serviceName;
        _keys.Add(Normalize(projectName));
        if (serviceName is not null)
        {
            _keys.Add(Normalize(serviceName));
        }

        _keys.Remove(string.Empty);
        Names = Variants().Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The spellings of the project's (and service's) name that a descriptor of ours contains: as written,
    /// dots as dashes or underscores, without dots, kebab case.</summary>
    public IReadOnlyCollection<string> Names { get; }

    /// <summary><c>MSBuildProjectName</c> (compiler-visible property), else the assembly name.</summary>
    public string ProjectName { get; }

    /// <summary><c>ReadinessServiceName</c>, when set.</summary>
    public string? ServiceName { get; }

    public static ProjectIdentity Create(AnalyzerOptions options, Compilation compilation)
    {
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var project = global.TryGetValue("build_property.MSBuildProjectName", out var name) && name.Trim().Length > 0 ? name.Trim() : compilation.AssemblyName ?? string.Empty;
        var service = global.TryGetValue("build_property.ReadinessServiceName", out var serviceName) && serviceName.Trim().Length > 0 ? serviceName.Trim() : null;
        return new ProjectIdentity(project, service);
    }

    /// <summary>Lower case, letters and digits only: <c>Ordering.API</c>, <c>ordering-api</c> and <c>ordering_api</c> are one name.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    public bool MatchesName(string? name) => name is not null && _keys.Contains(Normalize(name));

    /// <summary>The image's repository name (last path segment, without registry, tag or digest) is the project's.</summary>
    public bool MatchesImage(string? image) => image is not null && MatchesName(ImageName(image));

    public static string ImageName(string image)
    {
        var at = image.IndexOf('@');
        var withoutDigest = at < 0 ? image : image.Substring(0, at);
        var slash = withoutDigest.LastIndexOf('/');
        var last = withoutDigest.Substring(slash + 1);
        var colon = last.IndexOf(':');
        return colon < 0 ? last : last.Substring(0, colon);
    }

    public bool Owns(WorkloadContainer container) => MatchesName(container.Name.Value) || MatchesImage(container.Image?.Value);

    public bool Owns(ComposeService service) => MatchesName(service.Name.Value) || MatchesImage(service.Image?.Value);

    /// <summary>
    /// In the project's folder, or a Dockerfile that builds the project: a <c>dotnet publish</c>/<c>dotnet build</c>
    /// naming <c>X.csproj</c> or its folder (or run in a <c>WORKDIR</c> of that name), or — when no such command names a
    /// project — <c>COPY</c> lines that name exactly one project file, ours.
    /// </summary>
    public bool Owns(DescriptorEntry entry, DockerfileModel dockerfile)
    {
        if (entry.OwnedByFolder)
        {
            return true;
        }

        var projectFile = ProjectName + ".csproj";
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var run in stage.Runs)
            {
                if (run.IndexOf("dotnet publish", StringComparison.OrdinalIgnoreCase) < 0 && run.IndexOf("dotnet build", StringComparison.OrdinalIgnoreCase) < 0)
                {
                    continue;
                }

                if (Segments(run).Any(s => s.Equals(projectFile, StringComparison.OrdinalIgnoreCase) || s.Equals(ProjectName, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }

                if (!Segments(run).Any(s => s.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                    && stage.WorkDirectories.Count > 0
                    && Segments(stage.WorkDirectories[stage.WorkDirectories.Count - 1]).LastOrDefault() is { } folder
                    && folder.Equals(ProjectName, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        var copied = dockerfile.Stages.SelectMany(s => s.Copies).SelectMany(Segments)
            .Where(s => s.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return copied.Count == 1 && copied[0].Equals(projectFile, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when an unreadable file may be ours: in our folder, or its text names the project.</summary>
    public bool MayOwn(DescriptorEntry entry, string text)
    {
        if (entry.OwnedByFolder)
        {
            return true;
        }

        foreach (var variant in Names)
        {
            if (variant.Length > 0 && text.IndexOf(variant, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<string> Variants()
    {
        foreach (var name in ServiceName is null ? new[] { ProjectName } : new[] { ProjectName, ServiceName })
        {
            yield return name;
            yield return name.Replace('.', '-');
            yield return name.Replace('.', '_');
            yield return name.Replace(".", string.Empty);
            yield return Kebab(name);
        }
    }

    /// <summary><c>OrderService</c> → <c>order-service</c>, <c>Ordering.API</c> → <c>ordering-api</c>.</summary>
    private static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                builder.Append('-');
                continue;
            }

            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Path segments and words of a command line: separated by white space, quotes, brackets, commas and slashes.</summary>
    private static IEnumerable<string> Segments(string text)
        => text.Split(new[] { ' ', '\t', '\n', '\r', '"', '\'', '/', '\\', '[', ']', ',' }, StringSplitOptions.RemoveEmptyEntries);
}
