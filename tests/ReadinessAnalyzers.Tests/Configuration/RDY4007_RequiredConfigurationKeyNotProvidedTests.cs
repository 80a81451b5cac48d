using System.Threading.Tasks;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4007_RequiredConfigurationKeyNotProvidedTests
{
    private static AnalyzerTest Create(string source, string settings = RDY4006_ConfigurationKeyNotProvidedTests.Settings, string? globalConfig = null)
    {
        var test = RDY4006_ConfigurationKeyNotProvidedTests.Create(source, settings, globalConfig);
        test.DefaultDiagnosticId = "RDY4007";
        return test;
    }

    [Fact]
    public Task GetRequiredSection_of_a_section_no_settings_file_has_is_reported()
    {
        var test = Create("""
            public sealed class Reader(IConfiguration configuration)
            {
                public void Run()
                {
                    var scopes = configuration.{|#0:GetRequiredSection("Identity")|}.GetChildren();
                    var url = configuration.GetSection("Identity").[|GetRequiredSection("Scopes")|];
                    var payments = configuration.GetRequiredSection("Payments");     // has keys below it
                    var features = configuration.GetRequiredSection("Features");     // an empty object declares it
                    var hosts = configuration.GetRequiredSection("cache:hosts");     // an array
                }
            }
            """);
        test.ExpectedMessages[0] = "Configuration key 'Identity' is required at start-up (GetRequiredSection throws when the section is missing), but no settings file provides it (searched appsettings.json); unless an environment variable 'Identity' or a secret store sets it, the host fails to start; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }

    [Fact]
    public Task A_required_section_read_further_is_reported_for_both_keys()
    {
        var test = Create("""
            public sealed class Reader(IConfiguration configuration)
            {
                public string? Url => {|RDY4006:configuration.[|GetRequiredSection("Identity")|]["Url"]|};
            }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task Options_validated_on_start_are_reported_per_missing_required_property()
    {
        var test = Create("""
            using System.ComponentModel.DataAnnotations;

            public sealed class PaymentOptions
            {
                [Required] public string BaseUrl { get; set; } = "";
                [Required] public string MerchantId { get; set; } = "";
            }

            public sealed class LedgerOptions
            {
                [Required] public string Account { get; set; } = "";
            }

            public sealed class SmtpOptions
            {
                [Required] public string Host { get; set; } = "";
                [Required] public string Password { get; set; } = "";
            }

            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddOptions<PaymentOptions>()
                        .{|#0:BindConfiguration("Payments")|}
                        .ValidateDataAnnotations()
                        .ValidateOnStart();

                    // Bound in one statement, validated in another: the same options type.
                    services.[|Configure<LedgerOptions>(configuration.GetSection("Ledger"))|];
                    services.AddOptions<LedgerOptions>().ValidateDataAnnotations().ValidateOnStart();

                    services.AddOptions<SmtpOptions>().[|Bind(configuration.GetSection("Smtp"))|].ValidateDataAnnotations().ValidateOnStart();
                }
            }
            """);
        test.ExpectedMessages[0] = "Configuration key 'Payments:MerchantId' is required at start-up (ValidateOnStart checks the [Required] property 'PaymentOptions.MerchantId'), but no settings file provides it (searched appsettings.json); unless an environment variable 'Payments__MerchantId' or a secret store sets it, the host fails to start; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys";
        return test.RunAsync();
    }

    [Fact]
    public Task AddOptionsWithValidateOnStart_with_a_validator_validates_on_start()
        => Create("""
            using System.ComponentModel.DataAnnotations;
            using Microsoft.Extensions.Options;

            public sealed class PaymentOptions { [Required] public string MerchantId { get; set; } = ""; }

            public sealed class PaymentOptionsValidator : IValidateOptions<PaymentOptions>
            {
                public ValidateOptionsResult Validate(string? name, PaymentOptions options) => ValidateOptionsResult.Success;
            }

            public sealed class SmtpOptions { [Required] public string User { get; set; } = ""; }

            public static class Setup
            {
                public static void Add(IServiceCollection services)
                {
                    services.AddOptionsWithValidateOnStart<PaymentOptions, PaymentOptionsValidator>().[|BindConfiguration("Payments")|];
                    // Validated on start, but nothing checks [Required]: silent.
                    services.AddOptionsWithValidateOnStart<SmtpOptions>().BindConfiguration("Smtp");
                }
            }
            """).RunAsync();

    [Fact]
    public Task The_option_of_RDY4006_declares_keys_for_RDY4007_too()
    {
        const string Source = """
            using System.ComponentModel.DataAnnotations;

            public sealed class PaymentOptions { [Required] public string MerchantId { get; set; } = ""; }

            public static class Setup
            {
                public static void Add(IServiceCollection services, IConfiguration configuration)
                {
                    services.AddOptions<PaymentOptions>().[|BindConfiguration("Payments")|].ValidateDataAnnotations().ValidateOnStart();
                    var identity = configuration.[|GetRequiredSection("Identity")|];
                }
            }
            """;
        var declared = Create(Markup.Strip(Source), globalConfig: "RDY4006.provided_keys = Payments:MerchantId, Identity:Authority");
        var sectionDeclared = Create(Markup.Strip(Source), globalConfig: "RDY4006.provided_keys = Payments, Identity*");
        var notDeclared = Create(Source, globalConfig: "RDY4006.provided_keys = Payments:Merchant, Ident");
        return Task.WhenAll(declared.RunAsync(), sectionDeclared.RunAsync(), notDeclared.RunAsync());
    }

    [Fact]
    public Task Not_reported_in_test_projects_or_without_settings_files()
    {
        const string Source = """
            public sealed class Reader(IConfiguration configuration)
            {
                public IConfigurationSection Identity => configuration.GetRequiredSection("Identity");
            }
            """;
        var testProject = Create(Source);
        testProject.StubSources.Add("namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }");
        var library = new AnalyzerTest(new ReadinessAnalyzers.Configuration.MissingConfigurationKeyAnalyzer());
        library.Sources.Add(Source);
        return Task.WhenAll(testProject.RunAsync(), library.RunAsync());
    }
}
