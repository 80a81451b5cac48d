using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4102_ProductionUnsafeSettingTests
{
    [Fact]
    public Task Debug_default_log_level_in_appsettings_json_is_reported_with_a_message_naming_key_value_and_file()
    {
        var test = SettingsFileTest.Create(
            "RDY4102",
            ("appsettings.json", """
                {
                  "Logging": { "LogLevel": { "Default": {|#0:"Debug"|}, "Microsoft.AspNetCore": "Warning" } }
                }
                """));
        test.ExpectedMessages[0] = "'Logging:LogLevel:Default' is 'Debug' in 'appsettings.json', which production uses: debug and trace logging in production floods the log pipeline, costs money and can write request data and secrets; use 'Information' or higher and raise detail per category only while diagnosing";
        return test.RunAsync();
    }

    [Fact]
    public Task Unsafe_settings_in_the_production_file_are_reported()
        => SettingsFileTest.Create(
            "RDY4102",
            ("appsettings.Production.json", """
                {
                  "Logging": {
                    "LogLevel": { "Default": [|"Trace"|] },
                    "Console": { "LogLevel": { "Default": [|"debug"|] } }
                  },
                  "Serilog": { "MinimumLevel": { "Default": [|"Verbose"|] } },
                  "DetailedErrors": [|true|],
                  "SignalR": { "EnableDetailedErrors": [|"true"|] },
                  "Database": { "EnableSensitiveDataLogging": [|true|] },
                  "Kestrel": {
                    "Endpoints": {
                      "Public": { "Url": [|"http://0.0.0.0:80"|] },
                      "Secure": { "Url": "https://0.0.0.0:443" },
                      "Sidecar": { "Url": "http://localhost:5001" }
                    }
                  },
                  "AllowedHosts": [|"*"|]
                }
                """)).RunAsync();

    [Fact]
    public Task Development_files_and_safe_values_are_not_reported()
        => SettingsFileTest.Create(
            "RDY4102",
            ("appsettings.Development.json", """
                { "Logging": { "LogLevel": { "Default": "Debug" } }, "DetailedErrors": true, "AllowedHosts": "*" }
                """),
            ("appsettings.json", """
                {
                  "Logging": { "LogLevel": { "Default": "Information", "Microsoft.EntityFrameworkCore": "Debug" } },
                  "DetailedErrors": false,
                  "AllowedHosts": "orders.example.com;*.orders.example.com",
                  "Features": { "Debug": "Trace", "ShowPII": false }
                }
                """)).RunAsync();

    [Fact]
    public Task A_value_overridden_by_appsettings_Production_json_is_not_reported_in_appsettings_json()
        => SettingsFileTest.Create(
            "RDY4102",
            ("appsettings.json", """
                { "Logging": { "LogLevel": { "Default": "Debug" } }, "DetailedErrors": [|true|] }
                """),
            ("appsettings.Production.json", """
                { "Logging": { "LogLevel": { "default": "Warning" } } }
                """)).RunAsync();

    [Fact]
    public Task Production_environment_names_and_allowed_hosts_reporting_are_options()
    {
        var test = SettingsFileTest.Create(
            "RDY4102",
            ("appsettings.json", """
                { "AllowedHosts": "*" }
                """),
            ("appsettings.Live.json", """
                { "DetailedErrors": [|true|] }
                """),
            ("appsettings.Production.json", """
                { "DetailedErrors": true }
                """));
        test.GlobalConfig = """
            RDY4102.production_environments = Live, Prod
            RDY4102.report_allowed_hosts = false
            """;
        return test.RunAsync();
    }
}
