using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>An additional file the package's targets marked as a deployment descriptor.</summary>
internal sealed class DescriptorEntry
{
    public DescriptorEntry(AdditionalText file, DescriptorKind kind, bool ownedByFolder)
    {
        File = file;
        Kind = kind;
        OwnedByFolder = ownedByFolder;
    }

    public AdditionalText File { get; }

    public DescriptorKind Kind { get; }

    /// <summary>Metadata <c>ReadinessDeploymentOwner = folder</c>: the file is in the project's own folder.</summary>
    public bool OwnedByFolder { get; }

    public string KindText => Kind switch
    {
        DescriptorKind.Dockerfile => "Dockerfile",
        DescriptorKind.Kubernetes => "Kubernetes manifest",
        _ => "docker-compose file",
    };
}

/// <summary>
/// The deployment descriptors of a compilation (see the package contract: AdditionalFiles whose metadata
/// <c>ReadinessDeployment</c> is <c>dockerfile</c>, <c>kubernetes</c> or <c>compose</c>) and their parsed forms.
/// Each file is parsed once: the readers are <see cref="ParsedTexts{T}"/> caches shared by every analyzer that asks
/// (<see cref="DeploymentDescriptorAnalyzer"/> and the host analyzer).
/// </summary>
internal static class DeploymentFiles
{
    public const string KindKey = "build_metadata.AdditionalFiles.ReadinessDeployment";
    public const string OwnerKey = "build_metadata.AdditionalFiles.ReadinessDeploymentOwner";

    public static readonly ParsedTexts<DockerfileModel> Dockerfiles = new(DockerfileReader.Read);
    public static readonly ParsedTexts<KubernetesFile> Manifests = new(KubernetesReader.Read);
    public static readonly ParsedTexts<ComposeFile> ComposeFiles = new(ComposeReader.Read);

    /// <summary>The descriptor files, from metadata only (no file is read): cheap enough for a compilation-start action.</summary>
    public static ImmutableArray<DescriptorEntry> Find(AnalyzerOptions options)
    {
        if (options.AdditionalFiles.IsDefaultOrEmpty)
        {
            return ImmutableArray<DescriptorEntry>.Empty;
        }

        ImmutableArray<DescriptorEntry>.Builder? found = null;
        foreach (var file in options.AdditionalFiles)
        {
            var fileOptions = options.AnalyzerConfigOptionsProvider.GetOptions(file);
            if (!fileOptions.TryGetValue(KindKey, out var kindText))
            {
                continue;
            }

            DescriptorKind? kind = kindText.Trim().ToLowerInvariant() switch
            {
                "dockerfile" => DescriptorKind.Dockerfile,
                "kubernetes" => DescriptorKind.Kubernetes,
                "compose" => DescriptorKind.Compose,
                _ => null,
            };
            if (kind is null)
            {
                continue;
            }

            var owned = fileOptions.TryGetValue(OwnerKey, out var owner) && owner.Trim().Equals("folder", StringComparison.OrdinalIgnoreCase);
            (found ??= ImmutableArray.CreateBuilder<DescriptorEntry>()).Add(new DescriptorEntry(file, kind.Value, owned));
        }

        return found?.ToImmutable() ?? ImmutableArray<DescriptorEntry>.Empty;
    }
}

/// <summary>Parses descriptors through the shared caches of <see cref="DeploymentFiles"/>.</summary>
internal static class DescriptorParser
{
    public static DockerfileModel Dockerfile(SourceText text) => DeploymentFiles.Dockerfiles.Get(text);

    public static KubernetesFile Manifest(SourceText text) => DeploymentFiles.Manifests.Get(text);

    public static ComposeFile Compose(SourceText text) => DeploymentFiles.ComposeFiles.Get(text);

    /// <summary>Every readable descriptor, parsed (unreadable ones are RDY3013's and left out here). A compose file
    /// that does not name the project is not parsed; manifests parse their documents when asked.</summary>
    public static LoadedDescriptors Load(ImmutableArray<DescriptorEntry> entries, ProjectIdentity identity, CancellationToken cancellationToken)
    {
        var loaded = new LoadedDescriptors();
        foreach (var entry in entries)
        {
            if (entry.File.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            switch (entry.Kind)
            {
                case DescriptorKind.Dockerfile when Dockerfile(text) is { Error: null, Final: not null } dockerfile:
                    loaded.Dockerfiles.Add((entry, dockerfile));
                    break;
                case DescriptorKind.Kubernetes:
                    loaded.Manifests.Add((entry, Manifest(text)));
                    break;
                case DescriptorKind.Compose when (entry.OwnedByFolder || identity.MayOwn(entry, text.ToString())) && Compose(text) is { Error: null } compose:
                    loaded.ComposeFiles.Add((entry, compose));
                    break;
            }
        }

        return loaded;
    }
}

internal sealed class LoadedDescriptors
{
    public List<(DescriptorEntry Entry, DockerfileModel Model)> Dockerfiles { get; } = new();

    public List<(DescriptorEntry Entry, KubernetesFile Model)> Manifests { get; } = new();

    public List<(DescriptorEntry Entry, ComposeFile Model)> ComposeFiles { get; } = new();
}
