using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Configuration;
using ReadinessAnalyzers.Contract;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Configuration;

/// <summary>The configuration part of the operations contract (RDY9100), written by <see cref="MissingConfigurationKeyAnalyzer"/>.</summary>
public sealed class ConfigurationContractTests
{
    private const string Requested = "build_property.ReadinessContract = true";

    private const string Source = """
        using System.ComponentModel.DataAnnotations;

        public sealed class PaymentOptions
        {
            [Required] public string BaseUrl { get; set; } = "";
            [Required] public string MerchantId { get; set; } = "";
        }

        public static class Setup
        {
            public static void Add(IServiceCollection services, IConfiguration configuration)
            {
                services.AddOptions<PaymentOptions>().BindConfiguration("Payments").ValidateDataAnnotations().ValidateOnStart();
                var db = configuration.GetConnectionString("Orders");
                var retries = configuration.GetValue("Payments:Retries", 3);
                var vault = configuration["Vault:Uri"];
                var vault2 = configuration["vault:uri"]; var again = configuration["Vault:Uri"];
                var identity = configuration.GetRequiredSection("Identity");
                var features = configuration.GetSection("Features").GetChildren();
                var redis = configuration.GetConnectionString("redis");
                var secret = configuration["Stripe:Key"];
            }
        }
        """;

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source, string? globalConfig, bool testProject = false, bool settings = true)
    {
        var spec = new TestProjectSpec { GlobalConfig = globalConfig };
        spec.Sources.Add(("/src/Setup.cs", source));
        if (settings)
        {
            spec.AdditionalFiles.Add(("/src/appsettings.json", """{ "ConnectionStrings": { "Orders": "" }, "Payments": { "BaseUrl": "https://pay" } }"""));
            spec.AdditionalFiles.Add(("/src/appsettings.Development.json", """{ "ConnectionStrings": { "Orders": "Server=localhost" }, "Features": { "A": true } }"""));
        }

        if (testProject)
        {
            spec.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        }

        var project = TestProject.Create(spec);
        var result = await TestProject.AnalyzeAsync(project.Compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new MissingConfigurationKeyAnalyzer()), project.AnalyzerOptions);
        result.ThrowOnAnalyzerExceptions("while writing the contract");
        return result.Diagnostics;
    }

    private static string ContractOf(ImmutableArray<Diagnostic> diagnostics)
    {
        var contract = Assert.Single(diagnostics, d => d.Id == RuleIdentifiers.OperationsContract);
        Assert.Equal(Location.None, contract.Location);
        Assert.Equal(ContractChannel.SectionConfiguration, contract.Properties[ContractChannel.SectionKey]);
        return contract.Properties[ContractChannel.DataKey]!;
    }

    [Fact]
    public async Task Every_key_read_is_listed_once_per_place_sorted_with_where_it_comes_from()
    {
        var diagnostics = await AnalyzeAsync(Source, Requested + "\nRDY4006.provided_keys = Stripe:*");
        var json = ContractOf(diagnostics);
        string Entry(string key, int line, string kind, bool required, bool hasDefault, string providedBy, string declared)
            => $$"""{"key":"{{key}}","file":"/src/Setup.cs","line":{{line}},"kind":"{{kind}}","required":{{(required ? "true" : "false")}},"hasDefault":{{(hasDefault ? "true" : "false")}},"providedBy":[{{providedBy}}],"declared":"{{declared}}"}""";
        var expected = "{\"keys\":["
            + string.Join(",", [
                Entry("ConnectionStrings:Orders", 14, "GetConnectionString", true, false, "\"appsettings.Development.json\",\"appsettings.json\"", "settings"),
                Entry("ConnectionStrings:redis", 20, "GetConnectionString", true, false, string.Empty, "none"),
                Entry("Features", 19, "GetSection", false, false, "\"appsettings.Development.json\"", "settings"),
                Entry("Identity", 18, "GetRequiredSection", true, false, string.Empty, "none"),
                Entry("Payments:BaseUrl", 13, "options", true, false, "\"appsettings.json\"", "settings"),
                Entry("Payments:MerchantId", 13, "options", true, false, string.Empty, "none"),
                Entry("Payments:Retries", 15, "GetValue", false, true, string.Empty, "none"),
                Entry("Stripe:Key", 21, "indexer", true, false, string.Empty, "option"),
                Entry("Vault:Uri", 16, "indexer", true, false, string.Empty, "none"),
                Entry("Vault:Uri", 17, "indexer", true, false, string.Empty, "none"),
            ])
            + "]}";
        Assert.Equal(expected, json);

        // The findings are the ordinary ones: the contract is extra.
        Assert.Equal(
            ["RDY4006 ConnectionStrings:redis", "RDY4006 Vault:Uri", "RDY4006 Vault:Uri", "RDY4006 vault:uri", "RDY4007 Identity", "RDY4007 Payments:MerchantId"],
            diagnostics.Where(d => d.Id != RuleIdentifiers.OperationsContract)
                .Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1])
                .OrderBy(s => s, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_written_unless_the_build_asks_for_the_contract()
    {
        var diagnostics = await AnalyzeAsync(Source, globalConfig: null);
        Assert.DoesNotContain(diagnostics, d => d.Id == RuleIdentifiers.OperationsContract);
        Assert.Contains(diagnostics, d => d.Id == RuleIdentifiers.ConfigurationKeyNotProvided);
    }

    [Fact]
    public async Task A_project_without_settings_files_lists_its_keys_without_findings_and_a_test_project_lists_none()
    {
        var library = await AnalyzeAsync(Source, Requested, settings: false);
        Assert.Single(library);
        Assert.Contains("{\"key\":\"Vault:Uri\",\"file\":\"/src/Setup.cs\",\"line\":16,\"kind\":\"indexer\",\"required\":true,\"hasDefault\":false,\"providedBy\":[],\"declared\":\"none\"}", ContractOf(library), System.StringComparison.Ordinal);

        var tests = await AnalyzeAsync(Source, Requested, testProject: true);
        Assert.Equal("{\"keys\":[]}", ContractOf(tests));
    }

    [Fact]
    public async Task The_sample_service_shows_both_rules()
    {
        var folder = System.IO.Path.Combine(Catalog.RuleCatalog.RepositoryRoot, "samples", "OrderService");
        var spec = new TestProjectSpec { OutputKind = OutputKind.ConsoleApplication };
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.*", System.IO.SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", System.StringComparison.Ordinal) && !f.Contains("/bin/", System.StringComparison.Ordinal)))
        {
            var path = TestProjectSpec.SourceFolder + System.IO.Path.GetRelativePath(folder, file);
            if (file.EndsWith(".cs", System.StringComparison.Ordinal))
            {
                spec.Sources.Add((path, await System.IO.File.ReadAllTextAsync(file)));
            }
            else if (System.IO.Path.GetFileName(file).StartsWith("appsettings", System.StringComparison.Ordinal))
            {
                spec.AdditionalFiles.Add((path, await System.IO.File.ReadAllTextAsync(file)));
            }
        }

        var project = TestProject.Create(spec);
        var result = await TestProject.AnalyzeAsync(project.Compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new MissingConfigurationKeyAnalyzer()), project.AnalyzerOptions);
        result.ThrowOnAnalyzerExceptions("on the sample");
        Assert.Equal(
            ["RDY4006 Payments:WebhookSecret", "RDY4007 Payments:MerchantId"],
            result.Diagnostics.Select(d => d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[1]).OrderBy(s => s, System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task Orchestrator_keys_are_marked_as_such()
    {
        const string Aspire = """
            public static class Setup
            {
                public static void Add(IHostApplicationBuilder builder)
                {
                    builder.AddNpgsqlDataSource("orders");
                    var db = builder.Configuration.GetConnectionString("orders");
                }
            }
            """;
        var spec = new TestProjectSpec { GlobalConfig = Requested };
        spec.Sources.Add(("/src/Setup.cs", Aspire));
        spec.AdditionalFiles.Add(("/src/appsettings.json", "{}"));
        var project = TestProject.Create(spec);
        var compilation = project.Compilation.AddReferences(AspireStub.Reference);
        var result = await TestProject.AnalyzeAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new MissingConfigurationKeyAnalyzer()), project.AnalyzerOptions);
        Assert.Equal(
            "{\"keys\":[{\"key\":\"ConnectionStrings:orders\",\"file\":\"/src/Setup.cs\",\"line\":6,\"kind\":\"GetConnectionString\",\"required\":true,\"hasDefault\":false,\"providedBy\":[],\"declared\":\"orchestrator\"}]}",
            ContractOf(result.Diagnostics));
    }
}
