using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using ReadinessAnalyzers.Baseline;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// Prints the total over the readiness reports of the projects a build covers (a project and its ProjectReference
/// graph, or every target framework of a multi-targeted project), e.g.
/// <c>Readiness (3 projects): 0 errors, 95 warnings, 1 info; baselined 0</c>. A finding reported under several target
/// frameworks of one project (same project, same fingerprint) counts once. Reports that do not exist (a project whose
/// check is off) or cannot be read are skipped. Informational only: never gates, never fails the build.
/// </summary>
public sealed class ReadinessTotal : MSBuildTask
{
    /// <summary>readiness.json files; duplicates are ignored.</summary>
    public ITaskItem[] Reports { get; set; } = [];

    [Output]
    public string TotalLine { get; private set; } = string.Empty;

    public override bool Execute()
    {
        var total = ReadinessTotals.Read(Reports.Select(r => Path.GetFullPath(r.ItemSpec)), ReadReport);
        if (total.Projects > 0)
        {
            TotalLine = total.Line();
            Log.LogMessage(MessageImportance.High, TotalLine);
        }

        return true;
    }

    private static string? ReadReport(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Counts over several readiness.json reports (schema version 1), each finding once per project.</summary>
internal sealed class ReadinessTotals
{
    public int Projects { get; private set; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public int Infos { get; private set; }

    public int Baselined { get; private set; }

    public static ReadinessTotals Read(IEnumerable<string> reportPaths, Func<string, string?> readFile)
    {
        var totals = new ReadinessTotals();
        var projects = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in reportPaths.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            JsonNode root;
            try
            {
                var text = readFile(path);
                if (text is null)
                {
                    continue;
                }

                root = JsonText.Parse(text);
            }
            catch (JsonFormatException)
            {
                continue;
            }

            var project = root["projectPath"]?.AsString ?? path;
            projects.Add(project);
            foreach (var finding in root["findings"]?.AsArray ?? [])
            {
                // A project's fingerprint is the same under every target framework; the project path separates
                // projects that share a baseline folder (and so produce the same relative paths).
                if (!seen.Add(project + "\n" + (finding["fingerprint"]?.AsString ?? string.Empty) + "\n" + finding["state"]?.AsString))
                {
                    continue;
                }

                if (finding["state"]?.AsString == "baselined")
                {
                    totals.Baselined++;
                    continue;
                }

                switch (finding["level"]?.AsString)
                {
                    case GateLevel.Error:
                        totals.Errors++;
                        break;
                    case GateLevel.Warning:
                        totals.Warnings++;
                        break;
                    case GateLevel.Info:
                        totals.Infos++;
                        break;
                }
            }
        }

        totals.Projects = projects.Count;
        return totals;
    }

    /// <summary><c>Readiness (3 projects): 0 errors, 95 warnings, 1 info; baselined 0</c>.</summary>
    public string Line()
    {
        var parts = new List<string> { Plural(Errors, "error", "errors"), Plural(Warnings, "warning", "warnings") };
        if (Infos > 0)
        {
            parts.Add(Plural(Infos, "info", "infos"));
        }

        return "Readiness (" + Plural(Projects, "project", "projects") + "): " + string.Join(", ", parts)
            + "; baselined " + Baselined.ToString(CultureInfo.InvariantCulture);
    }

    private static string Plural(int count, string one, string many)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
