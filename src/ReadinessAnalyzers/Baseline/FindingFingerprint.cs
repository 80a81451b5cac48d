// This file is compiled into two assemblies: the analyzers (the baseline suppressor) and the MSBuild task. The part
// of a fingerprint that needs the syntax tree (member, hash, occurrence) is computed once, by the analyzers, when they
// report a finding (SyntaxFingerprint), and travels in the diagnostic's properties — to the suppressor directly and to
// the task through the compiler's SARIF log. Both sides add only the path, relative to the baseline's folder.
using System;
using System.Globalization;
using System.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>
/// The stable identity of a finding in a baseline: rule, file (relative to the baseline's folder), the containing
/// member's name, a hash of the flagged code with whitespace and comments removed, and the occurrence index of that
/// code among same-named members of the file. Line numbers are not part of it, so inserting lines above a finding
/// keeps it; changing the flagged code changes the hash and brings the finding back.
/// </summary>
internal readonly struct FindingFingerprint : IEquatable<FindingFingerprint>
{
    /// <summary>The member name of code outside any type (top-level statements).</summary>
    public const string TopLevelMember = "<top-level>";

    /// <summary>
    /// The diagnostic property that carries the syntax part of a finding's fingerprint (see
    /// <see cref="FormatSyntaxPart"/>). The compiler writes it to the SARIF log under <c>properties.customProperties</c>.
    /// </summary>
    public const string PropertyKey = "ReadinessFingerprint";

    public FindingFingerprint(string ruleId, string path, string member, string hash, int occurrence)
    {
        RuleId = ruleId;
        Path = path;
        Member = member;
        Hash = hash;
        Occurrence = occurrence;
    }

    public string RuleId { get; }

    /// <summary>Path relative to the baseline's folder with '/' separators; empty for findings without a file.</summary>
    public string Path { get; }

    public string Member { get; }

    public string Hash { get; }

    public int Occurrence { get; }

    public bool Equals(FindingFingerprint other)
        => string.Equals(RuleId, other.RuleId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Member, other.Member, StringComparison.Ordinal)
        && string.Equals(Hash, other.Hash, StringComparison.Ordinal)
        && Occurrence == other.Occurrence;

    public override bool Equals(object? obj) => obj is FindingFingerprint other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = StringComparer.OrdinalIgnoreCase.GetHashCode(RuleId ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Path ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Member ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Hash ?? string.Empty);
            return (hash * 397) ^ Occurrence;
        }
    }

    public override string ToString()
        => RuleId + "|" + Path + "|" + Member + "|" + Hash + "|" + Occurrence.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The fingerprint of a finding in <paramref name="filePath"/> from the syntax part the analyzers computed when
    /// they reported it (<see cref="PropertyKey"/> in the diagnostic's properties, see <see cref="FormatSyntaxPart"/>),
    /// or null when <paramref name="syntaxPart"/> is missing or malformed.
    /// </summary>
    public static FindingFingerprint? FromSyntaxPart(string ruleId, string baselineFolder, string filePath, string? syntaxPart)
    {
        if (!TryParseSyntaxPart(syntaxPart, out var member, out var hash, out var occurrence))
        {
            return null;
        }

        return new FindingFingerprint(ruleId, RelativePath(baselineFolder, filePath), member, hash, occurrence);
    }

    /// <summary>
    /// The value of <see cref="PropertyKey"/>: <c>occurrence|hash|member</c>. The member goes last because an operator's
    /// name may contain '|' (<c>operator |</c>); the hash is 16 hex digits and the occurrence a whole number.
    /// </summary>
    public static string FormatSyntaxPart(string member, string hash, int occurrence)
        => occurrence.ToString(CultureInfo.InvariantCulture) + "|" + hash + "|" + member;

    public static bool TryParseSyntaxPart(string? value, out string member, out string hash, out int occurrence)
    {
        member = string.Empty;
        hash = string.Empty;
        occurrence = 0;
        var first = value?.IndexOf('|') ?? -1;
        var second = first < 0 ? -1 : value!.IndexOf('|', first + 1);
        if (second < 0
            || !int.TryParse(value!.Substring(0, first), NumberStyles.None, CultureInfo.InvariantCulture, out occurrence))
        {
            return false;
        }

        hash = value.Substring(first + 1, second - first - 1);
        member = value.Substring(second + 1);
        return hash.Length > 0;
    }

    /// <summary>The fingerprint of a finding that has no source location (a compilation-wide finding).</summary>
    public static FindingFingerprint ForNoLocation(string ruleId) => new(ruleId, string.Empty, string.Empty, HashText(string.Empty), 0);

    /// <summary>
    /// <paramref name="filePath"/> relative to <paramref name="folder"/>, with '/' separators. Case is ignored when
    /// matching the common prefix (drive letters and folder names differ in case between tools on Windows).
    /// </summary>
    public static string RelativePath(string folder, string filePath)
    {
        var file = filePath.Replace('\\', '/');
        var root = folder.Replace('\\', '/').TrimEnd('/');
        if (root.Length == 0)
        {
            return file;
        }

        var fileParts = file.Split('/');
        var rootParts = root.Split('/');
        var common = 0;
        while (common < fileParts.Length - 1 && common < rootParts.Length
            && string.Equals(fileParts[common], rootParts[common], StringComparison.OrdinalIgnoreCase))
        {
            common++;
        }

        if (common == 0)
        {
            return file; // another drive: it cannot be made relative
        }

        var builder = new StringBuilder();
        for (var i = common; i < rootParts.Length; i++)
        {
            builder.Append("../");
        }

        for (var i = common; i < fileParts.Length; i++)
        {
            builder.Append(fileParts[i]);
            if (i < fileParts.Length - 1)
            {
                builder.Append('/');
            }
        }

        return builder.ToString();
    }

    /// <summary>FNV-1a (64 bit) of the UTF-16 code units, as 16 lowercase hex digits: stable across runtimes.</summary>
    public static string HashText(string text)
    {
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offsetBasis;
        foreach (var c in text)
        {
            hash ^= (byte)c;
            hash *= prime;
            hash ^= (byte)(c >> 8);
            hash *= prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
