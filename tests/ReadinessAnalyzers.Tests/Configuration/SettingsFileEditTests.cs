using ReadinessAnalyzers.CodeFixes.Configuration;

namespace ReadinessAnalyzers.Tests.Configuration;

/// <summary>The settings-file half of the RDY4001/RDY4003 fix: the JSON text after a value is placed under a key.</summary>
public sealed class SettingsFileEditTests
{
    private static string Place(string text, string key, string value, out string usedKey)
    {
        Assert.True(SettingsFileEdit.TryPlace(text, key.Split(':'), value, out var newText, out var path));
        usedKey = string.Join(":", path);
        return newText;
    }

    [Fact]
    public void An_empty_file_gets_an_object_with_the_section()
    {
        Assert.Equal("{\n  \"ConnectionStrings\": {\n    \"Orders\": \"Host=db\"\n  }\n}\n", Place(string.Empty, "ConnectionStrings:Orders", "Host=db", out _));
    }

    [Fact]
    public void Line_breaks_indentation_and_comments_of_the_file_are_kept()
    {
        var text = "{\r\n\t// Where the orders live.\r\n\t\"ConnectionStrings\": {\r\n\t\t\"Catalog\": \"Host=catalog\" /* read-only */\r\n\t}\r\n}";
        Assert.Equal(
            "{\r\n\t// Where the orders live.\r\n\t\"ConnectionStrings\": {\r\n\t\t\"Catalog\": \"Host=catalog\", /* read-only */\r\n\t\t\"Orders\": \"Host=orders\"\r\n\t}\r\n}",
            Place(text, "ConnectionStrings:Orders", "Host=orders", out _));
    }

    [Fact]
    public void Keys_compare_without_case_and_a_taken_key_gets_a_number()
    {
        var text = "{ \"connectionStrings\": { \"orders\": \"Host=a\", \"Orders2\": \"Host=b\" } }";
        var result = Place(text, "ConnectionStrings:Orders", "Host=c", out var key);
        Assert.Equal("ConnectionStrings:Orders3", key);
        Assert.Contains("\"Orders3\": \"Host=c\"", result, System.StringComparison.Ordinal);
        Assert.Equal(text, Place(text, "ConnectionStrings:Orders", "Host=b", out var reused));
        Assert.Equal("ConnectionStrings:Orders2", reused);
    }

    [Fact]
    public void Values_are_escaped()
    {
        var result = Place("{}", "ConnectionStrings:Orders", "Server=.\\SQLEXPRESS;Application Name=\"orders\"", out _);
        Assert.Contains("\"Orders\": \"Server=.\\\\SQLEXPRESS;Application Name=\\\"orders\\\"\"", result, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"Services\": \"none\" }")]
    [InlineData("{ \"Services\": ")]
    [InlineData("[]")]
    public void No_place_when_a_key_on_the_way_is_not_a_section_or_the_file_is_not_a_settings_object(string text)
    {
        Assert.False(SettingsFileEdit.TryPlace(text, ["Services", "Orders", "Url"], "https://orders", out var newText, out _));
        Assert.Equal(text, newText);
    }
}
