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
public sealed partial class ReadinessCheck : MSBuildTask
{
    /// <summary>The compiler's error log (the path only, without ",version=…"); required unless <see cref="FrameworkBuilds"/> is set.</summary>
    public string ErrorLog { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Where readiness.json and readiness.md are written (under obj/).</summary>
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

    /// <summary>
    /// With <see cref="UpdateBaseline"/>: drop entries of this project's files that no framework reported (fixed
    /// findings). False when only some frameworks of a multi-targeted project were built (<c>-f</c>): an entry may
    /// belong to a framework that was not built, so it is kept.
    /// </summary>
    public bool PruneBaseline { get; set; } = true;

    /// <summary>
    /// The builds of a multi-targeted project, for one baseline over all of them (the outer build's
    /// ReadinessBaseline target): each item is an error log with metadata <c>TargetFramework</c>,
    /// <c>ReportDirectory</c>, <c>CopyReportTo</c> and <c>Level</c>. When empty, <see cref="ErrorLog"/>,
    /// <see cref="TargetFramework"/>, <see cref="ReportDirectory"/> and <see cref="CopyReportTo"/> describe the one build.
    /// A finding reported under several frameworks has one fingerprint, so it is one baseline entry.
    /// </summary>
    public ITaskItem[] FrameworkBuilds { get; set; } = [];

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

        var builds = FrameworkBuilds.Length == 0
            ? [new FrameworkBuild(ErrorLog, TargetFramework, ReportDirectory, CopyReportTo, Level)]
            : FrameworkBuilds.Select(FrameworkBuild.From).ToArray();
        var allFindings = new System.Collections.Generic.List<Finding>();
        var complete = true;
        foreach (var build in builds)
        {
            var findings = ReadFindings(build, projectDirectory, baseline, baselineFolder, out var contract);
            if (findings is null)
            {
                complete = false;
                continue;
            }

            allFindings.AddRange(findings);
            var report = new ReadinessReport(
                new ReportContext
                {
                    ProjectName = string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName,
                    ProjectPath = Path.GetFullPath(ProjectPath),
                    TargetFramework = build.TargetFramework,
                    Level = build.Level,
                    FailOn = UpdateBaseline ? GateLevel.None : failOn,
                    ContinuousIntegration = ContinuousIntegration,
                    ErrorLog = Path.GetFullPath(Path.Combine(projectDirectory, build.ErrorLog)),
                    BaselinePath = File.Exists(baselinePath) ? baselinePath : null,
                },
                findings,
                contract);

            WriteReports(report, build);
            ContributeToSolution(build, projectDirectory);

            // Projects without findings say so only at detailed verbosity: a solution's log lists the ones that matter.
            Log.LogMessage(findings.Count > 0 ? MessageImportance.High : MessageImportance.Low, report.SummaryLine(MarkdownReportPath));

            if (!UpdateBaseline && !baselineBroken && !report.GatePassed)
            {
                var rule = BuildRules.GateFailed;
                Log.LogError(null, rule.Id, null, rule.HelpLinkUri, ProjectPath, 0, 0, 0, 0, rule.MessageFormat, report.GateCount, failOn, MarkdownReportPath);
            }
        }

        if (UpdateBaseline && complete)
        {
            WriteBaseline(allFindings, baselineBroken ? BaselineDocument.Empty : baseline, baselinePath, baselineFolder, projectDirectory, builds.Length);
        }
    }

    /// <summary>The findings of one build's error log, or null (after a warning) when the log is missing or unreadable;
    /// <paramref name="contract"/> gets the operations contract the log carries (RDY9100), if any.</summary>
    private System.Collections.Generic.List<Finding>? ReadFindings(FrameworkBuild build, string projectDirectory, BaselineDocument baseline, string baselineFolder, out OperationsContract? contract)
    {
        contract = null;
        var errorLog = Path.GetFullPath(Path.Combine(projectDirectory, build.ErrorLog));
        if (!File.Exists(errorLog))
        {
            Warn(BuildRules.FindingsUnavailable, ProjectPath, 0, 0, errorLog, "the file does not exist (did the compiler run?)");
            return null;
        }

        try
        {
            var parts = new System.Collections.Generic.List<SarifResult>();
            var results = SarifLog.ReadReadinessResults(File.ReadAllText(errorLog), projectDirectory, parts);
            contract = OperationsContract.From(parts);
            return ReadinessFindings.Classify(results, baseline, baselineFolder, projectDirectory, ReadSource);
        }
        catch (JsonFormatException e)
        {
            Warn(BuildRules.FindingsUnavailable, errorLog, e.Line, e.Column, errorLog, e.Message);
            return null;
        }
    }

