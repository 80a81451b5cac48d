using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.Tests.Core;

/// <summary>A file's parsed form is made once per text object and shared by every analyzer (and every compilation)
/// that asks with that object; another object gets its own parse, whatever its content.</summary>
public sealed class ParsedTextsTests
{
    [Fact]
    public void The_same_text_is_parsed_once_and_another_text_object_is_parsed_again()
    {
        var calls = 0;
        var cache = new ParsedTexts<string>(text =>
        {
            calls++;
            return text.ToString().ToUpperInvariant();
        });
        var text = SourceText.From("""{ "Logging": {} }""");
        var same = cache.Get(text);

        Assert.Same(same, cache.Get(text));
        Assert.Equal(1, calls);

        var copy = SourceText.From(text.ToString());
        Assert.Equal(same, cache.Get(copy));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Settings_files_share_one_parse_between_the_analyzers_that_read_them()
    {
        var text = SourceText.From("""{ "ConnectionStrings": { "Orders": "" } }""");

        Assert.Same(SettingsFileAnalyzer.Parsed.Get(text), SettingsFileAnalyzer.Parsed.Get(text));
    }
}
