namespace ReadinessAnalyzers;

/// <summary>
/// Every rule identifier of the product, once. Analyzers, code fixes, suppressors, the build task
/// and tests refer to these constants; the catalog tests check that each has a descriptor and a page.
/// Blocks: 1xxx failure handling, 2xxx telemetry, 3xxx health checks, 4xxx configuration and
/// secrets, 9xxx the build-time readiness checker.
/// </summary>
public static class RuleIdentifiers
{
    public const string ExceptionSwallowed = "RDY1001";
    public const string AsyncVoid = "RDY1002";
    public const string TaskNotObserved = "RDY1003";
    public const string BlockingOnAsync = "RDY1004";
    public const string UnprotectedBackgroundWork = "RDY1005";
    public const string UnprotectedCallback = "RDY1006";

    public const string FailureLoggedWithoutException = "RDY2001";
    public const string UnitOfWorkWithoutTelemetry = "RDY2002";
    public const string ActivityNeverEnded = "RDY2003";
    public const string TelemetryObjectPerCall = "RDY2004";
    public const string ConsoleOutputInService = "RDY2005";
    public const string AppWithoutTracingPipeline = "RDY2006";
    public const string TelemetryNotExported = "RDY2007";

    public const string HostWithoutHealthChecks = "RDY3001";
    public const string HealthChecksNotExposed = "RDY3002";
    public const string NoSeparateLivenessAndReadiness = "RDY3003";
    public const string DependencyWithoutHealthCheck = "RDY3004";
    public const string HealthCheckCannotFail = "RDY3005";
    public const string HealthEndpointLeaksInternals = "RDY3006";
    public const string HealthEndpointOnlyOutsideProduction = "RDY3007";
    public const string ProbePathNotMapped = "RDY3008";
    public const string LivenessProbeChecksDependencies = "RDY3009";
    public const string ProbePortNotListened = "RDY3010";
    public const string NoReadinessProbe = "RDY3011";
    public const string HealthCheckToolMissing = "RDY3012";
    public const string DeploymentDescriptorUnreadable = "RDY3013";

    public const string HardCodedConnectionString = "RDY4001";
    public const string HardCodedSecret = "RDY4002";
    public const string HardCodedEndpoint = "RDY4003";
    public const string HardCodedOperationalLimit = "RDY4004";
    public const string EnvironmentNameBranching = "RDY4005";
    public const string ConfigurationKeyNotProvided = "RDY4006";
    public const string RequiredConfigurationKeyNotProvided = "RDY4007";
    public const string MalformedSettingsFile = "RDY4100";
    public const string SecretInSettingsFile = "RDY4101";
    public const string ProductionUnsafeSetting = "RDY4102";

    public const string ReadinessGateFailed = "RDY9001";
    public const string MalformedBaseline = "RDY9002";
    public const string FindingsUnavailable = "RDY9003";
    public const string OptionNotUnderstood = "RDY9004";
    public const string UnknownRuleId = "RDY9005";

    /// <summary>Not a finding: carries the operations contract from the analyzers to the readiness report (Contract/ContractChannel.cs).</summary>
    public const string OperationsContract = "RDY9100";

    /// <summary>Where every rule's documentation page lives (the descriptor's help link).</summary>
    public const string HelpLinkBase = "https://github.com/ReadinessAnalyzers/ReadinessAnalyzers/blob/main/rules/";

    public static string GetHelpUri(string identifier) => HelpLinkBase + identifier + ".md";
}
