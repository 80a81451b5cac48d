using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// Reads the analyzer config files the compiler gets (<c>@(EditorConfigFiles)</c>: every <c>.editorconfig</c> above
/// the sources, every <c>.globalconfig</c>, the rule-set level and the SDK's generated files) and reports each
/// ReadinessAnalyzers entry that has no effect once, at its file and line: RDY9004 for a value or key that is not
/// understood, RDY9005 for an unknown rule ID. They are warnings; only a gate at <c>warning</c> or <c>info</c>
/// (<c>ReadinessFailOn</c>) makes them errors, as it does every readiness warning. Never throws.
/// </summary>
public sealed class ReadinessOptionsCheck : MSBuildTask
{
    public ITaskItem[] AnalyzerConfigFiles { get; set; } = [];

    /// <summary>none | error | warning | info (<c>ReadinessFailOn</c>).</summary>
    public string FailOn { get; set; } = GateLevel.Error;

    public override bool Execute()
    {
        var asErrors = GateLevel.TryParse(FailOn, out var failOn) && GateLevel.Fails(GateLevel.Warning, failOn);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in AnalyzerConfigFiles)
        {
            string path;
            string text;
            try
            {
                path = Path.GetFullPath(item.ItemSpec);
                if (!seen.Add(path) || !File.Exists(path))
                {
                    continue;
                }

                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // The compiler reports an unreadable config file itself.
                continue;
            }

            foreach (var mistake in OptionMistakes.Find(path, text))
            {
                var rule = mistake.Rule;
                if (asErrors)
                {
                    Log.LogError(null, rule.Id, null, rule.HelpLinkUri, mistake.File, mistake.Line, 0, 0, 0, "{0} (an error because ReadinessFailOn={1})", mistake.Message, failOn);
                }
                else
                {
                    Log.LogWarning(null, rule.Id, null, rule.HelpLinkUri, mistake.File, mistake.Line, 0, 0, 0, "{0}", mistake.Message);
                }
            }
        }

        return !Log.HasLoggedErrors;
    }
}
