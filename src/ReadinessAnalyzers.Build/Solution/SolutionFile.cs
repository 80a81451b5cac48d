using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// The one mechanism for solution-wide output. MSBuild gives a package's targets no hook at the end of a solution
/// build, and the nodes of a parallel build (<c>-m</c>) are separate processes that share nothing. So every project's
/// ReadinessCheck contributes its row to each solution-wide file itself: under a machine-wide lock on the file
/// (<see cref="SharedFileLock"/>), it reads the rows the file holds, replaces its own row (key: project path and
/// target framework), drops rows whose project or report no longer exists, sorts them, and rewrites the whole output
/// from the rows and the per-project reports they point to. Whichever project finishes last leaves the complete
/// file, and the result does not depend on build order. Rewriting is idempotent: an unchanged file is not touched.
/// <para>
/// Rows persist until their project is built again (or its report is deleted): a folder reused between builds keeps
/// the last-known state of every project built into it. That is what a folder of reports shows anyway; for a view of
/// one build only, start from an empty folder (a CI job's fresh checkout does). A GitHub step summary is a new file
/// per step, so its rows are always those of the step.
/// </para>
/// Used by the combined report in ReadinessReportOutputPath (<see cref="SolutionReport"/>: readiness.json,
/// readiness.md, readiness.sarif) and the GitHub Actions step summary (<see cref="StepSummary"/>); a further
/// solution-wide output (the operations contract page) is one more <c>write</c> over the same rows.
/// </summary>
internal static class SolutionFile
{
    /// <summary>How long a project waits for another project's rewrite; generous, since a rewrite takes milliseconds.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Contributes <paramref name="row"/> to the solution-wide <paramref name="stateFile"/>: under its lock,
    /// <paramref name="readRows"/> gets the file's current text (null if none) and returns its rows;
    /// <paramref name="write"/> gets the merged rows (sorted, this row in place) and writes the outputs.
    /// False when the lock could not be had within <paramref name="timeout"/> (nothing written).
    /// </summary>
    public static bool Contribute(
        string stateFile,
        SolutionRow row,
        Func<string?, List<SolutionRow>> readRows,
        Action<List<SolutionRow>> write,
        TimeSpan timeout)
    {
        using var held = SharedFileLock.TryAcquire(stateFile, timeout);
        if (held is null)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(stateFile))!;
        var current = File.Exists(stateFile) ? File.ReadAllText(stateFile) : null;
        var rows = SolutionRow.Merge(readRows(current).Where(r => r.Key == row.Key || Exists(folder, r)), row);
        write(rows);
        return true;
    }

    /// <summary>A row's path resolved against the folder of the file that holds it.</summary>
    public static string Resolve(string folder, string path)
        => path.Length == 0 ? string.Empty : Path.GetFullPath(Path.Combine(folder, path.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary><paramref name="path"/> relative to <paramref name="folder"/> with '/' separators, or full when it is outside.</summary>
    public static string Relative(string folder, string path)
    {
        var relative = Baseline.FindingFingerprint.RelativePath(folder, path);
        return relative.StartsWith("../", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
    }

    /// <summary>A row of a deleted project, or whose report is gone (a cleaned output), is dropped.</summary>
    private static bool Exists(string folder, SolutionRow row)
        => File.Exists(row.ProjectPath) && File.Exists(Resolve(folder, row.ReportJson));
}
