using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

/// <summary>Builds settings-file tests: JSON markup as AdditionalFiles, no C# beyond the implicit usings.</summary>
internal static class SettingsFileTest
{
    public static AnalyzerTest Create(string id, params (string Path, string Json)[] files)
    {
        var test = new AnalyzerTest(new SettingsFileAnalyzer()) { DefaultDiagnosticId = id };
        foreach (var file in files)
        {
            test.AdditionalFiles.Add(file);
        }

        return test;
    }
}
