using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>What the project is and how the check was configured (for the report header).</summary>
internal sealed class ReportContext
{
    public string ProjectName { get; set; } = string.Empty;

    public string ProjectPath { get; set; } = string.Empty;

    public string TargetFramework { get; set; } = string.Empty;

    public string Level { get; set; } = string.Empty;

    public string FailOn { get; set; } = GateLevel.Error;

    public bool ContinuousIntegration { get; set; }

    public string ErrorLog { get; set; } = string.Empty;

    public string? BaselinePath { get; set; }
}

/// <summary>The gate thresholds of <c>ReadinessFailOn</c>.</summary>
internal static class GateLevel
{
    public const string None = "none";
    public const string Error = "error";
    public const string Warning = "warning";
    public const string Info = "info";

    public static bool TryParse(string? text, out string level)
    {
        level = (text ?? string.Empty).Trim().ToLowerInvariant();
        return level is None or Error or Warning or Info;
    }

    /// <summary>True when a finding of <paramref name="findingLevel"/> fails a gate at <paramref name="failOn"/>.</summary>
    public static bool Fails(string findingLevel, string failOn) => Rank(findingLevel) >= Rank(failOn) && failOn != None;

    private static int Rank(string level) => level switch
    {
        Error => 3,
        Warning => 2,
        Info => 1,
        _ => 4,
    };
}

/// <summary>
/// The readiness report of one project: counts per severity and category, the gate's verdict, and every finding.
/// Writes <c>readiness.json</c> (schema version <see cref="SchemaVersion"/>, documented in rules/RDY9001.md) and
/// <c>readiness.md</c>.
/// </summary>
internal sealed class ReadinessReport
{
    /// <summary>2: adds <c>contract</c>, the operations contract (rules/RDY9001.md lists the changes).</summary>
    public const int SchemaVersion = 2;

    /// <summary>Known categories in report order, with their short display names.</summary>
    private static readonly (string Category, string Name)[] KnownCategories =
    [
        (RuleCategories.FailureHandling, "failure handling"),
        (RuleCategories.Telemetry, "telemetry"),
        (RuleCategories.HealthChecks, "health checks"),
        (RuleCategories.Configuration, "configuration"),
        (RuleCategories.Build, "build"),
    ];

    public ReadinessReport(ReportContext context, IReadOnlyList<Finding> findings, OperationsContract? contract = null)
    {
        Context = context;
        Contract = contract;
        Findings = findings;
        Active = findings.Where(f => f.State == FindingState.Active).ToList();
        Baselined = findings.Count(f => f.State == FindingState.Baselined);
        Errors = Active.Count(f => f.Result.Level == GateLevel.Error);
        Warnings = Active.Count(f => f.Result.Level == GateLevel.Warning);
        Infos = Active.Count(f => f.Result.Level == GateLevel.Info);
        GateCount = Active.Count(f => GateLevel.Fails(f.Result.Level, context.FailOn));
    }

    public ReportContext Context { get; }

