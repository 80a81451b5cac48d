using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Testing;

/// <summary>Short forms for the common analyzer test: one source with markup, optional configuration.</summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Verifies that <paramref name="source"/>'s markup is exactly what the analyzer reports.</summary>
    public static Task VerifyAsync(string source, string? editorConfig = null)
    {
        var test = Create(source);
        test.EditorConfig = editorConfig;
        return test.RunAsync();
    }

    public static AnalyzerTest Create(params string[] sources)
    {
        var test = new AnalyzerTest(new TAnalyzer());
        test.Sources.AddRange(sources);
        return test;
    }
}

/// <summary>Short forms for the common code-fix test.</summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source) => AnalyzerVerifier<TAnalyzer>.VerifyAsync(source);

    public static Task VerifyFixAsync(string source, string fixedSource, string? editorConfig = null)
    {
        var test = Create(source, fixedSource);
        test.EditorConfig = editorConfig;
        return test.RunAsync();
    }

    public static CodeFixTest Create(string source, string fixedSource)
    {
        var test = new CodeFixTest(new TCodeFix(), new TAnalyzer());
        test.Sources.Add(source);
        test.FixedSources.Add(fixedSource);
        return test;
    }
}
