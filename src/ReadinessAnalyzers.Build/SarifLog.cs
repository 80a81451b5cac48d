using System;
using System.Collections.Generic;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>One result of the compiler's error log, in the terms the checker needs.</summary>
internal sealed class SarifResult
{
    public string RuleId { get; set; } = string.Empty;

    /// <summary>"error", "warning" or "info".</summary>
    public string Level { get; set; } = "warning";

    public string Message { get; set; } = string.Empty;

    /// <summary>Full path of the file, or null for a finding without location.</summary>
    public string? FilePath { get; set; }

    public int StartLine { get; set; }

    public int StartColumn { get; set; }

    public int EndLine { get; set; }

    public int EndColumn { get; set; }

    /// <summary>Suppressed in source, by a suppressor (e.g. the baseline) or otherwise.</summary>
    public bool IsSuppressed { get; set; }

    public string Category { get; set; } = string.Empty;

    public string? HelpUri { get; set; }

    /// <summary>The rule's title (the log's <c>shortDescription</c>), or null when the log has no rule entry.</summary>
    public string? RuleTitle { get; set; }

    /// <summary>The rule's description (the log's <c>fullDescription</c>), or null.</summary>
    public string? RuleDescription { get; set; }

    /// <summary>The rule's default level ("error", "warning" or "info"; the log's <c>defaultConfiguration.level</c>).</summary>
    public string RuleDefaultLevel { get; set; } = "warning";

    /// <summary>
    /// The diagnostic's properties (<c>Diagnostic.Properties</c>), which the compiler writes to the log under
    /// <c>properties.customProperties</c> (SARIF 2.1) or <c>customProperties</c> (SARIF 1.0). Empty when none.
    /// </summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads the readiness results (RDY rules) of a compiler error log in SARIF 2.1 (what the package's targets
/// request) or SARIF 1.0 (the compiler's default when a project sets <c>ErrorLog</c> without a version).
/// </summary>
internal static class SarifLog
{
    public static List<SarifResult> ReadReadinessResults(string text, string projectDirectory) => ReadReadinessResults(text, projectDirectory, null);

    /// <summary>
    /// The findings of the log, and into <paramref name="contract"/> (when given) its RDY9100 results: the operations
    /// contract's parts, which are data, not findings (rules/RDY9100.md), so they are never among the returned results.
    /// </summary>
    public static List<SarifResult> ReadReadinessResults(string text, string projectDirectory, List<SarifResult>? contract)
    {
        var root = JsonText.Parse(text);
        var results = new List<SarifResult>();
        var runs = root["runs"]?.AsArray;
        if (runs is null)
        {
            throw new JsonFormatException("the log has no \"runs\" array; is it a SARIF file?", root.Line, root.Column);
        }

        var isVersion1 = (root["version"]?.AsString ?? string.Empty).StartsWith("1", StringComparison.Ordinal);
        foreach (var run in runs)
        {
            var rules = ReadRules(run, isVersion1);
            var baseUris = ReadBaseUris(run);
            foreach (var result in run["results"]?.AsArray ?? new List<JsonNode>())
            {
                var ruleId = result["ruleId"]?.AsString;
                if (ruleId == RuleIdentifiers.OperationsContract)
                {
                    if (contract is not null)
                    {
                        var part = new SarifResult { RuleId = ruleId, Level = "info" };
                        ReadProperties(result, part.Properties);
                        contract.Add(part);
                    }

                    continue;
                }

                if (ruleId is null || !IsReadinessRule(ruleId))
                {
                    continue;
                }

                var level = MapLevel(result["level"]?.AsString);
                if (level is null)
                {
                    continue;
                }

                rules.TryGetValue(ruleId, out var rule);
                var item = new SarifResult
                {
                    RuleId = ruleId,
                    Level = level,
                    Message = (isVersion1 ? result["message"]?.AsString : result["message"]?["text"]?.AsString) ?? string.Empty,
                    IsSuppressed = isVersion1
                        ? result["suppressionStates"]?.AsArray is { Count: > 0 }
                        : result["suppressions"]?.AsArray is { Count: > 0 },
                    Category = rule.Category ?? string.Empty,
                    HelpUri = rule.HelpUri,
                    RuleTitle = rule.Title,
                    RuleDescription = rule.Description,
                    RuleDefaultLevel = rule.DefaultLevel ?? "warning",
                };

                ReadProperties(result, item.Properties);

                var location = result["locations"]?.AsArray is { Count: > 0 } locations ? locations[0] : null;
                var physical = isVersion1 ? location?["resultFile"] : location?["physicalLocation"];
                var uriNode = isVersion1 ? physical : physical?["artifactLocation"];
                var uri = uriNode?["uri"]?.AsString;
                if (uri is not null)
                {
                    item.FilePath = ResolvePath(uri, uriNode?["uriBaseId"]?.AsString, baseUris, projectDirectory);
                    var region = physical?["region"];
                    item.StartLine = Int(region?["startLine"], 1);
                    item.StartColumn = Int(region?["startColumn"], 1);
                    item.EndLine = Int(region?["endLine"], item.StartLine);
                    item.EndColumn = Int(region?["endColumn"], item.StartColumn);
                }

                results.Add(item);
            }
        }

        return results;
    }

