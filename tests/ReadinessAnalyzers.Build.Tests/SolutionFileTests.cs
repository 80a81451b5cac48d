using System.Diagnostics;
using System.Text.Json;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// The solution-wide mechanism (<see cref="SolutionFile"/>) and its outputs: the combined report in
/// ReadinessReportOutputPath (index, Markdown, SARIF) and the GitHub Actions step summary block. Projects here are a
/// project file plus a hand-written readiness.json (its copy in the report folder), as the task leaves them.
/// </summary>
public sealed class SolutionFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "readiness-solution-" + Guid.NewGuid().ToString("N")[..8]);

    public SolutionFileTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
    }

    private string Output => Path.Combine(_root, "out");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Rows_are_one_per_project_and_framework_sorted_whatever_the_build_order()
    {
        var web = Project(Output, "Web", "net10.0", Finding("RDY1001", "warning", "active", "Web/Program.cs", 5));
        var lib10 = Project(Output, "Lib", "net10.0", Finding("RDY1001", "warning", "active", "Lib/Store.cs", 8));
        var lib8 = Project(Output, "Lib", "net8.0", Finding("RDY1001", "warning", "active", "Lib/Store.cs", 8), Finding("RDY1001", "warning", "baselined", "Lib/Store.cs", 14));
        var other = Path.Combine(_root, "out2");
        var web2 = Project(other, "Web", "net10.0", Finding("RDY1001", "warning", "active", "Web/Program.cs", 5));
        var lib102 = Project(other, "Lib", "net10.0", Finding("RDY1001", "warning", "active", "Lib/Store.cs", 8));
        var lib82 = Project(other, "Lib", "net8.0", Finding("RDY1001", "warning", "active", "Lib/Store.cs", 8), Finding("RDY1001", "warning", "baselined", "Lib/Store.cs", 14));

        foreach (var row in new[] { web, lib8, lib10, web })
        {
            Assert.True(SolutionReport.Contribute(Output, row));
        }

        foreach (var row in new[] { lib102, web2, lib82 })
        {
            Assert.True(SolutionReport.Contribute(other, row));
        }

        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "readiness.json"))).RootElement;
        Assert.Equal("solution", index.GetProperty("kind").GetString());
        Assert.Equal(
            ["Lib net10.0 Lib/net10.0/readiness.md", "Lib net8.0 Lib/net8.0/readiness.md", "Web net10.0 Web/net10.0/readiness.md"],
            index.GetProperty("projects").EnumerateArray().Select(p => $"{p.GetProperty("project").GetString()} {p.GetProperty("targetFramework").GetString()} {p.GetProperty("report").GetString()}"));
        var lib8Entry = index.GetProperty("projects")[1];
        Assert.Equal((1, 1), (lib8Entry.GetProperty("new").GetProperty("warnings").GetInt32(), lib8Entry.GetProperty("baselined").GetInt32()));
        Assert.Equal(1, lib8Entry.GetProperty("byCategory").GetProperty("ReadinessFailureHandling").GetProperty("baselined").GetInt32());

        // Lib's finding under two frameworks counts once in the total.
        Assert.Equal("Readiness (2 projects): 0 errors, 2 warnings; baselined 1", index.GetProperty("total").GetProperty("line").GetString());

        // Another order into another folder gives the same files (the rows' report paths are relative).
        foreach (var name in new[] { "readiness.json", "readiness.md", "readiness.sarif" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(Output, name)), File.ReadAllText(Path.Combine(other, name)));
        }
    }

    [Fact]
    public void Rewriting_the_same_row_changes_nothing_and_rows_of_deleted_projects_drop_out()
    {
        var web = Project(Output, "Web", "net10.0", Finding("RDY1001", "warning", "active", "Web/Program.cs", 5));
        var lib = Project(Output, "Lib", "net10.0");
        Assert.True(SolutionReport.Contribute(Output, web));
        Assert.True(SolutionReport.Contribute(Output, lib));
        var files = new[] { "readiness.json", "readiness.md", "readiness.sarif" }.Select(n => Path.Combine(Output, n)).ToList();
        var before = files.Select(File.ReadAllText).ToList();
        foreach (var file in files)
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        Assert.True(SolutionReport.Contribute(Output, web));
        Assert.Equal(before, files.Select(File.ReadAllText));
        Assert.All(files, f => Assert.Equal(2020, File.GetLastWriteTimeUtc(f).Year));

        // Lib is deleted; the next project's rewrite drops its row.
        File.Delete(lib.ProjectPath);
        Assert.True(SolutionReport.Contribute(Output, web));
        Assert.Equal(["Web"], ProjectsOf(Path.Combine(Output, "readiness.json")));
    }

    [Fact]
    public void Concurrent_writers_on_threads_lose_no_row()
    {
        var rows = Enumerable.Range(0, 12).Select(i => Project(Output, "P" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), "net10.0", Finding("RDY1001", "warning", "active", "P/Program.cs", i + 1))).ToList();

        System.Threading.Tasks.Parallel.ForEach(rows, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 12 }, row => Assert.True(SolutionReport.Contribute(Output, row)));

        Assert.Equal(rows.Select(r => r.Project), ProjectsOf(Path.Combine(Output, "readiness.json")));
        Assert.Equal(12, CountResults(Path.Combine(Output, "readiness.sarif")));
    }

    [Fact]
    public void Concurrent_writers_in_several_processes_lose_no_row()
    {
        // Each process (this test assembly's Main) contributes its own projects' rows to the one folder, all at once.
        const int processes = 4;
        const int rowsPerProcess = 5;
        var names = Enumerable.Range(0, processes * rowsPerProcess).Select(i => "Q" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var name in names)
        {
            Project(Output, name, string.Empty, Finding("RDY1001", "warning", "active", name + "/Program.cs", 3));
        }

        var assembly = typeof(SolutionFileTests).Assembly.Location;
        var running = Enumerable.Range(0, processes).Select(p =>
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            string[] arguments = ["exec", assembly, Program.ContributeCommand, Output, _root, .. names.Skip(p * rowsPerProcess).Take(rowsPerProcess)];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            return Process.Start(start)!;
        }).ToList();
        foreach (var process in running)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "A writer process hung.");
            Assert.True(process.ExitCode == 0, output);
        }

        Assert.Equal(names, ProjectsOf(Path.Combine(Output, "readiness.json")));
    }

    /// <summary>The writer side of <see cref="Concurrent_writers_in_several_processes_lose_no_row"/>.</summary>
    internal static void ContributeFromProcess(string output, string root, IEnumerable<string> projects)
    {
        foreach (var name in projects)
        {
            var row = RowFor(output, root, name, string.Empty);
            if (!SolutionReport.Contribute(output, row))
            {
                throw new InvalidOperationException("Lock not acquired for " + name);
            }
        }
    }

    [Fact]
    public void Lock_is_exclusive_until_released_and_a_writer_that_cannot_get_it_writes_nothing()
    {
        var index = Path.Combine(Output, "readiness.json");
        var row = Project(Output, "Web", "net10.0");
        using (var held = SharedFileLock.TryAcquire(index, TimeSpan.FromSeconds(1)))
        {
            Assert.NotNull(held);
            Assert.Null(SharedFileLock.TryAcquire(index, TimeSpan.FromMilliseconds(200)));
            Assert.False(SolutionFile.Contribute(index, row, SolutionReport.ReadRows, _ => throw new InvalidOperationException("written without the lock"), TimeSpan.FromMilliseconds(200)));
        }

        using var again = SharedFileLock.TryAcquire(index, TimeSpan.FromSeconds(1));
        Assert.NotNull(again);
    }

    [Fact]
    public void Step_summary_block_is_replaced_in_place_and_other_content_stays()
    {
        var summary = Path.Combine(_root, "step_summary");
        File.WriteAllText(summary, "## Tests\n\n42 passed\n");
        var web = Project(Output, "Web", "net10.0", Finding("RDY1001", "warning", "active", "Web/Program.cs", 5));
        var lib = Project(Output, "Lib", "net10.0", Finding("RDY2001", "warning", "baselined", "Lib/Store.cs", 8));
        web.ReportJson = Path.Combine(Output, web.ReportJson);
        lib.ReportJson = Path.Combine(Output, lib.ReportJson);

        Assert.True(StepSummary.Contribute(summary, web));
        File.AppendAllText(summary, "\n## Deploy\n\ndone\n");
        Assert.True(StepSummary.Contribute(summary, lib));
        Assert.True(StepSummary.Contribute(summary, web));

        var text = File.ReadAllText(summary);
        Assert.StartsWith("## Tests\n\n42 passed\n\n" + StepSummary.Start + "\n", text, StringComparison.Ordinal);
        Assert.EndsWith(StepSummary.End + "\n\n## Deploy\n\ndone\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split(StepSummary.Start), s => s.Length > 0 && !s.StartsWith("## Tests", StringComparison.Ordinal));
        Assert.Single(text.Split("### Readiness"), s => s.Contains(StepSummary.End, StringComparison.Ordinal));
        var table = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, table.Count);
        Assert.StartsWith("| Lib | net10.0 | — | 1 baselined | — | — | [RDY2001](" + RuleIdentifiers.GetHelpUri("RDY2001") + ") 1 | passed |", table[1], StringComparison.Ordinal);
        Assert.StartsWith("| Web | net10.0 | 1 new | — | — | — | [RDY1001](" + RuleIdentifiers.GetHelpUri("RDY1001") + ") 1 | passed |", table[2], StringComparison.Ordinal);
        Assert.Contains("Readiness (2 projects): 0 errors, 1 warning; baselined 1", text, StringComparison.Ordinal);
        Assert.Equal(["Lib", "Web"], StepSummary.ReadRows(text).Select(r => r.Project));
    }

    [Fact]
    public void Step_summary_rows_survive_paths_with_comment_closers()
    {
        var row = new SolutionRow { Project = "A-->B", ProjectPath = "/x/A-->B.csproj", TargetFramework = "net10.0", ReportJson = "/x/r.json" };
        var block = StepSummary.Block([new LoadedRow(row, "/x/r.json", null)]);
        Assert.DoesNotContain("A-->B", block[..block.IndexOf("### Readiness", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Equal("/x/A-->B.csproj", Assert.Single(StepSummary.ReadRows(StepSummary.Replace("intro\n", block))).ProjectPath);
    }

    [Fact]
    public void Sarif_has_what_code_scanning_requires()
    {
        var lib = Project(Output, "Lib", "net8.0",
            Finding("RDY1001", "warning", "active", "src/Lib/Store.cs", 8),
            Finding("RDY1001", "warning", "baselined", "src/Lib/Store.cs", 14),
            Finding("RDY2006", "info", "active", null, 0));
        var lib10 = Project(Output, "Lib", "net10.0", Finding("RDY1001", "warning", "active", "src/Lib/Store.cs", 8));
        Assert.True(SolutionReport.Contribute(Output, lib10));
        Assert.True(SolutionReport.Contribute(Output, lib));

        var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "readiness.sarif"))).RootElement;
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", sarif.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var run = Assert.Single(sarif.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ReadinessAnalyzers", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
        Assert.Equal("https://github.com/ReadinessAnalyzers/ReadinessAnalyzers", driver.GetProperty("informationUri").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["RDY1001", "RDY2006"], rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(
            ("ExceptionSwallowed", "Exception swallowed", "Description of RDY1001.", RuleIdentifiers.GetHelpUri("RDY1001"), "warning"),
            (rules[0].GetProperty("name").GetString(), rules[0].GetProperty("shortDescription").GetProperty("text").GetString(), rules[0].GetProperty("fullDescription").GetProperty("text").GetString(),
                rules[0].GetProperty("helpUri").GetString(), rules[0].GetProperty("defaultConfiguration").GetProperty("level").GetString()));
        Assert.Equal("note", rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal(new Uri(_root + "/").AbsoluteUri, run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString());

        // The finding of both frameworks is one result; the baselined one is kept, suppressed; the one without a location is on the project file.
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var active = results[0];
        Assert.Equal(("RDY1001", 0, "warning", "Message of RDY1001 at 8"), (active.GetProperty("ruleId").GetString(), active.GetProperty("ruleIndex").GetInt32(), active.GetProperty("level").GetString(), active.GetProperty("message").GetProperty("text").GetString()));
        var location = active.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal(("src/Lib/Store.cs", "%SRCROOT%"), (location.GetProperty("artifactLocation").GetProperty("uri").GetString(), location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString()));
        Assert.Equal((8, 5), (location.GetProperty("region").GetProperty("startLine").GetInt32(), location.GetProperty("region").GetProperty("startColumn").GetInt32()));
        Assert.Equal("RDY1001|src/Lib/Store.cs|M|h8|0", active.GetProperty("partialFingerprints").GetProperty(SolutionSarif.FingerprintName).GetString());
        Assert.False(active.TryGetProperty("suppressions", out _));
        var suppression = Assert.Single(results[1].GetProperty("suppressions").EnumerateArray());
        Assert.Equal("external", suppression.GetProperty("kind").GetString());
        Assert.StartsWith("Accepted in the readiness baseline (readiness.baseline.json)", suppression.GetProperty("justification").GetString(), StringComparison.Ordinal);
        Assert.Equal(("RDY2006", 1, "note", "src/Lib/Lib.csproj"), (results[2].GetProperty("ruleId").GetString(), results[2].GetProperty("ruleIndex").GetInt32(), results[2].GetProperty("level").GetString(),
            results[2].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()));
    }

    [Fact]
    public void Task_adds_its_row_to_the_combined_report_and_the_step_summary()
    {
        var project = Path.Combine(_root, "src", "App");
        Directory.CreateDirectory(Path.Combine(project, "obj"));
        File.WriteAllText(Path.Combine(project, "App.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Program.cs"), "class A\n{\n    void M() { try { } catch { } }\n}\n");
        File.WriteAllText(Path.Combine(project, "obj", "compiler.sarif"), """
            { "version": "2.1.0", "runs": [ { "results": [
              { "ruleId": "RDY1001", "level": "warning", "message": { "text": "swallowed" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "Program.cs" }, "region": { "startLine": 3, "startColumn": 24 } } } ] } ],
              "tool": { "driver": { "rules": [ { "id": "RDY1001", "shortDescription": { "text": "Exception swallowed" }, "fullDescription": { "text": "Hides failures." },
                "helpUri": "https://example.test/RDY1001", "properties": { "category": "ReadinessFailureHandling" } } ] } } } ] }
            """);
        var summary = Path.Combine(_root, "step_summary");
        var task = new ReadinessCheck
        {
            BuildEngine = new ReadinessCheckTaskTests.RecordingEngine(),
            ErrorLog = "obj/compiler.sarif",
            ProjectPath = Path.Combine(project, "App.csproj"),
            ProjectName = "App",
            ReportDirectory = Path.Combine(project, "obj", "readiness"),
            CopyReportTo = Path.Combine(Output, "App"),
            SolutionReportDirectory = Output,
            StepSummaryPath = summary,
        };

        Assert.True(task.Execute());

        Assert.Equal(["App"], ProjectsOf(Path.Combine(Output, "readiness.json")));
        var rule = Assert.Single(JsonDocument.Parse(File.ReadAllText(task.JsonReportPath)).RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal(("Exception swallowed", "Hides failures.", "warning", "https://example.test/RDY1001"), (rule.GetProperty("title").GetString(), rule.GetProperty("description").GetString(), rule.GetProperty("defaultLevel").GetString(), rule.GetProperty("helpUri").GetString()));
        var sarif = File.ReadAllText(Path.Combine(Output, "readiness.sarif"));
        Assert.Contains("\"uri\": \"src/App/Program.cs\"", sarif, StringComparison.Ordinal);
        Assert.Contains("| App | — | 1 new | — | — | — | [RDY1001](https://example.test/RDY1001) 1 | passed |", File.ReadAllText(summary), StringComparison.Ordinal);
        Assert.Equal(task.JsonReportPath, Assert.Single(StepSummary.ReadRows(File.ReadAllText(summary))).ReportJson);
    }

    private static List<string> ProjectsOf(string index)
        => JsonDocument.Parse(File.ReadAllText(index)).RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("project").GetString()!).ToList();

    private static int CountResults(string sarif)
        => JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength();

    private static string Finding(string rule, string level, string state, string? path, int line) => $$"""
        { "ruleId": "{{rule}}", "level": "{{level}}", "category": "{{(rule.StartsWith("RDY1", StringComparison.Ordinal) ? "ReadinessFailureHandling" : "ReadinessTelemetry")}}", "state": "{{state}}",
          "message": "Message of {{rule}} at {{line}}", "fullPath": {{(path is null ? "null" : "\"ROOT/" + path + "\"")}}, "line": {{line}}, "column": 5, "endLine": {{line}}, "endColumn": 9,
          "fingerprint": "{{rule}}|{{path}}|M|h{{line}}|0", "helpUri": "{{RuleIdentifiers.GetHelpUri(rule)}}" }
        """;

    /// <summary>A project (its file under src/) whose report copy is in <paramref name="output"/>, and its row.</summary>
    private SolutionRow Project(string output, string name, string framework, params string[] findings)
    {
        var projectPath = Path.Combine(_root, "src", name, name + ".csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(projectPath)!);
        File.WriteAllText(projectPath, "<Project />");
        var row = RowFor(output, _root, name, framework);
        var rules = findings.Select(f => f.Contains("\"RDY1001\"", StringComparison.Ordinal) ? "RDY1001" : "RDY2006").Distinct().Order(StringComparer.Ordinal)
            .Select(id => id == "RDY1001"
                ? $$"""{ "id": "RDY1001", "title": "Exception swallowed", "description": "Description of RDY1001.", "defaultLevel": "warning", "category": "ReadinessFailureHandling", "helpUri": "{{RuleIdentifiers.GetHelpUri(id)}}" }"""
                : $$"""{ "id": "{{id}}", "title": "App without a tracing or metrics pipeline", "description": "", "defaultLevel": "info", "category": "ReadinessTelemetry", "helpUri": "{{RuleIdentifiers.GetHelpUri(id)}}" }""");
        var json = Path.Combine(output, row.ReportJson);
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        File.WriteAllText(json, $$"""
            { "schemaVersion": 1, "project": "{{name}}", "projectPath": "{{projectPath}}", "targetFramework": "{{framework}}",
              "baseline": "{{_root}}/readiness.baseline.json", "gate": { "passed": true },
              "findings": [ {{string.Join(",", findings).Replace("ROOT", _root, StringComparison.Ordinal)}} ],
              "rules": [ {{string.Join(",", rules)}} ] }
            """);
        return row;
    }

    private static SolutionRow RowFor(string output, string root, string name, string framework)
    {
        var folder = framework.Length == 0 ? name : name + "/" + framework;
        return new SolutionRow
        {
            Project = name,
            ProjectPath = Path.Combine(root, "src", name, name + ".csproj"),
            TargetFramework = framework,
            ReportJson = folder + "/readiness.json",
            ReportMarkdown = folder + "/readiness.md",
            SourceRoot = root,
        };
    }
}
