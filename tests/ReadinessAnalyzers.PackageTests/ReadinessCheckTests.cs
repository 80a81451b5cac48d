using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The build-time readiness checker through real <c>dotnet build</c> runs against the packed package: the report
/// files and summary line, the CI gate (by property and by CI variables, which every build here sets or clears
/// explicitly), the baseline round trip, a malformed baseline, a project's own ErrorLog, incremental builds and a
/// solution. Scenarios share projects and run their builds in sequence to keep the run short.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ReadinessCheckTests(PackageFixture fixture)
{
    /// <summary>Two RDY1001 findings: one in a class member, one in top-level statements.</summary>
    private const string TwoFindings = """
        Console.WriteLine(Store.Find("1"));
        try { File.Delete("missing.txt"); }
        catch (Exception) { }

        static class Store
        {
            public static int? Find(string id)
            {
                try { return int.Parse(id); }
                catch (Exception) { return null; }
            }
        }
        """;

    private static readonly Dictionary<string, string?> Local = new() { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    private static Dictionary<string, string?> Ci(string name, string value) => new(Local) { [name] = value };

    [Fact]
    public async Task Report_summary_and_gate_follow_the_machine_and_the_properties()
    {
        var project = SampleProject.Console(fixture, "GateApp").With("Program.cs", TwoFindings);
        var reportFolder = Path.Combine(project.Directory, "obj", "Debug", "net10.0", "readiness");

        // A developer's machine: warnings show, the gate (error) passes, the report is written.
        var local = await project.BuildAsync(Local, "-v:n");
        Assert.True(local.Succeeded, local.ToString());
        Assert.Equal(2, local.WithId("RDY1001").Count);
        Assert.Empty(local.WithId("RDY9001"));
        var summary = Assert.Single(SummaryLines(local));
        Assert.Equal($"Readiness: 0 errors, 2 warnings (failure handling 2); report: {Path.Combine(reportFolder, "readiness.md")}", summary);

        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportFolder, "readiness.json"))).RootElement;
        Assert.Equal(2, json.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("GateApp", json.GetProperty("project").GetString());
        Assert.Equal("error", json.GetProperty("gate").GetProperty("failOn").GetString());
        Assert.True(json.GetProperty("gate").GetProperty("passed").GetBoolean());
        Assert.Equal(2, json.GetProperty("summary").GetProperty("warnings").GetInt32());
        Assert.Equal(2, json.GetProperty("summary").GetProperty("byCategory").GetProperty("ReadinessFailureHandling").GetInt32());
        var findings = json.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["<top-level>", "Store.Find"], findings.Select(f => f.GetProperty("member").GetString()));
        var (line, column) = project.PositionOf("Program.cs", "catch (Exception) { return null; }");
        var store = findings[1];
        Assert.Equal(("Program.cs", line, column), (store.GetProperty("path").GetString(), store.GetProperty("line").GetInt32(), store.GetProperty("column").GetInt32()));
        Assert.Equal("RDY1001", store.GetProperty("ruleId").GetString());
        Assert.Equal("ReadinessFailureHandling", store.GetProperty("category").GetString());
        Assert.StartsWith("This catch of 'Exception' in 'Find' drops the failure", store.GetProperty("message").GetString(), StringComparison.Ordinal);

        var markdown = File.ReadAllText(Path.Combine(reportFolder, "readiness.md"));
        Assert.Contains("| failure handling | 0 | 2 | 0 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains($"- `Program.cs:{line}` warning [RDY1001](https://github.com/ReadinessAnalyzers/ReadinessAnalyzers/blob/main/rules/RDY1001.md): This catch of 'Exception' in 'Find'", markdown, StringComparison.Ordinal);

        // CI: the same findings fail the gate, once, naming the count and the report; no recompile needed.
        var ci = await project.BuildAsync(Ci("CI", "true"), "-v:n");
        Assert.False(ci.Succeeded, ci.ToString());
        Assert.True(ci.Command.Output.Contains("Skipping target \"CoreCompile\" because all output files are up-to-date", StringComparison.Ordinal), "Expected no recompile:\n" + ci);
        Assert.Contains(
            "error RDY9001: Readiness gate failed: 2 finding(s) at or above 'warning' (ReadinessFailOn=warning); see the report " + Path.Combine(reportFolder, "readiness.md"),
            ci.Command.Output,
            StringComparison.Ordinal);
        Assert.Contains("1 Error(s)", ci.Command.Output, StringComparison.Ordinal);
        Assert.Single(SummaryLines(ci));

        var azure = await project.BuildAsync(Ci("TF_BUILD", "True"));
        Assert.False(azure.Succeeded, azure.ToString());
        Assert.Contains("error RDY9001:", azure.Command.Output, StringComparison.Ordinal);

        // Properties win over the environment, both ways (the report shows the CI variable was recognised).
        var off = await project.BuildAsync(Ci("GITHUB_ACTIONS", "true"), "-p:ReadinessFailOn=none");
        Assert.True(off.Succeeded, off.ToString());
        var gate = JsonDocument.Parse(File.ReadAllText(Path.Combine(reportFolder, "readiness.json"))).RootElement.GetProperty("gate");
        Assert.Equal(("none", true, true), (gate.GetProperty("failOn").GetString(), gate.GetProperty("continuousIntegration").GetBoolean(), gate.GetProperty("passed").GetBoolean()));
        var strictLocal = await project.BuildAsync(Local, "-p:ReadinessFailOn=warning", "-p:ReadinessReportOutputPath=../reports");
        Assert.False(strictLocal.Succeeded, strictLocal.ToString());
        Assert.True(File.Exists(Path.Combine(fixture.Projects, "reports", "GateApp", "readiness.json")), strictLocal.ToString());
        Assert.True(File.Exists(Path.Combine(fixture.Projects, "reports", "GateApp", "readiness.md")), strictLocal.ToString());
        var property = await project.BuildAsync(Local, "-p:ContinuousIntegrationBuild=true");
        Assert.False(property.Succeeded, property.ToString());

        // Switched off: no report line, no gate, even in CI.
        var disabled = await project.BuildAsync(Ci("CI", "true"), "-p:ReadinessCheck=false");
        Assert.True(disabled.Succeeded, disabled.ToString());
        Assert.Empty(SummaryLines(disabled));
    }

    [Fact]
    public async Task Baseline_accepts_existing_findings_survives_line_shifts_and_catches_new_and_edited_code()
    {
        var project = SampleProject.Console(fixture, "LegacyApp").With("Program.cs", TwoFindings);
        var baselinePath = project.PathOf("readiness.baseline.json");

        // Writing the baseline never gates, even in CI.
        var write = await project.BuildAsync(Ci("CI", "true"), "-t:ReadinessBaseline");
        Assert.True(write.Succeeded, write.ToString());
        Assert.Contains("Readiness baseline (LegacyApp): 2 finding(s) accepted (2 added, 0 removed)", write.Command.Output, StringComparison.Ordinal);
        var baseline = JsonDocument.Parse(File.ReadAllText(baselinePath)).RootElement;
        Assert.Equal(["<top-level>", "Store.Find"], baseline.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("member").GetString()).Order(StringComparer.Ordinal));

        // Baselined findings leave the compiler's output and the gate, and count as baselined.
        var accepted = await project.BuildAsync(Ci("CI", "true"));
        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.Empty(accepted.WithId("RDY1001"));
        Assert.StartsWith("Readiness: no findings; baselined 2; report:", Assert.Single(SummaryLines(accepted)), StringComparison.Ordinal);

        // Lines inserted above (and a new method) keep them suppressed.
        project.With("Program.cs", "// A comment on top.\nusing System.Text;\n\n" + TwoFindings.Replace(
            "static class Store\n{\n",
            "static class Store\n{\n    public static string Name() => new StringBuilder(\"store\").ToString();\n\n",
            StringComparison.Ordinal));
        var shifted = await project.BuildAsync(Ci("CI", "true"));
        Assert.True(shifted.Succeeded, shifted.ToString());
        Assert.StartsWith("Readiness: no findings; baselined 2;", Assert.Single(SummaryLines(shifted)), StringComparison.Ordinal);

        // Editing the flagged code brings it back, and the gate fails on it alone.
        project.With("Program.cs", TwoFindings.Replace("catch (Exception) { return null; }", "catch (SystemException) { return null; }", StringComparison.Ordinal));
        var edited = await project.BuildAsync(Ci("CI", "true"));
        Assert.False(edited.Succeeded, edited.ToString());
        var (line, column) = project.PositionOf("Program.cs", "catch (SystemException)");
        Assert.Equal([new BuildDiagnostic(project.PathOf("Program.cs"), line, column, "warning", "RDY1001")], edited.WithId("RDY1001"));
        Assert.StartsWith("Readiness: 0 errors, 1 warning (failure handling 1); baselined 1;", Assert.Single(SummaryLines(edited)), StringComparison.Ordinal);
        Assert.Contains("error RDY9001: Readiness gate failed: 1 finding(s)", edited.Command.Output, StringComparison.Ordinal);

        // Updating: the edited finding replaces the old one (fixed findings drop out).
        var update = await project.BuildAsync(Local, "-t:ReadinessBaseline");
        Assert.True(update.Succeeded, update.ToString());
        Assert.Contains("Readiness baseline (LegacyApp): 2 finding(s) accepted (1 added, 1 removed)", update.Command.Output, StringComparison.Ordinal);

        // A malformed baseline: one clear error at its position, no gate error on top, no crash.
        File.WriteAllText(baselinePath, "{\n  \"version\": 1,\n  \"findings\": [ { \"ruleId\": \"RDY1001\", } ]\n}\n");
        var malformed = await project.BuildAsync(Ci("CI", "true"));
        Assert.False(malformed.Succeeded, malformed.ToString());
        var error = Assert.Single(malformed.Diagnostics, d => d.Severity == "error");
        Assert.Equal(new BuildDiagnostic(baselinePath, 3, 40, "error", "RDY9002"), error);
        Assert.DoesNotContain("AD0001", malformed.Command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solution_with_a_project_that_sets_its_own_error_log_writes_one_report_per_project()
    {
        var custom = SampleProject.Console(fixture, "CustomLogApp", "<ErrorLog>build/custom.sarif</ErrorLog>").With("Program.cs", TwoFindings);
        var quiet = SampleProject.Console(fixture, "QuietApp", "<ReadinessLevel>none</ReadinessLevel>").With("Program.cs", TwoFindings);
        custom.WriteFiles();
        quiet.WriteFiles();
        var solution = Path.Combine(fixture.Projects, "TwoProjects.slnx");
        File.WriteAllText(solution, """
            <Solution>
              <Project Path="CustomLogApp/CustomLogApp.csproj" />
              <Project Path="QuietApp/QuietApp.csproj" />
            </Solution>
            """);

        var build = await SampleProject.BuildSolutionAsync(fixture, solution, Local);

        Assert.True(build.Succeeded, build.ToString());
        // A project without findings has its line at detailed verbosity only.
        var summary = Assert.Single(SummaryLines(build));
        Assert.StartsWith("Readiness: 0 errors, 2 warnings (failure handling 2); report: " + custom.Directory, summary, StringComparison.Ordinal);
        Assert.True(File.Exists(custom.PathOf("build/custom.sarif")), "The project's own error log is still written.\n" + build);
        Assert.Contains("sarif-1.0.0", File.ReadAllText(custom.PathOf("build/custom.sarif")), StringComparison.Ordinal);
        Assert.True(File.Exists(custom.PathOf("obj/Debug/net10.0/readiness/readiness.json")), build.ToString());
        Assert.True(File.Exists(quiet.PathOf("obj/Debug/net10.0/readiness/readiness.json")), build.ToString());
        Assert.DoesNotContain(build.Diagnostics, d => d.File.Contains("QuietApp", StringComparison.Ordinal));
    }

    private static List<string> SummaryLines(BuildResult build)
        => SummaryLine().Matches(build.Command.Output).Select(m => m.Groups[1].Value.Trim()).Distinct().ToList();

    [GeneratedRegex(@"^\s*(Readiness: [^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
