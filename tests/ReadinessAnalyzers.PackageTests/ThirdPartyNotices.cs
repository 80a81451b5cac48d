using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>One component entry of THIRD-PARTY-NOTICES.md.</summary>
/// <param name="Heading">The <c>###</c> heading: the component's name and version.</param>
/// <param name="Assemblies">The file names on its <c>- Assemblies:</c> line.</param>
/// <param name="License">The value of its <c>- License:</c> line (an SPDX expression).</param>
/// <param name="Copyright">The value of its <c>- Copyright:</c> line.</param>
/// <param name="LicenseText">The content of its fenced license-text block.</param>
public sealed record ThirdPartyComponent(string Heading, IReadOnlyList<string> Assemblies, string? License, string? Copyright, string? LicenseText);

/// <summary>
/// Reads THIRD-PARTY-NOTICES.md in the format that file documents: only its <c>## Components</c> section
/// counts; every <c>### </c> heading there starts one component entry with <c>- Assemblies:</c>
/// (backticked file names, comma-separated), <c>- License:</c> and <c>- Copyright:</c> lines and a fenced
/// block holding the license text. Lines inside fenced blocks are never read as headings or fields.
/// </summary>
public static partial class ThirdPartyNotices
{
    public const string FileName = "THIRD-PARTY-NOTICES.md";

    public static IReadOnlyList<ThirdPartyComponent> Parse(string markdown)
    {
        var components = new List<ThirdPartyComponent>();
        Builder? current = null;
        var inComponents = false;
        string? openFence = null;

        using var reader = new StringReader(markdown);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var fence = FencePattern().Match(line);
            if (openFence is not null)
            {
                if (fence.Success && fence.Groups["info"].Value.Length == 0 && fence.Groups["ticks"].Value.Length >= openFence.Length)
                {
                    openFence = null;
                }
                else
                {
                    current?.LicenseText.AppendLine(line);
                }

                continue;
            }

            if (fence.Success)
            {
                openFence = fence.Groups["ticks"].Value;
                if (current is not null && inComponents)
                {
                    current.HasLicenseBlock = true;
                }

                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Complete();
                inComponents = line[3..].Trim() == "Components";
                continue;
            }

            if (!inComponents)
            {
                continue;
            }

            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                Complete();
                current = new Builder(line[4..].Trim());
            }
            else if (current is not null && Field(line, "Assemblies") is { } assemblies)
            {
                current.Assemblies.AddRange(assemblies.Split(',').Select(name => name.Trim().Trim('`').Trim()).Where(name => name.Length > 0));
            }
            else if (current is not null && Field(line, "License") is { } license)
            {
                current.License = license;
            }
            else if (current is not null && Field(line, "Copyright") is { } copyright)
            {
                current.Copyright = copyright;
            }
        }

        Complete();
        return components;

        void Complete()
        {
            if (current is not null)
            {
                var text = current.LicenseText.ToString().Trim();
                components.Add(new ThirdPartyComponent(current.Heading, current.Assemblies, current.License, current.Copyright, current.HasLicenseBlock && text.Length > 0 ? text : null));
            }

            current = null;
        }
    }

    /// <summary>
    /// The assemblies among <paramref name="packageEntries"/> (paths inside the nupkg) that are neither ours
    /// (<c>ReadinessAnalyzers*.dll</c>) nor named by a component of the notices.
    /// </summary>
    public static IReadOnlyList<string> UnlistedAssemblies(IEnumerable<string> packageEntries, IReadOnlyList<ThirdPartyComponent> components)
    {
        var listed = components.SelectMany(c => c.Assemblies).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return packageEntries
            .Where(IsAssembly)
            .Where(entry => !IsOurs(FileNameOf(entry)) && !listed.Contains(FileNameOf(entry)))
            .ToList();
    }

    /// <summary>The assembly file names the notices name that no entry of the package has.</summary>
    public static IReadOnlyList<string> ListedButNotShipped(IEnumerable<string> packageEntries, IReadOnlyList<ThirdPartyComponent> components)
    {
        var shipped = packageEntries.Where(IsAssembly).Select(FileNameOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return components.SelectMany(c => c.Assemblies).Where(name => !shipped.Contains(name)).ToList();
    }

    private static bool IsAssembly(string entry)
        => entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || entry.EndsWith(".exe", StringComparison.OrdinalIgnoreCase);

    private static bool IsOurs(string fileName)
        => fileName.StartsWith("ReadinessAnalyzers", StringComparison.Ordinal) && fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    private static string FileNameOf(string entry) => entry[(entry.LastIndexOf('/') + 1)..];

    private static string? Field(string line, string name)
    {
        var prefix = $"- {name}:";
        return line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..].Trim() : null;
    }

    /// <summary>A fence line: three or more backticks, then an optional info string (```text).</summary>
    [GeneratedRegex(@"^\s{0,3}(?<ticks>`{3,})\s*(?<info>[^`\s]*)\s*$")]
    private static partial Regex FencePattern();

    private sealed class Builder(string heading)
    {
        public string Heading { get; } = heading;

        public List<string> Assemblies { get; } = [];

        public string? License { get; set; }

        public string? Copyright { get; set; }

        public bool HasLicenseBlock { get; set; }

        public System.Text.StringBuilder LicenseText { get; } = new();
    }
}
