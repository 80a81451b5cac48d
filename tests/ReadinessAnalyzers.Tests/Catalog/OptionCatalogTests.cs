using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Tests.Catalog;

/// <summary>
/// <see cref="OptionCatalog"/> is the one list of options: the analyzers' <see cref="RuleOption"/>s are made from it,
/// the build task checks .editorconfig files against it (RDY9004/RDY9005), and the pages document exactly it.
/// </summary>
public sealed class OptionCatalogTests
{
    private static readonly Regex RuleOptionKey = new(@"(?<![\w.])(RDY\d{4})\.(?!md\b)([a-z][a-z0-9_]*)(?![\w.])", RegexOptions.CultureInvariant);

    [Fact]
    public void Every_rule_option_of_the_analyzers_is_made_from_a_catalog_entry_and_every_entry_is_used()
    {
        var used = RuleCatalog.Options.Select(o => o.Definition).ToList();
        foreach (var option in RuleCatalog.Options)
        {
            Assert.True(OptionCatalog.All.Contains(option.Definition), $"'{option.Key}' is not made from an entry of OptionCatalog.");
        }

        foreach (var entry in OptionCatalog.All)
        {
            Assert.True(used.Count(d => ReferenceEquals(d, entry)) == 1, $"OptionCatalog entry '{entry.Key}' must back exactly one RuleOption field of an analyzer.");
        }
    }

    [Fact]
    public void The_option_type_matches_the_catalog_kind_and_the_owner_is_a_rule()
    {
        foreach (var option in RuleCatalog.Options)
        {
            var expected = option.Definition.Kind switch
            {
                OptionKind.Boolean => typeof(RuleOption<bool>),
                OptionKind.Choice => typeof(RuleOption<string>),
                _ => typeof(ListOption),
            };
            Assert.Equal(expected, option.GetType());
            Assert.True(
                option.Definition.Owner == OptionCatalog.ProductPrefix || RuleCatalog.Descriptors.Any(d => d.Id == option.Definition.Owner),
                $"'{option.Key}' belongs to no rule.");
        }

        Assert.All(OptionCatalog.All.Where(o => o.Kind == OptionKind.Choice), o => Assert.Contains(o.DefaultText, o.Values));
    }

    /// <summary>
    /// The same text, read by the compiler's own .editorconfig parser, gives the analyzer the parsed value exactly when
    /// the catalog (and so the build task) accepts it, and the default otherwise.
    /// </summary>
    [Theory]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    [InlineData("False")]
    [InlineData("ture")]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("warning")]
    [InlineData("Critical")]
    [InlineData("Eror")]
    [InlineData("auto")]
    [InlineData("true # comment")]
    [InlineData("")]
    [InlineData("A.B, C.D")]
    public void The_analyzer_uses_a_value_exactly_when_the_catalog_accepts_it(string text)
    {
        var config = string.Join("\n", ["[*.cs]", .. OptionCatalog.All.Select(o => o.Key.ToUpperInvariant() + " = " + text)]);
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(AnalyzerConfig.Parse(config, "/src/.editorconfig")));
        var options = new CompilerOptions(set.GetOptionsForSourcePath("/src/Program.cs").AnalyzerOptions);
        foreach (var option in RuleCatalog.Options)
        {
            options.TryGetValue(option.Key, out var received);
            var accepted = option.Definition.TryParse(received ?? string.Empty, out var parsed);
            object actual = option switch
            {
                RuleOption<bool> b => b.GetValue(options),
                RuleOption<string> s => s.GetValue(options),
                ListOption l => string.Join("|", l.GetValue(options)),
                _ => throw new InvalidOperationException(option.GetType().Name),
            };
            object expected = option switch
            {
                RuleOption<bool> b => received is not null && accepted ? parsed == "true" : b.DefaultValue,
                RuleOption<string> s => received is not null && accepted ? parsed : s.DefaultValue,
                ListOption l => string.Join("|", received is null ? l.DefaultValue : RuleOptions.SplitList(parsed)),
                _ => throw new InvalidOperationException(option.GetType().Name),
            };
            Assert.True(Equals(expected, actual), $"{option.Key} = '{text}' (the compiler passes '{received}'): the analyzer read '{actual}', the catalog says '{expected}'.");
        }
    }

    [Fact]
    public void Every_option_on_a_rule_page_is_in_the_catalog_and_every_rule_option_has_its_page()
    {
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(RuleCatalog.RulesFolder, "RDY*.md"))
        {
            var page = RulePage.Load(path);
            foreach (Match match in RuleOptionKey.Matches(page.Section("Options")))
            {
                var key = match.Value;
                Assert.True(OptionCatalog.Find(key) is { } option && option.Key == key, $"rules/{page.Id}.md documents option '{key}', which is not in OptionCatalog (or is spelt differently).");
                documented.Add(key);
            }
        }

        foreach (var option in OptionCatalog.All.Where(o => o.Owner != OptionCatalog.ProductPrefix))
        {
            Assert.True(documented.Contains(option.Key), $"rules/{option.Owner}.md does not document '{option.Key}' in its Options section.");
            var page = RulePage.Load(Path.Combine(RuleCatalog.RulesFolder, option.Owner + ".md")).Section("Options");
            Assert.Contains(option.Key + " = " + option.DefaultText, page, StringComparison.Ordinal);
            foreach (var value in option.Kind == OptionKind.Choice ? option.Values : [])
            {
                Assert.True(page.Contains("`" + value + "`", StringComparison.Ordinal) || Regex.IsMatch(page, @"\b" + value + @"\b"), $"rules/{option.Owner}.md does not name the value '{value}' of '{option.Key}'.");
            }
        }
    }

    [Fact]
    public void The_product_wide_options_table_lists_exactly_the_catalogs_product_options_with_defaults()
    {
        var index = File.ReadAllText(Path.Combine(RuleCatalog.RulesFolder, "README.md"));
        var rows = Regex.Matches(index, @"^\| `(readiness\.[a-z_]+)` \| ([^|]+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        var product = OptionCatalog.OptionsOf(OptionCatalog.ProductPrefix);
        Assert.Equal(product.Select(o => o.Key).OrderBy(k => k, StringComparer.Ordinal), rows.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var option in product)
        {
            Assert.Equal(option.DefaultText.Length == 0 ? "(empty)" : option.DefaultText, rows[option.Key]);
        }
    }

    /// <summary>The options the compiler computed for a file, as an analyzer receives them.</summary>
    private sealed class CompilerOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
