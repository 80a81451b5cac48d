using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers;

/// <summary>
/// An <c>.editorconfig</c>/<c>.globalconfig</c> option of the product. Every option is declared once, as a
/// static field of type <see cref="RuleOption{T}"/>, so documentation and tests can enumerate them.
/// Keys are lowercase snake_case: <c>RDYnnnn.name</c> for one rule, <c>readiness.name</c> for the product.
/// </summary>
public abstract class RuleOption
{
    private protected RuleOption(string key, string defaultText, string description)
    {
        Key = key;
        DefaultText = defaultText;
        Description = description;
    }

    /// <summary>The key as written in <c>.editorconfig</c>, e.g. <c>RDY1001.expected_exceptions</c>.</summary>
    public string Key { get; }

    /// <summary>The default as it would be written in <c>.editorconfig</c> (documentation).</summary>
    public string DefaultText { get; }

    public string Description { get; }
}

/// <summary>A typed option: a key, a default and a parser. Unparsable values fall back to the default.</summary>
public sealed class RuleOption<T> : RuleOption
{
    private readonly Func<string, Optional<T>> _parse;

    internal RuleOption(string key, T defaultValue, string defaultText, string description, Func<string, Optional<T>> parse)
        : base(key, defaultText, description)
    {
        DefaultValue = defaultValue;
        _parse = parse;
    }

    public T DefaultValue { get; }

    public T GetValue(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue(Key, out var text))
        {
            return DefaultValue;
        }

        var parsed = _parse(text.Trim());
        return parsed.HasValue ? parsed.Value : DefaultValue;
    }
}

/// <summary>Factories for the option shapes the product uses.</summary>
public static class RuleOptions
{
    public static RuleOption<bool> Boolean(string key, bool defaultValue, string description)
        => new(key, defaultValue, defaultValue ? "true" : "false", description, ParseBoolean);

    public static RuleOption<int> Integer(string key, int defaultValue, string description)
        => new(key, defaultValue, defaultValue.ToString(CultureInfo.InvariantCulture), description, ParseInteger);

    public static RuleOption<double> Number(string key, double defaultValue, string description)
        => new(key, defaultValue, defaultValue.ToString(CultureInfo.InvariantCulture), description, ParseNumber);

    /// <summary>A comma-separated list (an empty value is an empty list). Write commas: in .editorconfig a
    /// <c>;</c> or <c>#</c> starts a comment, so the rest of the line never reaches the analyzer.</summary>
    public static RuleOption<ImmutableArray<string>> List(string key, ImmutableArray<string> defaultValue, string description)
        => new(key, defaultValue, string.Join(", ", defaultValue), description, text => new Optional<ImmutableArray<string>>(SplitList(text)));

    public static ImmutableArray<string> SplitList(string text)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var item = part.Trim();
            if (item.Length > 0)
            {
                builder.Add(item);
            }
        }

        return builder.ToImmutable();
    }

    private static Optional<bool> ParseBoolean(string text)
        => bool.TryParse(text, out var value) ? value : default(Optional<bool>);

    private static Optional<int> ParseInteger(string text)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : default(Optional<int>);

    private static Optional<double> ParseNumber(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : default(Optional<double>);
}
