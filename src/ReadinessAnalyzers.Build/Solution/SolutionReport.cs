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
/// <c>readiness.md</c>, the same as a table, <c>readiness.sarif</c> (<see cref="SolutionSarif"/>) for code scanning, and
/// <c>contract.md</c>, the operations contract of every project that reported one (hosts first), on one page.
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
        if (ContractPage(loaded) is { } contracts)
        {
            ReadinessCheck.WriteIfChanged(Path.Combine(folder, ContractFileName), contracts);
        }
    }

    /// <summary>The combined operations contract page in the folder.</summary>
    public const string ContractFileName = "contract.md";

    /// <summary>
    /// One page with every project's operations contract: hosts first (by project name), then the libraries that
    /// contribute configuration or telemetry. A multi-targeted project is shown once (its first framework's build that
    /// reported a contract: the contract describes the code, which rarely differs per framework). Null when no project
    /// in the folder reported a contract.
    /// </summary>
    public static string? ContractPage(IReadOnlyList<LoadedRow> rows)
    {
        var projects = rows
            .Where(r => r.Report?.Contract is not null)
            .GroupBy(r => r.Row.ProjectPath, System.StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(r => r.Report!.Contract!.Host is null ? 1 : 0)
            .ThenBy(r => r.Row.Project, System.StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (projects.Count == 0)
        {
            return null;
        }

        var b = new StringBuilder("# Operations contract: all projects\n\n");
        b.Append("What each service serves, needs and emits, as the compiler saw it in the last build of each project into this folder ")
            .Append("(see [RDY9100](").Append(RuleIdentifiers.GetHelpUri(RuleIdentifiers.OperationsContract)).Append(")).\n\n");
        foreach (var loaded in projects)
        {
            var contract = loaded.Report!.Contract!;
            var kind = contract.Host?["kind"]?.AsString;
            b.Append("## ").Append(loaded.Row.Project).Append(kind is null ? " (library)" : " (" + kind + " host)").Append("\n\n");
            var markdown = new StringBuilder();
            ContractMarkdown.Append(markdown, contract, Path.GetDirectoryName(loaded.Row.ProjectPath) ?? string.Empty, 3);

            // The project's own section starts with its "### Operations contract" heading: the project heading says it.
            var text = markdown.ToString();
            var firstBreak = text.IndexOf("\n\n", System.StringComparison.Ordinal);
            b.Append(firstBreak >= 0 ? text.Substring(firstBreak + 2) : text).Append('\n');
        }

        return b.ToString().TrimEnd('\n') + "\n";
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
                entry.Add("contract", report.Contract?.ToTree());
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
            { "contract", rows.Any(r => r.Report?.Contract is not null) ? ContractFileName : null },
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
