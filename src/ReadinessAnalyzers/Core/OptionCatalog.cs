// Compiled into the analyzers (every RuleOption takes its key, default and accepted values from here) and into the
// MSBuild task, which checks the .editorconfig/.globalconfig files of a build against this catalog. No Roslyn types.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace ReadinessAnalyzers;

/// <summary>The shapes of option values the product reads.</summary>
public enum OptionKind
{
    /// <summary><c>true</c> or <c>false</c>, in any letter case.</summary>
    Boolean,

    /// <summary>A comma-separated list; any text is a valid list (an empty value is an empty list).</summary>
    List,

    /// <summary>One of a fixed set of words, in any letter case.</summary>
    Choice,
}

/// <summary>
/// One <c>.editorconfig</c> option: its key, the shape of its value, the values it accepts and its default.
/// The analyzers parse values with <see cref="TryParse"/>, and the build task reports a value it rejects,
/// so both agree on what is understood.
/// </summary>
public sealed class OptionDefinition
{
    private OptionDefinition(string key, OptionKind kind, string defaultText, string[] values)
    {
        Key = key;
        Kind = kind;
        DefaultText = defaultText;
        Values = values;
    }

    /// <summary>The key as written in <c>.editorconfig</c>, e.g. <c>RDY1001.expected_exceptions</c>.</summary>
    public string Key { get; }

    /// <summary><c>RDY1001</c> for a rule's option, <c>readiness</c> for a product-wide one.</summary>
    public string Owner => Key.Substring(0, Key.IndexOf('.'));

    /// <summary>The part after the owner: <c>expected_exceptions</c>.</summary>
    public string Name => Key.Substring(Key.IndexOf('.') + 1);

    public OptionKind Kind { get; }

    /// <summary>The default as it would be written in <c>.editorconfig</c>.</summary>
    public string DefaultText { get; }

    /// <summary>The words a <see cref="OptionKind.Choice"/> accepts (lower case); <c>true</c>/<c>false</c> for a boolean; empty for a list.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>What the option accepts, for messages: <c>true or false</c>, <c>warning, error or critical</c>.</summary>
    public string AcceptedText => Kind == OptionKind.List ? "a comma-separated list" : OptionCatalog.JoinAlternatives(Values);

