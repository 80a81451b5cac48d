using System.Text.Json;
using Nodes = System.Text.Json.Nodes;
using Microsoft.Build.Framework;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// The operations contract on the task's side: RDY9100 results of the compiler's log (parts "host", "telemetry",
/// "configuration") become readiness.json's <c>contract</c>, the "Operations contract" of readiness.md and the
/// solution's contract.md; they are never findings (not counted, gated, baselined, or in readiness.sarif).
/// </summary>
public sealed class ContractReportTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "readiness-contract-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ReadinessCheckTaskTests.RecordingEngine _engine = new();

    public ContractReportTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "App", "obj"));
        File.WriteAllText(Path.Combine(_root, "App", "App.csproj"), "<Project />");
        File.WriteAllText(Path.Combine(_root, "App", "Program.cs"), "class A\n{\n    void M() { try { } catch { } }\n}\n");
    }

    private string Program => Path.Combine(_root, "App", "Program.cs");

    private string Settings => Path.Combine(_root, "App", "appsettings.json");

    private string HostPart => $$"""
        {"kind":"web","hostBuilder":{"call":"WebApplication.CreateBuilder","file":{{Quote(Program)}},"line":1},
         "healthChecks":[{"name":"self","registration":"AddCheck","tags":["live"],"file":{{Quote(Program)}},"line":5},
                         {"name":"OrdersDb","registration":"AddDbContextCheck<OrdersDb>","tags":["ready"],"file":{{Quote(Program)}},"line":6}],
         "healthEndpoints":[{"path":"/health/live","role":"liveness","selection":"tags","selected":["live"],"checks":["self"],"restrictions":[],"allowsAnonymous":false,"file":{{Quote(Program)}},"line":9},
                            {"path":"/health/ready","role":"readiness","selection":"tags","selected":["ready"],"checks":["OrdersDb"],"restrictions":["RequireHost(*:8081)"],"allowsAnonymous":false,"file":{{Quote(Program)}},"line":10}],
         "listen":[{"address":"http://*:8080","source":"UseUrls","file":{{Quote(Program)}},"line":2}],
         "dependencies":[{"registration":"AddDbContext<OrdersDb>","dependency":"the database behind 'OrdersDb'","coveredBy":"OrdersDb","file":{{Quote(Program)}},"line":3},
                         {"registration":"AddStackExchangeRedisCache","dependency":"Redis","coveredBy":null,"file":{{Quote(Program)}},"line":4}],
         "hostedServices":[{"type":"Orders.OutboxPublisher","logCategory":"Orders.OutboxPublisher","file":{{Quote(Program)}},"line":7}]}
        """;

    private string TelemetryPart => $$"""
        {"sources":[{"kind":"ActivitySource","name":"Orders.Api","exported":"yes","reason":null,"file":{{Quote(Program)}},"line":20},
                    {"kind":"Meter","name":"Orders.Outbox","exported":"no","reason":null,"file":{{Quote(Program)}},"line":21}]}
        """;

    private string ConfigurationPart => $$"""
        {"keys":[{"key":"Payments:BaseUrl","file":{{Quote(Program)}},"line":12,"kind":"indexer","required":true,"hasDefault":false,"providedBy":[],"declared":"none"},
                 {"key":"ConnectionStrings:Orders","file":{{Quote(Program)}},"line":3,"kind":"GetConnectionString","required":true,"hasDefault":false,"providedBy":["appsettings.json"],"declared":"settings"}]}
        """;

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

    /// <summary>A SARIF 2.1 log as the compiler writes it: one finding, and one RDY9100 result per part.</summary>
    private string Sarif(params (string Section, string Data)[] parts)
    {
        var results = new Nodes.JsonArray
        {
            new Nodes.JsonObject
            {
                ["ruleId"] = "RDY1001",
                ["level"] = "warning",
                ["message"] = new Nodes.JsonObject { ["text"] = "swallowed" },
                ["locations"] = new Nodes.JsonArray(new Nodes.JsonObject
                {
                    ["physicalLocation"] = new Nodes.JsonObject
                    {
                        ["artifactLocation"] = new Nodes.JsonObject { ["uri"] = new Uri(Program).AbsoluteUri },
                        ["region"] = new Nodes.JsonObject { ["startLine"] = 3, ["startColumn"] = 24, ["endLine"] = 3, ["endColumn"] = 29 },
                    },
                }),
            },
        };
        foreach (var (section, data) in parts)
        {
            results.Add(new Nodes.JsonObject
            {
                ["ruleId"] = "RDY9100",
                ["level"] = "note",
                ["message"] = new Nodes.JsonObject { ["text"] = "Operations contract: " + section },
                ["properties"] = new Nodes.JsonObject
                {
                    ["customProperties"] = new Nodes.JsonObject { ["ReadinessContractSection"] = section, ["ReadinessContractData"] = Nodes.JsonNode.Parse(data)!.ToJsonString() },
                },
            });
        }

        var log = new Nodes.JsonObject
        {
            ["version"] = "2.1.0",
            ["runs"] = new Nodes.JsonArray(new Nodes.JsonObject
            {
                ["results"] = results,
                ["tool"] = new Nodes.JsonObject
                {
                    ["driver"] = new Nodes.JsonObject
                    {
                        ["rules"] = new Nodes.JsonArray(
                            new Nodes.JsonObject { ["id"] = "RDY1001", ["properties"] = new Nodes.JsonObject { ["category"] = "ReadinessFailureHandling" } },
                            new Nodes.JsonObject { ["id"] = "RDY9100", ["defaultConfiguration"] = new Nodes.JsonObject { ["level"] = "note" }, ["properties"] = new Nodes.JsonObject { ["category"] = "ReadinessBuild" } }),
                    },
                },
            }),
        };
        return log.ToJsonString();
    }

    private ReadinessCheck Task(string sarif, string failOn = "info", bool update = false, string? solutionFolder = null)
    {
        File.WriteAllText(Path.Combine(_root, "App", "obj", "compiler.sarif"), sarif);
        return new ReadinessCheck
        {
            BuildEngine = _engine,
            ErrorLog = "obj/compiler.sarif",
            ProjectPath = Path.Combine(_root, "App", "App.csproj"),
            ProjectName = "App",
            TargetFramework = "net10.0",
            ReportDirectory = Path.Combine(_root, "App", "obj", "readiness"),
            CopyReportTo = solutionFolder is null ? string.Empty : Path.Combine(solutionFolder, "App"),
            SolutionReportDirectory = solutionFolder ?? string.Empty,
            BaselinePath = Path.Combine(_root, "App", "readiness.baseline.json"),
            FailOn = failOn,
            Level = "recommended",
            UpdateBaseline = update,
        };
    }

    private (string Section, string Data)[] AllParts => [("host", HostPart), ("telemetry", TelemetryPart), ("configuration", ConfigurationPart)];

    [Fact]
    public void The_contract_parts_become_the_contract_of_readiness_json_schema_2()
    {
        var task = Task(Sarif(AllParts));
        Assert.False(task.Execute()); // the RDY1001 warning fails ReadinessFailOn=info; the RDY9100 results do not count
        var json = JsonDocument.Parse(File.ReadAllText(task.JsonReportPath)).RootElement;
        Assert.Equal(2, json.GetProperty("schemaVersion").GetInt32());

        var contract = json.GetProperty("contract");
        Assert.Equal(["host", "configuration", "telemetry"], contract.EnumerateObject().Select(p => p.Name));
        var host = contract.GetProperty("host");
        Assert.Equal("web", host.GetProperty("kind").GetString());
        Assert.Equal("WebApplication.CreateBuilder", host.GetProperty("hostBuilder").GetProperty("call").GetString());
        var ready = host.GetProperty("healthEndpoints")[1];
        Assert.Equal("/health/ready", ready.GetProperty("path").GetString());
        Assert.Equal("readiness", ready.GetProperty("role").GetString());
        Assert.Equal("OrdersDb", ready.GetProperty("checks")[0].GetString());
        Assert.Equal("RequireHost(*:8081)", ready.GetProperty("restrictions")[0].GetString());
        Assert.Equal(10, ready.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, host.GetProperty("dependencies")[1].GetProperty("coveredBy").ValueKind);
        Assert.Equal("Orders.OutboxPublisher", host.GetProperty("hostedServices")[0].GetProperty("logCategory").GetString());
        var key = contract.GetProperty("configuration").GetProperty("keys")[1];
        Assert.Equal("ConnectionStrings:Orders", key.GetProperty("key").GetString());
        Assert.Equal("appsettings.json", key.GetProperty("providedBy")[0].GetString());
        Assert.True(key.GetProperty("required").GetBoolean());
        Assert.Equal("no", contract.GetProperty("telemetry").GetProperty("sources")[1].GetProperty("exported").GetString());

        // Not findings: one finding (RDY1001), no RDY9100 anywhere in the counts, the gate or the rules.
        Assert.Single(json.GetProperty("findings").EnumerateArray());
        Assert.Equal(0, json.GetProperty("summary").GetProperty("infos").GetInt32());
        Assert.Equal(1, json.GetProperty("gate").GetProperty("failingFindings").GetInt32());
        Assert.DoesNotContain(json.GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "RDY9100");
        Assert.Contains("Readiness: 0 errors, 1 warning (failure handling 1)", _engine.Messages.Select(m => m.Message).Single(m => m!.StartsWith("Readiness:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Readiness_md_has_the_operations_contract_tables()
    {
        var task = Task(Sarif(AllParts), failOn: "none");
        Assert.True(task.Execute());
        var markdown = File.ReadAllText(task.MarkdownReportPath);
        Assert.Contains("## Operations contract\n\nHost: **web**, built by `WebApplication.CreateBuilder` (`Program.cs:1`).", markdown, StringComparison.Ordinal);
        Assert.Contains("### Health endpoints\n\n| Path | Role | Runs | Restrictions | Where |\n|---|---|---|---|---|\n| `/health/live` | liveness | `self` | none | `Program.cs:9` |\n| `/health/ready` | readiness | `OrdersDb` | `RequireHost(*:8081)` | `Program.cs:10` |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `http://*:8080` | UseUrls | `Program.cs:2` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| the database behind 'OrdersDb' | `AddDbContext<OrdersDb>` | OrdersDb | `Program.cs:3` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Redis | `AddStackExchangeRedisCache` | **none** | `Program.cs:4` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Orders.OutboxPublisher` | `Orders.OutboxPublisher` | `Program.cs:7` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `Payments:BaseUrl` | indexer | yes | no | **nothing** | none | `Program.cs:12` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `ConnectionStrings:Orders` | GetConnectionString | yes | no | `appsettings.json` | settings | `Program.cs:3` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Meter | `Orders.Outbox` | **no** | - | `Program.cs:21` |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY9100]", markdown.Substring(0, markdown.IndexOf("## Operations contract", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_RDY9100_results_the_contract_is_null_and_the_page_says_it_was_not_collected()
    {
        var task = Task(Sarif(), failOn: "none");
        Assert.True(task.Execute());
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(File.ReadAllText(task.JsonReportPath)).RootElement.GetProperty("contract").ValueKind);
        Assert.Contains("## Operations contract\n\nNot collected in this build", File.ReadAllText(task.MarkdownReportPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_contract_without_host_lists_what_it_contributes()
    {
        var task = Task(Sarif(("telemetry", TelemetryPart)), failOn: "none");
        Assert.True(task.Execute());
        var contract = JsonDocument.Parse(File.ReadAllText(task.JsonReportPath)).RootElement.GetProperty("contract");
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("host").ValueKind);
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("configuration").ValueKind);
        Assert.Equal(2, contract.GetProperty("telemetry").GetProperty("sources").GetArrayLength());
        var markdown = File.ReadAllText(task.MarkdownReportPath);
        Assert.Contains("Not a service host", markdown, StringComparison.Ordinal);
        Assert.Contains("| ActivitySource | `Orders.Api` | yes | - | `Program.cs:20` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_reported_twice_is_merged_without_duplicates()
    {
        const string Extra = """{"sources":[{"kind":"ActivitySource","name":"Orders.Extra","exported":"unknown","reason":"no pipeline is configured in this project","file":null,"line":0}]}""";
        var task = Task(Sarif(("telemetry", TelemetryPart), ("telemetry", TelemetryPart), ("telemetry", Extra)), failOn: "none");
        Assert.True(task.Execute());
        var sources = JsonDocument.Parse(File.ReadAllText(task.JsonReportPath)).RootElement.GetProperty("contract").GetProperty("telemetry").GetProperty("sources");
        Assert.Equal(["Orders.Api", "Orders.Outbox", "Orders.Extra"], sources.EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
    }

    [Fact]
    public void RDY9100_results_are_never_baselined()
    {
        Assert.True(Task(Sarif(AllParts), update: true).Execute());
        var baseline = BaselineDocument.TryParse(File.ReadAllText(Path.Combine(_root, "App", "readiness.baseline.json")), out _)!;
        Assert.Equal("RDY1001", Assert.Single(baseline.Findings).RuleId);
    }

    [Fact]
    public void The_solution_folder_gets_contract_md_and_the_index_carries_each_contract_but_the_sarif_file_has_no_RDY9100()
    {
        var folder = Path.Combine(_root, "out");
        Assert.True(Task(Sarif(AllParts), failOn: "none", solutionFolder: folder).Execute());

        var page = File.ReadAllText(Path.Combine(folder, "contract.md"));
        Assert.StartsWith("# Operations contract: all projects\n", page, StringComparison.Ordinal);
        Assert.Contains("## App (web host)\n\nHost: **web**", page, StringComparison.Ordinal);
        Assert.Contains("### Health endpoints", page, StringComparison.Ordinal);
        Assert.DoesNotContain("### Operations contract", page, StringComparison.Ordinal);

        var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "readiness.json"))).RootElement;
        Assert.Equal(2, index.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("contract.md", index.GetProperty("contract").GetString());
        Assert.Equal("web", index.GetProperty("projects")[0].GetProperty("contract").GetProperty("host").GetProperty("kind").GetString());

        var sarif = File.ReadAllText(Path.Combine(folder, "readiness.sarif"));
        Assert.Contains("RDY1001", sarif, StringComparison.Ordinal);
        Assert.DoesNotContain("RDY9100", sarif, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sarif_reader_keeps_RDY9100_out_of_the_findings_and_hands_it_over_separately()
    {
        var parts = new List<SarifResult>();
        var findings = SarifLog.ReadReadinessResults(Sarif(AllParts), Path.Combine(_root, "App"), parts);
        Assert.Equal("RDY1001", Assert.Single(findings).RuleId);
        Assert.Equal(["host", "telemetry", "configuration"], parts.Select(p => p.Properties["ReadinessContractSection"]));
        Assert.False(SarifLog.IsReadinessRule("RDY9100"));
        Assert.Single(SarifLog.ReadReadinessResults(Sarif(AllParts), Path.Combine(_root, "App")));
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
