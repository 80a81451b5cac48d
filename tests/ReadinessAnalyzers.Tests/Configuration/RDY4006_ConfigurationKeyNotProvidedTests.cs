using System.Threading.Tasks;
using ReadinessAnalyzers.Configuration;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4006_ConfigurationKeyNotProvidedTests
{
    internal const string Settings = """
        {
          "Logging": { "LogLevel": { "Default": "Information" } },
          "ConnectionStrings": { "Orders": "Server=sql;Database=orders;Integrated Security=true", "Reporting": "" },
          "Payments": { "BaseUrl": "https://payments.example.com", "TimeoutSeconds": 30, "ApiKey": "<set in Key Vault>" },
          "Cache": { "Hosts": [ "cache-1:6379", "cache-2:6379" ] },
          "Features": {},
          "Smtp": { "Host": "smtp.example.com", "Port": 25 }
        }
        """;

    internal static AnalyzerTest Create(string source, string settings = Settings, string? globalConfig = null)
    {
        var test = new AnalyzerTest(new MissingConfigurationKeyAnalyzer()) { DefaultDiagnosticId = "RDY4006", GlobalConfig = globalConfig };
        test.Sources.Add(source);
        test.AdditionalFiles.Add(("appsettings.json", settings));
        return test;
    }

    [Fact]
    public Task Indexer_connection_string_and_GetValue_without_default_are_reported_when_no_settings_file_has_the_key()
    {
        var test = Create("""
            public sealed class Checkout(IConfiguration configuration)
            {
                public void Run()
                {
                    var url = {|#0:configuration["Payments:CallbackUrl"]|};
                    var db = configuration.[|GetConnectionString("Inventory")|];
                    var retries = configuration.[|GetValue<int>("Payments:Retries")|];
                    var shown = url + db + retries;
                }
            }
            """);
        test.ExpectedMessages[0] = "Configuration key 'Payments:CallbackUrl' is read here, but no settings file provides it (searched appsettings.json); unless an environment variable 'Payments__CallbackUrl' or a secret store sets it, the read gets no value in every such environment; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }

    [Fact]
    public Task Section_chains_compose_the_key_and_constants_and_nameof_resolve()
        => Create("""
            public static class Keys
            {
                public const string Payments = "Payments";
                public const string Webhook = Payments + ":Webhook";
            }

            public sealed class Gateway
            {
                public string? Secret { get; set; }
            }

            public sealed class Checkout(IConfiguration configuration)
            {
                public void Run()
                {
                    var a = [|configuration.GetSection("Payments")["Region"]|];
                    var b = [|configuration.GetSection("Payments").GetSection("Webhook")["Secret"]|];
                    var c = [|configuration[Keys.Webhook + ":Url"]|];
                    var d = configuration.GetSection(nameof(Gateway)).[|GetValue<string>(nameof(Gateway.Secret))|];
                    var e = configuration.GetSection("Payments").[|GetConnectionString("Ledger")|];
                    var ok = configuration.GetSection("Payments")["BaseUrl"] + configuration.GetSection("payments").GetValue<int>("timeoutseconds");
                    var gateway = configuration.[|GetSection("Gateway")|].Get<Gateway>();
                    var smtp = configuration.GetSection("Smtp").Get<Gateway>();
                    var fallback = configuration.GetSection("Gateway").Get<Gateway>() ?? new Gateway();
                    configuration.GetSection("Gateway").Bind(new Gateway());
                }
            }
            """).RunAsync();

    [Fact]
    public Task Keys_present_in_a_settings_file_are_not_reported_whatever_the_value_or_letter_case()
        => Create("""
            public sealed class Reader(IConfiguration configuration, IHostApplicationBuilder builder)
            {
                public void Run()
                {
                    var values = new object?[]
                    {
                        configuration["Payments:BaseUrl"],
                        configuration["PAYMENTS:baseurl"],
                        configuration["Payments:ApiKey"],            // placeholder value: declared
                        configuration.GetConnectionString("Reporting"), // empty value: declared
                        configuration.GetConnectionString("orders"),
                        configuration["Cache:Hosts:1"],
                        configuration["Features"],                    // empty object: declared
                        configuration.GetValue<int>("Smtp:Port"),
                        builder.Configuration["Logging:LogLevel:Default"],
                    };
                }
            }
            """).RunAsync();

    [Fact]
    public Task Reads_that_handle_a_missing_value_and_keys_known_only_at_run_time_are_not_reported()
        => Create("""
            public sealed class Reader(IConfiguration configuration)
            {
                public void Run(string tenant)
                {
                    var a = configuration.GetValue<int>("Payments:Retries", 3);
                    var b = configuration.GetValue("Payments:Mode", "live");
                    var c = configuration["Payments:Region"] ?? "eu";
                    if (configuration["Ollama:Enabled"] is string enabled) { }
                    if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("embeddings"))) { }
                    if (configuration["Payments:Proxy"] != null) { }
                    var d = configuration["Payments:Tag"]?.Trim();
                    var e = bool.TryParse(configuration["Features:NewCheckout"], out var on);
                    if (configuration.GetValue<bool>("Features:Hsts")) { }
                    var flag = configuration.GetValue<bool?>("Features:Beta");
                    var f = configuration["Tenants:" + tenant];
                    var g = configuration[tenant];
                    configuration["Runtime:StartedAt"] = "now";
                }
            }
            """).RunAsync();

    [Fact]
    public Task A_coalesce_that_throws_still_needs_the_value()
        => Create("""
            public sealed class Reader(IConfiguration configuration)
            {
                public string Url => [|configuration["Payments:CallbackUrl"]|] ?? throw new InvalidOperationException("missing");
            }
            """).RunAsync();

    [Fact]
    public Task Look_alikes_that_are_not_configuration_are_not_reported()
        => Create("""
            public sealed class NotConfiguration
            {
                public string? this[string key] => null;
                public string? GetConnectionString(string name) => null;
                public T? GetValue<T>(string key) => default;
            }

            public sealed class Reader(NotConfiguration settings, Dictionary<string, string> values)
            {
                public void Run()
                {
                    var a = settings["Payments:CallbackUrl"];
                    var b = settings.GetConnectionString("Inventory");
                    var c = settings.GetValue<int>("Payments:Retries");
                    var d = values["Payments:CallbackUrl"];
                }
            }
            """).RunAsync();

    [Fact]
    public Task Sections_of_unknown_path_and_configuration_parameters_that_receive_a_section_are_not_reported()
        => Create("""
            public static class PaymentsSetup
            {
                public static void Add(IServiceCollection services, IConfiguration root)
                {
                    Use(root.GetSection("Payments"));
                    root.GetSection("Ledger").UseLedger();
                    var direct = [|root["Ledger:Account"]|];
                    var section = root.GetSection("Payments");
                    var a = section["Region"];
                }

                // Given a section by its caller: the keys below are relative to it.
                private static void Use(IConfiguration payments)
                {
                    var url = payments["CallbackUrl"];
                }

                private static void UseLedger(this IConfiguration ledger)
                {
                    var account = ledger["Account"];
                }

                private static void UseSection(IConfigurationSection section)
                {
                    var url = section["CallbackUrl"];
                }
            }
            """).RunAsync();

    [Fact]
    public Task Options_with_required_properties_validated_on_use_are_reported_per_missing_property()
    {
        var test = Create("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.Extensions.Configuration;

            public sealed class PaymentOptions
            {
                [Required] public string BaseUrl { get; set; } = "";
                [Required] public string MerchantId { get; set; } = "";
                [Required, ConfigurationKeyName("webhook_secret")] public string WebhookSecret { get; set; } = "";
                public int TimeoutSeconds { get; set; }
            }

            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddOptions<PaymentOptions>()
                        .{|#0:{|#1:BindConfiguration("Payments")|}|}
                        .ValidateDataAnnotations();
                }
            }
            """);
        test.ExpectedMessages[0] = "Configuration key 'Payments:MerchantId' is bound to the [Required] property 'PaymentOptions.MerchantId', but no settings file provides it (searched appsettings.json); unless an environment variable 'Payments__MerchantId' or a secret store sets it, validating the options fails when they are first used; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        test.ExpectedMessages[1] = "Configuration key 'Payments:webhook_secret' is bound to the [Required] property 'PaymentOptions.WebhookSecret', but no settings file provides it (searched appsettings.json); unless an environment variable 'Payments__webhook_secret' or a secret store sets it, validating the options fails when they are first used; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }

    [Fact]
    public Task Options_without_validation_or_without_required_properties_are_not_reported()
        => Create("""
            using System.ComponentModel.DataAnnotations;

            public sealed class PaymentOptions { [Required] public string MerchantId { get; set; } = ""; }
            public sealed class SmtpOptions { public string User { get; set; } = ""; }

            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddOptions<PaymentOptions>().BindConfiguration("Payments");
                    services.Configure<PaymentOptions>(configuration.GetSection("Payments"));
                    services.AddOptions<SmtpOptions>().BindConfiguration("Smtp").ValidateDataAnnotations().ValidateOnStart();
                }
            }
            """).RunAsync();

    [Fact]
    public Task The_option_declares_keys_exactly_by_section_or_by_prefix()
    {
        const string Source = """
            public sealed class Reader(IConfiguration configuration)
            {
                public void Run()
                {
                    var a = [|configuration["Payments:CallbackUrl"]|];
                    var b = configuration.[|GetConnectionString("Inventory")|];
                    var c = [|configuration["Vault:Uri"]|];
                    var d = [|configuration.GetSection("Stripe")["Key"]|];
                }
            }
            """;
        var declared = Create(Markup.Strip(Source), globalConfig: "RDY4006.provided_keys = Payments:CallbackUrl, ConnectionStrings:*, Vault, Stripe*");
        var unrelated = Create(Source, globalConfig: "RDY4006.provided_keys = Payments:Callback, ConnectionStrings:Inv, Vaults, Strip:Key");
        var perFolder = Create(Markup.Strip(Source));
        perFolder.EditorConfig = "[*.cs]\nrdy4006.provided_keys = payments:callbackurl, connectionstrings:*, vault, stripe*";
        return Task.WhenAll(declared.RunAsync(), unrelated.RunAsync(), perFolder.RunAsync());
    }

    [Fact]
    public Task A_wrapper_or_client_integration_with_a_connectionName_declares_that_connection_string()
    {
        var test = Create("""
            namespace Orders
            {
                public static class EventBus
                {
                    public static IHostApplicationBuilder AddRabbitMqEventBus(this IHostApplicationBuilder builder, string connectionName) => builder;
                }

                public static class Setup
                {
                    public static void Add(IHostApplicationBuilder builder)
                    {
                        builder.AddRabbitMqEventBus("eventbus");
                        var bus = builder.Configuration.GetConnectionString("eventbus");
                        var other = builder.Configuration.[|GetConnectionString("catalogdb")|];
                    }
                }
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task A_project_run_by_an_Aspire_AppHost_gets_connection_strings_and_service_endpoints_from_it()
    {
        var test = Create("""
            public static class Setup
            {
                public static void Add(IHostApplicationBuilder builder)
                {
                    builder.AddNpgsqlDataSource("orders");
                    var db = builder.Configuration.GetConnectionString("orderingdb");
                    var catalog = builder.Configuration["services:catalog-api:https:0"];
                    var url = [|builder.Configuration["Payments:CallbackUrl"]|];
                }
            }
            """);
        test.TestState.AdditionalReferences.Add(AspireStub.Reference);
        return test.RunAsync();
    }

    [Fact]
    public Task Aspire_service_discovery_alone_marks_the_project_as_orchestrated()
    {
        var orchestrated = Create("""
            public sealed class Reader(IConfiguration configuration)
            {
                public string? Db => configuration.GetConnectionString("orderingdb");
                public string? Catalog => configuration["services:catalog-api:https:0"];
                public string? Url => [|configuration["Payments:CallbackUrl"]|];
            }
            """);
        orchestrated.TestState.AdditionalReferences.Add(AspireStub.ServiceDiscovery);
        return orchestrated.RunAsync();
    }

    [Fact]
    public Task Test_projects_and_libraries_without_settings_files_are_not_checked()
    {
        const string Source = """
            public sealed class Reader(IConfiguration configuration)
            {
                public string? Url => configuration["Payments:CallbackUrl"];
            }
            """;
        var testProject = Create(Source);
        testProject.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");

        var library = new AnalyzerTest(new MissingConfigurationKeyAnalyzer());
        library.Sources.Add(Source);
        return Task.WhenAll(testProject.RunAsync(), library.RunAsync());
    }

    [Fact]
    public Task A_settings_file_that_is_not_valid_JSON_provides_nothing_and_is_named_as_such()
    {
        var test = Create(
            """
            public sealed class Reader(IConfiguration configuration)
            {
                public string? Url => {|#0:configuration["Payments:CallbackUrl"]|};
                public string? Base => configuration["Payments:BaseUrl"];
            }
            """,
            settings: """{ "Payments": { "BaseUrl": "https://payments" } }""");
        test.AdditionalFiles.Add(("appsettings.Staging.json", """{ "Payments": { "CallbackUrl": "https://x" } "Other": 1 }"""));
        test.ExpectedMessages[0] = "Configuration key 'Payments:CallbackUrl' is read here, but no settings file provides it (searched appsettings.json, appsettings.Staging.json (not valid JSON)); unless an environment variable 'Payments__CallbackUrl' or a secret store sets it, the read gets no value in every such environment; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }

    [Fact]
    public Task Every_settings_file_is_searched_and_named_in_the_message()
    {
        var test = Create(
            """
            public sealed class Reader(IConfiguration configuration)
            {
                public string? Url => configuration["Payments:Sandbox"];
                public string? Other => {|#0:configuration["Payments:Region"]|};
            }
            """,
            settings: "{}");
        test.AdditionalFiles.Add(("appsettings.Development.json", """{ "Payments": { "Sandbox": "https://sandbox" } }"""));
        test.ExpectedMessages[0] = "Configuration key 'Payments:Region' is read here, but no settings file provides it (searched appsettings.Development.json, appsettings.json); unless an environment variable 'Payments__Region' or a secret store sets it, the read gets no value in every such environment; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }
}

/// <summary>An Aspire client integration (the assembly's name is what marks it).</summary>
internal static class AspireStub
{
    public static readonly Microsoft.CodeAnalysis.MetadataReference Reference = Compile("Aspire.Npgsql", """
        namespace Microsoft.Extensions.Hosting
        {
            public static class AspirePostgreSqlNpgsqlExtensions
            {
                public static void AddNpgsqlDataSource(this IHostApplicationBuilder builder, string connectionName) { }
            }
        }
        """);

    /// <summary>What Aspire's service defaults reference (no Aspire.* assembly).</summary>
    public static readonly Microsoft.CodeAnalysis.MetadataReference ServiceDiscovery = Compile("Microsoft.Extensions.ServiceDiscovery", """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class ServiceDiscoveryServiceCollectionExtensions
            {
                public static IServiceCollection AddServiceDiscovery(this IServiceCollection services) => services;
            }
        }
        """);

    private static Microsoft.CodeAnalysis.MetadataReference Compile(string assemblyName, string source)
    {
        var references = ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: true);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            assemblyName,
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, ProjectLayer.ParseOptions())],
            references,
            ProjectLayer.CompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var stream = new System.IO.MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(stream.ToArray());
    }
}