    /// <summary>The operations contract the analyzers reported (RDY9100), or null when the build did not collect it.</summary>
    public OperationsContract? Contract { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public List<Finding> Active { get; }

    public int Errors { get; }

    public int Warnings { get; }

    public int Infos { get; }

    public int Baselined { get; }

    /// <summary>Active findings at or above <c>ReadinessFailOn</c>.</summary>
    public int GateCount { get; }

    public bool GatePassed => GateCount == 0;

    /// <summary>Active findings per category, known categories first in a fixed order, then any others by name.</summary>
    public List<(string Category, int Count)> ByCategory()
    {
        var counts = Active.GroupBy(f => f.Result.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<(string, int)>();
        foreach (var (category, _) in KnownCategories)
        {
            if (counts.TryGetValue(category, out var count))
            {
                result.Add((category, count));
                counts.Remove(category);
            }
        }

        result.AddRange(counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        return result;
    }

    public static string DisplayName(string category)
    {
        foreach (var (known, name) in KnownCategories)
        {
            if (known == category)
            {
                return name;
            }
        }

        return category.Length == 0 ? "uncategorized" : category;
    }

    /// <summary>The one line the build prints, e.g.
    /// <c>Readiness: 2 errors, 7 warnings (failure handling 3, telemetry 6); baselined 14; report: obj/…/readiness.md</c>.</summary>
    public string SummaryLine(string reportPath)
    {
        var builder = new StringBuilder("Readiness: ");
        builder.Append(CountsText());
        var categories = ByCategory();
        if (categories.Count > 0)
        {
            builder.Append(" (")
                .Append(string.Join(", ", categories.Select(c => DisplayName(c.Category) + " " + c.Count.ToString(CultureInfo.InvariantCulture))))
                .Append(')');
        }

        if (Baselined > 0)
        {
            builder.Append("; baselined ").Append(Baselined.ToString(CultureInfo.InvariantCulture));
        }

        builder.Append("; report: ").Append(reportPath);
        return builder.ToString();
    }

    private string CountsText()
    {
        if (Active.Count == 0)
        {
            return "no findings";
        }

        var parts = new List<string>
        {
            Plural(Errors, "error", "errors"),
            Plural(Warnings, "warning", "warnings"),
        };
        if (Infos > 0)
        {
            parts.Add(Plural(Infos, "info", "infos"));
        }

        return string.Join(", ", parts);
    }

    private static string Plural(int count, string one, string many)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    public string ToJson()
    {
        var b = new StringBuilder();
        b.Append("{\n");
        Property(b, 1, "schemaVersion", SchemaVersion);
        Property(b, 1, "schema", RuleIdentifiers.GetHelpUri(RuleIdentifiers.ReadinessGateFailed) + "#readinessjson");
        Property(b, 1, "project", Context.ProjectName);
        Property(b, 1, "projectPath", Context.ProjectPath);
        Property(b, 1, "targetFramework", Context.TargetFramework);
        Property(b, 1, "readinessLevel", Context.Level);
        Property(b, 1, "errorLog", Context.ErrorLog);
        Property(b, 1, "baseline", Context.BaselinePath);
        b.Append("  \"gate\": {\n");
        Property(b, 2, "failOn", Context.FailOn);
        Property(b, 2, "continuousIntegration", Context.ContinuousIntegration);
        Property(b, 2, "failingFindings", GateCount);
        Property(b, 2, "passed", GatePassed, last: true);
        b.Append("  },\n");
        b.Append("  \"summary\": {\n");
        Property(b, 2, "errors", Errors);
        Property(b, 2, "warnings", Warnings);
        Property(b, 2, "infos", Infos);
        Property(b, 2, "baselined", Baselined);
        b.Append("    \"byCategory\": {");
        var categories = ByCategory();
        for (var i = 0; i < categories.Count; i++)
        {
            b.Append(i == 0 ? "\n" : ",\n").Append("      ");
            JsonText.WriteString(b, categories[i].Category);
            b.Append(": ").Append(categories[i].Count.ToString(CultureInfo.InvariantCulture));
        }

        b.Append(categories.Count == 0 ? "}\n" : "\n    }\n");
        b.Append("  },\n");
        b.Append("  \"findings\": [");
        for (var i = 0; i < Findings.Count; i++)
        {
            var f = Findings[i];
            b.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
            Property(b, 3, "ruleId", f.Result.RuleId);
            Property(b, 3, "level", f.Result.Level);
            Property(b, 3, "category", f.Result.Category);
            Property(b, 3, "state", f.State == FindingState.Active ? "active" : "baselined");
            Property(b, 3, "message", f.Result.Message);
            Property(b, 3, "path", f.DisplayPath);
            Property(b, 3, "fullPath", f.Result.FilePath);
            Property(b, 3, "line", f.Result.StartLine);
            Property(b, 3, "column", f.Result.StartColumn);
            Property(b, 3, "endLine", f.Result.EndLine);
            Property(b, 3, "endColumn", f.Result.EndColumn);
            Property(b, 3, "member", f.Member);
            Property(b, 3, "fingerprint", f.Fingerprint.ToString());
            Property(b, 3, "helpUri", f.Result.HelpUri ?? RuleIdentifiers.GetHelpUri(f.Result.RuleId), last: true);
            b.Append("    }");
        }

        b.Append(Findings.Count == 0 ? "],\n" : "\n  ],\n");

        // The metadata of the rules above, for tools that need more than an ID (the solution's SARIF file).
        var rules = Findings.Select(f => f.Result).GroupBy(r => r.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        b.Append("  \"rules\": [");
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            b.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
            Property(b, 3, "id", r.RuleId);
            Property(b, 3, "title", r.RuleTitle ?? r.RuleId);
            Property(b, 3, "description", r.RuleDescription ?? string.Empty);
            Property(b, 3, "defaultLevel", r.RuleDefaultLevel);
            Property(b, 3, "category", r.Category);
            Property(b, 3, "helpUri", r.HelpUri ?? RuleIdentifiers.GetHelpUri(r.RuleId), last: true);
            b.Append("    }");
        }

        b.Append(rules.Count == 0 ? "],\n" : "\n  ],\n");
        b.Append("  \"contract\": ");
        JsonTree.Write(b, Contract?.ToTree(), 1);
        b.Append("\n}\n");
        return b.ToString();
    }

    public string ToMarkdown()
    {
        var b = new StringBuilder();
        b.Append("# Readiness report: ").Append(Escape(Context.ProjectName));
        if (Context.TargetFramework.Length > 0)
        {
            b.Append(" (").Append(Escape(Context.TargetFramework)).Append(')');
        }

        b.Append("\n\n");
        b.Append(CountsText()).Append(", ").Append(Baselined.ToString(CultureInfo.InvariantCulture)).Append(" baselined. ");
        b.Append("Gate `ReadinessFailOn=").Append(Context.FailOn).Append("`");
        b.Append(Context.ContinuousIntegration ? " (CI build)" : string.Empty).Append(": ");
        b.Append(Context.FailOn == GateLevel.None
            ? "off."
            : GatePassed ? "passed." : "**failed** (" + GateCount.ToString(CultureInfo.InvariantCulture) + " finding(s) at or above " + Context.FailOn + ").");
        b.Append(" Rule set `ReadinessLevel=").Append(Context.Level).Append("`.\n\n");

        b.Append("## Summary by category\n\n");
        b.Append("| Category | Errors | Warnings | Infos | Baselined |\n|---|---|---|---|---|\n");
        var categories = Findings.Select(f => f.Result.Category).Distinct(StringComparer.Ordinal)
            .OrderBy(c => Array.FindIndex(KnownCategories, k => k.Category == c) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(c => c, StringComparer.Ordinal);
        var any = false;
        foreach (var category in categories)
        {
            any = true;
            var inCategory = Findings.Where(f => f.Result.Category == category).ToList();
            b.Append("| ").Append(Escape(DisplayName(category)))
                .Append(" | ").Append(Count(inCategory, GateLevel.Error))
                .Append(" | ").Append(Count(inCategory, GateLevel.Warning))
                .Append(" | ").Append(Count(inCategory, GateLevel.Info))
                .Append(" | ").Append(inCategory.Count(f => f.State == FindingState.Baselined).ToString(CultureInfo.InvariantCulture))
                .Append(" |\n");
        }

        if (!any)
        {
            b.Append("| (none) | 0 | 0 | 0 | 0 |\n");
        }

        b.Append("\n## Findings\n\n");
        AppendList(b, Active, "No findings.");
        b.Append("\n## Baselined\n\n");
        b.Append("Accepted in the baseline");
        if (!string.IsNullOrEmpty(Context.BaselinePath))
        {
            b.Append(" (`").Append(Context.BaselinePath).Append("`)");
        }

        b.Append("; suppressed in the build. Fix them, then run `dotnet build -t:ReadinessBaseline` to drop them.\n\n");
        AppendList(b, Findings.Where(f => f.State == FindingState.Baselined).ToList(), "None.");
        b.Append('\n');
        ContractMarkdown.Append(b, Contract, System.IO.Path.GetDirectoryName(Context.ProjectPath) ?? string.Empty, 2);
        return b.ToString();
    }

    private static string Count(List<Finding> findings, string level)
        => findings.Count(f => f.State == FindingState.Active && f.Result.Level == level).ToString(CultureInfo.InvariantCulture);

    private static void AppendList(StringBuilder b, List<Finding> findings, string empty)
    {
        if (findings.Count == 0)
        {
            b.Append(empty).Append('\n');
            return;
        }

        foreach (var f in findings)
        {
            var where = f.DisplayPath.Length == 0 ? "(project)" : f.DisplayPath + ":" + f.Result.StartLine.ToString(CultureInfo.InvariantCulture);
            b.Append("- `").Append(where.Replace("`", "'")).Append("` ")
                .Append(f.Result.Level).Append(' ')
                .Append('[').Append(f.Result.RuleId).Append("](").Append(f.Result.HelpUri ?? RuleIdentifiers.GetHelpUri(f.Result.RuleId)).Append("): ")
                .Append(Escape(f.Result.Message)).Append('\n');
        }
    }

    /// <summary>Escapes what Markdown would otherwise interpret (generic types such as ILogger&lt;T&gt; included).</summary>
    internal static string Escape(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                b.Append('\\');
            }

            b.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return b.ToString();
    }

    private static void Property(StringBuilder b, int indent, string name, string? value, bool last = false)
    {
        b.Append(' ', indent * 2);
        JsonText.WriteString(b, name);
        b.Append(": ");
        JsonText.WriteString(b, value);
        b.Append(last ? "\n" : ",\n");
    }

    private static void Property(StringBuilder b, int indent, string name, int value, bool last = false)
    {
        b.Append(' ', indent * 2);
        JsonText.WriteString(b, name);
        b.Append(": ").Append(value.ToString(CultureInfo.InvariantCulture)).Append(last ? "\n" : ",\n");
    }

    private static void Property(StringBuilder b, int indent, string name, bool value, bool last = false)
    {
        b.Append(' ', indent * 2);
        JsonText.WriteString(b, name);
        b.Append(": ").Append(value ? "true" : "false").Append(last ? "\n" : ",\n");
    }
}
