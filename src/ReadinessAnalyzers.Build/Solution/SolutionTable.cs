using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ReadinessAnalyzers.Build;

/// <summary>A row with its project's report, as read at the time of a rewrite (null when the report cannot be read).</summary>
internal sealed class LoadedRow
{
    public LoadedRow(SolutionRow row, string reportJsonPath, ProjectReportData? report)
    {
        Row = row;
        ReportJsonPath = reportJsonPath;
        Report = report;
    }

    public SolutionRow Row { get; }

    public string ReportJsonPath { get; }

    public ProjectReportData? Report { get; }
}

/// <summary>
/// The Markdown table of a solution build: one line per project (and target framework) with its new and baselined
/// findings per family, the rules with links to their pages, the gate, and optionally a link to the project's report;
/// above it the total line (<see cref="ReadinessTotals"/>: a finding reported under two target frameworks counts once).
/// Shared by the combined readiness.md and the GitHub Actions step summary.
/// </summary>
internal static class SolutionTable
{
    private static readonly (string Category, string Name)[] Families =
    [
        (RuleCategories.FailureHandling, "Failure handling"),
        (RuleCategories.Telemetry, "Telemetry"),
        (RuleCategories.HealthChecks, "Health checks"),
        (RuleCategories.Configuration, "Configuration"),
    ];

    /// <summary>The rows with their reports (paths relative to <paramref name="folder"/>, the folder of the file that holds the rows).</summary>
    public static List<LoadedRow> Load(string folder, IEnumerable<SolutionRow> rows) => rows
        .Select(r =>
        {
            var path = SolutionFile.Resolve(folder, r.ReportJson);
            return new LoadedRow(r, path, ProjectReportData.TryRead(path));
        })
        .ToList();

    /// <summary><c>Readiness (2 projects): 0 errors, 3 warnings; baselined 2</c> over the rows' reports.</summary>
    public static ReadinessTotals Totals(IEnumerable<LoadedRow> rows)
        => ReadinessTotals.Read(rows.Select(r => r.ReportJsonPath), path => File.Exists(path) ? File.ReadAllText(path) : null);

    /// <param name="reportLink">The link to a row's own report, or null for no report column.</param>
    public static void Append(StringBuilder b, IReadOnlyList<LoadedRow> rows, Func<LoadedRow, string>? reportLink)
    {
        b.Append(Totals(rows).Line()).Append("\n\n");
        b.Append("| Project | Framework |");
        foreach (var (_, name) in Families)
        {
            b.Append(' ').Append(name).Append(" |");
        }

        b.Append(" Rules | Gate |").Append(reportLink is null ? string.Empty : " Report |").Append('\n');
        b.Append("|---|---|").Append(string.Concat(Enumerable.Repeat("---|", Families.Length))).Append("---|---|").Append(reportLink is null ? string.Empty : "---|").Append('\n');
        foreach (var loaded in rows)
        {
            var row = loaded.Row;
            b.Append("| ").Append(Cell(row.Project)).Append(" | ").Append(Cell(row.TargetFramework.Length == 0 ? "—" : row.TargetFramework)).Append(" |");
            var report = loaded.Report;
            if (report is null)
            {
                b.Append(string.Concat(Enumerable.Repeat(" |", Families.Length))).Append(" (report unreadable) | — |");
            }
            else
            {
                foreach (var (category, _) in Families)
                {
                    b.Append(' ').Append(NewAndBaselined(report.Count(category, baselined: false), report.Count(category, baselined: true))).Append(" |");
                }

                b.Append(' ').Append(Rules(report)).Append(" | ").Append(report.GatePassed ? "passed" : "**failed**").Append(" |");
            }

            if (reportLink is not null)
            {
                b.Append(" [readiness.md](").Append(reportLink(loaded).Replace(" ", "%20")).Append(") |");
            }

            b.Append('\n');
        }
    }

    private static string NewAndBaselined(int active, int baselined) => (active, baselined) switch
    {
        (0, 0) => "—",
        (_, 0) => Number(active) + " new",
        (0, _) => Number(baselined) + " baselined",
        _ => Number(active) + " new, " + Number(baselined) + " baselined",
    };

    /// <summary>Each rule with findings, linked to its page: <c>[RDY1001](…) 2</c> (new and baselined together).</summary>
    private static string Rules(ProjectReportData report)
    {
        var rules = report.Findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => "[" + g.Key + "](" + g.First().HelpUri + ") " + Number(g.Count()))
            .ToList();
        return rules.Count == 0 ? "—" : string.Join(", ", rules);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
