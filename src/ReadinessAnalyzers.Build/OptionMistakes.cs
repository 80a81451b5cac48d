using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ReadinessAnalyzers.Build;

/// <summary>A ReadinessAnalyzers entry of an analyzer config file that has no effect: RDY9004 or RDY9005.</summary>
internal sealed class OptionMistake
{
    public OptionMistake(BuildRule rule, string file, int line, string key, string value, string message)
    {
        Rule = rule;
        File = file;
        Line = line;
        Key = key;
        Value = value;
        Message = message;
    }

    public BuildRule Rule { get; }

    public string File { get; }

    public int Line { get; }

    /// <summary>As written in the file.</summary>
    public string Key { get; }

    public string Value { get; }

    /// <summary>The rule's message, formatted.</summary>
    public string Message { get; }
}

/// <summary>
/// Checks the entries of <c>.editorconfig</c>/<c>.globalconfig</c> files that belong to ReadinessAnalyzers against
/// <see cref="OptionCatalog"/> and <see cref="RuleIdentifiers"/>: <c>RDYnnnn.*</c> options, <c>readiness.*</c>
/// options, <c>dotnet_diagnostic.RDYnnnn.*</c> and <c>dotnet_analyzer_diagnostic.category-Readiness*.*</c>. Every other
/// key (the SDK's, other packages', <c>build_property.*</c>) is left alone. Severity values are the compiler's to check.
/// </summary>
internal static class OptionMistakes
{
    private static readonly Regex RuleKey = new(@"^(rdy\d+)(.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex SeverityKey = new(@"^dotnet_diagnostic\.(rdy\d+)(?:\.(.*))?$", RegexOptions.CultureInvariant);
    private static readonly Regex CategoryKey = new(@"^dotnet_analyzer_diagnostic\.category-(readiness[^.]*)(?:\.(.*))?$", RegexOptions.CultureInvariant);

    private static readonly string[] Categories =
        [RuleCategories.FailureHandling, RuleCategories.Telemetry, RuleCategories.HealthChecks, RuleCategories.Configuration, RuleCategories.Build];

    /// <summary>Every rule ID of the product (the constants of <see cref="RuleIdentifiers"/>), in order.</summary>
    public static IReadOnlyList<string> KnownRuleIds { get; } = typeof(RuleIdentifiers)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(id => Regex.IsMatch(id, @"^RDY\d{4}$"))
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The mistakes in one file, each (file, key, value) once, in line order.</summary>
    public static IReadOnlyList<OptionMistake> Find(string path, string text)
    {
        var config = AnalyzerConfigText.Parse(text, path);
        var mistakes = new List<OptionMistake>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in config.Entries)
        {
            var mistake = Check(entry, path, config.IsGlobal);
            if (mistake is not null && seen.Add(entry.Key + "\n" + entry.Value))
            {
                mistakes.Add(mistake);
            }
        }

        return mistakes;
    }

    private static OptionMistake? Check(AnalyzerConfigEntry entry, string path, bool isGlobalFile)
    {
        var key = entry.Key;
        var mistake = CheckKeyAndValue(entry, path);
        if (mistake is not null)
        {
            return mistake;
        }

        var ours = key.StartsWith("rdy", StringComparison.Ordinal)
            || key.StartsWith(OptionCatalog.ProductPrefix + ".", StringComparison.Ordinal)
            || SeverityKey.IsMatch(key)
            || CategoryKey.IsMatch(key);
        if (ours && entry.Section is null && !isGlobalFile)
        {
            return NotUnderstood(entry, path, "it stands before the first section, and a non-global .editorconfig ignores entries there; put it under a section such as [*.cs], or in a .globalconfig (is_global = true)");
        }

        return null;
    }

