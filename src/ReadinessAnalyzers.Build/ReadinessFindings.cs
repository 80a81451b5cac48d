using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>Whether a finding counts.</summary>
internal enum FindingState
{
    /// <summary>Reported and not suppressed: shown, counted, gated.</summary>
    Active,

    /// <summary>Suppressed by the baseline: listed in the report as accepted, not gated.</summary>
    Baselined,
}

/// <summary>A readiness finding with its fingerprint and state.</summary>
internal sealed class Finding
{
    public Finding(SarifResult result, FindingFingerprint fingerprint, FindingState state, string displayPath, string member)
    {
        Result = result;
        Fingerprint = fingerprint;
        State = state;
        DisplayPath = displayPath;
        Member = member;
    }

    public SarifResult Result { get; }

    public FindingFingerprint Fingerprint { get; }

    public FindingState State { get; }

    /// <summary>The file relative to the project folder ('/' separators), or empty.</summary>
    public string DisplayPath { get; }

    public string Member { get; }
}

/// <summary>
/// Turns the log's readiness results into findings and classifies suppressed results. A finding's fingerprint is the
/// syntax part the analyzer computed when it reported the finding (the diagnostic property
/// <see cref="FindingFingerprint.PropertyKey"/>, which the compiler writes to the log's <c>customProperties</c>) plus the
/// file's path relative to the baseline's folder: exactly what the baseline suppressor matches. A suppressed result
/// whose fingerprint is in the baseline is "baselined"; any other suppressed result (#pragma, [SuppressMessage]) was
/// silenced deliberately in code and is left out entirely.
/// </summary>
internal static class ReadinessFindings
{
    public static List<Finding> Classify(
        IEnumerable<SarifResult> results,
        BaselineDocument baseline,
        string baselineFolder,
        string projectDirectory)
    {
        var findings = new List<Finding>();
        foreach (var result in results)
        {
            var fingerprint = Fingerprint(result, baselineFolder);
            var inBaseline = baseline.Contains(fingerprint);
            if (result.IsSuppressed && !inBaseline)
            {
                continue;
            }

            var displayPath = result.FilePath is null ? string.Empty : FindingFingerprint.RelativePath(projectDirectory, result.FilePath);
            findings.Add(new Finding(result, fingerprint, result.IsSuppressed ? FindingState.Baselined : FindingState.Active, displayPath, fingerprint.Member));
        }

        return findings
            .OrderBy(f => f.DisplayPath, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Result.StartLine)
            .ThenBy(f => f.Result.StartColumn)
            .ThenBy(f => f.Result.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The result's fingerprint. A result in a file always carries the syntax part (every finding is created by
    /// ReadinessDiagnostic); should one not (a log edited by another tool), it gets a fingerprint of rule and file
    /// alone, which no baseline written by the package contains, so it is reported as active.
    /// </summary>
    public static FindingFingerprint Fingerprint(SarifResult result, string baselineFolder)
    {
        if (result.FilePath is null)
        {
            return FindingFingerprint.ForNoLocation(result.RuleId);
        }

        result.Properties.TryGetValue(FindingFingerprint.PropertyKey, out var syntaxPart);
        return FindingFingerprint.FromSyntaxPart(result.RuleId, baselineFolder, result.FilePath, syntaxPart)
            ?? new FindingFingerprint(result.RuleId, FindingFingerprint.RelativePath(baselineFolder, result.FilePath), string.Empty, string.Empty, 0);
    }

    /// <summary>
    /// The updated baseline: every current finding (active or baselined; one entry per fingerprint, so a finding
    /// reported under several target frameworks is one entry), plus entries of a shared baseline that belong to
    /// files outside this project (another project's findings). Fixed findings of this project drop out, unless
    /// <paramref name="prune"/> is false (not every framework was built): then every existing entry is kept.
    /// </summary>
    public static BaselineDocument UpdateBaseline(IEnumerable<Finding> findings, BaselineDocument existing, string baselineFolder, string projectDirectory, bool prune = true)
    {
        // A finding without the syntax part (empty hash) cannot be matched by the suppressor: never write it.
        var entries = new HashSet<FindingFingerprint>(findings.Select(f => f.Fingerprint).Where(f => f.Hash.Length > 0));
        foreach (var entry in existing.Findings)
        {
            if (!prune)
            {
                entries.Add(entry);
                continue;
            }

            if (entry.Path.Length == 0)
            {
                continue;
            }

            var fullPath = Path.GetFullPath(Path.Combine(baselineFolder, entry.Path.Replace('/', Path.DirectorySeparatorChar)));
            if (FindingFingerprint.RelativePath(projectDirectory, fullPath).StartsWith("../", StringComparison.Ordinal))
            {
                entries.Add(entry);
            }
        }

        return BaselineDocument.Create(entries);
    }
}