    /// <summary>
    /// The value as the analyzers use it: <c>true</c>/<c>false</c> or the choice in lower case, the trimmed text of a
    /// list; false when the value is not understood (the analyzers then use the default).
    /// </summary>
    public bool TryParse(string text, out string value)
    {
        var trimmed = text.Trim();
        if (Kind == OptionKind.List)
        {
            value = trimmed;
            return true;
        }

        foreach (var accepted in Values)
        {
            if (string.Equals(trimmed, accepted, StringComparison.OrdinalIgnoreCase))
            {
                value = accepted;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    internal static OptionDefinition Boolean(string key, bool defaultValue)
        => new(key, OptionKind.Boolean, defaultValue ? "true" : "false", ["true", "false"]);

    internal static OptionDefinition List(string key, params string[] defaultItems)
        => new(key, OptionKind.List, string.Join(", ", defaultItems), []);

    internal static OptionDefinition Choice(string key, string defaultValue, params string[] values)
        => new(key, OptionKind.Choice, defaultValue, values);
}

/// <summary>
/// Every option the product reads, once: <c>RDYnnnn.name</c> for one rule (grouped here by rule), <c>readiness.name</c>
/// for the whole product. An analyzer declares its <see cref="RuleOption{T}"/> from an entry here; the catalog tests
/// check that every entry is used by an analyzer and documented on its page, and the build task reports keys and values
/// that are not in it (RDY9004, RDY9005).
/// </summary>
public static class OptionCatalog
{
    /// <summary>The owner of product-wide options: <c>readiness.telemetry_types</c>.</summary>
    public const string ProductPrefix = "readiness";

    public static class ExceptionSwallowed
    {
        public static readonly OptionDefinition ExpectedExceptions = OptionDefinition.List("RDY1001.expected_exceptions");
        public static readonly OptionDefinition ReportSpecificExceptions = OptionDefinition.Boolean("RDY1001.report_specific_exceptions", false);
    }

    public static class AsyncVoid
    {
        public static readonly OptionDefinition ReportEventHandlers = OptionDefinition.Boolean("RDY1002.report_event_handlers", false);
    }

    public static class TaskNotObserved
    {
        public static readonly OptionDefinition ReportDiscards = OptionDefinition.Boolean("RDY1003.report_discards", false);
        public static readonly OptionDefinition IgnoredMethods = OptionDefinition.List("RDY1003.ignored_methods");
    }

    public static class BlockingOnAsync
    {
        public static readonly OptionDefinition ReportSyncMethods = OptionDefinition.Boolean("RDY1004.report_sync_methods", false);
    }

    public static class UnprotectedBackgroundWork
    {
        public static readonly OptionDefinition ReportOneShotWork = OptionDefinition.Boolean("RDY1005.report_one_shot_work", false);
    }

    public static class UnprotectedCallback
    {
        public static readonly OptionDefinition ReportFireAndForgetTasks = OptionDefinition.Boolean("RDY1006.report_fire_and_forget_tasks", true);
    }

    public static class FailureLoggedWithoutException
    {
        public static readonly OptionDefinition MinimumLevel = OptionDefinition.Choice("RDY2001.minimum_level", "warning", "warning", "error", "critical");
        public static readonly OptionDefinition ExpectedExceptions = OptionDefinition.List("RDY2001.expected_exceptions", "System.OperationCanceledException");
    }

    public static class UnitOfWorkWithoutTelemetry
    {
        public static readonly OptionDefinition EntryPointTypes = OptionDefinition.List(
            "RDY2002.entry_point_types",
            "Microsoft.Extensions.Hosting.IHostedService",
            "MediatR.IRequestHandler",
            "MediatR.INotificationHandler",
            "MediatR.IStreamRequestHandler",
            "MassTransit.IConsumer",
            "NServiceBus.IHandleMessages",
            "Rebus.Handlers.IHandleMessages",
            "Quartz.IJob");

        public static readonly OptionDefinition EntryPointAttributes = OptionDefinition.List(
            "RDY2002.entry_point_attributes",
            "Microsoft.Azure.Functions.Worker.FunctionAttribute",
            "Microsoft.Azure.WebJobs.FunctionNameAttribute");

        public static readonly OptionDefinition IncludeControllers = OptionDefinition.Boolean("RDY2002.include_controllers", false);

        public static readonly OptionDefinition PipelineTypes = OptionDefinition.List(
            "RDY2002.pipeline_types", "MediatR.IPipelineBehavior", "MassTransit.IFilter", "MassTransit.IConsumeObserver");
    }

    public static class TelemetryNotExported
    {
        public static readonly OptionDefinition ExportedNames = OptionDefinition.List("RDY2007.exported_names");
    }

    public static class TelemetryObjectPerCall
    {
        public static readonly OptionDefinition RunOnceMethods = OptionDefinition.List("RDY2004.run_once_methods");
    }

    public static class ConsoleOutputInService
    {
        public static readonly OptionDefinition TreatAsService = OptionDefinition.Choice("RDY2005.treat_as_service", "auto", "auto", "true", "false");
    }

    public static class AppWithoutTracingPipeline
    {
        public static readonly OptionDefinition PipelineMethods = OptionDefinition.List("RDY2006.pipeline_methods", "AddServiceDefaults", "ConfigureOpenTelemetry");
    }

    public static class HostWithoutHealthChecks
    {
        public static readonly OptionDefinition HealthCheckMethods = OptionDefinition.List("RDY3001.health_check_methods", "AddServiceDefaults");
    }

    public static class HealthChecksNotExposed
    {
        public static readonly OptionDefinition ExposingMethods = OptionDefinition.List("RDY3002.exposing_methods", "MapDefaultEndpoints");
        public static readonly OptionDefinition TrustReferencedLibraries = OptionDefinition.Boolean("RDY3002.trust_referenced_libraries", true);
    }

    public static class DependencyWithoutHealthCheck
    {
        public static readonly OptionDefinition DependencyChecks = OptionDefinition.List("RDY3004.dependency_checks");
        public static readonly OptionDefinition IgnoredDependencies = OptionDefinition.List("RDY3004.ignored_dependencies");
    }

    public static class HardCodedConnectionString
    {
        public static readonly OptionDefinition IgnoreLocal = OptionDefinition.Boolean("RDY4001.ignore_local", false);
    }

    public static class HardCodedSecret
    {
        public static readonly OptionDefinition IncludeTestProjects = OptionDefinition.Boolean("RDY4002.include_test_projects", false);
    }

    public static class HardCodedEndpoint
    {
        public static readonly OptionDefinition AllowedHosts = OptionDefinition.List("RDY4003.allowed_hosts");
        public static readonly OptionDefinition AllowGlobalProviderHosts = OptionDefinition.Boolean("RDY4003.allow_global_provider_hosts", true);
        public static readonly OptionDefinition ReportLoopback = OptionDefinition.Boolean("RDY4003.report_loopback", false);
    }

    public static class MissingConfigurationKey
    {
        /// <summary>Read by RDY4006 and RDY4007 alike: keys supplied by environment variables, a secret store or a deployment.</summary>
        public static readonly OptionDefinition ProvidedKeys = OptionDefinition.List("RDY4006.provided_keys");
    }

    public static class SecretInSettingsFile
    {
        public static readonly OptionDefinition IncludeTestProjects = OptionDefinition.Boolean("RDY4101.include_test_projects", false);
    }

    public static class ProductionUnsafeSetting
    {
        public static readonly OptionDefinition ProductionEnvironments = OptionDefinition.List("RDY4102.production_environments", "Production");
        public static readonly OptionDefinition ReportAllowedHosts = OptionDefinition.Boolean("RDY4102.report_allowed_hosts", true);
    }

    /// <summary>Product-wide options (<c>readiness.*</c>), shared by several rules.</summary>
    public static class Product
    {
        public static readonly OptionDefinition TelemetryTypes = OptionDefinition.List("readiness.telemetry_types");
        public static readonly OptionDefinition TelemetryMethods = OptionDefinition.List("readiness.telemetry_methods");

        public static readonly OptionDefinition NonProductionEnvironments = OptionDefinition.List(
            "readiness.non_production_environments", "Development", "Dev", "Local", "Test", "Testing", "Build", "Staging");
    }

    private static IReadOnlyList<OptionDefinition>? s_all;

    /// <summary>Every option above, ordered by key.</summary>
    public static IReadOnlyList<OptionDefinition> All => s_all ??= typeof(OptionCatalog).GetNestedTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(f => f.FieldType == typeof(OptionDefinition))
        .Select(f => (OptionDefinition)f.GetValue(null)!)
        .OrderBy(o => o.Key, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The option with this key (keys are case-insensitive, as in <c>.editorconfig</c>), or null.</summary>
    public static OptionDefinition? Find(string key)
        => All.FirstOrDefault(o => string.Equals(o.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The options of one owner: a rule ID or <see cref="ProductPrefix"/>.</summary>
    public static IReadOnlyList<OptionDefinition> OptionsOf(string owner)
        => All.Where(o => string.Equals(o.Owner, owner, StringComparison.OrdinalIgnoreCase)).ToArray();

    /// <summary><c>a</c>, <c>a or b</c>, <c>a, b or c</c>.</summary>
    public static string JoinAlternatives(IReadOnlyList<string> values) => values.Count switch
    {
        0 => string.Empty,
        1 => values[0],
        _ => string.Join(", ", values.Take(values.Count - 1)) + " or " + values[values.Count - 1],
    };
}
