// Compiled into the analyzers (so the catalog tests see every rule of the product in one place) and into the
// MSBuild task, which raises these rules. They are not Roslyn diagnostics, so there is no DiagnosticDescriptor.
namespace ReadinessAnalyzers;

/// <summary>A rule raised by the build task: the descriptor's fields, without Roslyn types.</summary>
public sealed class BuildRule
{
    internal BuildRule(string id, string title, string messageFormat, string severity, string description)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
        Description = description;
    }

    public string Id { get; }

    public string Title { get; }

    /// <summary>A <see cref="string.Format(string, object[])"/> format.</summary>
    public string MessageFormat { get; }

    /// <summary>"Error" or "Warning", spelled like <c>DiagnosticSeverity</c> so the catalog tests treat all rules alike.</summary>
    public string Severity { get; }

    public string Category => RuleCategories.Build;

    public string Description { get; }

    public string HelpLinkUri => RuleIdentifiers.GetHelpUri(Id);
}

/// <summary>The rules of the build-time readiness checker (RDY9xxx).</summary>
public static class BuildRules
{
    public static readonly BuildRule GateFailed = new(
        RuleIdentifiers.ReadinessGateFailed,
        "Readiness gate failed",
        "Readiness gate failed: {0} finding(s) at or above '{1}' (ReadinessFailOn={1}); see the report {2} — fix them, or accept existing ones with 'dotnet build -t:ReadinessBaseline'",
        "Error",
        "The build's readiness findings reached the severity set by ReadinessFailOn. In CI this fails the pipeline on every finding that is not in the baseline.");

    public static readonly BuildRule MalformedBaseline = new(
        RuleIdentifiers.MalformedBaseline,
        "Readiness baseline is malformed",
        "The readiness baseline cannot be read: {0}; nothing is suppressed until it is fixed or regenerated with 'dotnet build -t:ReadinessBaseline'",
        "Error",
        "The baseline file is not valid JSON or not in the baseline format, so none of its findings can be suppressed.");

    public static readonly BuildRule FindingsUnavailable = new(
        RuleIdentifiers.FindingsUnavailable,
        "Readiness findings unavailable",
        "The readiness check cannot read the compiler's error log '{0}': {1}; no readiness report was written",
        "Warning",
        "The readiness checker reads the compiler's SARIF error log. When it is missing or unreadable, there is no report and no gate.");

    public static readonly BuildRule OptionNotUnderstood = new(
        RuleIdentifiers.OptionNotUnderstood,
        "Readiness option is not understood",
        "Readiness option '{0} = {1}' is not understood: {2}",
        "Warning",
        "An .editorconfig or .globalconfig entry for ReadinessAnalyzers has a value the option does not accept, or a key no rule reads. The analyzers ignore it, so the setting the team believes in force is not.");

    public static readonly BuildRule UnknownRuleId = new(
        RuleIdentifiers.UnknownRuleId,
        "Unknown readiness rule ID",
        "'{0}' is not a ReadinessAnalyzers rule, so '{1} = {2}' has no effect; the rules are {3} (rules/README.md)",
        "Warning",
        "An .editorconfig or .globalconfig entry names a rule ID in the RDY scheme that no ReadinessAnalyzers rule has, typically a typo, so the severity or option it sets reaches nothing.");

    public static BuildRule[] All { get; } = [GateFailed, MalformedBaseline, FindingsUnavailable, OptionNotUnderstood, UnknownRuleId];
}
