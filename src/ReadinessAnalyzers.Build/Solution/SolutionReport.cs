using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// The combined report of a solution build in <c>ReadinessReportOutputPath</c>, next to each project's own copy
/// (<c>&lt;folder&gt;/&lt;project&gt;[/&lt;framework&gt;]/readiness.*</c>): <c>readiness.json</c>, an index of the
/// projects with their counts and links (also the rows of the solution-wide mechanism, <see cref="SolutionFile"/>),
/// <c>readiness.md</c>, the same as a table, and <c>readiness.sarif</c> (<see cref="SolutionSarif"/>) for code scanning.
/// </summary>
internal static class SolutionReport
{
    /// <summary>The index's <c>kind</c>, which tells it apart from a project's readiness.json.</summary>
    public const string Kind = "solution";

    public static bool Contribute(string folder, SolutionRow row)
    {
        folder = Path.GetFullPath(folder);
        var index = Path.Combine(folder, "readiness.json");
        return SolutionFile.Contribute(index, row, ReadRows, rows => Write(folder, rows), SolutionFile.LockTimeout);
    }

    /// <summary>The index's rows; a missing, broken or per-project file (a project whose copy folder is the root) has none.</summary>
    public static List<SolutionRow> ReadRows(string? text)
    {
        if (text is null)
        {
            return [];
        }

        try
        {
            var root = JsonText.Parse(text);
            return root["kind"]?.AsString == Kind ? SolutionRow.FromJson(root["projects"]) : [];
        }
        catch (JsonFormatException)
        {
            return [];
        }
    }

    private static void Write(string folder, List<SolutionRow> rows)
    {
        var loaded = SolutionTable.Load(folder, rows);
        ReadinessCheck.WriteIfChanged(Path.Combine(folder, "readiness.json"), Json(loaded));
        ReadinessCheck.WriteIfChanged(Path.Combine(folder, "readiness.md"), Markdown(loaded));
        ReadinessCheck.WriteIfChanged(Path.Combine(folder, "readiness.sarif"), SolutionSarif.Write(loaded));
    }

    public static string Json(IReadOnlyList<LoadedRow> rows)
    {
        var totals = SolutionTable.Totals(rows);
        var projects = new List<JsonObject>();
        foreach (var loaded in rows)
        {
            var entry = loaded.Row.ToJson();
            var report = loaded.Report;
            entry.Add("readable", report is not null);
            if (report is not null)
            {
                entry.Add("gatePassed", report.GatePassed);
                entry.Add("new", Levels(report, baselined: false));
                entry.Add("baselined", report.Count(null, baselined: true));
                var families = new JsonObject();
                foreach (var category in report.Findings.Select(f => f.Category).Distinct().OrderBy(c => c, System.StringComparer.Ordinal))
                {
                    families.Add(category, new JsonObject { { "new", report.Count(category, baselined: false) }, { "baselined", report.Count(category, baselined: true) } });
                }

                entry.Add("byCategory", families);
            }

            projects.Add(entry);
        }

        return JsonTree.Write(new JsonObject
        {
            { "schemaVersion", ReadinessReport.SchemaVersion },
            { "kind", Kind },
            { "schema", RuleIdentifiers.GetHelpUri(RuleIdentifiers.ReadinessGateFailed) + "#the-combined-report" },
            { "total", new JsonObject
                {
                    { "projects", totals.Projects },
                    { "errors", totals.Errors },
                    { "warnings", totals.Warnings },
                    { "infos", totals.Infos },
                    { "baselined", totals.Baselined },
                    { "line", totals.Line() },
                }
            },
            { "sarif", "readiness.sarif" },
            { "projects", projects },
        });
    }

    public static string Markdown(IReadOnlyList<LoadedRow> rows)
    {
        var b = new StringBuilder("# Readiness report: all projects\n\n");
        SolutionTable.Append(b, rows, loaded => loaded.Row.ReportMarkdown);
        b.Append("\nEach project's report lists its findings. A row stays until its project is built again into this folder; ")
            .Append("empty the folder for a view of one build. Code scanning: upload `readiness.sarif`.\n");
        return b.ToString();
    }

    private static JsonObject Levels(ProjectReportData report, bool baselined) => new()
    {
        { "errors", report.Count(null, baselined, GateLevel.Error) },
        { "warnings", report.Count(null, baselined, GateLevel.Warning) },
        { "infos", report.Count(null, baselined, GateLevel.Info) },
    };
}
