using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// <c>readiness.sarif</c>: the readiness findings of every project of the solution in one SARIF 2.1.0 log, as GitHub
/// code scanning accepts it (<c>github/codeql-action/upload-sarif</c>): one run whose driver lists the rules with
/// their help links; result locations relative to <c>%SRCROOT%</c> (the repository root: the nearest folder with
/// <c>.git</c> above the projects, else the solution folder), given in <c>originalUriBaseIds</c>; the baseline
/// fingerprint as a partial fingerprint, so an alert keeps its identity when lines move; and baselined findings kept,
/// marked with an external suppression, so code scanning shows them as dismissed instead of fixed. A finding reported
/// under several target frameworks is one result. Written from the projects' own readiness.json files.
/// </summary>
internal static class SolutionSarif
{
    public const string FingerprintName = "readinessFingerprint/v1";

    private const string SourceRootId = "%SRCROOT%";

    private static readonly string InformationUri = RuleIdentifiers.HelpLinkBase.Substring(0, RuleIdentifiers.HelpLinkBase.IndexOf("/blob/", StringComparison.Ordinal));

    public static string Write(IReadOnlyList<LoadedRow> rows)
    {
        var sourceRoot = CommonFolder(rows.Select(r => r.Row.SourceRoot).Where(s => s.Length > 0));
        var reports = rows.Where(r => r.Report is not null).Select(r => (r.Row, Report: r.Report!)).ToList();

        var rules = new SortedDictionary<string, ReportRule>(StringComparer.Ordinal);
        foreach (var (_, report) in reports)
        {
            foreach (var finding in report.Findings)
            {
                if (!rules.ContainsKey(finding.RuleId))
                {
                    rules[finding.RuleId] = report.Rules.TryGetValue(finding.RuleId, out var rule)
                        ? rule
                        : new ReportRule(finding.RuleId, finding.RuleId, string.Empty, GateLevel.Warning, finding.Category, finding.HelpUri);
                }
            }
        }

        var ruleIndex = rules.Keys.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var results = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, report) in reports)
        {
            foreach (var finding in report.Findings)
            {
                if (seen.Add(row.ProjectPath + "\n" + finding.Fingerprint + "\n" + finding.Baselined))
                {
                    results.Add(Result(finding, ruleIndex[finding.RuleId], row, report, sourceRoot));
                }
            }
        }

        var run = new JsonObject
        {
            { "tool", new JsonObject { { "driver", Driver(rules.Values) } } },
        };
        if (sourceRoot.Length > 0)
        {
            run.Add("originalUriBaseIds", new JsonObject { { SourceRootId, new JsonObject { { "uri", FolderUri(sourceRoot) } } } });
        }

        run.Add("results", results);
        return JsonTree.Write(new JsonObject
        {
            { "$schema", "https://json.schemastore.org/sarif-2.1.0.json" },
            { "version", "2.1.0" },
            { "runs", new List<JsonObject> { run } },
        });
    }

    private static JsonObject Driver(IEnumerable<ReportRule> rules)
    {
        var version = typeof(SolutionSarif).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+');
        version = plus < 0 ? version : version.Substring(0, plus);
        return new JsonObject
        {
            { "name", "ReadinessAnalyzers" },
            { "version", version },
            { "semanticVersion", version },
            { "informationUri", InformationUri },
            {
                "rules", rules.Select(r => new JsonObject
                {
                    { "id", r.Id },
                    { "name", PascalCase(r.Title) },
                    { "shortDescription", new JsonObject { { "text", r.Title } } },
                    { "fullDescription", new JsonObject { { "text", r.Description.Length == 0 ? r.Title : r.Description } } },
                    { "helpUri", r.HelpUri },
                    { "help", new JsonObject { { "text", "See " + r.HelpUri } } },
                    { "defaultConfiguration", new JsonObject { { "level", SarifLevel(r.DefaultLevel) } } },
                    { "properties", new JsonObject { { "category", r.Category } } },
                }).ToList()
            },
        };
    }

    private static JsonObject Result(ReportFinding finding, int ruleIndex, SolutionRow row, ProjectReportData report, string sourceRoot)
    {
        var result = new JsonObject
        {
            { "ruleId", finding.RuleId },
            { "ruleIndex", ruleIndex },
            { "level", SarifLevel(finding.Level) },
            { "message", new JsonObject { { "text", finding.Message } } },
        };

        // A finding without a location (a whole-program finding) is shown on the project file: code scanning needs one.
        var file = finding.FullPath ?? row.ProjectPath;
        var region = finding.FullPath is null
            ? new JsonObject { { "startLine", 1 }, { "startColumn", 1 } }
            : new JsonObject { { "startLine", Math.Max(1, finding.Line) }, { "startColumn", Math.Max(1, finding.Column) }, { "endLine", Math.Max(1, finding.EndLine) }, { "endColumn", Math.Max(1, finding.EndColumn) } };
        result.Add("locations", new List<JsonObject>
        {
            new() { { "physicalLocation", new JsonObject { { "artifactLocation", ArtifactLocation(file, sourceRoot) }, { "region", region } } } },
        });
        result.Add("partialFingerprints", new JsonObject { { FingerprintName, finding.Fingerprint } });
        if (finding.Baselined)
        {
            var baseline = report.BaselinePath is { Length: > 0 } path ? " (" + Relative(sourceRoot, path) + ")" : string.Empty;
            result.Add("suppressions", new List<JsonObject>
            {
                new() { { "kind", "external" }, { "justification", "Accepted in the readiness baseline" + baseline + "; run 'dotnet build -t:ReadinessBaseline' after fixing it to drop it." } },
            });
        }

        result.Add("properties", new JsonObject { { "project", row.Project }, { "category", finding.Category } });
        return result;
    }

    /// <summary>Relative to %SRCROOT% when the file is under it; a file outside it keeps its absolute file URI.</summary>
    private static JsonObject ArtifactLocation(string file, string sourceRoot)
    {
        var relative = sourceRoot.Length == 0 ? null : FindingFingerprint.RelativePath(sourceRoot, Path.GetFullPath(file));
        if (relative is null || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return new JsonObject { { "uri", new Uri(Path.GetFullPath(file)).AbsoluteUri } };
        }

        return new JsonObject { { "uri", string.Join("/", relative.Split('/').Select(Uri.EscapeDataString)) }, { "uriBaseId", SourceRootId } };
    }

    private static string Relative(string sourceRoot, string path)
    {
        var relative = sourceRoot.Length == 0 ? path : FindingFingerprint.RelativePath(sourceRoot, path);
        return relative.StartsWith("../", StringComparison.Ordinal) ? path : relative;
    }

    private static string FolderUri(string folder)
    {
        var uri = new Uri(Path.GetFullPath(folder)).AbsoluteUri;
        return uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
    }

    private static string SarifLevel(string level) => level == GateLevel.Info ? "note" : level is GateLevel.Error or GateLevel.Warning ? level : "warning";

    /// <summary>The rule's name: its title in PascalCase (<c>Exception swallowed</c> → <c>ExceptionSwallowed</c>).</summary>
    private static string PascalCase(string title)
    {
        var b = new StringBuilder();
        foreach (var word in title.Split([' ', '-', '\'', ',', '.', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            b.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }

        return b.ToString();
    }

    /// <summary>The deepest folder that contains every one of <paramref name="folders"/> (the one, when they agree).</summary>
    private static string CommonFolder(IEnumerable<string> folders)
    {
        string[]? common = null;
        foreach (var folder in folders)
        {
            var parts = Path.GetFullPath(folder).Replace('\\', '/').TrimEnd('/').Split('/');
            if (common is null)
            {
                common = parts;
                continue;
            }

            var n = 0;
            while (n < common.Length && n < parts.Length && string.Equals(common[n], parts[n], StringComparison.Ordinal))
            {
                n++;
            }

            common = common.Take(n).ToArray();
        }

        if (common is null)
        {
            return string.Empty;
        }

        var joined = string.Join("/", common);
        return joined.Length == 0 ? "/" : joined;
    }
}
