using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ReadinessAnalyzers.Tests.Catalog;

/// <summary>A parsed <c>rules/RDYnnnn.md</c> page: title, property table and sections.</summary>
internal sealed class RulePage
{
    public static readonly string[] RequiredSections =
    [
        "Cause",
        "Why it matters in production",
        "Code that fires",
        "Code that does not fire",
        "How to fix",
        "Options",
        "When to suppress",
        "Related rules",
    ];

    private RulePage(string id, string title, Dictionary<string, string> properties, List<(string Heading, string Body)> sections, string text)
    {
        Id = id;
        Title = title;
        Properties = properties;
        Sections = sections;
        Text = text;
    }

    public string Id { get; }

    public string Title { get; }

    public Dictionary<string, string> Properties { get; }

    public List<(string Heading, string Body)> Sections { get; }

    public string Text { get; }

    public string Section(string heading) => Sections.FirstOrDefault(s => s.Heading == heading).Body ?? string.Empty;

    public static RulePage Load(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var header = Regex.Match(lines[0], @"^# (RDY\d{4}): (.+)$");
        if (!header.Success)
        {
            throw new InvalidOperationException($"{path}: the first line must be '# RDYnnnn: Title', found '{lines[0]}'.");
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)))
        {
            var row = Regex.Match(line, @"^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|$");
            if (row.Success && row.Groups[1].Value != "Property" && !row.Groups[1].Value.StartsWith("---", StringComparison.Ordinal))
            {
                properties[row.Groups[1].Value] = row.Groups[2].Value;
            }
        }

        var sections = new List<(string, string)>();
        string? heading = null;
        var body = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections.Add((heading, string.Join("\n", body)));
                }

                heading = line.Substring(3).Trim();
                body.Clear();
            }
            else if (heading is not null)
            {
                body.Add(line);
            }
        }

        if (heading is not null)
        {
            sections.Add((heading, string.Join("\n", body)));
        }

        return new RulePage(header.Groups[1].Value, header.Groups[2].Value.Trim(), properties, sections, text);
    }
}
