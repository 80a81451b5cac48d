using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// The keys the project's <c>appsettings*.json</c> files provide, flattened as Microsoft.Extensions.Configuration
/// flattens them (<c>A:B</c>, arrays <c>A:0</c>, case-insensitive). A key with an empty or placeholder value, and an
/// empty object or array, is provided: it declares that the value comes from somewhere. Built once per compilation
/// from the parse <see cref="SettingsFileAnalyzer"/> shares.
/// </summary>
internal sealed class SettingsKeys
{
    private readonly List<(string Name, HashSet<string> Keys, HashSet<string> Sections)> _files;

    private SettingsKeys(List<(string Name, HashSet<string> Keys, HashSet<string> Sections)> files, List<string> malformed)
    {
        _files = files;
        var names = new List<string>();
        foreach (var file in files)
        {
            names.Add(file.Name);
        }

        foreach (var name in malformed)
        {
            names.Add(name + " (not valid JSON)");
        }

        names.Sort(StringComparer.OrdinalIgnoreCase);
        FileNames = names;
    }

    /// <summary>
    /// File names (not paths), sorted; empty when the project passes no settings file. A file that is not valid JSON
    /// (RDY4100 reports it) provides nothing — the host fails when it loads it — and is named with "(not valid JSON)".
    /// </summary>
    public IReadOnlyList<string> FileNames { get; }

    public static SettingsKeys Load(ImmutableArray<AdditionalText> additionalFiles, Func<SourceText, ParsedSettings> parse, CancellationToken cancellationToken)
    {
        var files = new List<(string, HashSet<string>, HashSet<string>)>();
        var malformed = new List<string>();
        foreach (var file in additionalFiles)
        {
            if (!SettingsFileAnalyzer.IsSettingsFile(file.Path) || file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            var parsed = parse(text);
            if (parsed.Error is not null)
            {
                malformed.Add(Path.GetFileName(file.Path));
                continue;
            }

            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in parsed.AllValues)
            {
                Add(value.Path, keys, sections);
            }

            foreach (var path in parsed.EmptyContainers)
            {
                Add(path, keys, sections);
            }

            files.Add((Path.GetFileName(file.Path), keys, sections));
        }

        return new SettingsKeys(files, malformed);
    }

    /// <summary>The files that provide <paramref name="key"/>: the key itself, or for a section any key below it.</summary>
    public List<string> ProvidedBy(string key, bool isSection)
    {
        var result = new List<string>();
        foreach (var (name, keys, sections) in _files)
        {
            if (keys.Contains(key) || (isSection && sections.Contains(key)))
            {
                result.Add(name);
            }
        }

        result.Sort(StringComparer.OrdinalIgnoreCase);
        return result;
    }

    private static void Add(string path, HashSet<string> keys, HashSet<string> sections)
    {
        keys.Add(path);
        for (var colon = path.IndexOf(':'); colon > 0; colon = path.IndexOf(':', colon + 1))
        {
            sections.Add(path.Substring(0, colon));
        }
    }
}

/// <summary>
/// Keys declared to come from outside the settings files: entries of <c>RDY4006.provided_keys</c>, or what an
/// orchestrator provides. An entry <c>A</c> declares <c>A</c> and every key below it; <c>A*</c> declares every key
/// starting with <c>A</c>; for a section read, declaring any key below the section declares the section.
/// </summary>
internal static class KeyPatterns
{
    public static bool Declares(ImmutableArray<string> entries, string key, bool isSection)
    {
        foreach (var entry in entries)
        {
            if (Declares(entry, key, isSection))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Declares(string entry, string key, bool isSection)
    {
        if (entry.EndsWith("*", StringComparison.Ordinal))
        {
            var prefix = entry.Substring(0, entry.Length - 1);
            return key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                || (isSection && prefix.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
        }

        return string.Equals(entry, key, StringComparison.OrdinalIgnoreCase)
            || key.StartsWith(entry + ":", StringComparison.OrdinalIgnoreCase)
            || (isSection && entry.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
    }
}
