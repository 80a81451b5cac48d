using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

public sealed class ReportTests
{
    private static readonly string Project = Path.GetFullPath("/repo/App");

    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        [Path.GetFullPath("/repo/App/A.cs")] = "class A\n{\n    void M() { try { } catch { } }\n    void N() { try { } catch { } }\n}\n",
        [Path.GetFullPath("/repo/App/Orders/Order Store.cs")] = "class S\n{\n    void Find() { }\n    void Save() { }\n}\n",
    };

    private static SarifResult Result(string rule, string level, string category, string? file, int line, int column = 5, int endColumn = 10, bool suppressed = false)
        => new()
        {
            RuleId = rule,
            Level = level,
            Category = category,
            Message = rule + " message with ILogger<T> | pipe",
            FilePath = file is null ? null : Path.GetFullPath(file),
            StartLine = line,
            StartColumn = column,
            EndLine = line,
            EndColumn = endColumn,
            IsSuppressed = suppressed,
        };

    private static List<Finding> Classify(IEnumerable<SarifResult> results, BaselineDocument? baseline = null)
        => ReadinessFindings.Classify(results, baseline ?? BaselineDocument.Empty, Project, Project, p => Files.TryGetValue(p, out var t) ? t : null);

    private static ReadinessReport Report(List<Finding> findings, string failOn = "warning")
        => new(new ReportContext { ProjectName = "App", ProjectPath = Project + "/App.csproj", TargetFramework = "net10.0", Level = "recommended", FailOn = failOn }, findings);

    private static List<SarifResult> Sample()
    {
        // Line 3, columns 24-29: the first "catch".
        var baselined = Result("RDY1001", "warning", "ReadinessFailureHandling", "/repo/App/A.cs", 3, 24, 29, suppressed: true);
        return
        [
            baselined,
            Result("RDY1001", "warning", "ReadinessFailureHandling", "/repo/App/A.cs", 4, 24, 29),
            Result("RDY2005", "warning", "ReadinessTelemetry", "/repo/App/Orders/Order Store.cs", 3),
            Result("RDY4002", "error", "ReadinessConfiguration", "/repo/App/Orders/Order Store.cs", 4),
            Result("RDY3001", "warning", "ReadinessHealthChecks", null, 0),
            Result("RDY2001", "info", "ReadinessTelemetry", "/repo/App/A.cs", 1),
            Result("RDY1002", "warning", "ReadinessFailureHandling", "/repo/App/A.cs", 2, suppressed: true), // #pragma: left out
        ];
    }

    private static BaselineDocument BaselineOfFirst()
    {
        var text = Files[Path.GetFullPath("/repo/App/A.cs")];
        var (start, end) = FindingFingerprint.OffsetsFromLineColumn(text, 3, 24, 3, 29);
        return BaselineDocument.Create([FindingFingerprint.Compute("RDY1001", Project, Path.GetFullPath("/repo/App/A.cs"), text, start, end)]);
    }

    [Fact]
    public void Suppressed_findings_count_as_baselined_only_when_in_the_baseline()
    {
        var findings = Classify(Sample(), BaselineOfFirst());
        Assert.Equal(6, findings.Count);
        var baselined = Assert.Single(findings, f => f.State == FindingState.Baselined);
        Assert.Equal(3, baselined.Result.StartLine);
        Assert.Equal("A.M", baselined.Member);
        Assert.DoesNotContain(findings, f => f.Result.RuleId == "RDY1002");
    }

    [Fact]
    public void Summary_line_counts_severities_categories_and_baselined()
    {
        var report = Report(Classify(Sample(), BaselineOfFirst()));
        Assert.Equal(
            "Readiness: 1 error, 3 warnings, 1 info (failure handling 1, telemetry 2, health checks 1, configuration 1); baselined 1; report: /r/readiness.md",
            report.SummaryLine("/r/readiness.md"));
        Assert.Equal("Readiness: no findings; report: x", Report([]).SummaryLine("x"));
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("error", 1)]
    [InlineData("warning", 4)]
    [InlineData("info", 5)]
    public void Gate_counts_active_findings_at_or_above_the_threshold(string failOn, int failing)
    {
        var report = Report(Classify(Sample(), BaselineOfFirst()), failOn);
        Assert.Equal(failing, report.GateCount);
        Assert.Equal(failing == 0, report.GatePassed);
    }

    [Fact]
    public void A_suppressed_result_whose_fingerprint_is_not_in_the_baseline_is_not_counted_as_baselined()
    {
        var findings = Classify(Sample());
        Assert.DoesNotContain(findings, f => f.State == FindingState.Baselined);
        Assert.Equal(5, findings.Count);
    }

    [Fact]
    public void Json_report_is_valid_and_complete()
    {
        var json = JsonText.Parse(Report(Classify(Sample(), BaselineOfFirst())).ToJson());
        Assert.Equal(2d, json["schemaVersion"]!.AsNumber);
        Assert.Equal("App", json["project"]!.AsString);
        Assert.Equal("warning", json["gate"]!["failOn"]!.AsString);
        Assert.Equal(4d, json["gate"]!["failingFindings"]!.AsNumber);
        Assert.Equal(false, json["gate"]!["passed"]!.Value);
        Assert.Equal(1d, json["summary"]!["errors"]!.AsNumber);
        Assert.Equal(3d, json["summary"]!["warnings"]!.AsNumber);
        Assert.Equal(1d, json["summary"]!["infos"]!.AsNumber);
        Assert.Equal(1d, json["summary"]!["baselined"]!.AsNumber);
        Assert.Equal(2d, json["summary"]!["byCategory"]!["ReadinessTelemetry"]!.AsNumber);

        var findings = json["findings"]!.AsArray!;
        Assert.Equal(6, findings.Count);
        var store = findings.Single(f => f["ruleId"]!.AsString == "RDY4002");
        Assert.Equal("Orders/Order Store.cs", store["path"]!.AsString);
        Assert.Equal(4d, store["line"]!.AsNumber);
        Assert.Equal("active", store["state"]!.AsString);
        Assert.Equal("S.Save", store["member"]!.AsString);
        Assert.Equal(RuleIdentifiers.GetHelpUri("RDY4002"), store["helpUri"]!.AsString);
        Assert.StartsWith("RDY4002|Orders/Order Store.cs|S.Save|", store["fingerprint"]!.AsString, StringComparison.Ordinal);
        Assert.Equal("baselined", findings.Single(f => f["line"]!.AsNumber == 3 && f["ruleId"]!.AsString == "RDY1001")["state"]!.AsString);
    }

    [Fact]
    public void Markdown_report_has_summary_per_category_then_each_finding_with_location_rule_message_and_link()
    {
        var markdown = Report(Classify(Sample(), BaselineOfFirst())).ToMarkdown();
        Assert.StartsWith("# Readiness report: App (net10.0)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| failure handling | 0 | 1 | 0 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| telemetry | 0 | 1 | 1 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**failed** (4 finding(s) at or above warning)", markdown, StringComparison.Ordinal);
        Assert.Contains("- `Orders/Order Store.cs:4` error [RDY4002](" + RuleIdentifiers.GetHelpUri("RDY4002") + "): RDY4002 message with ILogger\\<T\\> \\| pipe\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- `(project)` warning [RDY3001]", markdown, StringComparison.Ordinal);
        var baselinedSection = markdown[markdown.IndexOf("## Baselined", StringComparison.Ordinal)..];
        Assert.Contains("`A.cs:3` warning [RDY1001]", baselinedSection, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("## Summary by category", StringComparison.Ordinal) < markdown.IndexOf("## Findings", StringComparison.Ordinal));
    }

    [Fact]
    public void Updating_the_baseline_keeps_current_findings_drops_fixed_ones_and_keeps_other_projects_entries()
    {
        var fixedOne = new FindingFingerprint("RDY1001", "Gone.cs", "A.M", "0000000000000000", 0);
        var otherProject = new FindingFingerprint("RDY1001", "../Other/B.cs", "B.M", "0000000000000001", 0);
        var existing = BaselineDocument.Create([fixedOne, otherProject]);
        var findings = Classify(Sample(), BaselineOfFirst());
        var updated = ReadinessFindings.UpdateBaseline(findings, existing, Project, Project);
        Assert.Equal(7, updated.Findings.Count);
        Assert.DoesNotContain(fixedOne, updated.Findings);
        Assert.Contains(otherProject, updated.Findings);
        Assert.True(findings.All(f => updated.Contains(f.Fingerprint)));
    }
}
