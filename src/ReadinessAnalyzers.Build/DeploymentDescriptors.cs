using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ReadinessAnalyzers.Build;

/// <summary>One deployment descriptor a project gets as an AdditionalFile (issue 14's contract).</summary>
internal sealed class DeploymentDescriptor(string path, string kind, bool ownedByFolder, string reason)
{
    /// <summary>The full path.</summary>
    public string Path { get; } = path;

    /// <summary><c>dockerfile</c>, <c>kubernetes</c> or <c>compose</c> (metadata <c>ReadinessDeployment</c>).</summary>
    public string Kind { get; } = kind;

    /// <summary>True for a file in the project's own folder (metadata <c>ReadinessDeploymentOwner=folder</c>).</summary>
    public bool OwnedByFolder { get; } = ownedByFolder;

    /// <summary>Why it was kept, for the build log.</summary>
    public string Reason { get; } = reason;

    public override string ToString() => $"{Path} ({Kind}{(OwnedByFolder ? ", folder" : string.Empty)})";
}

/// <summary>Where to look and for which names (the targets' properties and items, resolved).</summary>
internal sealed class DeploymentSearch
{
    /// <summary>The default of <c>ReadinessDeploymentSearch</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultFolders = ["deploy", "k8s", "kubernetes", "manifests", "charts"];

    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The repository root (nearest ancestor with <c>.git</c>, or <c>ReadinessRepositoryRoot</c>); empty when there is none.</summary>
    public string RepositoryRoot { get; set; } = string.Empty;

    /// <summary>Folders searched (recursively) under the project folder and under the repository root.</summary>
    public IReadOnlyList<string> Folders { get; set; } = DefaultFolders;

    /// <summary>Project name, assembly name, <c>ReadinessServiceName</c>: the names a shared descriptor must mention.</summary>
    public IReadOnlyList<string> Names { get; set; } = [];

    /// <summary><c>ReadinessDeploymentFile</c> items: always kept. Kind and owner may be given; otherwise from the name and folder.</summary>
    public IReadOnlyList<(string Path, string? Kind, string? Owner)> ExtraFiles { get; set; } = [];
}

/// <summary>
/// Finds the deployment descriptors (Dockerfiles, Kubernetes manifests, compose files) that can belong to one project,
/// before the compile: additional files are compile inputs, so a project gets only these, and editing a manifest of
/// another service does not recompile it.
/// <list type="bullet">
/// <item>The project folder: <c>Dockerfile</c>, <c>Dockerfile.*</c>, <c>*.dockerfile</c> and compose files
/// (<c>docker-compose*.yml|yaml</c>, <c>compose*.yml|yaml</c>), owned by the folder, kept without reading.</item>
/// <item>The search folders under the project folder (default <c>deploy</c>, <c>k8s</c>, <c>kubernetes</c>,
/// <c>manifests</c>, <c>charts</c>; recursively): every <c>*.yml|*.yaml</c> and Dockerfile, kept without a name check
/// (they are inside the project).</item>
/// <item>The repository root's Dockerfiles and compose files, and its search folders: kept only when the text names the
/// project (<see cref="NameForms"/>): shared descriptors that name no project are dropped.</item>
/// <item>Helm charts (a folder with <c>Chart.yaml</c>, or under a <c>charts</c> folder): only files under
/// <c>templates/</c> without a <c>{{</c> template expression; values and chart metadata are not manifests.</item>
/// </list>
/// Never throws: an unreadable folder or file is skipped (and named in <see cref="Skipped"/>).
/// </summary>
internal static class DeploymentDescriptors
{
    public const string Dockerfile = "dockerfile";
    public const string Kubernetes = "kubernetes";
    public const string Compose = "compose";
    public const string FolderOwner = "folder";

    /// <summary>Larger files are not read for names (a shared one is dropped; the project's own are kept unread).</summary>
    private const long MaximumReadLength = 32L * 1024 * 1024;

    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules"];

