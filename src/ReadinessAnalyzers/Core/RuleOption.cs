using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers;

/// <summary>
/// An <c>.editorconfig</c>/<c>.globalconfig</c> option of the product, as an analyzer reads it. Every option is
/// declared once, as a static field of type <see cref="RuleOption{T}"/> made from its <see cref="OptionDefinition"/>
/// in <see cref="OptionCatalog"/>: the key, the default and the accepted values come from there, so the analyzers and
/// the build task (which reports values and keys it does not understand) cannot disagree.
/// </summary>
public abstract class RuleOption
{
    private protected RuleOption(OptionDefinition definition, string description)
    {
        Definition = definition;
        Description = description;
    }

    public OptionDefinition Definition { get; }

    /// <summary>The key as written in <c>.editorconfig</c>, e.g. <c>RDY1001.expected_exceptions</c>.</summary>
    public string Key => Definition.Key;

    /// <summary>The default as it would be written in <c>.editorconfig</c> (documentation).</summary>
    public string DefaultText => Definition.DefaultText;

    public string Description { get; }

    /// <summary>The value written for this option, when there is one the catalog accepts.</summary>
    private protected bool TryRead(AnalyzerConfigOptions options, out string value)
    {
        value = string.Empty;
        return options.TryGetValue(Key, out var text) && Definition.TryParse(text, out value);
    }
}

/// <summary>A typed option. A value the catalog does not accept falls back to the default here (and is reported by
/// the build task as RDY9004).</summary>
public sealed class RuleOption<T> : RuleOption
{
    private readonly Func<string, T> _convert;

    internal RuleOption(OptionDefinition definition, string description, Func<string, T> convert)
        : base(definition, description)
    {
        _convert = convert;
        DefaultValue = convert(definition.DefaultText);
    }

    public T DefaultValue { get; }

    public T GetValue(AnalyzerConfigOptions options)
        => TryRead(options, out var value) ? _convert(value) : DefaultValue;
}

/// <summary>A comma-separated list (an empty value is an empty list). Its own class rather than a
/// <c>RuleOption&lt;ImmutableArray&lt;string&gt;&gt;</c>: the analyzer assembly ships precompiled, but a generic class of
/// ours instantiated over a framework value type cannot be, and would be compiled just in time in every compiler
/// process.</summary>
public sealed class ListOption : RuleOption
{
    internal ListOption(OptionDefinition definition, string description)
        : base(definition, description)
        => DefaultValue = RuleOptions.SplitList(definition.DefaultText);

    public ImmutableArray<string> DefaultValue { get; }

    public ImmutableArray<string> GetValue(AnalyzerConfigOptions options)
        => TryRead(options, out var value) ? RuleOptions.SplitList(value) : DefaultValue;
}

/// <summary>Factories for the option shapes the product uses (<see cref="OptionKind"/>).</summary>
public static class RuleOptions
{
    public static RuleOption<bool> Boolean(OptionDefinition definition, string description)
        => new(definition, description, static text => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>One of the definition's words, in lower case.</summary>
    public static RuleOption<string> Choice(OptionDefinition definition, string description)
        => new(definition, description, static text => text.ToLowerInvariant());

    /// <summary>A comma-separated list (an empty value is an empty list). Write commas: in .editorconfig a
    /// <c>;</c> or <c>#</c> starts a comment, so the rest of the line never reaches the analyzer.</summary>
    public static ListOption List(OptionDefinition definition, string description)
        => new(definition, description);

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
}