    private void WriteReports(ReadinessReport report, FrameworkBuild build)
    {
        Directory.CreateDirectory(build.ReportDirectory);
        JsonReportPath = Path.GetFullPath(Path.Combine(build.ReportDirectory, "readiness.json"));
        MarkdownReportPath = Path.GetFullPath(Path.Combine(build.ReportDirectory, "readiness.md"));
        var json = report.ToJson();
        var markdown = report.ToMarkdown();
        WriteIfChanged(JsonReportPath, json);
        WriteIfChanged(MarkdownReportPath, markdown);

        if (!string.IsNullOrEmpty(build.CopyReportTo))
        {
            var folder = Path.GetFullPath(build.CopyReportTo);
            Directory.CreateDirectory(folder);
            WriteIfChanged(Path.Combine(folder, "readiness.json"), json);
            WriteIfChanged(Path.Combine(folder, "readiness.md"), markdown);
        }
    }

    private void WriteBaseline(System.Collections.Generic.List<Finding> findings, BaselineDocument existing, string baselinePath, string baselineFolder, string projectDirectory, int frameworks)
    {
        Directory.CreateDirectory(baselineFolder);
        BaselineDocument updated;
        int added;
        int removed;

        // One baseline may serve several projects (ReadinessBaseline in Directory.Build.props), and a solution or
        // graph baseline under -m updates them in parallel: read, merge and write under a lock, so no project's
        // entries are lost.
        using (SharedFileLock.TryAcquire(baselinePath, TimeSpan.FromMinutes(2)))
        {
            // Not acquired (null) after the wait: another build hangs; go on rather than fail the baseline.
            if (File.Exists(baselinePath) && BaselineDocument.TryParse(File.ReadAllText(baselinePath), out _) is { } current)
            {
                existing = current;
            }

            updated = ReadinessFindings.UpdateBaseline(findings, existing, baselineFolder, projectDirectory, PruneBaseline);
            added = updated.Findings.Count(f => !existing.Contains(f));
            removed = existing.Findings.Count(f => !updated.Contains(f));
            WriteIfChanged(baselinePath, updated.Serialize());
        }

        var scope = frameworks > 1
            ? string.Format(CultureInfo.InvariantCulture, " ({0}, {1} target frameworks)", ProjectName, frameworks)
            : string.IsNullOrEmpty(ProjectName) ? string.Empty : " (" + ProjectName + ")";
        var kept = PruneBaseline ? string.Empty : "; entries not reported were kept (other target frameworks were not built)";
        Log.LogMessage(
            MessageImportance.High,
            string.Format(CultureInfo.InvariantCulture, "Readiness baseline{0}: {1} finding(s) accepted ({2} added, {3} removed){4}: {5}", scope, updated.Findings.Count, added, removed, kept, baselinePath));
    }

    /// <summary>One compilation of the project: its error log and where its report goes.</summary>
    private sealed class FrameworkBuild
    {
        public FrameworkBuild(string errorLog, string targetFramework, string reportDirectory, string copyReportTo, string level)
        {
            ErrorLog = errorLog;
            TargetFramework = targetFramework;
            ReportDirectory = reportDirectory;
            CopyReportTo = copyReportTo;
            Level = level;
        }

        public string ErrorLog { get; }

        public string TargetFramework { get; }

        public string ReportDirectory { get; }

        public string CopyReportTo { get; }

        public string Level { get; }

        public static FrameworkBuild From(ITaskItem item) => new(
            item.ItemSpec,
            item.GetMetadata("TargetFramework"),
            item.GetMetadata("ReportDirectory"),
            item.GetMetadata("CopyReportTo"),
            item.GetMetadata("Level"));
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
    internal static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && string.Equals(File.ReadAllText(path), content, StringComparison.Ordinal))
        {
            return;
        }

        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