    private static OptionMistake? CheckKeyAndValue(AnalyzerConfigEntry entry, string path)
    {
        var key = entry.Key;
        var severity = SeverityKey.Match(key);
        if (severity.Success)
        {
            var id = severity.Groups[1].Value.ToUpperInvariant();
            if (!KnownRuleIds.Contains(id))
            {
                return UnknownId(entry, path, id);
            }

            if (severity.Groups[2].Value != "severity")
            {
                return NotUnderstood(entry, path, $"the only setting of a rule under 'dotnet_diagnostic.{id}.' is 'dotnet_diagnostic.{id}.severity'; the entry has no effect");
            }

            return id.StartsWith("RDY9", StringComparison.Ordinal)
                ? NotUnderstood(entry, path, $"{id} is reported by the readiness build task, not by the compiler, so .editorconfig severities do not reach it; silence a warning with <NoWarn>{id}</NoWarn> in the project, and set the gate with the ReadinessFailOn property")
                : null;
        }

        var category = CategoryKey.Match(key);
        if (category.Success)
        {
            var written = entry.WrittenKey.Substring("dotnet_analyzer_diagnostic.category-".Length, category.Groups[1].Length);
            if (Categories.Any(c => string.Equals(c, written, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            return NotUnderstood(entry, path, $"there is no category '{written}'{DidYouMean(written, Categories)}; the categories are {string.Join(", ", Categories)}; the entry has no effect");
        }

        if (key.StartsWith(OptionCatalog.ProductPrefix + ".", StringComparison.Ordinal))
        {
            return CheckOption(entry, path, OptionCatalog.ProductPrefix);
        }

        var rule = RuleKey.Match(key);
        if (!rule.Success)
        {
            return null;
        }

        var owner = rule.Groups[1].Value.ToUpperInvariant();
        if (!rule.Groups[2].Value.StartsWith(".", StringComparison.Ordinal))
        {
            return NotUnderstood(entry, path, "rule options are written RDYnnnn.option_name (e.g. RDY1001.expected_exceptions); the entry has no effect");
        }

        return KnownRuleIds.Contains(owner) ? CheckOption(entry, path, owner) : UnknownId(entry, path, owner);
    }

    private static OptionMistake? CheckOption(AnalyzerConfigEntry entry, string path, string owner)
    {
        var option = OptionCatalog.Find(entry.Key);
        if (option is null)
        {
            var name = entry.Key.Substring(entry.Key.IndexOf('.') + 1);
            var options = OptionCatalog.OptionsOf(owner);
            var what = owner == OptionCatalog.ProductPrefix ? "there is no product-wide option" : owner + " has no option";
            var known = options.Count == 0
                ? $"; {owner} has no options (only its severity, dotnet_diagnostic.{owner}.severity, can be set)"
                : $"; {(owner == OptionCatalog.ProductPrefix ? "the product-wide options are" : "its options are")} {string.Join(", ", options.Select(o => o.Key))}";
            var suggestion = DidYouMean(name, options.Select(o => o.Name).ToArray(), owner + ".");
            return NotUnderstood(entry, path, $"{what} '{name}'{suggestion}{known}; the entry has no effect");
        }

        if (option.TryParse(entry.Value, out _) || string.Equals(entry.Value, "unset", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var defaultText = option.DefaultText.Length == 0 ? "empty" : option.DefaultText;
        return NotUnderstood(
            entry,
            path,
            $"{option.Key} accepts {option.AcceptedText}{DidYouMean(entry.Value, option.Values.ToArray())}; until the value is corrected the default applies ({option.Key} = {defaultText})");
    }

    private static OptionMistake NotUnderstood(AnalyzerConfigEntry entry, string path, string reason)
    {
        var rule = BuildRules.OptionNotUnderstood;
        return new OptionMistake(rule, path, entry.Line, entry.WrittenKey, entry.Value, Format(rule.MessageFormat, entry.WrittenKey, entry.Value, reason));
    }

    private static OptionMistake UnknownId(AnalyzerConfigEntry entry, string path, string id)
    {
        var rule = BuildRules.UnknownRuleId;
        return new OptionMistake(rule, path, entry.Line, entry.WrittenKey, entry.Value, Format(rule.MessageFormat, id, entry.WrittenKey, entry.Value, IdRanges()));
    }

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary><c>RDY1001–RDY1006, RDY2001–RDY2006, …</c>: runs of consecutive IDs.</summary>
    internal static string IdRanges()
    {
        var runs = new List<string>();
        var ids = KnownRuleIds.Select(id => int.Parse(id.Substring(3), CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < ids.Length;)
        {
            var j = i;
            while (j + 1 < ids.Length && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            runs.Add(i == j ? "RDY" + ids[i] : "RDY" + ids[i] + "–RDY" + ids[j]);
            i = j + 1;
        }

        return string.Join(", ", runs);
    }

    /// <summary><c> (did you mean 'x'?)</c> when one candidate is within a small edit distance, else empty.</summary>
    private static string DidYouMean(string written, IReadOnlyList<string> candidates, string prefix = "")
    {
        var lower = written.ToLowerInvariant();
        var best = candidates
            .Select(c => (Candidate: c, Distance: EditDistance(lower, c.ToLowerInvariant())))
            .Where(c => c.Distance > 0 && c.Distance <= Math.Max(2, c.Candidate.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Candidate is null ? string.Empty : $" (did you mean '{prefix}{best.Candidate}'?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
