using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>What the solution-wide files need of one project's readiness.json (schema version 1 or 2; 1 has no contract).</summary>
internal sealed class ProjectReportData
{
    public string Project { get; private set; } = string.Empty;

    public string ProjectPath { get; private set; } = string.Empty;

    public string TargetFramework { get; private set; } = string.Empty;

    public bool GatePassed { get; private set; } = true;

    /// <summary>The baseline file the project used, or null.</summary>
    public string? BaselinePath { get; private set; }

    public List<ReportFinding> Findings { get; } = [];

    /// <summary>The project's operations contract (<c>contract</c>, schema version 2), or null.</summary>
    public OperationsContract? Contract { get; private set; }

    /// <summary>Rule metadata by ID (the report's <c>rules</c>; older reports have none, then only IDs and links are known).</summary>
    public Dictionary<string, ReportRule> Rules { get; } = new(StringComparer.Ordinal);

    public int Count(string? category, bool baselined, string? level = null) => Findings.Count(f =>
        f.Baselined == baselined
        && (category is null || f.Category == category)
        && (level is null || f.Level == level));

    /// <summary>The report at <paramref name="path"/>, or null when it does not exist or cannot be read.</summary>
    public static ProjectReportData? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonFormatException)
        {
            return null;
        }
    }

    public static ProjectReportData Parse(string text)
    {
        var root = JsonText.Parse(text);
        var data = new ProjectReportData
        {
            Project = root["project"]?.AsString ?? string.Empty,
            ProjectPath = root["projectPath"]?.AsString ?? string.Empty,
            TargetFramework = root["targetFramework"]?.AsString ?? string.Empty,
            GatePassed = root["gate"]?["passed"]?.Value is not false,
            BaselinePath = root["baseline"]?.AsString,
            Contract = OperationsContract.FromJson(root["contract"]),
        };
        foreach (var rule in root["rules"]?.AsArray ?? [])
        {
            if (rule["id"]?.AsString is { } id)
            {
                data.Rules[id] = new ReportRule(
                    id,
                    rule["title"]?.AsString ?? string.Empty,
                    rule["description"]?.AsString ?? string.Empty,
                    rule["defaultLevel"]?.AsString ?? GateLevel.Warning,
                    rule["category"]?.AsString ?? string.Empty,
                    rule["helpUri"]?.AsString ?? RuleIdentifiers.GetHelpUri(id));
            }
        }

        foreach (var f in root["findings"]?.AsArray ?? [])
        {
            var ruleId = f["ruleId"]?.AsString ?? string.Empty;
            data.Findings.Add(new ReportFinding
            {
                RuleId = ruleId,
                Level = f["level"]?.AsString ?? GateLevel.Warning,
                Category = f["category"]?.AsString ?? string.Empty,
                Baselined = f["state"]?.AsString == "baselined",
                Message = f["message"]?.AsString ?? string.Empty,
                FullPath = f["fullPath"]?.AsString,
                Line = Int(f["line"]),
                Column = Int(f["column"]),
                EndLine = Int(f["endLine"]),
                EndColumn = Int(f["endColumn"]),
                Fingerprint = f["fingerprint"]?.AsString ?? string.Empty,
                HelpUri = f["helpUri"]?.AsString ?? RuleIdentifiers.GetHelpUri(ruleId),
            });
        }

        return data;
    }

    private static int Int(JsonNode? node) => node?.AsNumber is { } value ? (int)value : 0;
}

/// <summary>A finding as the project's readiness.json lists it.</summary>
internal sealed class ReportFinding
{
    public string RuleId { get; set; } = string.Empty;

    public string Level { get; set; } = GateLevel.Warning;

    public string Category { get; set; } = string.Empty;

    public bool Baselined { get; set; }

    public string Message { get; set; } = string.Empty;

    public string? FullPath { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    public int EndLine { get; set; }

    public int EndColumn { get; set; }

    public string Fingerprint { get; set; } = string.Empty;

    public string HelpUri { get; set; } = string.Empty;
}

/// <summary>A rule's metadata as the project's readiness.json lists it (from the compiler's log).</summary>
internal sealed class ReportRule
{
    public ReportRule(string id, string title, string description, string defaultLevel, string category, string helpUri)
    {
        Id = id;
        Title = title;
        Description = description;
        DefaultLevel = defaultLevel;
        Category = category;
        HelpUri = helpUri;
    }

    public string Id { get; }

    public string Title { get; }

    public string Description { get; }

    public string DefaultLevel { get; }

    public string Category { get; }

    public string HelpUri { get; }
}
