using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers;

/// <summary>
/// The one way the analyzers create a finding (the raw <c>Diagnostic.Create</c> overloads are banned, RS0030): it adds
/// the syntax part of the finding's baseline fingerprint to the diagnostic's properties
/// (<see cref="FindingFingerprint.PropertyKey"/>), computed from the syntax tree here, where the tree is, once per
/// reported finding. The baseline suppressor reads it from the diagnostic and the build task from the compiler's
/// SARIF log; both add only the file's path relative to the baseline.
/// </summary>
internal static class ReadinessDiagnostic
{
    /// <summary>A finding in C# source, or one without location (which needs no fingerprint data).</summary>
    public static Diagnostic Create(DiagnosticDescriptor rule, Location location, params object?[]? messageArgs)
        => Create(rule, location, properties: null, messageArgs);

    /// <summary>As above, with properties of the rule's own (read by its code fix).</summary>
    public static Diagnostic Create(DiagnosticDescriptor rule, Location location, ImmutableDictionary<string, string?>? properties, params object?[]? messageArgs)
    {
        var fingerprint = location.SourceTree is not { } tree ? null
            : IsCSharpPath(tree.FilePath) ? SyntaxFingerprint.ForSource(tree, location.SourceSpan)
            : SyntaxFingerprint.ForText(tree.GetText(), location.SourceSpan); // the format reads a file not named *.cs as plain text
#pragma warning disable RS0030 // the factory itself
        return Diagnostic.Create(rule, location, WithFingerprint(properties, fingerprint), messageArgs);
#pragma warning restore RS0030
    }

    /// <summary>A finding in an additional file that is not C# (appsettings*.json), whose <paramref name="text"/> the
    /// analyzer has; <paramref name="severity"/> overrides the rule's when given.</summary>
    public static Diagnostic InFile(DiagnosticDescriptor rule, Location location, SourceText text, DiagnosticSeverity? severity, params object?[]? messageArgs)
    {
        var properties = WithFingerprint(null, SyntaxFingerprint.ForText(text, location.SourceSpan));
#pragma warning disable RS0030 // the factory itself
        return severity is { } effective
            ? Diagnostic.Create(rule, location, effective, additionalLocations: null, properties, messageArgs)
            : Diagnostic.Create(rule, location, properties, messageArgs);
#pragma warning restore RS0030
    }

    private static bool IsCSharpPath(string path) => path.Length == 0 || path.EndsWith(".cs", System.StringComparison.OrdinalIgnoreCase);

    private static ImmutableDictionary<string, string?>? WithFingerprint(ImmutableDictionary<string, string?>? properties, string? fingerprint)
        => fingerprint is null ? properties : (properties ?? ImmutableDictionary<string, string?>.Empty).SetItem(FindingFingerprint.PropertyKey, fingerprint);
}
