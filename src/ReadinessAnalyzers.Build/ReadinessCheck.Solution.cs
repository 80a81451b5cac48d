using System;
using System.IO;
using Microsoft.Build.Framework;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// The project's part in the solution-wide outputs (<see cref="SolutionFile"/>): after writing its own report, each
/// project build adds its row to the combined report in <see cref="SolutionReportDirectory"/> and to the GitHub Actions
/// step summary in <see cref="StepSummaryPath"/>. Never fails the build: a file that cannot be written is one message.
/// </summary>
public sealed partial class ReadinessCheck
{
    /// <summary>ReadinessReportOutputPath as a full path: where the combined readiness.json/.md/.sarif are written.</summary>
    public string SolutionReportDirectory { get; set; } = string.Empty;

    /// <summary>The GitHub Actions job summary file (GITHUB_STEP_SUMMARY), set only when GITHUB_ACTIONS=true.</summary>
    public string StepSummaryPath { get; set; } = string.Empty;

    /// <summary>The solution's folder ($(SolutionDir)), the SARIF %SRCROOT% when the project is not in a git repository.</summary>
    public string SolutionDirectory { get; set; } = string.Empty;

    private void ContributeToSolution(FrameworkBuild build, string projectDirectory)
    {
        if (string.IsNullOrEmpty(StepSummaryPath) && (string.IsNullOrEmpty(SolutionReportDirectory) || string.IsNullOrEmpty(build.CopyReportTo)))
        {
            return;
        }

        var sourceRoot = SourceRoot(projectDirectory, SolutionDirectory);
        if (!string.IsNullOrEmpty(SolutionReportDirectory) && !string.IsNullOrEmpty(build.CopyReportTo))
        {
            var folder = Path.GetFullPath(SolutionReportDirectory);
            var copy = Path.GetFullPath(build.CopyReportTo);
            var row = Row(build, SolutionFile.Relative(folder, Path.Combine(copy, "readiness.json")), SolutionFile.Relative(folder, Path.Combine(copy, "readiness.md")), sourceRoot);
            Contribute(Path.Combine(folder, "readiness.json"), () => SolutionReport.Contribute(folder, row));
        }

        if (!string.IsNullOrEmpty(StepSummaryPath))
        {
            var row = Row(build, JsonReportPath, MarkdownReportPath, sourceRoot);
            Contribute(StepSummaryPath, () => StepSummary.Contribute(StepSummaryPath, row));
        }
    }

    private SolutionRow Row(FrameworkBuild build, string reportJson, string reportMarkdown, string sourceRoot) => new()
    {
        Project = string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName,
        ProjectPath = Path.GetFullPath(ProjectPath),
        TargetFramework = build.TargetFramework,
        ReportJson = reportJson,
        ReportMarkdown = reportMarkdown,
        SourceRoot = sourceRoot,
    };

    private void Contribute(string file, Func<bool> contribute)
    {
        try
        {
            if (!contribute())
            {
                Log.LogMessage(MessageImportance.High, "Readiness: {0} was not updated: no lock on it (another build held it for {1} minutes, or the temporary folder cannot be written).", file, SolutionFile.LockTimeout.TotalMinutes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogMessage(MessageImportance.High, "Readiness: {0} was not updated: {1}", file, e.Message);
        }
    }

    /// <summary>The repository root (nearest folder with .git, a folder or a worktree's file), else the solution folder, else the project's.</summary>
    internal static string SourceRoot(string projectDirectory, string solutionDirectory)
    {
        for (var folder = new DirectoryInfo(projectDirectory); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return !string.IsNullOrEmpty(solutionDirectory) && Directory.Exists(solutionDirectory) ? Path.GetFullPath(solutionDirectory) : projectDirectory;
    }
}
