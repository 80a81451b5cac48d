using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.Configuration;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4003_HardCodedEndpointCodeFixTests
{
    private const string KafkaStub = """
        namespace Confluent.Kafka
        {
            public class ClientConfig { public string? BootstrapServers { get; set; } }
            public sealed class ProducerConfig : ClientConfig { }
        }
        """;

    private const string Settings = """
        {
          "AllowedHosts": "*"
        }
        """;

    private static CodeFixTest Create(string source, string fixedSource, string settings = Settings, string? fixedSettings = null)
    {
        var test = CodeFixVerifier<HardCodedEndpointAnalyzer, ReadFromConfigurationCodeFix>.Create(source, fixedSource);
        test.StubSources.Add(KafkaStub);
        test.AdditionalFiles.Add(("appsettings.json", settings));
        if (fixedSettings is not null)
        {
            test.FixedAdditionalFiles.Add(("appsettings.json", fixedSettings));
        }

        return test;
    }

    private static CodeFixTest CreateWithoutFix(string source)
    {
        var test = Create(source, source);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test;
    }

    [Fact]
    public Task A_base_address_is_read_from_a_key_named_after_the_host()
        => Create(
            """
            sealed class OrdersClient(HttpClient client, IConfiguration configuration)
            {
                public void Configure() => client.BaseAddress = new Uri([|"https://orders-api.corp.internal/v1/"|]);
            }
            """,
            """
            sealed class OrdersClient(HttpClient client, IConfiguration configuration)
            {
                public void Configure() => client.BaseAddress = new Uri(configuration["Services:OrdersApi:Url"] ?? throw new InvalidOperationException("Configuration value 'Services:OrdersApi:Url' is missing."));
            }
            """,
            fixedSettings: """
            {
              "AllowedHosts": "*",
              "Services": {
                "OrdersApi": {
                  "Url": "https://orders-api.corp.internal/v1/"
                }
              }
            }
            """).RunAsync();

    [Fact]
    public Task A_nullable_property_takes_the_value_as_it_is_and_an_existing_section_is_extended()
        => Create(
            """
            using Confluent.Kafka;

            var builder = WebApplication.CreateBuilder(args);
            var producer = new ProducerConfig { BootstrapServers = [|"kafka-1.corp.internal:9092"|] };
            builder.Build().Run();
            """,
            """
            using Confluent.Kafka;

            var builder = WebApplication.CreateBuilder(args);
            var producer = new ProducerConfig { BootstrapServers = builder.Configuration["Services:Kafka1:Address"] };
            builder.Build().Run();
            """,
            settings: """
            {
              "Services": {
                "Catalog": {
                  "Url": "https://catalog.corp.internal"
                },
              },
            }
            """,
            fixedSettings: """
            {
              "Services": {
                "Catalog": {
                  "Url": "https://catalog.corp.internal"
                },
                "Kafka1": {
                  "Address": "kafka-1.corp.internal:9092"
                }
              },
            }
            """).RunAsync();

    [Fact]
    public Task Fix_all_moves_every_endpoint_of_the_document()
    {
        var test = Create(
            """
            sealed class Clients(IConfiguration configuration)
            {
                public Uri Orders => new Uri([|"https://orders.corp.internal"|]);
                public Uri Billing => new Uri([|"https://billing.corp.internal"|]);
            }
            """,
            """
            sealed class Clients(IConfiguration configuration)
            {
                public Uri Orders => new Uri(configuration["Services:Orders:Url"] ?? throw new InvalidOperationException("Configuration value 'Services:Orders:Url' is missing."));
                public Uri Billing => new Uri(configuration["Services:Billing:Url"] ?? throw new InvalidOperationException("Configuration value 'Services:Billing:Url' is missing."));
            }
            """,
            fixedSettings: """
            {
              "AllowedHosts": "*",
              "Services": {
                "Orders": {
                  "Url": "https://orders.corp.internal"
                },
                "Billing": {
                  "Url": "https://billing.corp.internal"
                }
              }
            }
            """);
        test.NumberOfIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_for_a_url_with_credentials()
        => CreateWithoutFix(
            """
            sealed class Clients(IConfiguration configuration)
            {
                public Uri Orders => new Uri([|"https://svc:hunter2@orders.corp.internal/v1"|]);
                public Uri Search => new Uri([|"https://search.corp.internal/indexes?api-key=a81bc7d6e"|]);
                public string? Name => configuration["Name"];
            }
            """).RunAsync();

    [Fact]
    public Task No_fix_without_configuration_in_scope()
        => CreateWithoutFix(
            """
            sealed class Clients
            {
                public Uri Orders => new Uri([|"https://orders.corp.internal"|]);
            }
            """).RunAsync();
}