    /// <summary>Only the product's analyzer rules: the RDY90xx rules are the checker's own, and RDY9100 is the operations
    /// contract's data channel (read separately), never a finding.</summary>
    public static bool IsReadinessRule(string ruleId)
        => ruleId.Length == 7 && ruleId.StartsWith("RDY", StringComparison.Ordinal) && !ruleId.StartsWith("RDY9", StringComparison.Ordinal);

    private static string? MapLevel(string? level) => level switch
    {
        "error" => "error",
        "warning" => "warning",
        "note" or "info" => "info",
        null => "warning", // SARIF's default level
        _ => null, // "none": hidden diagnostics are not findings
    };

    private static void ReadProperties(JsonNode result, Dictionary<string, string> into)
    {
        var bag = result["properties"]?["customProperties"]?.AsObject ?? result["customProperties"]?.AsObject;
        if (bag is null)
        {
            return;
        }

        foreach (var pair in bag)
        {
            if (pair.Value.AsString is { } value)
            {
                into[pair.Key] = value;
            }
        }
    }

    private static int Int(JsonNode? node, int fallback) => node?.AsNumber is { } value ? (int)value : fallback;

    private static Dictionary<string, (string? Category, string? HelpUri, string? Title, string? Description, string? DefaultLevel)> ReadRules(JsonNode run, bool isVersion1)
    {
        var rules = new Dictionary<string, (string?, string?, string?, string?, string?)>(StringComparer.Ordinal);
        if (isVersion1)
        {
            if (run["rules"]?.AsObject is { } byId)
            {
                foreach (var pair in byId)
                {
                    var rule = pair.Value;
                    rules[rule["id"]?.AsString ?? pair.Key] = (rule["properties"]?["category"]?.AsString, rule["helpUri"]?.AsString,
                        rule["shortDescription"]?.AsString, rule["fullDescription"]?.AsString, MapLevel(rule["defaultLevel"]?.AsString));
                }
            }

            return rules;
        }

        foreach (var rule in run["tool"]?["driver"]?["rules"]?.AsArray ?? new List<JsonNode>())
        {
            if (rule["id"]?.AsString is { } id)
            {
                // The compiler writes defaultConfiguration only for a level other than warning.
                rules[id] = (rule["properties"]?["category"]?.AsString, rule["helpUri"]?.AsString,
                    rule["shortDescription"]?["text"]?.AsString, rule["fullDescription"]?["text"]?.AsString, MapLevel(rule["defaultConfiguration"]?["level"]?.AsString));
            }
        }

        return rules;
    }

    private static Dictionary<string, string> ReadBaseUris(JsonNode run)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (run["originalUriBaseIds"]?.AsObject is { } bases)
        {
            foreach (var pair in bases)
            {
                if (pair.Value["uri"]?.AsString is { } uri)
                {
                    result[pair.Key] = uri;
                }
            }
        }

        return result;
    }

    private static string ResolvePath(string uri, string? baseId, Dictionary<string, string> baseUris, string projectDirectory)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile)
        {
            return absolute.LocalPath;
        }

        if (baseId is not null && baseUris.TryGetValue(baseId, out var baseUri)
            && Uri.TryCreate(baseUri, UriKind.Absolute, out var baseAbsolute)
            && Uri.TryCreate(baseAbsolute, uri, out var combined) && combined.IsFile)
        {
            return combined.LocalPath;
        }

        var relative = Uri.UnescapeDataString(uri);
        return System.IO.Path.IsPathRooted(relative) ? relative : System.IO.Path.GetFullPath(System.IO.Path.Combine(projectDirectory, relative));
    }
}
