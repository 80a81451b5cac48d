using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using ReadinessAnalyzers.Baseline;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// Runs after compilation: reads the readiness findings from the compiler's SARIF log, writes the report
/// (readiness.json, readiness.md), prints one summary line, applies the gate (<c>ReadinessFailOn</c>) and, when asked,
/// writes the baseline. Never throws: every failure becomes one clear build message.
/// </summary>
public sealed class ReadinessCheck : MSBuildTask
{
    /// <summary>The compiler's error log (the path only, without ",version=…").</summary>
    [Required]
    public string ErrorLog { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Where readiness.json and readiness.md are written (under obj/).</summary>
    [Required]
    public string ReportDirectory { get; set; } = string.Empty;

    public string ProjectName { get; set; } = string.Empty;

    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>The baseline file; it need not exist.</summary>
    public string BaselinePath { get; set; } = string.Empty;

    /// <summary>A folder to copy the two report files to as well (ReadinessReportOutputPath).</summary>
    public string CopyReportTo { get; set; } = string.Empty;

    /// <summary>none | error | warning | info.</summary>
    public string FailOn { get; set; } = GateLevel.Error;

    public bool ContinuousIntegration { get; set; }

    public string Level { get; set; } = string.Empty;

    /// <summary>Write the baseline from the current findings instead of gating (the ReadinessBaseline target).</summary>
    public bool UpdateBaseline { get; set; }

    [Output]
    public string MarkdownReportPath { get; private set; } = string.Empty;

    [Output]
    public string JsonReportPath { get; private set; } = string.Empty;

    public override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Log.LogError(null, RuleIdentifiers.FindingsUnavailable, null, null, ProjectPath, 0, 0, 0, 0, "The readiness check failed: " + e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        if (!GateLevel.TryParse(FailOn, out var failOn))
        {
            Log.LogError(null, RuleIdentifiers.ReadinessGateFailed, null, RuleIdentifiers.GetHelpUri(RuleIdentifiers.ReadinessGateFailed), ProjectPath, 0, 0, 0, 0,
                "ReadinessFailOn='{0}' is not valid; use none, error, warning or info", FailOn);
            return;
        }

        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath)) ?? string.Empty;
        var errorLog = Path.GetFullPath(Path.Combine(projectDirectory, ErrorLog));
        if (!File.Exists(errorLog))
        {
            Warn(BuildRules.FindingsUnavailable, ProjectPath, 0, 0, errorLog, "the file does not exist (did the compiler run?)");
            return;
        }

        System.Collections.Generic.List<SarifResult> results;
        try
        {
            results = SarifLog.ReadReadinessResults(File.ReadAllText(errorLog), projectDirectory);
        }
        catch (JsonFormatException e)
        {
            Warn(BuildRules.FindingsUnavailable, errorLog, e.Line, e.Column, errorLog, e.Message);
            return;
        }

        var baselinePath = string.IsNullOrEmpty(BaselinePath)
            ? Path.Combine(projectDirectory, BaselineDocument.DefaultFileName)
            : Path.GetFullPath(Path.Combine(projectDirectory, BaselinePath));
        var baselineFolder = Path.GetDirectoryName(baselinePath) ?? projectDirectory;
        var baseline = BaselineDocument.Empty;
        var baselineBroken = false;
        if (File.Exists(baselinePath))
        {
            var parsed = BaselineDocument.TryParse(File.ReadAllText(baselinePath), out var error);
            if (parsed is null)
            {
                baselineBroken = true;
                if (!UpdateBaseline)
                {
                    Log.LogError(null, BuildRules.MalformedBaseline.Id, null, BuildRules.MalformedBaseline.HelpLinkUri, baselinePath, error!.Line, error.Column, 0, 0,
                        BuildRules.MalformedBaseline.MessageFormat, error.Message);
                }
            }
            else
            {
                baseline = parsed;
            }
        }

        var findings = ReadinessFindings.Classify(results, baseline, baselineFolder, projectDirectory, ReadSource);
        var report = new ReadinessReport(
            new ReportContext
            {
                ProjectName = string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName,
                ProjectPath = Path.GetFullPath(ProjectPath),
                TargetFramework = TargetFramework,
                Level = Level,
                FailOn = UpdateBaseline ? GateLevel.None : failOn,
                ContinuousIntegration = ContinuousIntegration,
                ErrorLog = errorLog,
                BaselinePath = File.Exists(baselinePath) ? baselinePath : null,
            },
            findings);

        WriteReports(report);
        Log.LogMessage(MessageImportance.High, report.SummaryLine(MarkdownReportPath));

        if (UpdateBaseline)
        {
            WriteBaseline(findings, baselineBroken ? BaselineDocument.Empty : baseline, baselinePath, baselineFolder, projectDirectory);
            return;
        }

        if (!baselineBroken && !report.GatePassed)
        {
            var rule = BuildRules.GateFailed;
            Log.LogError(null, rule.Id, null, rule.HelpLinkUri, ProjectPath, 0, 0, 0, 0, rule.MessageFormat, report.GateCount, failOn, MarkdownReportPath);
        }
    }

    private void WriteReports(ReadinessReport report)
    {
        Directory.CreateDirectory(ReportDirectory);
        JsonReportPath = Path.GetFullPath(Path.Combine(ReportDirectory, "readiness.json"));
        MarkdownReportPath = Path.GetFullPath(Path.Combine(ReportDirectory, "readiness.md"));
        var json = report.ToJson();
        var markdown = report.ToMarkdown();
        WriteIfChanged(JsonReportPath, json);
        WriteIfChanged(MarkdownReportPath, markdown);

        if (!string.IsNullOrEmpty(CopyReportTo))
        {
            var folder = Path.GetFullPath(CopyReportTo);
            Directory.CreateDirectory(folder);
            WriteIfChanged(Path.Combine(folder, "readiness.json"), json);
            WriteIfChanged(Path.Combine(folder, "readiness.md"), markdown);
        }
    }

    private void WriteBaseline(System.Collections.Generic.List<Finding> findings, BaselineDocument existing, string baselinePath, string baselineFolder, string projectDirectory)
    {
        var updated = ReadinessFindings.UpdateBaseline(findings, existing, baselineFolder, projectDirectory);
        var added = updated.Findings.Count(f => !existing.Contains(f));
        var removed = existing.Findings.Count(f => !updated.Contains(f));
        Directory.CreateDirectory(baselineFolder);
        WriteIfChanged(baselinePath, updated.Serialize());
        Log.LogMessage(
            MessageImportance.High,
            string.Format(CultureInfo.InvariantCulture, "Readiness baseline: {0} finding(s) accepted ({1} added, {2} removed): {3}", updated.Findings.Count, added, removed, baselinePath));
    }

    private void Warn(BuildRule rule, string file, int line, int column, params object[] args)
        => Log.LogWarning(null, rule.Id, null, rule.HelpLinkUri, file, line, column, 0, 0, rule.MessageFormat, args);

    private static string? ReadSource(string path)
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

    /// <summary>Leaves an unchanged file alone so incremental builds and file watchers see no change.</summary>
    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), content, StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
