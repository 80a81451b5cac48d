using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The solution-wide outputs through a real parallel (<c>-m</c>) solution build of the two-project
/// <see cref="TestRepository"/> (a library on net8.0 and net10.0, a web app): a GitHub Actions job summary with one
/// readiness table, and the combined report and SARIF file in ReadinessReportOutputPath. Both tests read the same
/// scenario, run once: baseline everything, add one finding to the library, then build as GitHub Actions would.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CiSummaryTests(PackageFixture fixture)
{
    private const string EarlierStep = "## Unit tests\n\n12 passed\n";

    private const string HelpBase = "https://github.com/ReadinessAnalyzers/ReadinessAnalyzers/blob/main/rules/";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Scenario? _scenario;

    [Fact]
    public async Task GitHub_step_summary_gets_one_table_for_the_solution_and_keeps_what_other_steps_wrote()
    {
        var scenario = await ScenarioAsync();
        Assert.True(scenario.Build.Succeeded, scenario.Build.ToString());

        var summary = File.ReadAllText(scenario.Summary);
        Assert.StartsWith(EarlierStep, summary, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(summary, "<!-- readiness-analyzers:summary:start -->"));
        Assert.Equal(1, Occurrences(summary, "<!-- readiness-analyzers:summary:end -->"));
        Assert.Equal(1, Occurrences(summary, "### Readiness"));
        Assert.EndsWith("<!-- readiness-analyzers:summary:end -->\n", summary, StringComparison.Ordinal);

        // One row per project and framework, sorted; the library's new finding shows under both frameworks.
        var rows = summary.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("| Lib | net10.0 | 1 new, 1 baselined | — | — | — | [RDY1001](" + HelpBase + "RDY1001.md) 2 | passed |", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("| Lib | net8.0 | 1 new, 2 baselined | — | — | — | [RDY1001](" + HelpBase + "RDY1001.md) 3 | passed |", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("| Web | net10.0 | 1 baselined |", rows[2], StringComparison.Ordinal);
        Assert.EndsWith("| passed |", rows[2], StringComparison.Ordinal);

        // The total counts the library's finding of two frameworks once.
        Assert.Contains("\nReadiness (2 projects): 0 errors, 1 warning; baselined ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_folder_gets_a_combined_index_and_a_SARIF_file_code_scanning_accepts()
    {
        var scenario = await ScenarioAsync();
        var output = scenario.Output;

        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "readiness.json"))).RootElement;
        Assert.Equal("solution", index.GetProperty("kind").GetString());
        var projects = index.GetProperty("projects").EnumerateArray().ToList();
        Assert.Equal(
            ["Lib net10.0 Lib/net10.0/readiness.md", "Lib net8.0 Lib/net8.0/readiness.md", "Web net10.0 Web/readiness.md"],
            projects.Select(p => $"{p.GetProperty("project").GetString()} {p.GetProperty("targetFramework").GetString()} {p.GetProperty("report").GetString()}"));
        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(output, p.GetProperty("reportJson").GetString()!)), p.ToString()));
        var lib8 = projects[1];
        Assert.Equal((1, 2), (lib8.GetProperty("new").GetProperty("warnings").GetInt32(), lib8.GetProperty("baselined").GetInt32()));
        Assert.Equal(2, lib8.GetProperty("byCategory").GetProperty("ReadinessFailureHandling").GetProperty("baselined").GetInt32());
        Assert.StartsWith("Readiness (2 projects): 0 errors, 1 warning; baselined ", index.GetProperty("total").GetProperty("line").GetString(), StringComparison.Ordinal);

        var markdown = File.ReadAllText(Path.Combine(output, "readiness.md"));
        Assert.Contains("| Lib | net8.0 | 1 new, 2 baselined |", markdown, StringComparison.Ordinal);
        Assert.Contains("[readiness.md](Lib/net8.0/readiness.md) |", markdown, StringComparison.Ordinal);

        var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "readiness.sarif"))).RootElement;
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", sarif.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = Assert.Single(sarif.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ReadinessAnalyzers", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString(), StringComparison.Ordinal);
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal(HelpBase + r.GetProperty("id").GetString() + ".md", r.GetProperty("helpUri").GetString()));
        Assert.All(rules, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("fullDescription").GetProperty("text").GetString())));
        var swallowed = rules.FindIndex(r => r.GetProperty("id").GetString() == "RDY1001");
        Assert.Equal(
            ("ExceptionSwallowed", "Exception swallowed", "warning"),
            (rules[swallowed].GetProperty("name").GetString(), rules[swallowed].GetProperty("shortDescription").GetProperty("text").GetString(), rules[swallowed].GetProperty("defaultConfiguration").GetProperty("level").GetString()));
        Assert.Equal(
            new Uri(scenario.Repository.Directory + Path.DirectorySeparatorChar).AbsoluteUri,
            run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal(rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString(), r.GetProperty("ruleId").GetString()));
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("partialFingerprints").GetProperty("readinessFingerprint/v1").GetString())));

        // The new finding: one result although both frameworks report it, relative to %SRCROOT%, not suppressed.
        var added = Assert.Single(results, r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("'Forget'", StringComparison.Ordinal));
        var location = added.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(("Lib/Store.cs", "%SRCROOT%"), (location.GetProperty("artifactLocation").GetProperty("uri").GetString(), location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString()));
        var storeLines = File.ReadAllLines(scenario.Repository.PathOf("Lib/Store.cs"));
        Assert.Equal(Array.FindIndex(storeLines, l => l.Contains("catch (Exception) { }", StringComparison.Ordinal)) + 1, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.True(location.GetProperty("region").GetProperty("startColumn").GetInt32() > 1);
        Assert.Equal("warning", added.GetProperty("level").GetString());
        Assert.False(added.TryGetProperty("suppressions", out _));

        // Baselined findings are kept, suppressed externally: the library's two and the web app's.
        var baselined = results.Where(r => r.TryGetProperty("suppressions", out _)).ToList();
        Assert.Equal(results.Count - 1, baselined.Count);
        Assert.All(baselined, r => Assert.Equal("external", Assert.Single(r.GetProperty("suppressions").EnumerateArray()).GetProperty("kind").GetString()));
        Assert.Contains(baselined, r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("'Find'", StringComparison.Ordinal));
        Assert.Contains(baselined, r => r.GetProperty("message").GetProperty("text").GetString()!.Contains("'DeleteLegacyFiles'", StringComparison.Ordinal));
        Assert.Contains(baselined, r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "Web/Program.cs");
    }

    private static int Occurrences(string text, string value) => text.Split(value).Length - 1;

    private async Task<Scenario> ScenarioAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _scenario ??= await RunScenarioAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<Scenario> RunScenarioAsync()
    {
        var repo = new TestRepository(fixture, "CiSummary", InstallWay.DirectoryBuildProps);
        Directory.CreateDirectory(repo.PathOf(".git")); // the repository root, %SRCROOT% of the SARIF file

        var baseline = await repo.BuildAsync(repo.Solution, TestRepository.LocalMachine, "-t:ReadinessBaseline");
        Assert.True(baseline.Succeeded, baseline.ToString());
        repo.WriteFile("Lib/Store.cs", TestRepository.LibraryStore.Replace("#if NET8_0", TestRepository.NewFinding + "\n#if NET8_0", StringComparison.Ordinal));

        // A job summary file that an earlier step already wrote to. The gate is set to errors: a failing gate in the
        // library would stop the web app's build (it references the library), and a project that is not built has no row.
        var summary = repo.PathOf("step_summary.md");
        File.WriteAllText(summary, EarlierStep);
        var output = repo.PathOf("readiness-reports");
        var gitHubActions = new Dictionary<string, string?> { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };
        var build = await repo.BuildAsync(repo.Solution, gitHubActions, "-m", "-p:ReadinessFailOn=error", "-p:ReadinessReportOutputPath=" + output);
        return new Scenario(repo, build, summary, output);
    }

    private sealed record Scenario(TestRepository Repository, RepositoryBuild Build, string Summary, string Output);
}
