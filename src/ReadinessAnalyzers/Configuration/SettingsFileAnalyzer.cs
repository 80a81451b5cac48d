using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4100 (malformed settings file), RDY4101 (secret in a settings file) and RDY4102 (production-unsafe setting):
/// reads the project's <c>appsettings*.json</c> AdditionalFiles the way ASP.NET Core does (comments and trailing
/// commas allowed) and reports at the JSON value. Each file is parsed once per compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SettingsFileAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> IncludeTestProjectsOption = RuleOptions.Boolean(
        OptionCatalog.SecretInSettingsFile.IncludeTestProjects,
        "When true, settings files of test projects (xUnit/NUnit/MSTest/TUnit references, or a project name ending in Tests) are checked too.");

    public static readonly ListOption ProductionEnvironmentsOption = RuleOptions.List(
        OptionCatalog.ProductionUnsafeSetting.ProductionEnvironments,
        "Environment names whose `appsettings.{Environment}.json` is checked together with `appsettings.json`.");

    public static readonly RuleOption<bool> ReportAllowedHostsOption = RuleOptions.Boolean(
        OptionCatalog.ProductionUnsafeSetting.ReportAllowedHosts,
        "Report `\"AllowedHosts\": \"*\"` (as a suggestion, severity Info).");

    internal static readonly DiagnosticDescriptor MalformedRule = RuleDescriptors.Create(
        RuleIdentifiers.MalformedSettingsFile,
        title: "Settings file is not valid JSON",
        messageFormat: "'{0}' cannot be read as JSON: {1} (line {2}, column {3}); the host fails at startup when it loads this file, so fix the syntax",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ASP.NET Core's JSON configuration provider throws while the host starts when a settings file is not valid JSON (comments and trailing commas are allowed). The service then never comes up in the environment that loads the file.",
        customTags: RuleTags.Default);

    internal static readonly DiagnosticDescriptor SecretRule = RuleDescriptors.Create(
        RuleIdentifiers.SecretInSettingsFile,
        title: "Secret in a settings file",
        messageFormat: "'{0}' in '{1}' holds a {2} ('{3}'); settings files are committed with the code, so move the value to a secret store (user secrets, environment variables, Key Vault) and rotate it",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Credentials in appsettings files reach source control, build artifacts and container images, where anyone with read access can use them. Keep only references or placeholders in the file and supply the value from a secret store at run time.",
        customTags: RuleTags.Default);

    internal static readonly DiagnosticDescriptor UnsafeSettingRule = RuleDescriptors.Create(
        RuleIdentifiers.ProductionUnsafeSetting,
        title: "Production-unsafe setting",
        messageFormat: "'{0}' is {1} in '{2}', which production uses: {3}",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "appsettings.json and appsettings.Production.json are what production runs with. Debug logging, detailed errors and plain-HTTP endpoints there leak internals, cost money and weaken transport security.",
        customTags: RuleTags.Default);

    /// <summary>Shared with RDY4006/RDY4007 and the operations contract (HostContract), so a settings file is parsed once.</summary>
    internal static readonly ParsedTexts<ParsedSettings> Parsed = new(ParsedSettings.Parse);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(MalformedRule, SecretRule, UnsafeSettingRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var hasSettingsFile = false;
            foreach (var file in start.Options.AdditionalFiles)
            {
                hasSettingsFile |= IsSettingsFile(file.Path);
            }

            if (!hasSettingsFile)
            {
                return;
            }

            var analysis = new CompilationAnalysis(start.Compilation, start.Options, Parsed.Get);
            start.RegisterAdditionalFileAction(analysis.AnalyzeFile);
        });
    }

    internal static bool IsSettingsFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class CompilationAnalysis
    {
        private readonly AnalyzerOptions _options;
        private readonly Func<SourceText, ParsedSettings> _parse;
        private readonly bool _isTestProject;
        private readonly ConcurrentDictionary<string, ParsedSettings?> _byPath = new(StringComparer.OrdinalIgnoreCase);

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options, Func<SourceText, ParsedSettings> parse)
        {
            _options = options;
            _parse = parse;
            _isTestProject = TestProjects.IsTestProject(compilation);
        }

        public void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            var file = context.AdditionalFile;
            if (!IsSettingsFile(file.Path))
            {
                return;
            }

            var parsed = Load(file, context.CancellationToken);
            if (parsed is null)
            {
                return;
            }

            var fileName = Path.GetFileName(file.Path);
            if (parsed.Error is { } error)
            {
                var position = Math.Min(error.Position, parsed.Text.Length);
                var span = new TextSpan(position, position < parsed.Text.Length ? 1 : 0);
                var line = parsed.Text.Lines.GetLinePosition(position);
                context.ReportDiagnostic(ReadinessDiagnostic.InFile(
                    MalformedRule,
                    Location.Create(file.Path, span, parsed.Text.Lines.GetLinePositionSpan(span)),
                    parsed.Text,
                    severity: null,
                    fileName,
                    error.Message,
                    line.Line + 1,
                    line.Character + 1));
                return;
            }

            var options = FileOptions(file);
            if (!_isTestProject || IncludeTestProjectsOption.GetValue(options))
            {
                ReportSecrets(context, file, parsed, fileName);
            }

            ReportUnsafeSettings(context, file, parsed, fileName, options);
        }

        private ParsedSettings? Load(AdditionalText file, System.Threading.CancellationToken cancellationToken)
            => _byPath.GetOrAdd(file.Path, _ => file.GetText(cancellationToken) is { } text ? _parse(text) : null);

        /// <summary>Options for a settings file: a section matching the file, else the project-wide (global) options.</summary>
        private AnalyzerConfigOptions FileOptions(AdditionalText file)
        {
            var provider = _options.AnalyzerConfigOptionsProvider;
            return new LayeredOptions(provider.GetOptions(file), provider.GlobalOptions);
        }

        private static void ReportSecrets(AdditionalFileAnalysisContext context, AdditionalText file, ParsedSettings parsed, string fileName)
        {
            foreach (var setting in parsed.Settings)
            {
                var value = setting.Value.Text!;
                var finding = SecretDetector.FindByShape(value) ?? SecretDetector.FindNamed(setting.Name, setting.ParentName, value);
                if (finding is { } secret)
                {
                    context.ReportDiagnostic(ReadinessDiagnostic.InFile(SecretRule, parsed.Locate(file.Path, setting.Value.Span), parsed.Text, severity: null, setting.Path, fileName, secret.Description, secret.Preview));
                }
            }
        }

        private void ReportUnsafeSettings(AdditionalFileAnalysisContext context, AdditionalText file, ParsedSettings parsed, string fileName, AnalyzerConfigOptions options)
        {
            var environments = ProductionEnvironmentsOption.GetValue(options);
            var isBase = fileName.Equals("appsettings.json", StringComparison.OrdinalIgnoreCase);
            if (!isBase && !IsEnvironmentFile(fileName, environments))
            {
                return;
            }

            var overrides = isBase ? LoadOverrides(file, environments, context.CancellationToken) : null;
            var reportAllowedHosts = ReportAllowedHostsOption.GetValue(options);
            foreach (var setting in parsed.AllValues)
            {
                if (ProductionSafety.Check(setting, reportAllowedHosts) is not { } problem
                    || (overrides is not null && overrides.Contains(setting.Path)))
                {
                    continue;
                }

                var location = parsed.Locate(file.Path, setting.Value.Span);
                var shown = setting.Value.Kind == JsonKind.String ? "'" + setting.Value.Text + "'" : parsed.Text.ToString(setting.Value.Span);
                var severity = problem.IsSuggestion ? DiagnosticSeverity.Info : (DiagnosticSeverity?)null;
                context.ReportDiagnostic(ReadinessDiagnostic.InFile(UnsafeSettingRule, location, parsed.Text, severity, setting.Path, shown, fileName, problem.Consequence));
            }
        }

        /// <summary>Keys that a production environment file next to appsettings.json sets (they win in production).</summary>
        private HashSet<string> LoadOverrides(AdditionalText baseFile, ImmutableArray<string> environments, System.Threading.CancellationToken cancellationToken)
        {
            var result = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var directory = Path.GetDirectoryName(baseFile.Path) ?? string.Empty;
            foreach (var candidate in _options.AdditionalFiles)
            {
                var name = Path.GetFileName(candidate.Path);
                if (!IsEnvironmentFile(name, environments)
                    || !string.Equals(Path.GetDirectoryName(candidate.Path) ?? string.Empty, directory, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (Load(candidate, cancellationToken) is { Error: null } parsed)
                {
                    foreach (var setting in parsed.AllValues)
                    {
                        result.Add(setting.Path);
                    }
                }
            }

            return result;
        }

        private static bool IsEnvironmentFile(string fileName, ImmutableArray<string> environments)
        {
            foreach (var environment in environments)
            {
                if (fileName.Equals("appsettings." + environment + ".json", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A settings file's options first, the global options second.</summary>
    private sealed class LayeredOptions : AnalyzerConfigOptions
    {
        private readonly AnalyzerConfigOptions _first;
        private readonly AnalyzerConfigOptions _second;

        public LayeredOptions(AnalyzerConfigOptions first, AnalyzerConfigOptions second)
        {
            _first = first;
            _second = second;
        }

        public override bool TryGetValue(string key, out string value)
        {
            if (_first.TryGetValue(key, out var first))
            {
                value = first;
                return true;
            }

            var found = _second.TryGetValue(key, out var second);
            value = second!;
            return found;
        }
    }
}

/// <summary>One leaf value of a settings file with its configuration path (<c>Logging:LogLevel:Default</c>).</summary>
internal sealed class SettingValue
{
    public SettingValue(string path, string name, string? parentName, JsonValue value)
    {
        Path = path;
        Name = name;
        ParentName = parentName;
        Value = value;
    }

    public string Path { get; }

    public string Name { get; }

    public string? ParentName { get; }

    public JsonValue Value { get; }
}

/// <summary>A settings file read once: its leaf values, or the syntax error that stopped reading.</summary>
internal sealed class ParsedSettings
{
    private ParsedSettings(SourceText text, List<SettingValue> allValues, List<string> emptyContainers, JsonSyntaxException? error)
    {
        Text = text;
        AllValues = allValues;
        EmptyContainers = emptyContainers;
        Error = error;
        var strings = new List<SettingValue>();
        foreach (var value in allValues)
        {
            if (value.Value.Kind == JsonKind.String)
            {
                strings.Add(value);
            }
        }

        Settings = strings;
    }

    public SourceText Text { get; }

    /// <summary>Every leaf value (strings, numbers, booleans, null).</summary>
    public List<SettingValue> AllValues { get; }

    /// <summary>The string leaf values.</summary>
    public List<SettingValue> Settings { get; }

    /// <summary>Paths of empty objects and arrays (<c>"Payments": {}</c>): the configuration providers keep them as keys with a null value.</summary>
    public List<string> EmptyContainers { get; }

    public JsonSyntaxException? Error { get; }

    public static ParsedSettings Parse(SourceText text)
    {
        var values = new List<SettingValue>();
        var empty = new List<string>();
        try
        {
            var root = SettingsJson.Parse(text.ToString());
            Flatten(root, null, null, null, values, empty);
            return new ParsedSettings(text, values, empty, null);
        }
        catch (JsonSyntaxException error)
        {
            return new ParsedSettings(text, values, empty, error);
        }
    }

    public Location Locate(string path, TextSpan span) => Location.Create(path, span, Text.Lines.GetLinePositionSpan(span));

    private static void Flatten(JsonValue value, string? path, string? name, string? parentName, List<SettingValue> values, List<string> empty)
    {
        switch (value.Kind)
        {
            case JsonKind.Object when value.Properties!.Count == 0 && path is not null:
            case JsonKind.Array when value.Items!.Count == 0 && path is not null:
                empty.Add(path);
                break;
            case JsonKind.Object:
                foreach (var property in value.Properties!)
                {
                    Flatten(property.Value, path is null ? property.Name : path + ":" + property.Name, property.Name, name, values, empty);
                }

                break;
            case JsonKind.Array:
                for (var i = 0; i < value.Items!.Count; i++)
                {
                    var index = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Flatten(value.Items[i], path is null ? index : path + ":" + index, name ?? index, parentName, values, empty);
                }

                break;
            default:
                if (path is not null)
                {
                    values.Add(new SettingValue(path, name!, parentName, value));
                }

                break;
        }
    }
}
