using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Tests.Catalog;

/// <summary>
/// The build block RDY9xxx: RDY90xx are raised by the build task (no DiagnosticDescriptor) and checked against their
/// pages and the index; RDY91xx are data channels that analyzers report for the task (RDY9100, the operations
/// contract), outside rule sets and the baseline. Also the rule-set
/// level files against the catalog and the "Rule sets" section of rules/README.md.
/// </summary>
public sealed class BuildRuleAndLevelTests
{
    private static readonly string[] Levels = ["none", "minimum", "recommended", "strict"];

    private static string LevelsFolder => Path.Combine(RuleCatalog.RepositoryRoot, "src", "ReadinessAnalyzers.Package", "build", "levels");

    private static string IndexPath => Path.Combine(RuleCatalog.RulesFolder, "README.md");

    public static TheoryData<string> BuildRuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in BuildRules.All)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Fact]
    public void Every_declared_RDY90xx_identifier_is_a_build_rule_and_no_analyzer_uses_one()
    {
        var declared = RuleCatalog.DeclaredIdentifiers.Where(id => id.StartsWith("RDY90", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(declared.OrderBy(i => i), BuildRules.All.Select(r => r.Id).OrderBy(i => i));
        Assert.DoesNotContain(RuleCatalog.Descriptors, d => d.Id.StartsWith("RDY90", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_other_RDY9xxx_identifier_is_an_RDY91xx_data_channel_reported_by_analyzers_as_info_not_configurable()
    {
        var declared = RuleCatalog.DeclaredIdentifiers.Where(id => id.StartsWith("RDY9", StringComparison.Ordinal) && !id.StartsWith("RDY90", StringComparison.Ordinal)).ToList();
        Assert.Contains(RuleIdentifiers.OperationsContract, declared);
        foreach (var id in declared)
        {
            Assert.StartsWith("RDY91", id, StringComparison.Ordinal);
            var descriptor = Assert.Single(RuleCatalog.Descriptors, d => d.Id == id);
            Assert.True(RuleCatalog.IsDataChannel(descriptor));
            Assert.Equal(DiagnosticSeverity.Info, descriptor.DefaultSeverity);
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal(RuleCategories.Build, descriptor.Category);
            Assert.Contains(WellKnownDiagnosticTags.NotConfigurable, descriptor.CustomTags);
            Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, descriptor.CustomTags);
            Assert.DoesNotContain(BuildRules.All, r => r.Id == id);
        }
    }

    [Theory]
    [MemberData(nameof(BuildRuleIds))]
    public void Build_rule_is_well_formed_and_its_page_and_index_row_agree(string id)
    {
        var rule = BuildRules.All.Single(r => r.Id == id);
        Assert.Equal(RuleCategories.Build, rule.Category);
        Assert.Equal(RuleIdentifiers.GetHelpUri(id), rule.HelpLinkUri);
        Assert.Contains(rule.Severity, new[] { nameof(DiagnosticSeverity.Error), nameof(DiagnosticSeverity.Warning) });
        Assert.False(rule.Title.EndsWith('.'));
        Assert.False(string.IsNullOrWhiteSpace(rule.Description));

        var path = Path.Combine(RuleCatalog.RulesFolder, id + ".md");
        Assert.True(File.Exists(path), $"rules/{id}.md is missing.");
        var page = RulePage.Load(path);
        Assert.Equal(rule.Title, page.Title);
        Assert.Equal(rule.Category, page.Properties.GetValueOrDefault("Category"));
        Assert.Equal(rule.Severity, page.Properties.GetValueOrDefault("Default severity"));
        Assert.Equal("Yes", page.Properties.GetValueOrDefault("Enabled by default"));
        Assert.Equal("No", page.Properties.GetValueOrDefault("Code fix"));
        var headings = page.Sections.Select(s => s.Heading).ToList();
        Assert.True(
            RulePage.RequiredSections.SequenceEqual(headings.Where(h => RulePage.RequiredSections.Contains(h))),
            $"rules/{id}.md must have the sections {string.Join(" / ", RulePage.RequiredSections)} in this order; it has {string.Join(" / ", headings)}.");

        var index = File.ReadAllText(IndexPath);
        Assert.Contains($"| [{id}]({id}.md) | {rule.Title} | {rule.Category} | {rule.Severity} | Yes | No |", index, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_suppressor_covers_every_analyzer_rule()
    {
        var suppressor = new BaselineSuppressor();
        var suppressed = suppressor.SupportedSuppressions.Select(s => s.SuppressedDiagnosticId).ToHashSet();
        foreach (var descriptor in RuleCatalog.FindingDescriptors)
        {
            Assert.Contains(descriptor.Id, suppressed);
        }

        // The data channels are never findings: the baseline never suppresses them.
        Assert.DoesNotContain(RuleIdentifiers.OperationsContract, suppressed);

        Assert.All(suppressor.SupportedSuppressions, s => Assert.Equal(BaselineSuppressor.SuppressionIdFor(s.SuppressedDiagnosticId), s.Id));
    }

    [Fact]
    public void Level_files_are_global_low_level_and_name_only_known_rules_and_categories()
    {
        var categories = new[] { RuleCategories.FailureHandling, RuleCategories.Telemetry, RuleCategories.HealthChecks, RuleCategories.Configuration, RuleCategories.Build };
        foreach (var level in Levels)
        {
            var file = LevelFile.Load(Path.Combine(LevelsFolder, $"readiness.{level}.globalconfig"));
            Assert.Equal("true", file.Header.GetValueOrDefault("is_global"));
            Assert.True(int.Parse(file.Header.GetValueOrDefault("global_level") ?? "0", System.Globalization.CultureInfo.InvariantCulture) < 0, level + ": global_level must be negative so a team's config wins.");
            Assert.All(file.Rules.Keys, id => Assert.Contains(id, RuleCatalog.DeclaredIdentifiers));
            Assert.All(file.Categories.Keys, c => Assert.Contains(c, categories));
            Assert.All(file.Rules.Values.Concat(file.Categories.Values), v => Assert.Contains(v, new[] { "none", "silent", "suggestion", "warning", "error" }));
        }
    }

    [Fact]
    public void None_turns_every_rule_off_and_recommended_changes_nothing()
    {
        foreach (var descriptor in RuleCatalog.FindingDescriptors)
        {
            Assert.Equal("none", Effective(descriptor, "none"));
            Assert.Equal(Default(descriptor), Effective(descriptor, "recommended"));
        }
    }

    [Fact]
    public void Strict_makes_every_rule_at_least_a_warning_and_keeps_errors()
    {
        var missing = new List<string>();
        foreach (var descriptor in RuleCatalog.FindingDescriptors)
        {
            var expected = descriptor.IsEnabledByDefault && descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning";
            if (Effective(descriptor, "strict") != expected)
            {
                missing.Add($"dotnet_diagnostic.{descriptor.Id}.severity = {expected}");
            }
        }

        Assert.True(missing.Count == 0, "Add to src/ReadinessAnalyzers.Package/build/levels/readiness.strict.globalconfig (category entries neither enable rules that are off by default nor keep errors):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Minimum_never_raises_a_rule_above_its_default_and_keeps_errors()
    {
        foreach (var descriptor in RuleCatalog.FindingDescriptors)
        {
            var effective = Effective(descriptor, "minimum");
            Assert.True(Rank(effective) <= Math.Max(Rank(Default(descriptor)), Rank("warning")), descriptor.Id + " is raised in minimum.");
            if (descriptor.IsEnabledByDefault && descriptor.DefaultSeverity == DiagnosticSeverity.Error && effective != "none")
            {
                Assert.True(effective == "error", $"readiness.minimum.globalconfig lowers {descriptor.Id} from error to {effective}: set 'dotnet_diagnostic.{descriptor.Id}.severity = error' there.");
            }
        }
    }

    [Fact]
    public void The_rule_set_table_in_the_index_matches_the_level_files()
    {
        var expected = new StringBuilder();
        expected.Append("| Rule | Default | none | minimum | recommended | strict |\n|---|---|---|---|---|---|\n");
        foreach (var descriptor in RuleCatalog.FindingDescriptors)
        {
            expected.Append("| ").Append(descriptor.Id).Append(" | ").Append(Default(descriptor));
            foreach (var level in Levels)
            {
                expected.Append(" | ").Append(Effective(descriptor, level));
            }

            expected.Append(" |\n");
        }

        var text = File.ReadAllText(IndexPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        const string begin = "<!-- levels:begin -->\n";
        const string end = "<!-- levels:end -->";
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        var stop = text.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, "rules/README.md needs the <!-- levels:begin --> / <!-- levels:end --> markers.");
        var actual = text.Substring(start + begin.Length, stop - start - begin.Length);
        if (actual != expected.ToString() && Environment.GetEnvironmentVariable("READINESS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(IndexPath, text.Substring(0, start + begin.Length) + expected + text.Substring(stop));
            return;
        }

        Assert.True(
            actual == expected.ToString(),
            "The rule-set table in rules/README.md is out of date; run this test with READINESS_UPDATE_DOCS=1 to regenerate it. Expected:\n" + expected);
    }

    /// <summary>The compiler's precedence: a rule entry, else a category entry (only for rules enabled by
    /// default: bulk entries never enable a rule), else the descriptor's default.</summary>
    private static string Effective(DiagnosticDescriptor descriptor, string level)
    {
        var file = LevelFile.Load(Path.Combine(LevelsFolder, $"readiness.{level}.globalconfig"));
        if (file.Rules.TryGetValue(descriptor.Id, out var severity))
        {
            return severity;
        }

        if (descriptor.IsEnabledByDefault && file.Categories.TryGetValue(descriptor.Category, out var categorySeverity))
        {
            return categorySeverity;
        }

        return Default(descriptor);
    }

    private static string Default(DiagnosticDescriptor descriptor) => !descriptor.IsEnabledByDefault ? "none" : descriptor.DefaultSeverity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "suggestion",
        _ => "silent",
    };

    private static int Rank(string severity) => Array.IndexOf(new[] { "none", "silent", "suggestion", "warning", "error" }, severity);

    private sealed class LevelFile
    {
        public Dictionary<string, string> Header { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> Rules { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, string> Categories { get; } = new(StringComparer.Ordinal);

        public static LevelFile Load(string path)
        {
            Assert.True(File.Exists(path), path + " is missing.");
            var file = new LevelFile();
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
                {
                    continue;
                }

                Assert.False(line.StartsWith('['), path + ": a global config has no sections.");
                var parts = line.Split('=', 2);
                Assert.True(parts.Length == 2, path + ": not a key = value line: " + line);
                var key = parts[0].Trim();
                var value = parts[1].Trim();
                var rule = Regex.Match(key, @"^dotnet_diagnostic\.(RDY\d{4})\.severity$");
                var category = Regex.Match(key, @"^dotnet_analyzer_diagnostic\.category-(\w+)\.severity$");
                if (rule.Success)
                {
                    Assert.True(file.Rules.TryAdd(rule.Groups[1].Value, value), path + ": duplicate " + key);
                }
                else if (category.Success)
                {
                    Assert.True(file.Categories.TryAdd(category.Groups[1].Value, value), path + ": duplicate " + key);
                }
                else
                {
                    Assert.Contains(key, new[] { "is_global", "global_level" });
                    file.Header[key] = value;
                }
            }

            return file;
        }
    }
}
