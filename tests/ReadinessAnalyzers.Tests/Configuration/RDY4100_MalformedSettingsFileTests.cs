using System.Linq;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.Configuration;

public sealed class RDY4100_MalformedSettingsFileTests
{
    [Fact]
    public Task Missing_comma_is_reported_at_the_position_where_reading_stopped_with_line_and_column()
    {
        var test = SettingsFileTest.Create(
            "RDY4100",
            ("appsettings.json", """
                {
                  "Logging": { "LogLevel": { "Default": "Information" } }
                  {|#0:"|}AllowedHosts": "orders.example.com"
                }
                """));
        test.ExpectedMessages[0] = "'appsettings.json' cannot be read as JSON: unexpected character '\"'; expected ',' or '}' (line 3, column 3); the host fails at startup when it loads this file, so fix the syntax";
        return test.RunAsync();
    }

    [Fact]
    public Task Unterminated_string_and_unclosed_object_are_reported_once_per_file()
        => SettingsFileTest.Create(
            "RDY4100",
            ("appsettings.json", """
                {
                  "Orders": { "Queue": [|"|]orders
                }
                """),
            ("appsettings.Production.json", """
                {
                  "Orders": { "Queue": "orders" }
                [||]
                """)).RunAsync();

    [Fact]
    public Task Single_quotes_and_a_top_level_value_that_is_not_an_object_are_not_accepted_by_ASP_NET_Core()
        => SettingsFileTest.Create(
            "RDY4100",
            ("appsettings.json", """
                { [|'|]Orders': 1 }
                """),
            ("appsettings.Staging.json", """
                [|"|]Orders"
                """)).RunAsync();

    [Fact]
    public Task Comments_trailing_commas_escapes_and_an_empty_file_are_fine()
        => SettingsFileTest.Create(
            "RDY4100",
            ("appsettings.json", """
                // Settings for the order service.
                {
                  /* block comment */
                  "Orders": {
                    "Queue": "orders\u002Dincoming", // trailing comment
                    "Paths": [ "a\\b", "c\"d", ],
                    "Retries": -1.5e3,
                    "Enabled": true,
                    "Missing": null,
                  },
                }
                """),
            ("appsettings.Development.json", "")).RunAsync();

    [Fact]
    public Task A_malformed_file_does_not_stop_the_other_files_from_being_checked()
    {
        var test = SettingsFileTest.Create(
            "RDY4100",
            ("appsettings.json", """
                { "DetailedErrors": true [|"|]Other": 1 }
                """),
            ("appsettings.Production.json", """
                { "DetailedErrors": {|RDY4102:true|} }
                """));
        return test.RunAsync();
    }

    [Fact]
    public Task Json_files_that_are_not_settings_files_are_ignored()
        => SettingsFileTest.Create(
            "RDY4100",
            ("package.json", "{ broken"),
            ("config/launchSettings.json", "{ broken")).RunAsync();

    [Fact]
    public Task Deep_nesting_is_reported_instead_of_overflowing_the_stack()
    {
        var open = string.Concat(Enumerable.Repeat("{\"a\":", 5000));
        var test = SettingsFileTest.Create("RDY4100", ("appsettings.json", open.Substring(0, 129 * 5) + "[|{|]" + open.Substring((129 * 5) + 1)));
        return test.RunAsync();
    }
}
