using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Tests.Catalog;

/// <summary>The catalog (descriptors, code fixes, options) and the documentation in rules/ must agree.</summary>
public sealed class RuleCatalogTests
{
    public static TheoryData<string> DescriptorIds()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Fact]
    public void The_catalog_is_not_empty_and_ids_are_unique_per_descriptor()
    {
        Assert.NotEmpty(RuleCatalog.Descriptors);
        var declaredTwice = RuleCatalog.Analyzers
            .Where(a => a is not DiagnosticSuppressor)
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Where(g => g.Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.True(declaredTwice.Count == 0, "Declare each rule's descriptor once and share it: " + string.Join(", ", declaredTwice));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_is_well_formed(string id)
    {
        var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
        Assert.Matches(@"^RDY\d{4}$", descriptor.Id);
        Assert.Contains(descriptor.Id, RuleCatalog.DeclaredIdentifiers);
        Assert.Equal(RuleIdentifiers.GetHelpUri(id), descriptor.HelpLinkUri);
        Assert.Equal(RuleCatalog.CategoryForId(id), descriptor.Category);
        var title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), "Titles do not end with a period.");
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), id + " needs a description.");
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Page_exists_and_agrees_with_the_descriptor(string id)
    {
        var descriptor = RuleCatalog.Descriptors.Single(d => d.Id == id);
        var path = Path.Combine(RuleCatalog.RulesFolder, id + ".md");
        Assert.True(File.Exists(path), $"rules/{id}.md is missing: every rule needs its page (the help link points there).");
        var page = RulePage.Load(path);
        Assert.Equal(id, page.Id);
        Assert.Equal(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Title);
        Assert.Equal(descriptor.Category, page.Properties.GetValueOrDefault("Category"));
        Assert.Equal(descriptor.DefaultSeverity.ToString(), page.Properties.GetValueOrDefault("Default severity"));
        Assert.Equal(descriptor.IsEnabledByDefault ? "Yes" : "No", page.Properties.GetValueOrDefault("Enabled by default"));
        Assert.Equal(RuleCatalog.FixableIds.Contains(id) ? "Yes" : "No", page.Properties.GetValueOrDefault("Code fix"));

        var headings = page.Sections.Select(s => s.Heading).ToList();
        Assert.True(
            RulePage.RequiredSections.SequenceEqual(headings.Where(h => RulePage.RequiredSections.Contains(h))) && RulePage.RequiredSections.All(headings.Contains),
            $"rules/{id}.md must have the sections {string.Join(" / ", RulePage.RequiredSections)} in this order; it has {string.Join(" / ", headings)}.");
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_option_of_the_rule_is_documented_on_its_page(string id)
    {
        var page = RulePage.Load(Path.Combine(RuleCatalog.RulesFolder, id + ".md"));
        var options = page.Section("Options");
        foreach (var option in RuleCatalog.Options.Where(o => o.Key.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)))
        {
            Assert.True(options.Contains(option.Key, StringComparison.OrdinalIgnoreCase), $"rules/{id}.md does not document option '{option.Key}' in its Options section.");
            Assert.True(
                options.Contains(option.Key + " = " + option.DefaultText, StringComparison.OrdinalIgnoreCase),
                $"rules/{id}.md must show the default as '{option.Key} = {option.DefaultText}'.");
        }
    }

    [Fact]
    public void Every_option_key_follows_the_naming_scheme_and_product_options_are_in_the_index()
    {
        var index = File.ReadAllText(Path.Combine(RuleCatalog.RulesFolder, "README.md"));
        foreach (var option in RuleCatalog.Options)
        {
            Assert.Matches(@"^(RDY\d{4}|readiness)\.[a-z0-9_]+$", option.Key);
            if (option.Key.StartsWith("RDY", StringComparison.Ordinal))
            {
                Assert.True(RuleCatalog.Descriptors.Any(d => option.Key.StartsWith(d.Id + ".", StringComparison.Ordinal)), $"Option '{option.Key}' belongs to no rule.");
            }
            else
            {
                Assert.True(index.Contains("`" + option.Key + "`", StringComparison.Ordinal), $"rules/README.md does not document product-wide option '{option.Key}'.");
            }
        }
    }

    [Fact]
    public void Every_declared_identifier_is_implemented_by_an_analyzer_or_the_build_task()
    {
        var implemented = RuleCatalog.Descriptors.Select(d => d.Id).Concat(BuildRules.All.Select(r => r.Id)).ToHashSet();
        var missing = RuleCatalog.DeclaredIdentifiers.Where(id => !implemented.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "RuleIdentifiers declares IDs that nothing reports: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_page_has_a_rule()
    {
        var known = RuleCatalog.Descriptors.Select(d => d.Id).Concat(RuleCatalog.DeclaredIdentifiers.Where(id => id.StartsWith("RDY9", StringComparison.Ordinal))).ToHashSet();
        foreach (var path in Directory.GetFiles(RuleCatalog.RulesFolder, "RDY*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            Assert.True(known.Contains(id), $"rules/{id}.md documents a rule that no analyzer declares.");
        }
    }

    [Fact]
    public void The_index_lists_every_rule_with_matching_columns()
    {
        var index = File.ReadAllText(Path.Combine(RuleCatalog.RulesFolder, "README.md"));
        var rows = Regex.Matches(index, @"^\| \[(RDY\d{4})\]\(\1\.md\) \| (.+?) \| (\w+) \| (\w+) \| (Yes|No) \| (Yes|No) \|$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m);
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            Assert.True(rows.TryGetValue(descriptor.Id, out var row), $"rules/README.md has no index row for {descriptor.Id}.");
            Assert.Equal(descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Groups[2].Value);
            Assert.Equal(descriptor.Category, row.Groups[3].Value);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Groups[4].Value);
            Assert.Equal(descriptor.IsEnabledByDefault ? "Yes" : "No", row.Groups[5].Value);
            Assert.Equal(RuleCatalog.FixableIds.Contains(descriptor.Id) ? "Yes" : "No", row.Groups[6].Value);
        }

        var ids = rows.Keys.ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Every_analyzer_rule_is_in_release_tracking()
    {
        var unshipped = File.ReadAllText(Path.Combine(RuleCatalog.RepositoryRoot, "src", "ReadinessAnalyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(RuleCatalog.RepositoryRoot, "src", "ReadinessAnalyzers", "AnalyzerReleases.Shipped.md"));
        foreach (var descriptor in RuleCatalog.Descriptors)
        {
            Assert.True(
                Regex.IsMatch(unshipped + shipped, "^" + descriptor.Id + @"\s*\|\s*" + descriptor.Category + @"\s*\|\s*" + descriptor.DefaultSeverity, RegexOptions.Multiline),
                descriptor.Id + " is missing or wrong in AnalyzerReleases.*.md");
        }
    }

    [Fact]
    public void Every_code_fix_fixes_a_known_rule_and_offers_fix_all()
    {
        foreach (var fix in RuleCatalog.CodeFixes)
        {
            Assert.NotNull(fix.GetFixAllProvider());
            foreach (var id in fix.FixableDiagnosticIds)
            {
                Assert.Contains(RuleCatalog.Descriptors, d => d.Id == id);
            }
        }
    }

    /// <summary>
    /// <c>dotnet_analyzer_diagnostic.category-X.severity</c> must reach our rules only. Load the SDK's own
    /// NetAnalyzers and code-style analyzers and prove that no category is shared.
    /// </summary>
    [Fact]
    public void Our_categories_are_not_used_by_the_SDK_analyzers()
    {
        var sdk = Path.Combine(ReferenceAssemblies.FindDotnetRoot(), "sdk");
        var analyzerFiles = Directory.GetDirectories(sdk)
            .SelectMany(d => new[]
            {
                Path.Combine(d, "Sdks", "Microsoft.NET.Sdk", "analyzers", "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
                Path.Combine(d, "Sdks", "Microsoft.NET.Sdk", "analyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
            })
            .Where(File.Exists)
            .ToList();
        Assert.NotEmpty(analyzerFiles);

        var sdkCategories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in analyzerFiles)
        {
            var reference = new AnalyzerFileReference(file, new AssemblyLoader());
            foreach (var analyzer in reference.GetAnalyzersForAllLanguages())
            {
                foreach (var descriptor in analyzer.SupportedDiagnostics)
                {
                    sdkCategories.Add(descriptor.Category);
                }
            }
        }

        Assert.Contains("Reliability", sdkCategories);
        var ours = RuleCatalog.Descriptors.Select(d => d.Category).Distinct().ToList();
        Assert.DoesNotContain(ours, sdkCategories.Contains);
        Assert.All(ours, c => Assert.StartsWith("Readiness", c, StringComparison.Ordinal));
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
