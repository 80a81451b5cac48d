using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4101_SecretInSettingsFileTests
{
    [Fact]
    public Task Connection_string_password_is_reported_without_echoing_the_password()
    {
        var test = SettingsFileTest.Create(
            "RDY4101",
            ("appsettings.json", """
                {
                  "ConnectionStrings": {
                    "Orders": {|#0:"Server=sql-prod-01.corp.internal;Database=Orders;User Id=orders_app;Password=Q7x!pR2v9Lz;"|}
                  }
                }
                """));
        test.ExpectedMessages[0] = "'ConnectionStrings:Orders' in 'appsettings.json' holds a Password in a SQL database connection string ('Serv****'); settings files are committed with the code, so move the value to a secret store (user secrets, environment variables, Key Vault) and rotate it";
        return test.RunAsync();
    }

    [Fact]
    public Task Well_known_token_formats_are_reported_anywhere_with_a_masked_preview()
    {
        var test = SettingsFileTest.Create(
            "RDY4101",
            ("appsettings.json", $$"""
                {
                  "GitHub": { "Client": {|#0:"{{FakeSecrets.GitHubToken}}"|} },
                  "Aws": { "Id": [|"{{FakeSecrets.AwsAccessKeyId}}"|] },
                  "Notifications": { "Slack": [|"{{FakeSecrets.SlackToken}}"|] },
                  "Payments": { "Stripe": [|"{{FakeSecrets.StripeKey}}"|] },
                  "Auth": { "ServiceToken": [|"{{FakeSecrets.Jwt}}"|] },
                  "Signing": { "Pem": [|"{{FakeSecrets.PemPrivateKeyEscaped}}"|] },
                  "Storage": [|"DefaultEndpointsProtocol=https;AccountName=ordersprod;AccountKey={{FakeSecrets.RandomKey}};EndpointSuffix=core.windows.net"|],
                  "Cache": [|"redis://default:{{FakeSecrets.Body(20, "abcdef0123456789", 3)}}@cache.corp.internal:6379"|],
                  "Feed": [|"https://build:{{FakeSecrets.Body(20, "abcdef0123456789", 4)}}@feed.corp.internal/v3/index.json"|]
                }
                """));
        test.ExpectedMessages[0] = "'GitHub:Client' in 'appsettings.json' holds a GitHub token ('ghp_****'); settings files are committed with the code, so move the value to a secret store (user secrets, environment variables, Key Vault) and rotate it";
        return test.RunAsync();
    }

    [Fact]
    public Task Random_values_under_secret_like_names_are_reported()
        => SettingsFileTest.Create(
            "RDY4101",
            ("appsettings.Production.json", $$"""
                {
                  "Jwt": { "Key": [|"{{FakeSecrets.RandomKey}}"|], "Issuer": "orders" },
                  "Smtp": { "Password": [|"Winter2024!x"|] },
                  "Payments": { "ApiKey": [|"a81bc81b-dead-4e5d-abff-90865d1e13b1"|], "ClientSecret": [|"3Fq~8Q~xYzAbCdEfGhIjKlMnOpQrStUvWx"|] },
                  "Admins": [ { "Name": "ops", "AccessToken": [|"t0k3n-9f8e7d6c5b4a"|] } ]
                }
                """)).RunAsync();

    [Fact]
    public Task Placeholders_references_and_non_secret_values_are_not_reported()
        => SettingsFileTest.Create(
            "RDY4101",
            ("appsettings.json", """
                {
                  "ConnectionStrings": {
                    "Orders": "Server=sql-prod-01;Database=Orders;Integrated Security=true",
                    "Reporting": "Server=sql-prod-01;Database=Reports;User Id=reports;Password=${REPORTS_DB_PASSWORD}",
                    "Audit": "Server=sql-prod-01;Database=Audit;User Id=audit;Password=<your-password>",
                    "Blob": "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/blob)",
                    "Queue": "Endpoint=sb://orders.servicebus.windows.net/;Authentication=Managed Identity"
                  },
                  "Jwt": { "Key": "", "Issuer": "https://login.example.com", "Audience": "orders-api", "TokenLifetime": "00:30:00" },
                  "Smtp": { "Password": "changeme", "PasswordHeader": "X-Password-9" },
                  "Payments": { "ApiKey": "*****", "ApiKeyHeaderName": "X-Api-Key", "ApiKeySection": "Payments:ApiKey" },
                  "Identity": { "PasswordRequireDigit": "true", "TokenEndpoint": "/connect/token", "ClientId": "orders-3f9a2c" },
                  "Secrets": { "Vault": "%ORDERS_VAULT%", "Name": "orders-signing-key" },
                  "PublicKey": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
                  "Tokens": { "CancellationToken": "abc123def456" },
                  "Docs": "https://docs.example.com/api"
                }
                """)).RunAsync();

    [Fact]
    public Task Local_development_connection_strings_with_passwords_are_not_reported()
        => SettingsFileTest.Create(
            "RDY4101",
            ("appsettings.Development.json", """
                {
                  "ConnectionStrings": {
                    "Orders": "Server=localhost,1433;Database=Orders;User Id=sa;Password=Pass@word1;TrustServerCertificate=true",
                    "Catalog": "Host=127.0.0.1;Port=5432;Database=catalog;Username=postgres;Password=postgres1",
                    "Local": "Server=(localdb)\\mssqllocaldb;Database=Orders;Trusted_Connection=True",
                    "Bus": "amqp://guest:guest@localhost:5672",
                    "Storage": "UseDevelopmentStorage=true",
                    "Docker": "Host=host.docker.internal;Database=orders;Username=dev;Password=devpass12"
                  }
                }
                """)).RunAsync();

    [Fact]
    public Task Test_projects_are_skipped_unless_the_option_includes_them()
    {
        var json = """
            { "Smtp": { "Password": [|"Winter2024!x"|] } }
            """;
        var skipped = SettingsFileTest.Create("RDY4101", ("appsettings.json", Markup.Strip(json)));
        skipped.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");

        var included = SettingsFileTest.Create("RDY4101", ("appsettings.json", json));
        included.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        included.GlobalConfig = "RDY4101.include_test_projects = true";
        return Task.WhenAll(skipped.RunAsync(), included.RunAsync());
    }
}
