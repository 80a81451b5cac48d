using System.Threading.Tasks;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4002_HardCodedSecretTests
{
    private static AnalyzerTest Create(string source)
    {
        var test = AnalyzerVerifier<HardCodedSecretAnalyzer>.Create(source);
        test.StubSources.Add(Stubs.Data);
        return test;
    }

    [Fact]
    public Task Token_formats_are_reported_with_the_first_four_characters_only()
    {
        var test = Create($$"""
            static class Keys
            {
                public const string GitHub = {|#0:"{{FakeSecrets.GitHubToken}}"|};
                public static readonly string Aws = [|"{{FakeSecrets.AwsAccessKeyId}}"|];
                public static string Slack => [|"{{FakeSecrets.SlackToken}}"|];
                public static string Stripe = [|"{{FakeSecrets.StripeKey}}"|];
                public static string Service = [|"{{FakeSecrets.Jwt}}"|];
                public static string Pem = [|"{{FakeSecrets.PemPrivateKeyEscaped}}"|];
            }
            """);
        test.ExpectedMessages[0] = "This GitHub token is a hard-coded credential ('ghp_****'): everyone with the source or the binary can use it and it cannot be rotated without a rebuild; load it from configuration backed by a secret store (user secrets, environment variables, Key Vault) and rotate it";
        return test.RunAsync();
    }

    [Fact]
    public Task Passwords_in_connection_strings_and_urls_are_reported_without_the_password()
    {
        var test = Create("""
            using Microsoft.Data.SqlClient;
            class C
            {
                SqlConnection Open() => new SqlConnection({|#0:"Server=sql-prod;Database=Orders;User Id=app;Password=Q7x!pR2v9Lz"|});
                Uri Feed = new Uri([|"https://build:s3cr3tV4lue9@feed.corp.internal/v3/index.json"|]);
            }
            """);
        test.ExpectedMessages[0] = "This Password in a SQL database connection string is a hard-coded credential ('Serv****'): everyone with the source or the binary can use it and it cannot be rotated without a rebuild; load it from configuration backed by a secret store (user secrets, environment variables, Key Vault) and rotate it";
        return test.RunAsync();
    }

    [Fact]
    public Task Random_values_under_secret_like_names_are_reported()
    {
        var test = Create($$"""
            using System.Net;
            class Options { public string? ClientSecret { get; set; } public string? Name { get; set; } }
            class C
            {
                private const string SigningKey = [|"{{FakeSecrets.RandomKey}}"|];
                private readonly string _apiKey = [|"a81bc81b-dead-4e5d-abff-90865d1e13b1"|];
                void M(IConfigurationBuilder builder)
                {
                    var options = new Options { ClientSecret = {|#0:"3Fq~8Q~xYzAbCdEfGhIjKlMnOpQrStUvWx"|}, Name = "orders-3f9a2c!" };
                    var dbPassword = [|"Winter2024!x"|];
                    var credential = new NetworkCredential("svc-orders", [|"Winter2024!x"|]);
                    var settings = new Dictionary<string, string?> { ["Jwt:Key"] = [|"k3Vq9-Zr81-xLw0-Pq7T"|] };
                }
            }
            """);
        test.ExpectedMessages[0] = "This value of 'ClientSecret' is a hard-coded credential ('3Fq~****'): everyone with the source or the binary can use it and it cannot be rotated without a rebuild; load it from configuration backed by a secret store (user secrets, environment variables, Key Vault) and rotate it";
        return test.RunAsync();
    }

    [Fact]
    public Task Placeholders_names_headers_and_non_secret_values_are_not_reported()
        => Create("""
            using Microsoft.Data.SqlClient;
            class C
            {
                public const string ApiKeyHeaderName = "X-Api-Key-2";
                public const string PasswordPattern = @"^(?=.*\d)(?=.*[a-z]).{8,}$";
                public const string Password = "Password";
                public const string TokenType = "Bearer123";
                const string ApiKeySection = "Payments:ApiKey";
                const string ClientB64HashedPassword = "password_hash_b64";
                const string FeatureInputPassword = "pm-27086-update-authentication-apis-for-input-password";
                string _secret = "";
                string _clientSecret = "<your-client-secret>";
                string _token = "changeme-1234";
                string _password = "********";
                string _apiKey = "${PAYMENTS_API_KEY}";
                string _accessToken = "access_token";
                string _publicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1";
                const string PemHeader = "-----BEGIN PRIVATE KEY-----";
                void M(IConfiguration configuration, string userPassword)
                {
                    var secret = configuration["Payments:ClientSecret"];
                    var local = new SqlConnection("Server=localhost;Database=Orders;User Id=sa;Password=Pass@word1");
                    var template = $"Server=sql-prod;User Id=app;Password={userPassword}";
                    var message = "Your password must contain 8 characters, 1 digit";
                    var cancellationToken = "abc123def456";
                    var url = "https://user@feed.corp.internal/v3/index.json";
                    Check(password: "");
                }
                void Check(string password) { }
            }
            """).RunAsync();

    [Fact]
    public Task Test_projects_are_skipped_unless_the_option_includes_them()
    {
        var source = """
            static class Fixture
            {
                public const string Password = [|"Winter2024!x"|];
            }
            """;
        var skipped = Create(Markup.Strip(source));
        skipped.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        var included = Create(source);
        included.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        included.EditorConfig = """
            [*.cs]
            RDY4002.include_test_projects = true
            """;
        return Task.WhenAll(skipped.RunAsync(), included.RunAsync());
    }
}
