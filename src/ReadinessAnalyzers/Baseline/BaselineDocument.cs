// Compiled into the analyzers (the suppressor reads the baseline) and the MSBuild task (it reads, validates and
// writes it): one definition of the file format.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>
/// <c>readiness.baseline.json</c>: the findings a team has accepted, by fingerprint. Format version 1:
/// <code>{ "version": 1, "findings": [ { "ruleId", "path", "member", "hash", "occurrence" } ] }</code>
/// </summary>
internal sealed class BaselineDocument
{
    public const int CurrentVersion = 1;
    public const string DefaultFileName = "readiness.baseline.json";

    private BaselineDocument(HashSet<FindingFingerprint> findings) => Findings = findings;

    public static BaselineDocument Empty { get; } = new(new HashSet<FindingFingerprint>());

    public HashSet<FindingFingerprint> Findings { get; }

    public bool Contains(FindingFingerprint fingerprint) => Findings.Contains(fingerprint);

    public static BaselineDocument Create(IEnumerable<FindingFingerprint> findings) => new(new HashSet<FindingFingerprint>(findings));

    /// <summary>Parses and validates; on error returns null and a message with its 1-based position.</summary>
    public static BaselineDocument? TryParse(string text, out BaselineError? error)
    {
        error = null;
        JsonNode root;
        try
        {
            root = JsonText.Parse(text);
        }
        catch (JsonFormatException e)
        {
            error = new BaselineError(e.Message, e.Line, e.Column);
            return null;
        }

        if (root.AsObject is null)
        {
            error = At(root, "the baseline must be a JSON object with \"version\" and \"findings\"");
            return null;
        }

        var version = root["version"];
        if (version?.AsNumber is not { } number || number != CurrentVersion)
        {
            error = At(version ?? root, "\"version\" must be " + CurrentVersion.ToString(CultureInfo.InvariantCulture) + " (this package reads baseline format version 1)");
            return null;
        }

        var findingsNode = root["findings"];
        if (findingsNode?.AsArray is not { } array)
        {
            error = At(findingsNode ?? root, "\"findings\" must be an array");
            return null;
        }

        var findings = new HashSet<FindingFingerprint>();
        foreach (var item in array)
        {
            if (item.AsObject is null)
            {
                error = At(item, "each finding must be an object with \"ruleId\", \"path\", \"member\", \"hash\" and \"occurrence\"");
                return null;
            }

            if (!TryGetString(item, "ruleId", out var ruleId, out error)
                || !TryGetString(item, "path", out var path, out error)
                || !TryGetString(item, "member", out var member, out error)
                || !TryGetString(item, "hash", out var hash, out error))
            {
                return null;
            }

            var occurrenceNode = item["occurrence"];
            if (occurrenceNode?.AsNumber is not { } occurrence || occurrence < 0 || occurrence != Math.Floor(occurrence) || occurrence > int.MaxValue)
            {
                error = At(occurrenceNode ?? item, "\"occurrence\" must be a whole number of 0 or more");
                return null;
            }

            findings.Add(new FindingFingerprint(ruleId!, path!, member!, hash!, (int)occurrence));
        }

        return new BaselineDocument(findings);
    }

    /// <summary>The file text: sorted so that regenerating produces small, reviewable diffs.</summary>
    public string Serialize()
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"version\": ").Append(CurrentVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        builder.Append("  \"description\": \"Accepted readiness findings, suppressed by fingerprint. Update with: dotnet build -t:ReadinessBaseline\",\n");
        builder.Append("  \"findings\": [");
        var first = true;
        foreach (var finding in Findings
            .OrderBy(f => f.Path, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Member, StringComparer.Ordinal)
            .ThenBy(f => f.RuleId, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.Hash, StringComparer.Ordinal)
            .ThenBy(f => f.Occurrence))
        {
            builder.Append(first ? "\n" : ",\n");
            first = false;
            builder.Append("    { \"ruleId\": ");
            JsonText.WriteString(builder, finding.RuleId);
            builder.Append(", \"path\": ");
            JsonText.WriteString(builder, finding.Path);
            builder.Append(", \"member\": ");
            JsonText.WriteString(builder, finding.Member);
            builder.Append(", \"hash\": ");
            JsonText.WriteString(builder, finding.Hash);
            builder.Append(", \"occurrence\": ").Append(finding.Occurrence.ToString(CultureInfo.InvariantCulture)).Append(" }");
        }

        builder.Append(first ? "]\n}\n" : "\n  ]\n}\n");
        return builder.ToString();
    }

    private static bool TryGetString(JsonNode item, string name, out string? value, out BaselineError? error)
    {
        var node = item[name];
        value = node?.AsString;
        if (value is null)
        {
            error = At(node ?? item, "\"" + name + "\" must be a string");
            return false;
        }

        error = null;
        return true;
    }

    private static BaselineError At(JsonNode node, string message) => new(message, node.Line, node.Column);
}

/// <summary>What is wrong with a baseline file and where (1-based).</summary>
internal sealed class BaselineError
{
    public BaselineError(string message, int line, int column)
    {
        Message = message;
        Line = line;
        Column = column;
    }

    public string Message { get; }

    public int Line { get; }

    public int Column { get; }
}
