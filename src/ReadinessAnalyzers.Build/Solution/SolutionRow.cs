using System;
using System.Collections.Generic;
using System.Linq;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// One project build's row in a solution-wide file: which project and target framework, and where its own report
/// is. Keyed by project path and target framework, so a project's next build replaces its row and a multi-targeted
/// project has one row per framework. The counts are not kept in the row: every rewrite reads them from the
/// project's own readiness.json, so the solution-wide files cannot drift from the per-project reports.
/// </summary>
internal sealed class SolutionRow
{
    public string Project { get; set; } = string.Empty;

    /// <summary>The project file's full path.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>The project's readiness.json: relative to the folder of the file that holds the row ('/' separators), or full.</summary>
    public string ReportJson { get; set; } = string.Empty;

    /// <summary>The project's readiness.md, like <see cref="ReportJson"/>.</summary>
    public string ReportMarkdown { get; set; } = string.Empty;

    /// <summary>The folder SARIF locations are relative to (%SRCROOT%): the repository root, else the solution folder.</summary>
    public string SourceRoot { get; set; } = string.Empty;

    public string Key => ProjectPath + "|" + TargetFramework;

    /// <summary>Rows in file order: by project name, then path, then target framework (independent of build order).</summary>
    public static readonly IComparer<SolutionRow> Order = Comparer<SolutionRow>.Create((a, b) =>
    {
        var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Project, b.Project);
        if (byName != 0)
        {
            return byName;
        }

        var byPath = StringComparer.Ordinal.Compare(a.ProjectPath, b.ProjectPath);
        return byPath != 0 ? byPath : StringComparer.Ordinal.Compare(a.TargetFramework, b.TargetFramework);
    });

    /// <summary>The rows with <paramref name="row"/> in place of any row of the same key, sorted.</summary>
    public static List<SolutionRow> Merge(IEnumerable<SolutionRow> rows, SolutionRow row)
    {
        var merged = rows.Where(r => !string.Equals(r.Key, row.Key, StringComparison.Ordinal)).ToList();
        merged.Add(row);
        merged.Sort(Order);
        return merged;
    }

    public JsonObject ToJson() => new()
    {
        { "project", Project },
        { "projectPath", ProjectPath },
        { "targetFramework", TargetFramework },
        { "report", ReportMarkdown },
        { "reportJson", ReportJson },
        { "sourceRoot", SourceRoot },
    };

    /// <summary>The rows of a JSON array written by <see cref="ToJson"/>; entries without a project path are skipped.</summary>
    public static List<SolutionRow> FromJson(JsonNode? array)
    {
        var rows = new List<SolutionRow>();
        foreach (var node in array?.AsArray ?? [])
        {
            var row = new SolutionRow
            {
                Project = node["project"]?.AsString ?? string.Empty,
                ProjectPath = node["projectPath"]?.AsString ?? string.Empty,
                TargetFramework = node["targetFramework"]?.AsString ?? string.Empty,
                ReportMarkdown = node["report"]?.AsString ?? string.Empty,
                ReportJson = node["reportJson"]?.AsString ?? string.Empty,
                SourceRoot = node["sourceRoot"]?.AsString ?? string.Empty,
            };
            if (row.ProjectPath.Length > 0)
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
