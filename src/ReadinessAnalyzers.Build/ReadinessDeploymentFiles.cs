using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// Gives a project the deployment descriptors that can belong to it (<see cref="DeploymentDescriptors"/>), as items
/// for <c>AdditionalFiles</c> with the metadata the analyzers read: <c>ReadinessDeployment</c> (dockerfile |
/// kubernetes | compose) and <c>ReadinessDeploymentOwner</c> (<c>folder</c> for a file in the project folder, else
/// empty). Runs before the compile (design-time builds too: it globs a few folders and reads only the shared
/// candidates). Logs each decision at low importance (<c>-v:d</c>); never warns, never fails the build.
/// </summary>
public sealed class ReadinessDeploymentFiles : MSBuildTask
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The repository root (<c>ReadinessRepositoryRoot</c>). Empty: the nearest folder above the project with a
    /// <c>.git</c> folder or file (a worktree's); none: only the project's own folders are searched.</summary>
    public string RepositoryRoot { get; set; } = string.Empty;

    /// <summary><c>ReadinessDeploymentSearch</c>: folders relative to the project folder and to the repository root.</summary>
    public string[] SearchFolders { get; set; } = [.. DeploymentSearch.DefaultFolders];

    /// <summary>The project name, the assembly name and <c>ReadinessServiceName</c> (empty ones are ignored).</summary>
    public string[] Names { get; set; } = [];

    /// <summary><c>ReadinessDeploymentFile</c> items: always passed on (metadata <c>ReadinessDeployment</c> and
    /// <c>ReadinessDeploymentOwner</c> are kept when set).</summary>
    public ITaskItem[] ExtraFiles { get; set; } = [];

    /// <summary>The project's <c>AdditionalFiles</c> items so far.</summary>
    public ITaskItem[] AdditionalFiles { get; set; } = [];

    /// <summary>The descriptors, full paths with the contract's metadata.</summary>
    [Output]
    public ITaskItem[] Files { get; private set; } = [];

    /// <summary>The <c>AdditionalFiles</c> items (as given) that are descriptors too: the targets remove them, so each file
    /// reaches the compiler once, with the descriptor's metadata.</summary>
    [Output]
    public ITaskItem[] ReplacedAdditionalFiles { get; private set; } = [];

    public override bool Execute()
    {
        try
        {
            var search = new DeploymentSearch
            {
                ProjectDirectory = ProjectDirectory,
                RepositoryRoot = string.IsNullOrWhiteSpace(RepositoryRoot) ? DeploymentDescriptors.RepositoryRootAbove(ProjectDirectory) ?? string.Empty : RepositoryRoot,
                Folders = (SearchFolders ?? []).Select(f => f.Trim()).Where(f => f.Length > 0).ToList(),
                Names = Names ?? [],
                ExtraFiles = (ExtraFiles ?? []).Select(i => (i.ItemSpec, Metadata(i, "ReadinessDeployment"), Metadata(i, "ReadinessDeploymentOwner"))).ToList(),
            };
            var (kept, skipped) = DeploymentDescriptors.Find(search);
            foreach (var reason in skipped)
            {
                Log.LogMessage(MessageImportance.Low, "Readiness: deployment descriptor not given to the analyzers: {0}", reason);
            }

            var files = new List<ITaskItem>(kept.Count);
            foreach (var descriptor in kept)
            {
                Log.LogMessage(MessageImportance.Low, "Readiness: deployment descriptor {0} ({1}, {2})", descriptor.Path, descriptor.Kind, descriptor.Reason);
                var item = new TaskItem(descriptor.Path);
                item.SetMetadata("ReadinessDeployment", descriptor.Kind);
                item.SetMetadata("ReadinessDeploymentOwner", descriptor.OwnedByFolder ? DeploymentDescriptors.FolderOwner : string.Empty);
                files.Add(item);
            }

            Files = [.. files];
            var descriptors = new HashSet<string>(kept.Select(d => d.Path), DeploymentDescriptors.PathComparer);
            ReplacedAdditionalFiles = (AdditionalFiles ?? []).Where(i => descriptors.Contains(DeploymentDescriptors.FullPath(ProjectDirectory, i.ItemSpec))).ToArray();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.IO.IOException or UnauthorizedAccessException)
        {
            // A path MSBuild accepted but the file system does not (e.g. invalid characters): no descriptors, no failure.
            Log.LogMessage(MessageImportance.Low, "Readiness: deployment descriptors not searched: {0}", e.Message);
            Files = [];
        }

        return true;
    }

    private static string? Metadata(ITaskItem item, string name)
    {
        var value = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
