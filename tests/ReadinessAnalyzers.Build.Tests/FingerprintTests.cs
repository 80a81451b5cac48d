using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// The shared half of the fingerprint: the path relative to the baseline, the syntax part read from the diagnostic's
/// properties (what the analyzers compute is tested in ReadinessAnalyzers.Tests: SyntaxFingerprintTests and
/// BaselineCompatibilityTests), and how the task reads it from the log.
/// </summary>
public sealed class FingerprintTests
{
    private const string Folder = "/repo/src/App";

    [Fact]
    public void Path_is_relative_to_the_baseline_folder_with_forward_slashes()
    {
        Assert.Equal("Orders/OrderStore.cs", FindingFingerprint.RelativePath(Folder, "/repo/src/App/Orders/OrderStore.cs"));
        Assert.Equal("Orders/OrderStore.cs", FindingFingerprint.RelativePath(@"C:\repo\src\App", @"c:\Repo\src\App\Orders\OrderStore.cs"));
        Assert.Equal("../Shared/Util.cs", FindingFingerprint.RelativePath("/repo/src/App/", "/repo/src/Shared/Util.cs"));
        Assert.Equal("D:/other/File.cs", FindingFingerprint.RelativePath(@"C:\repo", @"D:\other\File.cs"));
        Assert.Equal("/abs/File.cs", FindingFingerprint.RelativePath(string.Empty, "/abs/File.cs"));
    }

    [Theory]
    [InlineData("Shop.Orders.OrderStore.Save", "5e0cca4e76e84996", 0)]
    [InlineData("A.operator |", "0123456789abcdef", 3)]
    [InlineData("", "cbf29ce484222325", 12)]
    [InlineData(FindingFingerprint.TopLevelMember, "00000000000000aa", 1)]
    public void Syntax_part_round_trips_through_the_property_value(string member, string hash, int occurrence)
    {
        var value = FindingFingerprint.FormatSyntaxPart(member, hash, occurrence);
        Assert.True(FindingFingerprint.TryParseSyntaxPart(value, out var parsedMember, out var parsedHash, out var parsedOccurrence));
        Assert.Equal((member, hash, occurrence), (parsedMember, parsedHash, parsedOccurrence));

        var fingerprint = FindingFingerprint.FromSyntaxPart("RDY1001", Folder, "/repo/src/App/Orders/OrderStore.cs", value);
        Assert.Equal(new FindingFingerprint("RDY1001", "Orders/OrderStore.cs", member, hash, occurrence), fingerprint);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A.M")]
    [InlineData("x|5e0cca4e76e84996|A.M")]
    [InlineData("-1|5e0cca4e76e84996|A.M")]
    [InlineData("0||A.M")]
    public void Missing_or_malformed_syntax_part_gives_no_fingerprint(string? value)
    {
        Assert.Null(FindingFingerprint.FromSyntaxPart("RDY1001", Folder, "/repo/src/App/A.cs", value));
    }

    [Fact]
    public void Task_reads_the_syntax_part_from_the_log_and_adds_the_path()
    {
        const string Log = """
            { "version": "2.1.0", "runs": [ { "results": [
              { "ruleId": "RDY1001", "level": "warning", "message": { "text": "swallowed" },
                "properties": { "customProperties": { "ReadinessFingerprint": "1|5e0cca4e76e84996|Shop.Orders.OrderStore.Save", "CanAwait": "true" } },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/App/Orders/OrderStore.cs" }, "region": { "startLine": 3, "startColumn": 24 } } } ] },
              { "ruleId": "RDY3001", "level": "warning", "message": { "text": "no health checks" } },
              { "ruleId": "RDY1002", "level": "warning", "message": { "text": "async void" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/src/App/A.cs" }, "region": { "startLine": 1, "startColumn": 1 } } } ] } ] } ] }
            """;
        var results = SarifLog.ReadReadinessResults(Log, "/repo/src/App");
        var fingerprints = results.Select(r => ReadinessFindings.Fingerprint(r, "/repo/src")).ToList();
        Assert.Equal(new FindingFingerprint("RDY1001", "App/Orders/OrderStore.cs", "Shop.Orders.OrderStore.Save", "5e0cca4e76e84996", 1), fingerprints[0]);
        Assert.Equal(FindingFingerprint.ForNoLocation("RDY3001"), fingerprints[1]);

        // Without the property (not written by this package's analyzers): identified by rule and file only, and never
        // written to a baseline, since the suppressor could not match it.
        Assert.Equal(("App/A.cs", string.Empty), (fingerprints[2].Path, fingerprints[2].Hash));
        var findings = ReadinessFindings.Classify(results, BaselineDocument.Empty, "/repo/src", "/repo/src/App");
        Assert.Equal(2, ReadinessFindings.UpdateBaseline(findings, BaselineDocument.Empty, "/repo/src", "/repo/src/App").Findings.Count);
    }

    [Fact]
    public void Findings_without_location_have_a_fixed_fingerprint()
    {
        Assert.Equal(FindingFingerprint.ForNoLocation("RDY3001"), FindingFingerprint.ForNoLocation("RDY3001"));
        Assert.Equal(string.Empty, FindingFingerprint.ForNoLocation("RDY3001").Path);
    }

    [Fact]
    public void Hash_is_pinned_so_existing_baselines_keep_matching()
    {
        // Changing the algorithm invalidates every team's baseline: do it only with a new baseline format version.
        Assert.Equal("cbf29ce484222325", FindingFingerprint.HashText(string.Empty));
        Assert.Equal("5e0cca4e76e84996", FindingFingerprint.HashText("catch{}"));
    }
}
