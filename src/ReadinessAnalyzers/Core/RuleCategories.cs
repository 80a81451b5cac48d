namespace ReadinessAnalyzers;

/// <summary>
/// Diagnostic categories. They are prefixed so that
/// <c>dotnet_analyzer_diagnostic.category-ReadinessTelemetry.severity = error</c> touches our rules
/// only, never the SDK's (Design, Reliability, Usage, …) or another package's.
/// </summary>
public static class RuleCategories
{
    public const string FailureHandling = "ReadinessFailureHandling";
    public const string Telemetry = "ReadinessTelemetry";
    public const string HealthChecks = "ReadinessHealthChecks";
    public const string Configuration = "ReadinessConfiguration";
    public const string Build = "ReadinessBuild";
}
