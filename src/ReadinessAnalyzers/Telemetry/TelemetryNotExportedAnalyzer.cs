using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.Contract;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2007: an <c>ActivitySource</c> or <c>Meter</c> whose name no <c>AddSource</c>/<c>AddMeter</c> of the
/// OpenTelemetry pipeline configured in the same compilation subscribes to, so everything it records is dropped.
/// Silent when the pipeline is not visible: configured by a method of another assembly (RDY2006's
/// <c>pipeline_methods</c>, Application Insights), or subscribing to names it cannot resolve. See rules/RDY2007.md.
/// When the build asks for the operations contract, it also reports the "telemetry" part (rules/RDY9100.md): every
/// source and meter created here and whether the visible pipeline exports it (yes, no, or unknown).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TelemetryNotExportedAnalyzer : DiagnosticAnalyzer
{
    public static readonly ListOption ExportedNamesOption = RuleOptions.List(
        OptionCatalog.TelemetryNotExported.ExportedNames,
        "ActivitySource and Meter names that are exported in a way the analyzer cannot see (an agent, a pipeline set up in another assembly); `*` is a wildcard, e.g. `Orders.*`.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.TelemetryNotExported,
        title: "Telemetry produced but never exported",
        messageFormat: "{0} '{1}' is never added to the {2} pipeline configured at {3}, so every {4} it records is dropped and nobody sees it; add .{5}(\"{1}\") to that pipeline",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "OpenTelemetry exports only the ActivitySources and Meters its pipeline subscribes to by name (AddSource, AddMeter). A source or meter the pipeline does not list records into nothing: its spans never reach a trace and its measurements never reach a dashboard, and nothing reports the loss.",
        customTags: RuleTags.CompilationEnd);

    private static readonly ImmutableArray<string> ApplicationInsightsMethods =
        ImmutableArray.Create("AddApplicationInsightsTelemetry", "AddApplicationInsightsTelemetryWorkerService");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, ContractChannel.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (TestProjects.IsTestProject(compilation))
            {
                return;
            }

            // Without OpenTelemetry nothing can be reported; the operations contract still lists what is produced.
            var options = start.Options;
            var contract = ContractChannel.IsRequested(options);
            var analysis = new FirstUse<CompilationAnalysis>(() =>
            {
                var tracing = Signal.Create(compilation, "System.Diagnostics.ActivitySource", "OpenTelemetry.Trace.TracerProviderBuilder", isTracing: true, contract);
                var metrics = Signal.Create(compilation, "System.Diagnostics.Metrics.Meter", "OpenTelemetry.Metrics.MeterProviderBuilder", isTracing: false, contract);

                // Nothing can be produced, or no pipeline can be configured here: every callback returns at once.
                return tracing is null && metrics is null ? null : new CompilationAnalysis(compilation, tracing, metrics, options, contract);
            });
            start.RegisterOperationAction(context => analysis.Value?.OnCreation(context), OperationKind.ObjectCreation);
            start.RegisterOperationAction(context => analysis.Value?.OnInvocation(context), OperationKind.Invocation);
            start.RegisterOperationAction(context => analysis.Value?.OnInitializer(context), OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
            start.RegisterCompilationEndAction(context => analysis.Value?.Report(context));
        });
    }

    /// <summary>Tracing or metrics: the type that produces and the pipeline builder that subscribes.</summary>
    private sealed class Signal
    {
        private Signal(INamedTypeSymbol producer, INamedTypeSymbol? builder, bool isTracing)
        {
            Producer = producer;
            Builder = builder;
            IsTracing = isTracing;
        }

        public INamedTypeSymbol Producer { get; }
        /// <summary>Null when OpenTelemetry is not referenced (only for the operations contract): no pipeline can exist.</summary>
        public INamedTypeSymbol? Builder { get; }
        public bool IsTracing { get; }
        public string Subscribe => IsTracing ? "AddSource" : "AddMeter";

        /// <summary>Where a pipeline is configured (calls that hand out its builder), for the message.</summary>
        public ConcurrentQueue<Location> PipelineCalls { get; } = new();
        public ConcurrentQueue<NameExpression> Subscriptions { get; } = new();
        public ConcurrentQueue<Producer> Producers { get; } = new();

        /// <summary>Set when a method of another assembly configures telemetry: the pipeline is not fully visible.</summary>
        public volatile bool Opaque;

        public static Signal? Create(Compilation compilation, string producer, string builder, bool isTracing, bool withoutBuilder)
            => TypeLookup.Get(compilation, producer) is not { } producerType ? null
                : TypeLookup.Get(compilation, builder) is { } builderType ? new Signal(producerType, builderType, isTracing)
                : withoutBuilder ? new Signal(producerType, null, isTracing)
                : null;
    }

    /// <summary>A source or meter created here: its name and where. A class, not a tuple: a queue of tuples is generic
    /// code compiled just in time in every compiler process (the analyzer ships precompiled; that code cannot be).</summary>
    private sealed class Producer
    {
        public Producer(NameExpression name, Location location)
        {
            Name = name;
            Location = location;
        }

        public NameExpression Name { get; }

        public Location Location { get; }

        public void Deconstruct(out NameExpression name, out Location location)
        {
            name = Name;
            location = Location;
        }
    }

    /// <summary>The items in source order (file path, then position), items at the same place in the order they came,
    /// as OrderBy/ThenBy gave. An insertion sort (stable, and there are only a few sources, meters and pipelines), not
    /// LINQ's sorter over a value-type key, which is compiled just in time in every compiler process.</summary>
    private static List<T> InSourceOrder<T>(IEnumerable<T> items, Func<T, Location> locationOf)
        where T : class
    {
        var sorted = new List<T>();
        foreach (var item in items)
        {
            var location = locationOf(item);
            var index = sorted.Count;
            while (index > 0 && Compare(locationOf(sorted[index - 1]), location) > 0)
            {
                index--;
            }

            sorted.Insert(index, item);
        }

        return sorted;
    }

    private static int Compare(Location left, Location right)
    {
        var byPath = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
        return byPath != 0 ? byPath : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
    }

    private sealed class CompilationAnalysis
    {
        private readonly Compilation _compilation;
        private readonly Signal? _tracing;
        private readonly Signal? _metrics;
        private readonly INamedTypeSymbol? _meterFactory;
        private readonly INamedTypeSymbol? _meterOptions;
        private readonly PerTreeList _pipelineMethods;
        private readonly PerTreeList _exportedNames;
        private readonly NameExpressions _names;

        /// <summary>Static members' initial values (<c>public static readonly string Name = "Orders";</c>).</summary>
        private readonly ConcurrentDictionary<ISymbol, NameExpression> _initialValues = new(SymbolEqualityComparer.Default);

        /// <summary>The string arguments of every call to a method of this compilation, by parameter.</summary>
        private readonly ConcurrentDictionary<IParameterSymbol, ConcurrentQueue<NameExpression>> _arguments = new(SymbolEqualityComparer.Default);

        private readonly bool _contract;

        public CompilationAnalysis(Compilation compilation, Signal? tracing, Signal? metrics, AnalyzerOptions options, bool contract)
        {
            _contract = contract;
            _compilation = compilation;
            _tracing = tracing;
            _metrics = metrics;
            _meterFactory = TypeLookup.Get(compilation, "System.Diagnostics.Metrics.IMeterFactory");
            _meterOptions = TypeLookup.Get(compilation, "System.Diagnostics.Metrics.MeterOptions");
            _pipelineMethods = new PerTreeList(options, AppWithoutTracingPipelineRule.PipelineMethodsOption);
            _exportedNames = new PerTreeList(options, ExportedNamesOption);
            _names = new NameExpressions(tracing?.Producer, metrics?.Producer);
        }

        public void OnCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (_tracing is not null && SymbolEqualityComparer.Default.Equals(type, _tracing.Producer))
            {
                AddProducer(_tracing, FirstArgument(creation.Arguments), creation);
            }
            else if (_metrics is not null && SymbolEqualityComparer.Default.Equals(type, _metrics.Producer))
            {
                AddProducer(_metrics, FirstArgument(creation.Arguments), creation);
            }
        }

        public void OnInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;

            // factory.Create(new MeterOptions("Orders")), and the extension factory.Create("Orders").
            if (_metrics is not null && method.Name == "Create" && _meterFactory is not null)
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _meterFactory))
                {
                    AddProducer(_metrics, FirstArgument(invocation.Arguments), invocation);
                    return;
                }

                if (method.IsExtensionMethod && method.Parameters.Length > 1
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _meterFactory))
                {
                    AddProducer(_metrics, invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1)?.Value, invocation);
                    return;
                }
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
            {
                RecordArguments(invocation);
            }
            else if (method.IsExtensionMethod || method.IsStatic)
            {
                CheckOpaque(invocation, method);
            }

            Observe(_tracing, invocation, method, _names);
            Observe(_metrics, invocation, method, _names);
        }

        public void OnInitializer(OperationAnalysisContext context)
        {
            var (members, value) = context.Operation switch
            {
                IFieldInitializerOperation field => (field.InitializedFields.CastArray<ISymbol>(), field.Value),
                IPropertyInitializerOperation property => (property.InitializedProperties.CastArray<ISymbol>(), property.Value),
                _ => (ImmutableArray<ISymbol>.Empty, null),
            };
            // A name (static readonly string Name = "Orders") or a producer whose Name is read elsewhere
            // (static readonly ActivitySource Source = new("Orders"); … AddSource(Source.Name)).
            var name = value?.Type?.SpecialType == SpecialType.System_String ? _names.Of(value)
                : value is not null && ProducerName(value) is { } producerName ? _names.Of(producerName)
                : null;
            if (name is null)
            {
                return;
            }

            foreach (var member in members)
            {
                if (member.IsStatic && IsReadOnly(member))
                {
                    _initialValues[member.OriginalDefinition] = name;
                }
            }
        }

        private static bool IsReadOnly(ISymbol member)
            => member switch
            {
                IFieldSymbol field => field.IsReadOnly || field.IsConst,
                IPropertySymbol property => property.SetMethod is null || property.SetMethod.IsInitOnly,
                _ => false,
            };

        /// <summary>
        /// A call that configures a pipeline (<c>WithTracing(t => …)</c>, <c>ConfigureOpenTelemetryMeterProvider(…)</c>,
        /// <c>Sdk.CreateTracerProviderBuilder()</c>: it hands out a builder) marks the compilation as one that sets up
        /// telemetry; a call on a builder that is <c>AddSource</c>/<c>AddMeter</c> subscribes. Extension methods on the
        /// builder alone (a library's <c>AddMyInstrumentation</c>) are building blocks, not a pipeline.
        /// </summary>
        private static void Observe(Signal? signal, IInvocationOperation invocation, IMethodSymbol method, NameExpressions names)
        {
            if (signal is null)
            {
                return;
            }

            var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType;
            if (!SymbolNames.IsOrInheritsFrom(receiver, signal.Builder))
            {
                if (HandsOutBuilder(method, signal.Builder))
                {
                    // At the method's name (WithTracing), not at the start of a long chain.
                    var name = invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name : invocation.Syntax;
                    signal.PipelineCalls.Enqueue(name.GetLocation());
                }

                return;
            }

            if (method.Name != signal.Subscribe)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
                {
                    continue;
                }

                names.AddAllOf(argument.Value, signal.Subscriptions);
            }
        }

        /// <summary>A static method that returns a new builder, or a method that takes a callback receiving one.</summary>
        private static bool HandsOutBuilder(IMethodSymbol method, INamedTypeSymbol? builder)
        {
            if (builder is null)
            {
                return false;
            }

            if (method.IsStatic && !method.IsExtensionMethod && SymbolNames.IsOrInheritsFrom(method.ReturnType, builder))
            {
                return true;
            }

            // Cheapest test first: only a delegate parameter can be a callback; its parameters are read without LINQ.
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { Parameters.Length: > 0 } invoke })
                {
                    foreach (var callbackParameter in invoke.Parameters)
                    {
                        if (SymbolNames.IsOrInheritsFrom(callbackParameter.Type, builder))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>A method of another assembly that sets up telemetry for the app: its subscriptions are not visible.</summary>
        private void CheckOpaque(IInvocationOperation invocation, IMethodSymbol method)
        {
            var listed = _pipelineMethods.For(invocation.Syntax.SyntaxTree);
            if (!StartupApp.Matches(method, listed) && !StartupApp.Matches(method, ApplicationInsightsMethods))
            {
                return;
            }

            if (_tracing is not null)
            {
                _tracing.Opaque = true;
            }

            if (_metrics is not null)
            {
                _metrics.Opaque = true;
            }
        }

        /// <summary>Keeps the string arguments of calls to this compilation's methods, so a helper that passes its
        /// parameter to <c>AddSource</c> can be resolved (one level).</summary>
        private void RecordArguments(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                // Only what a string or string[] parameter receives can be a name (defaults included: they are its values too).
                if (argument.Parameter is not { } parameter || !IsStringOrStringArray(parameter.Type))
                {
                    continue;
                }

                var definition = parameter.OriginalDefinition;
                if (!_arguments.TryGetValue(definition, out var queue))
                {
                    queue = _arguments.GetOrAdd(definition, static _ => new ConcurrentQueue<NameExpression>());
                }

                _names.AddAllOf(argument.Value, queue);
            }
        }

        private static bool IsStringOrStringArray(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_String
               || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };

        private void AddProducer(Signal signal, IOperation? nameArgument, IOperation producer)
        {
            if (NameOrOptionsName(nameArgument) is { } value)
            {
                signal.Producers.Enqueue(new Producer(_names.Of(value), producer.Syntax.GetLocation()));
            }
        }

        /// <summary>The name argument of <c>new ActivitySource(…)</c> / <c>new Meter(…)</c>, through a conversion.</summary>
        private IOperation? ProducerName(IOperation value)
            => Unwrap(value) is IObjectCreationOperation creation
               && (SymbolEqualityComparer.Default.Equals(creation.Type, _tracing?.Producer) || SymbolEqualityComparer.Default.Equals(creation.Type, _metrics?.Producer))
                ? NameOrOptionsName(FirstArgument(creation.Arguments))
                : null;

        /// <summary>A name, or the name inside <c>new MeterOptions("Orders")</c>.</summary>
        private IOperation? NameOrOptionsName(IOperation? argument)
        {
            if (argument is null)
            {
                return null;
            }

            var value = Unwrap(argument);
            return _meterOptions is not null && value is IObjectCreationOperation options && SymbolEqualityComparer.Default.Equals(options.Type, _meterOptions)
                ? FirstArgument(options.Arguments)
                : value;
        }

        private static IOperation? FirstArgument(ImmutableArray<IArgumentOperation> arguments)
            => arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;

        private static IOperation Unwrap(IOperation operation)
            => operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;

        public void Report(CompilationAnalysisContext context)
        {
            var resolver = new NameResolver(_initialValues, _arguments);
            ReportSignal(context, _tracing, resolver, "ActivitySource", "tracing", "span");
            ReportSignal(context, _metrics, resolver, "Meter", "metrics", "measurement");
            if (_contract)
            {
                var json = new ContractJson().BeginObject().BeginArray("sources");
                WriteContract(json, _tracing, resolver, "ActivitySource");
                WriteContract(json, _metrics, resolver, "Meter");
                context.ReportDiagnostic(ContractChannel.Create(ContractChannel.SectionTelemetry, json.EndArray().EndObject().ToString()));
            }
        }

        /// <summary>The contract's entries for one signal: each name created here, and whether the visible pipeline
        /// exports it ("yes", "no", or "unknown" with the reason).</summary>
        private void WriteContract(ContractJson json, Signal? signal, NameResolver resolver, string producerKind)
        {
            if (signal is null || signal.Producers.IsEmpty)
            {
                return;
            }

            string? unknown = signal.Opaque ? "the pipeline is configured by a method of another assembly"
                : signal.PipelineCalls.IsEmpty ? "no pipeline is configured in this project"
                : null;
            var patterns = new List<string>();
            foreach (var subscription in signal.Subscriptions)
            {
                if (resolver.Resolve(subscription) is not { } names)
                {
                    unknown ??= "the pipeline subscribes to a name computed at run time";
                    break;
                }

                patterns.AddRange(names);
            }

            // (path, line, name) as one string key, the path prefixed with its length so distinct triples never share one.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (expression, location) in InSourceOrder(signal.Producers, static p => p.Location))
            {
                var span = location.GetLineSpan();
                var line = span.StartLinePosition.Line + 1;
                var names = resolver.Resolve(expression) is { Count: > 0 } resolved ? resolved.Distinct(StringComparer.Ordinal).ToList() : new List<string>();
                if (names.Count == 0)
                {
                    names.Add(string.Empty);
                }

                foreach (var name in names)
                {
                    if (!seen.Add((span.Path is null ? "-" : span.Path.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + span.Path) + "|" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + name))
                    {
                        continue;
                    }

                    var exported = location.SourceTree is { } tree && name.Length > 0 && _exportedNames.For(tree).Any(p => NamePattern.Matches(p, name));
                    var (state, reason) = name.Length == 0 ? ("unknown", "the name is computed at run time")
                        : exported ? ("yes", "declared in RDY2007.exported_names")
                        : patterns.Any(p => p == "*" || NamePattern.Matches(p, name)) ? ("yes", (string?)null)
                        : unknown is not null ? ("unknown", unknown)
                        : ("no", (string?)null);
                    json.BeginObject()
                        .String("kind", producerKind)
                        .String("name", name.Length == 0 ? null : name)
                        .String("exported", state)
                        .String("reason", reason)
                        .String("file", span.Path)
                        .Number("line", line)
                        .EndObject();
                }
            }
        }

        private void ReportSignal(CompilationAnalysisContext context, Signal? signal, NameResolver resolver, string producerKind, string pipelineKind, string item)
        {
            if (signal is null || signal.Opaque || signal.Producers.IsEmpty || signal.PipelineCalls.IsEmpty)
            {
                return;
            }

            var patterns = new List<string>();
            foreach (var subscription in signal.Subscriptions)
            {
                if (resolver.Resolve(subscription) is not { } names)
                {
                    // The pipeline subscribes to a name computed at run time: any source may be it.
                    return;
                }

                patterns.AddRange(names);
            }

            if (patterns.Any(p => p == "*"))
            {
                return;
            }

            var pipeline = InSourceOrder(signal.PipelineCalls, static l => l)[0];
            var pipelineText = Describe(pipeline);

            foreach (var (expression, location) in signal.Producers)
            {
                if (resolver.Resolve(expression) is not { Count: > 0 } names || location.SourceTree is not { } tree)
                {
                    continue;
                }

                var exported = _exportedNames.For(tree);
                foreach (var name in names.Distinct(StringComparer.Ordinal))
                {
                    if (!patterns.Any(p => NamePattern.Matches(p, name)) && !exported.Any(p => NamePattern.Matches(p, name)))
                    {
                        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, producerKind, name, pipelineKind, pipelineText, item, signal.Subscribe));
                    }
                }
            }
        }

        private static string Describe(Location location)
        {
            var span = location.GetLineSpan();
            var file = span.Path;
            var slash = Math.Max(file.LastIndexOf('/'), file.LastIndexOf('\\'));
            return (slash >= 0 ? file.Substring(slash + 1) : file) + ":" + (span.StartLinePosition.Line + 1);
        }
    }
}
