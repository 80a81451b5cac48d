using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// The one way to build a rule's descriptor: the help link is derived from the ID, so a rule's link, page and ID
/// cannot drift. The raw <see cref="DiagnosticDescriptor"/> constructor is banned everywhere else
/// (BannedSymbols.txt, RS0030).
/// </summary>
internal static class RuleDescriptors
{
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        bool isEnabledByDefault,
        string description,
        string[] customTags)
#pragma warning disable RS0030 // The factory itself is the one place that may call the constructor.
        => new(id, title, messageFormat, category, defaultSeverity, isEnabledByDefault, description, RuleIdentifiers.GetHelpUri(id), customTags);
#pragma warning restore RS0030
}
