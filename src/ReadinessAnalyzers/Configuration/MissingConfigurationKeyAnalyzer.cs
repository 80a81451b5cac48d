using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.Contract;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4006 (a configuration key the code needs that no settings file provides) and RDY4007 (the same where the host
/// fails to start without it: <c>GetRequiredSection</c>, <c>[Required]</c> options validated on start). Reads and
/// options bindings are gathered while the compilation is analysed; the decision waits for its end, because the
/// settings files, the options validation and the orchestrator's connection names are whole-project facts. Also
/// writes the configuration part of the operations contract (RDY9100) when the build asks for it. See
/// rules/RDY4006.md and rules/RDY4007.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingConfigurationKeyAnalyzer : DiagnosticAnalyzer
{
    public static readonly ListOption ProvidedKeysOption = RuleOptions.List(
        OptionCatalog.MissingConfigurationKey.ProvidedKeys,
        "Configuration keys supplied from outside the settings files (environment variables, a secret store, the deployment), comma-separated; `A` covers `A` and every key below it, `A*` every key starting with `A` (e.g. `ConnectionStrings:*`). Read by RDY4006 and RDY4007.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ConfigurationKeyNotProvided,
        title: "Configuration key not provided by any settings file",
        messageFormat: "Configuration key '{0}' is {1}, but no settings file provides it (searched {2}); unless an environment variable '{3}' or a secret store sets it, {4}; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The code reads a configuration key that none of the project's appsettings*.json files contains. Unless every environment sets it by other means (environment variables, a secret store), the read returns null there and the service misbehaves later, far from the cause. Declare where the key comes from: in a settings file (an empty value is enough) or in RDY4006.provided_keys.",
        customTags: RuleTags.CompilationEnd);

    internal static readonly DiagnosticDescriptor StartupRule = RuleDescriptors.Create(
        RuleIdentifiers.RequiredConfigurationKeyNotProvided,
        title: "Configuration key required at start-up not provided by any settings file",
        messageFormat: "Configuration key '{0}' is required at start-up ({1}), but no settings file provides it (searched {2}); unless an environment variable '{3}' or a secret store sets it, the host fails to start; add the key to a settings file (an empty value declares it) or list it in RDY4006.provided_keys",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "GetRequiredSection throws, and options validated with ValidateOnStart stop the host, when a key is missing. When no appsettings*.json file of the project provides the key, every environment that does not set it by other means fails to start. Declare where the key comes from: in a settings file (an empty value is enough) or in RDY4006.provided_keys.",
        customTags: RuleTags.CompilationEnd);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, StartupRule, ContractChannel.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var contract = ContractChannel.IsRequested(start.Options);
            if (TestProjects.IsTestProject(compilation) || !ReferenceGate.MayReference(compilation, "Microsoft.Extensions.Configuration.Abstractions"))
            {
                if (contract)
                {
                    start.RegisterCompilationEndAction(static end => ReportEmptyContract(end));
                }

                return;
            }

            var hasSettingsFile = false;
            foreach (var file in start.Options.AdditionalFiles)
            {
                hasSettingsFile |= SettingsFileAnalyzer.IsSettingsFile(file.Path);
            }

            if (!hasSettingsFile && !contract)
            {
                // A library reads the configuration its host gives it: nothing to decide here, and nothing to report.
                return;
            }

            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => ConfigurationSymbols.Create(compilation) is { } symbols
                ? new CompilationAnalysis(compilation, symbols, options, hasSettingsFile, contract)
                : null);
            start.RegisterOperationAction(context => analysis.Value?.OnInvocation(context), OperationKind.Invocation);
            start.RegisterOperationAction(context => analysis.Value?.OnPropertyReference(context), OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(context =>
            {
                if (analysis.Value is { } found)
                {
                    found.OnCompilationEnd(context);
                }
                else if (contract)
                {
                    // No configuration API in sight: the contract still says "no keys".
                    ReportEmptyContract(context);
                }
            });
        });
    }

    private static void ReportEmptyContract(CompilationAnalysisContext end)
        => end.ReportDiagnostic(ContractChannel.Create(ContractChannel.SectionConfiguration, "{\"keys\":[]}"));

    private sealed class CompilationAnalysis
    {
        /// <summary>What an Aspire AppHost passes to the projects it runs (WithReference): connection strings and service endpoints.</summary>
        private static readonly ImmutableArray<string> OrchestratedKeys = ImmutableArray.Create("ConnectionStrings", "services");

        private readonly ConfigurationSymbols _symbols;
        private readonly AnalyzerOptions _options;
        private readonly PerTreeList _providedKeys;
        private readonly bool _hasSettingsFile;
        private readonly bool _contract;
        private readonly bool _orchestrated;
        private readonly ConcurrentQueue<KeyRead> _reads = new();
        private readonly ConcurrentQueue<OptionsBinding> _bindings = new();
        // Sets, as dictionaries whose values are all Seen: over bool values they could not ship precompiled and would be
        // compiled just in time in every compiler process.
        private static readonly object Seen = new();
        private readonly ConcurrentDictionary<ITypeSymbol, object> _validated = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ITypeSymbol, object> _validatedOnStart = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IParameterSymbol, object> _sectionParameters = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<string, object> _connectionNames = new(StringComparer.OrdinalIgnoreCase);

        public CompilationAnalysis(Compilation compilation, ConfigurationSymbols symbols, AnalyzerOptions options, bool hasSettingsFile, bool contract)
        {
            _symbols = symbols;
            _options = options;
            _providedKeys = new PerTreeList(options, ProvidedKeysOption);
            _hasSettingsFile = hasSettingsFile;
            _contract = contract;
            _orchestrated = IsOrchestrated(compilation);
        }

        /// <summary>
        /// Run by an Aspire AppHost: the project references an Aspire client integration (an assembly named
        /// <c>Aspire.*</c>, not the AppHost's own <c>Aspire.Hosting*</c>) or Aspire's service discovery.
        /// </summary>
        private static bool IsOrchestrated(Compilation compilation)
        {
            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                var name = reference.Name;
                if ((name.StartsWith("Aspire.", StringComparison.Ordinal) && !name.StartsWith("Aspire.Hosting", StringComparison.Ordinal))
                    || name.Equals("Microsoft.Extensions.ServiceDiscovery", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        public void OnPropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (!reference.Property.IsIndexer || reference.Arguments.Length != 1 || !_symbols.IsConfiguration(reference.Instance?.Type)
                || reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
            {
                return;
            }

            IParameterSymbol? root = null;
            var path = _symbols.PathOf(reference.Instance, ref root);
            var key = ConfigurationSymbols.ConstantKey(reference.Arguments[0].Value);
            if (path is not null && key is not null)
            {
                AddValueRead(reference, ConfigurationSymbols.Combine(path, key), ReadKinds.Indexer, hasDefault: false, root);
            }
        }

        public void OnInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "GetConnectionString":
                case "GetValue":
                    OnValueCall(invocation);
                    break;
                case "GetSection":
                case "GetRequiredSection":
                    OnSectionCall(invocation);
                    break;
                case "Configure":
                    OnConfigure(invocation);
                    break;
                case "BindConfiguration":
                case "Bind":
                    OnOptionsBind(invocation);
                    break;
                case "ValidateDataAnnotations":
                    if (_symbols.OptionsTypeOf(ConfigurationSymbols.Receiver(invocation)?.Type) is { } validated)
                    {
                        _validated[validated] = Seen;
                    }

                    break;
                case "ValidateOnStart":
                    if (_symbols.OptionsTypeOf(ConfigurationSymbols.Receiver(invocation)?.Type) is { } onStart)
                    {
                        _validatedOnStart[onStart] = Seen;
                    }

                    break;
                case "AddOptionsWithValidateOnStart" when method.TypeArguments.Length > 0:
                    _validatedOnStart[method.TypeArguments[0]] = Seen;
                    if (method.TypeArguments.Length > 1)
                    {
                        // The second type argument is a validator ([OptionsValidator] generates one that checks [Required]).
                        _validated[method.TypeArguments[0]] = Seen;
                    }

                    break;
            }

            if (invocation.Arguments.Length > 0)
            {
                NoteArguments(invocation);
            }
        }

        private void OnValueCall(IInvocationOperation invocation)
        {
            var receiver = ConfigurationSymbols.Receiver(invocation);
            if (!_symbols.IsConfiguration(receiver?.Type))
            {
                return;
            }

            IParameterSymbol? root = null;
            var path = _symbols.PathOf(receiver, ref root);
            if (path is null)
            {
                return;
            }

            if (invocation.TargetMethod.Name == "GetConnectionString")
            {
                if (ConfigurationSymbols.ConstantKey(ConfigurationSymbols.Argument(invocation, "name")?.Value) is { } name)
                {
                    AddValueRead(invocation, ConfigurationSymbols.Combine(path, "ConnectionStrings:" + name), ReadKinds.GetConnectionString, hasDefault: false, root);
                }

                return;
            }

            if (ConfigurationSymbols.ConstantKey(ConfigurationSymbols.Argument(invocation, "key")?.Value) is { } key)
            {
                var hasDefault = ConfigurationSymbols.Argument(invocation, "defaultValue") is { ArgumentKind: not ArgumentKind.DefaultValue };
                if (!hasDefault && IsFlag(invocation.TargetMethod))
                {
                    // GetValue<bool>("Features:X"): false when missing is the feature-flag idiom, a default by intent.
                    _reads.Enqueue(new KeyRead(ConfigurationSymbols.Combine(path, key), ConfigurationSymbols.LocationOf(invocation), ReadKinds.GetValue, required: false, hasDefault: false, failsAtStartup: false, isSection: false, root, null));
                    return;
                }

                AddValueRead(invocation, ConfigurationSymbols.Combine(path, key), ReadKinds.GetValue, hasDefault, root);
            }
        }

        private static bool IsFlag(IMethodSymbol method)
            => method.TypeArguments.Length == 1
               && (method.TypeArguments[0].SpecialType == SpecialType.System_Boolean
                   || method.TypeArguments[0] is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
                      && nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean);

        private void AddValueRead(IOperation read, string key, string kind, bool hasDefault, IParameterSymbol? root)
        {
            var (required, statesDefault) = hasDefault ? (false, true) : ConfigurationSymbols.Usage(read);
            _reads.Enqueue(new KeyRead(key, ConfigurationSymbols.LocationOf(read), kind, required, statesDefault, failsAtStartup: false, isSection: false, root, null));
        }

        /// <summary>
        /// GetSection feeding another read or a binding is only part of that key (<c>GetSection("A")["B"]</c> is
        /// <c>A:B</c>): nothing of its own. A section bound with <c>Get&lt;T&gt;()</c> is needed; other uses are listed
        /// in the contract. GetRequiredSection throws when the section is missing, wherever it is used.
        /// </summary>
        private void OnSectionCall(IInvocationOperation invocation)
        {
            if (!_symbols.IsSectionCall(invocation))
            {
                return;
            }

            IParameterSymbol? root = null;
            var key = _symbols.PathOf(invocation, ref root);
            if (key is null)
            {
                return;
            }

            var location = ConfigurationSymbols.LocationOf(invocation);
            if (invocation.TargetMethod.Name == "GetRequiredSection")
            {
                _reads.Enqueue(new KeyRead(key, location, ReadKinds.GetRequiredSection, required: true, hasDefault: false, failsAtStartup: true, isSection: true, root, null));
                return;
            }

            var consumer = ConsumerOf(invocation);
            switch (consumer)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true }:
                    return;
                case IInvocationOperation call when ComposesKey(call):
                    // Part of the consumer's key, or an options binding (decided with its validation at the end).
                    return;
                case IInvocationOperation call when call.TargetMethod.Name == "Get" && ConfigurationSymbols.Receiver(call) is { } receiver && ConfigurationSymbols.Unwrap(receiver) == invocation:
                    // configuration.GetSection("A").Get<T>(): null when the section is missing.
                    {
                        var (required, hasDefault) = ConfigurationSymbols.Usage(call);
                        _reads.Enqueue(new KeyRead(key, location, ReadKinds.GetSection, required, hasDefault, failsAtStartup: false, isSection: true, root, null));
                        return;
                    }
            }

            _reads.Enqueue(new KeyRead(key, location, ReadKinds.GetSection, required: false, hasDefault: false, failsAtStartup: false, isSection: true, root, null));
        }

        private bool ComposesKey(IInvocationOperation call) => call.TargetMethod.Name switch
        {
            "GetSection" or "GetRequiredSection" or "GetConnectionString" or "GetValue" or "Configure" => true,
            "Bind" => _symbols.OptionsTypeOf(ConfigurationSymbols.Receiver(call)?.Type) is not null,
            _ => false,
        };

        /// <summary>The operation that uses a value: the call it is the receiver or an argument of, or the property read on it.</summary>
        private static IOperation? ConsumerOf(IOperation operation)
        {
            var current = operation;
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                current = parent;
                parent = parent.Parent;
            }

            return parent switch
            {
                IArgumentOperation argument => argument.Parent,
                IInvocationOperation call when call.Instance == current => call,
                IPropertyReferenceOperation property when property.Instance == current => property,
                _ => null,
            };
        }

        /// <summary><c>services.Configure&lt;T&gt;(config.GetSection("A"))</c>.</summary>
        private void OnConfigure(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.TypeArguments.Length != 1 || ConfigurationSymbols.Argument(invocation, "config") is not { } config || !_symbols.IsConfiguration(config.Parameter!.Type))
            {
                return;
            }

            AddBinding(method.TypeArguments[0], config.Value, invocation);
        }

        /// <summary><c>AddOptions&lt;T&gt;().BindConfiguration("A")</c> and <c>AddOptions&lt;T&gt;().Bind(config.GetSection("A"))</c>.</summary>
        private void OnOptionsBind(IInvocationOperation invocation)
        {
            if (_symbols.OptionsTypeOf(ConfigurationSymbols.Receiver(invocation)?.Type) is not { } optionsType)
            {
                return;
            }

            if (invocation.TargetMethod.Name == "BindConfiguration")
            {
                if (ConfigurationSymbols.ConstantKey(ConfigurationSymbols.Argument(invocation, "configSectionPath")?.Value) is { } section)
                {
                    _bindings.Enqueue(new OptionsBinding(optionsType, section, ConfigurationSymbols.LocationOf(invocation), null));
                }

                return;
            }

            if (ConfigurationSymbols.Argument(invocation, "config") is { } config && _symbols.IsConfiguration(config.Parameter!.Type))
            {
                AddBinding(optionsType, config.Value, invocation);
            }
        }

        private void AddBinding(ITypeSymbol optionsType, IOperation configuration, IInvocationOperation invocation)
        {
            IParameterSymbol? root = null;
            if (_symbols.PathOf(configuration, ref root) is { } section)
            {
                _bindings.Enqueue(new OptionsBinding(optionsType, section, ConfigurationSymbols.LocationOf(invocation), root));
            }
        }

        /// <summary>
        /// Two facts from arguments: an <c>IConfiguration</c> parameter that receives a section somewhere is not the
        /// root (reads through it have unknown keys), and an <c>IHostApplicationBuilder</c> extension with a
        /// <c>connectionName</c> parameter (Aspire client integrations and wrappers of them) gets
        /// <c>ConnectionStrings:&lt;name&gt;</c> from the orchestrator.
        /// </summary>
        private void NoteArguments(IInvocationOperation invocation)
        {
            bool? isHostExtension = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (parameter.Name == "connectionName")
                {
                    isHostExtension ??= IsHostExtension(invocation.TargetMethod);
                    if (isHostExtension.Value && parameter.Type.SpecialType == SpecialType.System_String
                        && ConfigurationSymbols.ConstantKey(argument.Value) is { } connectionName)
                    {
                        _connectionNames[connectionName] = Seen;
                    }
                }
                else if (SymbolEqualityComparer.Default.Equals(parameter.Type, _symbols.Configuration) && IsSection(argument.Value))
                {
                    // Only a parameter typed IConfiguration can be given a section and read as if it were the root.
                    _sectionParameters[parameter.OriginalDefinition] = Seen;
                }
            }
        }

        private bool IsHostExtension(IMethodSymbol method)
            => method.IsExtensionMethod && method.Parameters.Length > 1
               && SymbolNames.Implements(method.Parameters[0].Type, _symbols.HostApplicationBuilder);

        private bool IsSection(IOperation value)
        {
            value = ConfigurationSymbols.Unwrap(value);
            return (value is IInvocationOperation call && _symbols.IsSectionCall(call)) || SymbolNames.Implements(value.Type, _symbols.Section);
        }

        public void OnCompilationEnd(CompilationAnalysisContext context)
        {
            var reads = Collect();
            if (reads.Count == 0 && !_contract)
            {
                return;
            }

            var settings = SettingsKeys.Load(
                _options.AdditionalFiles,
                SettingsFileAnalyzer.Parsed.Get,
                context.CancellationToken);
            var reported = new HashSet<(Location, string)>();
            var entries = new List<ContractEntry>();
            foreach (var read in reads)
            {
                var providedBy = settings.ProvidedBy(read.Key, read.IsSection);
                var declared = providedBy.Count > 0 ? "settings"
                    : KeyPatterns.Declares(_providedKeys.For(read.Location.SourceTree!), read.Key, read.IsSection) ? "option"
                    : IsOrchestratorKey(read.Key, read.IsSection) ? "orchestrator"
                    : "none";
                if (_contract)
                {
                    entries.Add(new ContractEntry(read, providedBy, declared));
                }

                if (_hasSettingsFile && read.Required && declared == "none" && reported.Add((read.Location, read.Key.ToUpperInvariant())))
                {
                    context.ReportDiagnostic(CreateDiagnostic(read, settings));
                }
            }

            if (_contract)
            {
                context.ReportDiagnostic(ContractChannel.Create(ContractChannel.SectionConfiguration, ContractEntry.Write(entries)));
            }
        }

        /// <summary>The reads gathered, with the options bindings turned into one read per <c>[Required]</c> property when validation checks them.</summary>
        private List<KeyRead> Collect()
        {
            var reads = new List<KeyRead>();
            foreach (var read in _reads)
            {
                if (read.RootParameter is null || !_sectionParameters.ContainsKey(read.RootParameter))
                {
                    reads.Add(read);
                }
            }

            foreach (var binding in _bindings)
            {
                if (binding.RootParameter is not null && _sectionParameters.ContainsKey(binding.RootParameter))
                {
                    continue;
                }

                var validated = _validated.ContainsKey(binding.OptionsType);
                var required = validated ? _symbols.RequiredPropertiesOf(binding.OptionsType) : Array.Empty<(string, string)>();
                if (required.Count == 0)
                {
                    reads.Add(new KeyRead(binding.Section, binding.Location, ReadKinds.Options, required: false, hasDefault: false, failsAtStartup: false, isSection: true, null, null));
                    continue;
                }

                var onStart = _validatedOnStart.ContainsKey(binding.OptionsType);
                foreach (var (name, property) in required)
                {
                    reads.Add(new KeyRead(ConfigurationSymbols.Combine(binding.Section, name), binding.Location, ReadKinds.Options, required: true, hasDefault: false, onStart, isSection: true, null, property));
                }
            }

            return reads;
        }

        private bool IsOrchestratorKey(string key, bool isSection)
        {
            if (_orchestrated && KeyPatterns.Declares(OrchestratedKeys, key, isSection))
            {
                return true;
            }

            const string Prefix = "ConnectionStrings:";
            return key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && _connectionNames.ContainsKey(key.Substring(Prefix.Length));
        }

        private static Diagnostic CreateDiagnostic(KeyRead read, SettingsKeys settings)
        {
            var searched = settings.FileNames.Count == 0 ? "no settings file" : string.Join(", ", settings.FileNames);
            var variable = read.Key.Replace(":", "__");
            if (read.FailsAtStartup)
            {
                var why = read.BoundProperty is null
                    ? "GetRequiredSection throws when the section is missing"
                    : "ValidateOnStart checks the [Required] property '" + read.BoundProperty + "'";
                return ReadinessDiagnostic.Create(StartupRule, read.Location, read.Key, why, searched, variable);
            }

            var (what, consequence) = read.BoundProperty is null
                ? ("read here", "the read gets no value in every such environment")
                : ("bound to the [Required] property '" + read.BoundProperty + "'", "validating the options fails when they are first used");
            return ReadinessDiagnostic.Create(Rule, read.Location, read.Key, what, searched, variable, consequence);
        }
    }

    /// <summary>One key of the contract's configuration part.</summary>
    private sealed class ContractEntry
    {
        public ContractEntry(KeyRead read, List<string> providedBy, string declared)
        {
            Read = read;
            File = read.Location.SourceTree?.FilePath ?? string.Empty;
            Line = read.Location.GetLineSpan().StartLinePosition.Line + 1;
            ProvidedBy = providedBy;
            Declared = declared;
        }

        public KeyRead Read { get; }

        public string File { get; }

        public int Line { get; }

        public List<string> ProvidedBy { get; }

        public string Declared { get; }

        /// <summary>The entry's place in the list <see cref="Write"/> sorts (the last sort key).</summary>
        private int Position { get; set; }

        private static int Compare(ContractEntry x, ContractEntry y)
        {
            var order = StringComparer.OrdinalIgnoreCase.Compare(x.Read.Key, y.Read.Key);
            if (order == 0)
            {
                order = string.CompareOrdinal(x.Read.Key, y.Read.Key);
            }

            if (order == 0)
            {
                order = string.CompareOrdinal(x.File, y.File);
            }

            if (order == 0)
            {
                order = x.Line.CompareTo(y.Line);
            }

            if (order == 0)
            {
                order = y.Read.Required.CompareTo(x.Read.Required);
            }

            return order != 0 ? order : x.Position.CompareTo(y.Position);
        }

        /// <summary><c>{"keys":[…]}</c>: one entry per key and place (file and line), sorted by key, file, line.</summary>
        public static string Write(List<ContractEntry> entries)
        {
            // A sort by comparison with the list position as the last key (stable, as OrderBy/ThenBy was) and string
            // keys for the places seen: LINQ's sorters over a bool or int key and a set of tuples cannot ship
            // precompiled and would be compiled just in time in every compiler process.
            var ordered = new List<ContractEntry>(entries);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Position = i;
            }

            ordered.Sort(Compare);
            var json = new ContractJson().BeginObject().BeginArray("keys");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in ordered)
            {
                if (!seen.Add(entry.Read.Key.ToUpperInvariant() + "\n" + entry.File + "\n" + entry.Line.ToString(CultureInfo.InvariantCulture)))
                {
                    continue;
                }

                json.BeginObject()
                    .String("key", entry.Read.Key)
                    .String("file", entry.File)
                    .Number("line", entry.Line)
                    .String("kind", entry.Read.Kind)
                    .Bool("required", entry.Read.Required)
                    .Bool("hasDefault", entry.Read.HasDefault)
                    .BeginArray("providedBy");
                foreach (var name in entry.ProvidedBy)
                {
                    json.String(null, name);
                }

                json.EndArray().String("declared", entry.Declared).EndObject();
            }

            return json.EndArray().EndObject().ToString();
        }
    }
}