    /// <summary>The contract's kind for a file name, or null when it is not a descriptor.</summary>
    public static string? KindOf(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        if (name.EndsWith(".dockerignore", StringComparison.Ordinal))
        {
            return null;
        }

        if (name == "dockerfile" || name.StartsWith("dockerfile.", StringComparison.Ordinal) || name.EndsWith(".dockerfile", StringComparison.Ordinal))
        {
            return Dockerfile;
        }

        if (!name.EndsWith(".yml", StringComparison.Ordinal) && !name.EndsWith(".yaml", StringComparison.Ordinal))
        {
            return null;
        }

        return name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal) ? Compose : Kubernetes;
    }

    /// <summary>
    /// The forms in which a descriptor names a project: each name lower-cased, in kebab case (<c>Ordering.API</c> →
    /// <c>ordering-api</c>, <c>OrderService</c> → <c>order-service</c>), and with its dots as hyphens, underscores or
    /// nothing. A superset of what the analyzers match exactly, so the filter never drops a descriptor they would use.
    /// </summary>
    public static IReadOnlyList<string> NameForms(IEnumerable<string> names)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in names)
        {
            var name = raw?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                continue;
            }

            var lower = name.ToLowerInvariant();
            forms.Add(lower);
            forms.Add(lower.Replace('.', '-'));
            forms.Add(lower.Replace('.', '_'));
            forms.Add(lower.Replace(".", string.Empty));
            forms.Add(Kebab(name));
        }

        forms.Remove(string.Empty);
        return forms.OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>Words split at separators and case changes (acronyms kept whole), joined by hyphens, lower case.</summary>
    public static string Kebab(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (word.Length > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush();
                }
            }

            word.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return string.Join("-", words);

        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> contains one of the forms as a whole name: case-insensitive, with no letter,
    /// digit, <c>-</c> or <c>_</c> just before or after it (so <c>orders</c> is not found in <c>orders-api</c>, but is
    /// in <c>Orders.csproj</c>, <c>/orders:1.0</c> and <c>"orders"</c>).
    /// </summary>
    public static bool Mentions(string text, IReadOnlyList<string> forms)
    {
        foreach (var form in forms)
        {
            var start = 0;
            while (start <= text.Length - form.Length)
            {
                var index = text.IndexOf(form, start, StringComparison.OrdinalIgnoreCase);
                if (index < 0)
                {
                    break;
                }

                var end = index + form.Length;
                if ((index == 0 || !IsNamePart(text[index - 1])) && (end == text.Length || !IsNamePart(text[end])))
                {
                    return true;
                }

                start = index + 1;
            }
        }

        return false;
    }

    /// <summary>A name as the analyzers compare names: lower case, letters and digits only (<c>Ordering.API</c>,
    /// <c>ordering-api</c>, <c>ordering_api</c> and <c>orderingapi</c> are one name).</summary>
    public static string NameKey(string name)
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

    /// <summary>
    /// True when the text names the project: one of the <see cref="NameForms"/> as a whole name (<see cref="Mentions"/>:
    /// also <c>X.csproj</c>, <c>X.dll</c>), or a word (a run of letters, digits, <c>.</c>, <c>-</c>, <c>_</c>) whose
    /// <see cref="NameKey"/> is a name's key, as the analyzers match container, service and image names
    /// (<c>order_service</c> names <c>OrderService</c>).
    /// </summary>
    public static bool NamesProject(string text, IReadOnlyList<string> forms, ISet<string> keys)
    {
        if (Mentions(text, forms))
        {
            return true;
        }

        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('.' or '-' or '_'))
            {
                if (word.Length > 0 && keys.Contains(word.ToString()))
                {
                    return true;
                }

                word.Clear();
            }
        }

        return false;
    }

    /// <summary>The descriptors of the project, in a stable order, plus what was skipped and why (for the build log).</summary>
    public static (IReadOnlyList<DeploymentDescriptor> Kept, IReadOnlyList<string> Skipped) Find(DeploymentSearch search)
    {
        var kept = new List<DeploymentDescriptor>();
        var skipped = new List<string>();
        var seen = new HashSet<string>(PathComparer);
        var project = Normalize(search.ProjectDirectory);
        var root = search.RepositoryRoot.Trim().Length == 0 ? null : Normalize(search.RepositoryRoot);
        var forms = NameForms(search.Names);
        var keys = new HashSet<string>(search.Names.Where(n => n is not null).Select(NameKey).Where(k => k.Length > 0), StringComparer.Ordinal);

        foreach (var (path, kind, owner) in search.ExtraFiles)
        {
            var full = Normalize(Path.Combine(project, path));
            var fileKind = IsKind(kind) ? kind!.ToLowerInvariant() : KindOf(Path.GetFileName(full));
            if (fileKind is null)
            {
                skipped.Add($"{full}: not a Dockerfile, *.yml or *.yaml; set its ReadinessDeployment metadata (dockerfile, kubernetes or compose)");
            }
            else if (!File.Exists(full))
            {
                skipped.Add($"{full}: ReadinessDeploymentFile does not exist");
            }
            else if (seen.Add(full))
            {
                var folder = owner is null ? IsDirectlyIn(full, project) : string.Equals(owner, FolderOwner, StringComparison.OrdinalIgnoreCase);
                kept.Add(new DeploymentDescriptor(full, fileKind, folder, "ReadinessDeploymentFile"));
            }
        }

        // The project folder itself: its Dockerfiles and compose files belong to it.
        foreach (var file in Files(project, recursive: false, skipped))
        {
            var kind = KindOf(Path.GetFileName(file));
            if (kind is Dockerfile or Compose && seen.Add(file))
            {
                kept.Add(new DeploymentDescriptor(file, kind, ownedByFolder: true, "in the project folder"));
            }
        }

        foreach (var folder in search.Folders)
        {
            AddFolder(Path.Combine(project, folder), shared: false);
        }

        // The folders between the project and the repository root: a Dockerfile or compose file there builds the
        // project when it names it (samples/api/Dockerfile with COPY api/*.csproj, a solution folder's compose file).
        if (root is not null && IsUnder(project, root))
        {
            for (var folder = Path.GetDirectoryName(project); folder is not null && IsUnder(folder, root); folder = Path.GetDirectoryName(folder))
            {
                foreach (var file in Files(folder, recursive: false, skipped))
                {
                    var kind = KindOf(Path.GetFileName(file));
                    if (kind is Dockerfile or Compose)
                    {
                        Consider(file, kind, shared: true, chart: null);
                    }
                }
            }
        }

        if (root is not null && !PathComparer.Equals(root, project))
        {
            foreach (var file in Files(root, recursive: false, skipped))
            {
                var kind = KindOf(Path.GetFileName(file));
                if (kind is Dockerfile or Compose)
                {
                    Consider(file, kind, shared: true, chart: null);
                }
            }

            foreach (var folder in search.Folders)
            {
                AddFolder(Path.Combine(root, folder), shared: true);
            }
        }

        return (kept, skipped);

        void AddFolder(string folder, bool shared)
        {
            folder = Normalize(folder);
            if (!Directory.Exists(folder))
            {
                return;
            }

            foreach (var file in Files(folder, recursive: true, skipped))
            {
                var kind = KindOf(Path.GetFileName(file));
                if (kind is not null)
                {
                    Consider(file, kind, shared && !IsUnder(file, project), ChartOf(file, folder));
                }
            }
        }

        void Consider(string file, string kind, bool shared, string? chart)
        {
            if (seen.Contains(file))
            {
                return;
            }

            string? text = null;
            if (chart is not null)
            {
                var inTemplates = IsUnder(file, Path.Combine(chart, "templates"));
                if (!inTemplates || kind == Dockerfile)
                {
                    skipped.Add($"{file}: part of the Helm chart {chart}, not a template");
                    return;
                }

                text = Read(file, skipped);
                if (text is null)
                {
                    return;
                }

                if (text.IndexOf("{{", StringComparison.Ordinal) >= 0)
                {
                    skipped.Add($"{file}: a Helm template with template expressions, not plain YAML");
                    return;
                }
            }

            if (shared)
            {
                text ??= Read(file, skipped);
                if (text is null)
                {
                    return;
                }

                if (forms.Count == 0 || !NamesProject(text, forms, keys))
                {
                    skipped.Add($"{file}: names none of {string.Join(", ", forms)}");
                    return;
                }
            }

            seen.Add(file);
            kept.Add(new DeploymentDescriptor(file, kind, ownedByFolder: false, shared ? "names the project" : "in the project's deployment folder"));
        }
    }

    /// <summary>The nearest folder at or above <paramref name="directory"/> with a <c>.git</c> folder or file, or null.</summary>
    public static string? RepositoryRootAbove(string directory)
    {
        try
        {
            for (var current = Normalize(directory); current.Length > 0; current = Path.GetDirectoryName(current) ?? string.Empty)
            {
                var git = Path.Combine(current, ".git");
                if (Directory.Exists(git) || File.Exists(git))
                {
                    return current;
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
        }

        return null;
    }

    /// <summary>A path as <see cref="Find"/> returns it (full, no trailing separator), relative ones taken from <paramref name="baseDirectory"/>.</summary>
    public static string FullPath(string baseDirectory, string path)
    {
        try
        {
            return Normalize(Path.Combine(baseDirectory, path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return path;
        }
    }

    public static StringComparer PathComparer { get; } = Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool IsKind(string? kind)
        => kind is not null && (kind.Equals(Dockerfile, StringComparison.OrdinalIgnoreCase) || kind.Equals(Kubernetes, StringComparison.OrdinalIgnoreCase) || kind.Equals(Compose, StringComparison.OrdinalIgnoreCase));

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c is '-' or '_';

    private static string Normalize(string path) => Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    private static bool IsDirectlyIn(string file, string folder) => PathComparer.Equals(Path.GetDirectoryName(file) ?? string.Empty, folder);

    private static bool IsUnder(string file, string folder)
    {
        var prefix = Normalize(folder) + Path.DirectorySeparatorChar;
        return file.StartsWith(prefix, PathComparer == StringComparer.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The Helm chart folder a file is in: the nearest folder at or below the search folder with a <c>Chart.yaml</c>,
    /// or else the folder just under a <c>charts</c> folder on the way; null outside charts.
    /// </summary>
    private static string? ChartOf(string file, string searchFolder)
    {
        var directory = Path.GetDirectoryName(file);
        string? underCharts = null;
        while (directory is not null && (IsUnder(directory, searchFolder) || PathComparer.Equals(directory, searchFolder)))
        {
            if (File.Exists(Path.Combine(directory, "Chart.yaml")) || File.Exists(Path.Combine(directory, "Chart.yml")))
            {
                return directory;
            }

            var parent = Path.GetDirectoryName(directory);
            if (underCharts is null && parent is not null && string.Equals(Path.GetFileName(parent), "charts", StringComparison.OrdinalIgnoreCase))
            {
                underCharts = directory;
            }

            if (PathComparer.Equals(directory, searchFolder))
            {
                break;
            }

            directory = parent;
        }

        return underCharts;
    }

    private static string? Read(string file, List<string> skipped)
    {
        try
        {
            if (new FileInfo(file).Length > MaximumReadLength)
            {
                skipped.Add($"{file}: larger than {MaximumReadLength / (1024 * 1024)} MB; name it with ReadinessDeploymentFile to use it");
                return null;
            }

            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            skipped.Add($"{file}: {e.Message}");
            return null;
        }
    }

    /// <summary>Files of a folder in ordinal order; recursive ones skip bin/, obj/, node_modules/ and dot-folders.</summary>
    private static IEnumerable<string> Files(string folder, bool recursive, List<string> skipped)
    {
        var result = new List<string>();
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                result.AddRange(Directory.GetFiles(current).Select(Normalize));
                if (recursive)
                {
                    foreach (var child in Directory.GetDirectories(current).OrderByDescending(d => d, StringComparer.Ordinal))
                    {
                        var name = Path.GetFileName(child);
                        if (!name.StartsWith(".", StringComparison.Ordinal) && !SkippedDirectories.Contains(name, StringComparer.OrdinalIgnoreCase))
                        {
                            pending.Push(child);
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                skipped.Add($"{current}: {e.Message}");
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
