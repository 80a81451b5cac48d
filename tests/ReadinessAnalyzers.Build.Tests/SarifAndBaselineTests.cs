using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

public sealed class SarifAndBaselineTests
{
    /// <summary>The shape the C# compiler writes for ErrorLog=…,version=2.1 (trimmed).</summary>
    internal const string Sarif21 = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "results": [
                {
                  "ruleId": "RDY1001",
                  "ruleIndex": 0,
                  "level": "warning",
                  "message": { "text": "This catch of 'Exception' in 'Find' drops the failure" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/App/Orders/Order%20Store.cs" },
                    "region": { "startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 10 } } } ],
                  "properties": { "warningLevel": 1 }
                },
                {
                  "ruleId": "RDY1001",
                  "ruleIndex": 0,
                  "level": "warning",
                  "message": { "text": "suppressed one" },
                  "suppressions": [ { "kind": "inSource" } ],
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "file:///repo/App/Orders/Order%20Store.cs" },
                    "region": { "startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 10 } } } ]
                },
                { "ruleId": "CS0168", "level": "warning", "message": { "text": "not ours" } },
                { "ruleId": "RDY9001", "level": "error", "message": { "text": "the task's own rule is never a finding" } },
                { "ruleId": "RDY3001", "level": "error", "message": { "text": "no health checks" } },
                { "ruleId": "RDY2005", "level": "note", "message": { "text": "console" },
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "Program.cs", "uriBaseId": "SRC" },
                    "region": { "startLine": 1 } } } ] },
                { "ruleId": "RDY2001", "level": "none", "message": { "text": "hidden" } }
              ],
              "tool": { "driver": { "name": "Microsoft (R) Visual C# Compiler", "rules": [
                { "id": "RDY1001", "helpUri": "https://example/RDY1001.md", "properties": { "category": "ReadinessFailureHandling" } },
                { "id": "RDY3001", "properties": { "category": "ReadinessHealthChecks" } },
                { "id": "RDY2005", "properties": { "category": "ReadinessTelemetry" } }
              ] } },
              "originalUriBaseIds": { "SRC": { "uri": "file:///repo/App/" } },
              "columnKind": "utf16CodeUnits"
            }
          ]
        }
        """;

    internal const string Sarif10 = """
        {
          "$schema": "http://json.schemastore.org/sarif-1.0.0",
          "version": "1.0.0",
          "runs": [ {
            "results": [
              { "ruleId": "RDY1001", "level": "warning", "message": "dropped",
                "suppressionStates": [ "suppressedInSource" ],
                "locations": [ { "resultFile": { "uri": "file:///repo/App/A.cs", "region": { "startLine": 16, "startColumn": 9, "endLine": 16, "endColumn": 26 } } } ] },
              { "ruleId": "RDY1001", "level": "error", "message": "again",
                "locations": [ { "resultFile": { "uri": "file:///repo/App/A.cs", "region": { "startLine": 20, "startColumn": 9, "endLine": 20, "endColumn": 26 } } } ] }
            ],
            "rules": { "RDY1001": { "id": "RDY1001", "helpUri": "https://example/RDY1001.md", "properties": { "category": "ReadinessFailureHandling" } } }
          } ]
        }
        """;

    [Fact]
    public void Reads_sarif_2_1_results_of_readiness_rules_only()
    {
        var results = SarifLog.ReadReadinessResults(Sarif21, "/repo/App");
        Assert.Equal(["RDY1001", "RDY1001", "RDY3001", "RDY2005"], results.Select(r => r.RuleId));

        var first = results[0];
        Assert.Equal("warning", first.Level);
        Assert.Equal("This catch of 'Exception' in 'Find' drops the failure", first.Message);
        Assert.Equal(Path.GetFullPath("/repo/App/Orders/Order Store.cs"), first.FilePath);
        Assert.Equal((3, 5, 3, 10), (first.StartLine, first.StartColumn, first.EndLine, first.EndColumn));
        Assert.Equal("ReadinessFailureHandling", first.Category);
        Assert.Equal("https://example/RDY1001.md", first.HelpUri);
        Assert.False(first.IsSuppressed);
        Assert.True(results[1].IsSuppressed);

        Assert.Null(results[2].FilePath);
        Assert.Equal("ReadinessHealthChecks", results[2].Category);
        Assert.Equal("info", results[3].Level);
        Assert.Equal(Path.GetFullPath("/repo/App/Program.cs"), results[3].FilePath);
    }

    [Fact]
    public void Reads_sarif_1_0_which_the_compiler_writes_when_no_version_is_given()
    {
        var results = SarifLog.ReadReadinessResults(Sarif10, "/repo/App");
        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsSuppressed);
        Assert.Equal("dropped", results[0].Message);
        Assert.Equal((16, 9, 16, 26), (results[0].StartLine, results[0].StartColumn, results[0].EndLine, results[0].EndColumn));
        Assert.Equal("error", results[1].Level);
        Assert.Equal("ReadinessFailureHandling", results[1].Category);
    }

    [Fact]
    public void A_log_that_is_not_sarif_is_a_format_error_with_a_position()
    {
        var e = Assert.Throws<JsonFormatException>(() => SarifLog.ReadReadinessResults("{ \"runs\": [ { \"results\": [ } ] }", "/repo"));
        Assert.Equal(1, e.Line);
        Assert.Equal(28, e.Column);
        Assert.Throws<JsonFormatException>(() => SarifLog.ReadReadinessResults("{ }", "/repo"));
    }

    [Fact]
    public void Baseline_round_trips_sorted_and_stable()
    {
        var document = BaselineDocument.Create(
        [
            new FindingFingerprint("RDY4002", "Settings/Keys.cs", "App.Keys.ApiKey", "00000000000000aa", 0),
            new FindingFingerprint("RDY1001", "Orders/Store \"x\".cs", "App.Store.Find", "0123456789abcdef", 1),
        ]);
        var text = document.Serialize();
        Assert.True(text.IndexOf("Orders/Store", StringComparison.Ordinal) < text.IndexOf("Settings/Keys", StringComparison.Ordinal), "sorted by path");
        var parsed = BaselineDocument.TryParse(text, out var error);
        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.True(parsed.Findings.SetEquals(document.Findings));
        Assert.Equal(text, parsed.Serialize());
        Assert.True(parsed.Contains(new FindingFingerprint("RDY1001", "orders/store \"x\".cs", "App.Store.Find", "0123456789abcdef", 1)), "rule and path ignore case");
        Assert.False(parsed.Contains(new FindingFingerprint("RDY1002", "Orders/Store \"x\".cs", "App.Store.Find", "0123456789abcdef", 1)));
    }

    [Theory]
    [InlineData("", 1, 1, "unexpected end")]
    [InlineData("{ \"version\": 1, \"findings\": [ { \"ruleId\": \"RDY1001\", } ] }", 1, 54, "property name")]
    [InlineData("{\n  \"version\": 2,\n  \"findings\": []\n}", 2, 14, "\"version\" must be 1")]
    [InlineData("{ \"version\": 1 }", 1, 1, "\"findings\" must be an array")]
    [InlineData("[]", 1, 1, "must be a JSON object")]
    [InlineData("{ \"version\": 1, \"findings\": [\n  { \"ruleId\": \"RDY1001\", \"path\": \"a.cs\", \"member\": \"M\", \"hash\": 5, \"occurrence\": 0 }\n] }", 2, 65, "\"hash\" must be a string")]
    [InlineData("{ \"version\": 1, \"findings\": [\n  { \"ruleId\": \"RDY1001\", \"path\": \"a.cs\", \"member\": \"M\", \"hash\": \"h\", \"occurrence\": -1 }\n] }", 2, 84, "\"occurrence\" must be a whole number")]
    [InlineData("{ \"version\": 1, \"findings\": [] } trailing", 1, 34, "after the end")]
    [InlineData("{ \"version\": 1, \"findings\": [\"unterminated ] }", 1, 47, "unterminated")]
    public void Malformed_baseline_reports_message_and_position(string text, int line, int column, string message)
    {
        var document = BaselineDocument.TryParse(text, out var error);
        Assert.Null(document);
        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Json_strings_escape_and_unescape_everything()
    {
        var value = "quote \" backslash \\ newline \n tab \t control \u0001 separator \u2028 unicode é";
        var parsed = JsonText.Parse(JsonText.Quote(value));
        Assert.Equal(value, parsed.AsString);
        Assert.Equal("\u00e9/", JsonText.Parse("\"\\u00e9\\/\"").AsString);
    }

    [Fact]
    public void Deeply_nested_json_is_rejected_not_a_stack_overflow()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);
        Assert.Throws<JsonFormatException>(() => JsonText.Parse(text));
    }
}
