using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace ReadinessAnalyzers.Build;

/// <summary>One <c>key = value</c> line of an <c>.editorconfig</c>/<c>.globalconfig</c> file.</summary>
internal sealed class AnalyzerConfigEntry
{
    public AnalyzerConfigEntry(string writtenKey, string value, int line, string? section)
    {
        WrittenKey = writtenKey;
        Key = writtenKey.ToLowerInvariant();
        Value = value;
        Line = line;
        Section = section;
    }

    /// <summary>Lower case, as the compiler passes it to analyzers.</summary>
    public string Key { get; }

    /// <summary>As written in the file, for messages.</summary>
    public string WrittenKey { get; }

    /// <summary>Trimmed, without a trailing comment.</summary>
    public string Value { get; }

    /// <summary>1-based.</summary>
    public int Line { get; }

    /// <summary>The section header's text (<c>*.cs</c>), or null for a line before the first header (the preamble).</summary>
    public string? Section { get; }
}

/// <summary>
/// The entries of an <c>.editorconfig</c> or <c>.globalconfig</c> file, read the way the compiler reads them: a line
/// starting with <c>#</c> or <c>;</c> is a comment, and so is the rest of a line after one; <c>[…]</c> starts a
/// section; <c>key = value</c> (or <c>key: value</c>) is an entry whose key is compared case-insensitively. A file
/// is global when it says <c>is_global = true</c> before its first section or is named <c>.globalconfig</c>; only
/// there do entries before the first section apply.
/// </summary>
internal sealed class AnalyzerConfigText
{
    private static readonly Regex SectionLine = new(@"^\s*\[((?:[^#;]|\\#|\\;)+)\]\s*(?:[#;].*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex EntryLine = new(@"^\s*([\w\.\-]+)\s*[=:]\s*(.*?)\s*(?:[#;].*)?$", RegexOptions.CultureInvariant);

    private AnalyzerConfigText(IReadOnlyList<AnalyzerConfigEntry> entries, bool isGlobal)
    {
        Entries = entries;
        IsGlobal = isGlobal;
    }

    public IReadOnlyList<AnalyzerConfigEntry> Entries { get; }

    public bool IsGlobal { get; }

    public static AnalyzerConfigText Parse(string text, string path)
    {
        var entries = new List<AnalyzerConfigEntry>();
        string? section = null;
        var isGlobal = string.Equals(Path.GetFileName(path), ".globalconfig", StringComparison.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }

            var header = SectionLine.Match(line);
            if (header.Success)
            {
                section = header.Groups[1].Value;
                continue;
            }

            var entry = EntryLine.Match(line);
            if (!entry.Success)
            {
                continue;
            }

            var key = entry.Groups[1].Value;
            var value = entry.Groups[2].Value;
            if (section is null && string.Equals(key, "is_global", StringComparison.OrdinalIgnoreCase) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            {
                isGlobal = true;
            }

            entries.Add(new AnalyzerConfigEntry(key, value, i + 1, section));
        }

        return new AnalyzerConfigText(entries, isGlobal);
    }
}
