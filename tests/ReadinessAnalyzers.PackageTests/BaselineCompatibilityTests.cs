using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// A baseline written by the release before the fingerprint moved into the analyzers (tests/TestData/BaselineV1,
/// never regenerated) keeps working in a real build: the suppressor in the compiler and the checker reading the
/// SARIF log both match every finding to its old entry, and regenerating the baseline writes the same file.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class BaselineCompatibilityTests(PackageFixture fixture)
{
    private static readonly string DataFolder = Path.Combine(PackageFixture.RepoRoot, "tests", "TestData", "BaselineV1");

    private static readonly Dictionary<string, string?> Local = new() { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    [Fact]
    public async Task A_baseline_written_by_the_previous_release_suppresses_the_same_findings()
    {
        var project = SampleProject.Web(fixture, "BaselineV1App", "<ReadinessLevel>strict</ReadinessLevel>");
        var input = Path.Combine(DataFolder, "Input");
        foreach (var file in Directory.EnumerateFiles(input, "*.*", SearchOption.AllDirectories))
        {
            project.With(Path.GetRelativePath(input, file), File.ReadAllText(file));
        }

        var oldBaseline = File.ReadAllText(Path.Combine(DataFolder, "Expected", "readiness.baseline.json"));
        project.With("readiness.baseline.json", oldBaseline);

        var build = await project.BuildAsync(Local, "-p:ReadinessFailOn=info");
        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain(build.Diagnostics, d => d.Id.StartsWith("RDY", StringComparison.Ordinal));

        var report = JsonDocument.Parse(File.ReadAllText(project.PathOf("obj/Debug/net10.0/readiness/readiness.json"))).RootElement;
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        var entries = JsonDocument.Parse(oldBaseline).RootElement.GetProperty("findings").GetArrayLength();
        Assert.Equal(entries, findings.Count);
        Assert.All(findings, f => Assert.Equal("baselined", f.GetProperty("state").GetString()));

        var update = await project.BuildAsync(Local, "-t:ReadinessBaseline");
        Assert.True(update.Succeeded, update.ToString());
        Assert.Contains($"{entries} finding(s) accepted (0 added, 0 removed)", update.Command.Output, StringComparison.Ordinal);
        Assert.Equal(oldBaseline, File.ReadAllText(project.PathOf("readiness.baseline.json")));
    }
}
