using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>Custom tags shared by descriptors.</summary>
internal static class RuleTags
{
    /// <summary>For rules that decide per syntax node, within one document.</summary>
    public static readonly string[] Default = [];

    /// <summary>For whole-program rules reported from a compilation-end action.</summary>
    public static readonly string[] CompilationEnd = [WellKnownDiagnosticTags.CompilationEnd];
}
