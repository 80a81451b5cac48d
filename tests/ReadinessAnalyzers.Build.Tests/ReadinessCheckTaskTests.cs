using System.Collections;
using Microsoft.Build.Framework;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>The MSBuild task itself, in-process with a recording build engine: files, messages, errors.</summary>
public sealed class ReadinessCheckTaskTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "readiness-task-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly RecordingEngine _engine = new();

    public ReadinessCheckTaskTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "obj"));
        File.WriteAllText(Path.Combine(_root, "App.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "Program.cs"), "class A\n{\n    void M() { try { } catch { } }\n}\n");
        File.WriteAllText(Path.Combine(_root, "obj", "compiler.sarif"), SarifFor(Path.Combine(_root, "Program.cs")));
    }

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

    private static string SarifFor(string file) => """
        { "version": "2.1.0", "runs": [ { "results": [
          { "ruleId": "RDY1001", "level": "warning", "message": { "text": "swallowed" },
            "properties": { "customProperties": { "ReadinessFingerprint": "0|5e0cca4e76e84996|A.M" } },
            "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "URI" }, "region": { "startLine": 3, "startColumn": 24, "endLine": 3, "endColumn": 29 } } } ] } ],
          "tool": { "driver": { "rules": [ { "id": "RDY1001", "properties": { "category": "ReadinessFailureHandling" } } ] } } } ] }
        """.Replace("URI", new Uri(file).AbsoluteUri, StringComparison.Ordinal);

    private ReadinessCheck Task(string failOn = "error", bool update = false, string errorLog = "obj/compiler.sarif") => new()
    {
        BuildEngine = _engine,
        ErrorLog = errorLog,
        ProjectPath = Path.Combine(_root, "App.csproj"),
        ProjectName = "App",
        TargetFramework = "net10.0",
        ReportDirectory = Path.Combine(_root, "obj", "readiness"),
        CopyReportTo = Path.Combine(_root, "reports"),
        BaselinePath = Path.Combine(_root, "readiness.baseline.json"),
        FailOn = failOn,
        Level = "recommended",
        UpdateBaseline = update,
    };

    [Fact]
    public void Writes_both_reports_copies_them_and_prints_one_summary_line()
    {
        var task = Task();
        Assert.True(task.Execute());
        Assert.True(File.Exists(task.JsonReportPath));
        Assert.True(File.Exists(task.MarkdownReportPath));
        Assert.True(File.Exists(Path.Combine(_root, "reports", "readiness.json")));
        Assert.True(File.Exists(Path.Combine(_root, "reports", "readiness.md")));
        var message = Assert.Single(_engine.Messages, m => m.Importance == MessageImportance.High);
        Assert.Equal("Readiness: 0 errors, 1 warning (failure handling 1); report: " + task.MarkdownReportPath, message.Message);
        Assert.Empty(_engine.Errors);
        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void Failing_gate_logs_RDY9001_once_on_the_project_with_count_and_report()
    {
        var task = Task(failOn: "warning");
        Assert.False(task.Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RDY9001", error.Code);
        Assert.Equal(Path.Combine(_root, "App.csproj"), error.File);
        Assert.Contains("1 finding(s) at or above 'warning'", error.Message, StringComparison.Ordinal);
        Assert.Contains(task.MarkdownReportPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(RuleIdentifiers.GetHelpUri("RDY9001"), error.HelpLink);
    }

    [Fact]
    public void Baseline_target_writes_the_file_then_the_gate_passes_with_the_finding_baselined()
    {
        Assert.True(Task(failOn: "warning", update: true).Execute());
        var document = BaselineDocument.TryParse(File.ReadAllText(Path.Combine(_root, "readiness.baseline.json")), out _);
        var entry = Assert.Single(document!.Findings);
        Assert.Equal(("RDY1001", "Program.cs", "A.M"), (entry.RuleId, entry.Path, entry.Member));
        Assert.Empty(_engine.Errors);

        // The compiler now reports the finding as suppressed (by the baseline suppressor).
        var sarif = File.ReadAllText(Path.Combine(_root, "obj", "compiler.sarif"))
            .Replace("\"level\": \"warning\",", "\"level\": \"warning\", \"suppressions\": [ { \"kind\": \"inSource\" } ],", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_root, "obj", "compiler.sarif"), sarif);
        Assert.True(Task(failOn: "warning").Execute());
        Assert.Contains(_engine.Messages, m => m.Message!.StartsWith("Readiness: no findings; baselined 1;", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_baseline_is_one_error_at_its_position_and_skips_the_gate()
    {
        File.WriteAllText(Path.Combine(_root, "readiness.baseline.json"), "{ \"version\": 1,\n  \"findings\": [ 1 ] }");
        Assert.False(Task(failOn: "warning").Execute());
        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("RDY9002", Path.Combine(_root, "readiness.baseline.json"), 2, 17), (error.Code, error.File, error.LineNumber, error.ColumnNumber));

        // Regenerating replaces it.
        _engine.Errors.Clear();
        Assert.True(Task(update: true).Execute());
        Assert.NotNull(BaselineDocument.TryParse(File.ReadAllText(Path.Combine(_root, "readiness.baseline.json")), out _));
    }

    [Fact]
    public void Missing_or_unreadable_error_log_is_a_warning_not_a_crash()
    {
        Assert.True(Task(errorLog: "obj/missing.sarif").Execute());
        Assert.Equal("RDY9003", Assert.Single(_engine.Warnings).Code);

        File.WriteAllText(Path.Combine(_root, "obj", "broken.sarif"), "{ \"runs\": [ ");
        Assert.True(Task(errorLog: "obj/broken.sarif").Execute());
        Assert.Equal(2, _engine.Warnings.Count(w => w.Code == "RDY9003"));
    }

    [Fact]
    public void Invalid_fail_on_value_is_an_error_that_names_the_choices()
    {
        Assert.False(Task(failOn: "warnings").Execute());
        Assert.Contains("use none, error, warning or info", Assert.Single(_engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_without_findings_prints_its_summary_line_at_low_importance()
    {
        File.WriteAllText(Path.Combine(_root, "obj", "compiler.sarif"), """{ "version": "2.1.0", "runs": [ { "results": [] } ] }""");
        Assert.True(Task().Execute());
        var message = Assert.Single(_engine.Messages, m => m.Message!.StartsWith("Readiness:", StringComparison.Ordinal));
        Assert.Equal((MessageImportance.Low, true), (message.Importance, message.Message!.StartsWith("Readiness: no findings;", StringComparison.Ordinal)));
    }

    [Fact]
    public void Baseline_over_several_frameworks_has_one_entry_per_fingerprint_and_keeps_a_finding_of_one_framework()
    {
        // M's catch is reported under both frameworks, N's under net8.0 only.
        var program = Path.Combine(_root, "Program.cs");
        File.WriteAllText(program, "class A\n{\n    void M() { try { } catch { } }\n    void N() { try { } catch { } }\n}\n");
        var both = SarifFor(program);
        File.WriteAllText(Path.Combine(_root, "obj", "net10.sarif"), both);
        File.WriteAllText(Path.Combine(_root, "obj", "net8.sarif"), both.Replace(
            "\"results\": [",
            "\"results\": [ { \"ruleId\": \"RDY1001\", \"level\": \"warning\", \"message\": { \"text\": \"swallowed\" }, \"properties\": { \"customProperties\": { \"ReadinessFingerprint\": \"0|5e0cca4e76e84996|A.N\" } }, \"locations\": [ { \"physicalLocation\": { \"artifactLocation\": { \"uri\": \"" + new Uri(program).AbsoluteUri + "\" }, \"region\": { \"startLine\": 4, \"startColumn\": 24, \"endLine\": 4, \"endColumn\": 29 } } } ] },",
            StringComparison.Ordinal));

        var task = Task(update: true);
        task.FrameworkBuilds = [Framework("net8.0", "obj/net8.sarif"), Framework("net10.0", "obj/net10.sarif")];
        Assert.True(task.Execute());
        Assert.Equal(["A.M", "A.N"], BaselineMembers());
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("Readiness baseline (App, 2 target frameworks): 2 finding(s) accepted (2 added, 0 removed): ", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_root, "obj", "net8.0", "readiness.json")));
        Assert.True(File.Exists(Path.Combine(_root, "obj", "net10.0", "readiness.json")));
        Assert.Empty(_engine.Warnings);

        // Only net10.0 built (-f inside a multi-targeted project): N's entry is kept.
        var oneFramework = Task(update: true, errorLog: "obj/net10.sarif");
        oneFramework.PruneBaseline = false;
        Assert.True(oneFramework.Execute());
        Assert.Equal(["A.M", "A.N"], BaselineMembers());
        Assert.Contains(_engine.Messages, m => m.Message!.Contains("(0 added, 0 removed); entries not reported were kept", StringComparison.Ordinal));

        // Every framework built and N fixed everywhere: its entry drops out.
        var fixedEverywhere = Task(update: true);
        fixedEverywhere.FrameworkBuilds = [Framework("net8.0", "obj/net10.sarif"), Framework("net10.0", "obj/net10.sarif")];
        Assert.True(fixedEverywhere.Execute());
        Assert.Equal(["A.M"], BaselineMembers());
    }

    [Fact]
    public void Projects_sharing_one_baseline_update_it_in_parallel_without_losing_entries()
    {
        var shared = Path.Combine(_root, "shared.baseline.json");
        var projects = Enumerable.Range(0, 6).Select(i =>
        {
            var folder = Path.Combine(_root, "P" + i);
            Directory.CreateDirectory(Path.Combine(folder, "obj"));
            File.WriteAllText(Path.Combine(folder, "Program.cs"), "class A\n{\n    void M() { try { } catch { } }\n}\n");
            File.WriteAllText(Path.Combine(folder, "obj", "compiler.sarif"), SarifFor(Path.Combine(folder, "Program.cs")));
            return folder;
        }).ToList();

        System.Threading.Tasks.Parallel.ForEach(projects, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 6 }, folder => Assert.True(new ReadinessCheck
        {
            BuildEngine = new RecordingEngine(),
            ErrorLog = "obj/compiler.sarif",
            ProjectPath = Path.Combine(folder, "App.csproj"),
            ReportDirectory = Path.Combine(folder, "obj", "readiness"),
            BaselinePath = shared,
            UpdateBaseline = true,
        }.Execute()));

        var document = BaselineDocument.TryParse(File.ReadAllText(shared), out _);
        Assert.Equal(projects.Select(p => Path.GetFileName(p) + "/Program.cs"), document!.Findings.Select(f => f.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Baseline_over_several_frameworks_is_not_written_when_one_log_is_missing()
    {
        var task = Task(update: true);
        task.FrameworkBuilds = [Framework("net8.0", "obj/missing.sarif"), Framework("net10.0", "obj/compiler.sarif")];
        Assert.True(task.Execute());
        Assert.Equal("RDY9003", Assert.Single(_engine.Warnings).Code);
        Assert.False(File.Exists(Path.Combine(_root, "readiness.baseline.json")));
    }

    [Fact]
    public void Total_counts_a_finding_of_two_frameworks_once_and_skips_missing_or_broken_reports()
    {
        string Report(string project, params (string Fingerprint, string Level, string State)[] findings) =>
            "{ \"projectPath\": \"" + project + "\", \"findings\": ["
            + string.Join(",", findings.Select(f => "{ \"fingerprint\": \"" + f.Fingerprint + "\", \"level\": \"" + f.Level + "\", \"state\": \"" + f.State + "\" }"))
            + "] }";
        var files = new Dictionary<string, string>
        {
            ["lib8"] = Report("/r/Lib.csproj", ("RDY1001|Store.cs|Find|h1|0", "warning", "active"), ("RDY1001|Store.cs|Legacy|h2|0", "warning", "active")),
            ["lib10"] = Report("/r/Lib.csproj", ("RDY1001|Store.cs|Find|h1|0", "warning", "active")),
            ["web"] = Report("/r/Web.csproj", ("RDY1001|Store.cs|Find|h1|0", "warning", "baselined"), ("RDY2006||<top-level>|h3|0", "info", "active"), ("RDY4001|a|b|h4|0", "error", "active")),
            ["broken"] = "{ \"findings\": [",
        };

        var totals = ReadinessTotals.Read(["lib8", "lib10", "web", "missing", "broken", "web"], name => files.TryGetValue(name, out var text) ? text : null);

        Assert.Equal("Readiness (2 projects): 1 error, 2 warnings, 1 info; baselined 1", totals.Line());
    }

    [Fact]
    public void Total_task_prints_one_high_importance_line_and_nothing_without_reports()
    {
        var task = Task();
        Assert.True(task.Execute());
        var total = new ReadinessTotal { BuildEngine = _engine, Reports = [new Microsoft.Build.Utilities.TaskItem(task.JsonReportPath), new Microsoft.Build.Utilities.TaskItem(task.JsonReportPath)] };
        Assert.True(total.Execute());
        Assert.Equal("Readiness (1 project): 0 errors, 1 warning; baselined 0", total.TotalLine);
        Assert.Contains(_engine.Messages, m => m.Importance == MessageImportance.High && m.Message == total.TotalLine);

        var none = new ReadinessTotal { BuildEngine = _engine, Reports = [new Microsoft.Build.Utilities.TaskItem(Path.Combine(_root, "missing.json"))] };
        Assert.True(none.Execute());
        Assert.Equal(string.Empty, none.TotalLine);
    }

    private Microsoft.Build.Utilities.TaskItem Framework(string targetFramework, string errorLog)
    {
        var item = new Microsoft.Build.Utilities.TaskItem(errorLog);
        item.SetMetadata("TargetFramework", targetFramework);
        item.SetMetadata("ReportDirectory", Path.Combine(_root, "obj", targetFramework));
        item.SetMetadata("Level", "recommended");
        return item;
    }

    private List<string> BaselineMembers()
        => BaselineDocument.TryParse(File.ReadAllText(Path.Combine(_root, "readiness.baseline.json")), out _)!.Findings.Select(f => f.Member).Order(StringComparer.Ordinal).ToList();

    internal sealed class RecordingEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = new();

        public List<BuildWarningEventArgs> Warnings { get; } = new();

        public List<BuildMessageEventArgs> Messages { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "App.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
