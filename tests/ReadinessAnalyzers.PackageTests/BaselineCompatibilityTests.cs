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
/// SARIF log both match every finding to its old entry, and regenerating the baseline keeps every old entry.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class BaselineCompatibilityTests(PackageFixture fixture)
{
    private static readonly string DataFolder = Path.Combine(PackageFixture.RepoRoot, "tests", "TestData", "BaselineV1");

    private static readonly Dictionary<string, string?> Local = new() { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    [Fact]
    public async Task A_baseline_written_by_the_previous_release_suppresses_the_same_findings()
    {
        var project = SampleProject.Web(fixture, "BaselineV1App", "<ReadinessLevel>strict</ReadinessLevel><ReadinessFailOn>none</ReadinessFailOn>");
        var input = Path.Combine(DataFolder, "Input");
        foreach (var file in Directory.EnumerateFiles(input, "*.*", SearchOption.AllDirectories))
        {
            project.With(Path.GetRelativePath(input, file), File.ReadAllText(file));
        }

        var oldBaseline = File.ReadAllText(Path.Combine(DataFolder, "Expected", "readiness.baseline.json"));
        project.With("readiness.baseline.json", oldBaseline);

        var build = await project.BuildAsync(Local);
        Assert.True(build.Succeeded, build.ToString());

        // Every finding the old baseline accepted is baselined by the checker (it saw the compiler's suppression and
        // found the fingerprint in the file); findings of rules added since are new and stay active.
        var report = JsonDocument.Parse(File.ReadAllText(project.PathOf("obj/Debug/net10.0/readiness/readiness.json"))).RootElement;
        var baselined = report.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("state").GetString() == "baselined").ToList();
        var oldEntries = Entries(oldBaseline);
        Assert.Equal(oldEntries.Count, baselined.Count);
        Assert.DoesNotContain(build.Diagnostics, d => d.Id.StartsWith("RDY", StringComparison.Ordinal) && IsOldFinding(d));

        // Regenerating the baseline keeps every old entry as it was.
        var update = await project.BuildAsync(Local, "-t:ReadinessBaseline");
        Assert.True(update.Succeeded, update.ToString());
        Assert.Contains(" added, 0 removed)", update.Command.Output, StringComparison.Ordinal);
        Assert.Subset(Entries(File.ReadAllText(project.PathOf("readiness.baseline.json"))), oldEntries);

        bool IsOldFinding(BuildDiagnostic d) => File.ReadAllLines(Path.Combine(DataFolder, "Expected", "findings.txt"))
            .Any(l => l.StartsWith(d.Id + " ", StringComparison.Ordinal) && l.Contains(":" + d.Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal)
                && d.File.Replace('\\', '/').EndsWith(l.Split(' ')[1].Split(':')[0], StringComparison.Ordinal));
    }

    private static HashSet<string> Entries(string baseline)
        => JsonDocument.Parse(baseline).RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetRawText()).ToHashSet(StringComparer.Ordinal);
}
