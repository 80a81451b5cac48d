namespace ReadinessAnalyzers.CodeFixes;

/// <summary>Lets tests and tools find this assembly without naming a particular code fix.</summary>
internal static class CodeFixAssemblyMarker
{
}
