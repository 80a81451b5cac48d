using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// Fills a <see cref="StartupModel"/> from narrow operation and symbol actions. Every action leaves after a
/// name or type test for the vast majority of operations; the few start-up calls get a closer look.
/// The whole compilation is gathered (not only code reachable from <c>Main</c>): start-up spread over
/// <c>Startup</c> classes and <c>AddInfrastructure(this IServiceCollection)</c> extensions is then seen for free.
/// </summary>
internal sealed class StartupCollector
{
    // Plain hash sets: read-only after construction, so concurrent reads are safe, and faster than ImmutableHashSet.
    private static readonly HashSet<string> HostFactoryNames = new(StringComparer.Ordinal)
    {
        "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder", "Create", "CreateDefaultBuilder", "CreateApplicationBuilder", "CreateEmptyApplicationBuilder",
    };

    /// <summary>Calls that set up a tracing or metrics pipeline (OpenTelemetry, Application Insights, Azure Monitor,
    /// prometheus-net, Elastic APM).</summary>
    internal static readonly HashSet<string> TelemetryPipelineNames = new(StringComparer.Ordinal)
    {
        "AddOpenTelemetry", "AddOpenTelemetryTracing", "AddOpenTelemetryMetrics", "AddOpenTelemetryTracerProvider", "AddOpenTelemetryMeterProvider",
        "CreateTracerProviderBuilder", "CreateMeterProviderBuilder",
        "AddApplicationInsightsTelemetry", "AddApplicationInsightsTelemetryWorkerService", "UseAzureMonitor",
        "UseHttpMetrics", "UseMetricServer", "MapMetrics",
        "AddAllElasticApm", "UseAllElasticApm", "UseElasticApm", "AddElasticApm", "AddElasticApmForAspNetCore",
    };

    private static readonly HashSet<string> RegistrationNames = new(StringComparer.Ordinal)
    {
        "AddSingleton", "AddScoped", "AddTransient", "AddKeyedSingleton", "AddKeyedScoped", "AddKeyedTransient",
        "TryAddSingleton", "TryAddScoped", "TryAddTransient", "TryAddKeyedSingleton", "TryAddKeyedScoped", "TryAddKeyedTransient",
        "TryAddEnumerable", "Add", "TryAdd",
    };

    private readonly Compilation _compilation;
    private readonly StartupSymbols _symbols;
    private readonly StartupModel _model;
    // Symbol caches, not ConcurrentDictionary<…, enum>: see SymbolCache (no code compiled just in time per process).
    private readonly SymbolCache<ITypeSymbol, StartupReceiver> _receivers = new();
    private readonly SymbolCache<IAssemblySymbol, LibraryCapability> _libraries = new();
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _healthCheckTypes = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, StartupReceiver> _classifyReceiver;
    private readonly bool _contract;
    private readonly PerTreeList _nonProductionEnvironments;

    /// <param name="contract">Also gather what only the operations contract needs (listen addresses, hosted
    /// services, check names and tags, what each health endpoint runs): only when the build asked for it.</param>
    public StartupCollector(Compilation compilation, AnalyzerOptions options, StartupSymbols symbols, bool contract = false)
    {
        _classifyReceiver = ClassifyReceiver;
        _compilation = compilation;
        _symbols = symbols;
        _model = new StartupModel();
        _contract = contract;
        _nonProductionEnvironments = new PerTreeList(options, EnvironmentConditions.NonProductionEnvironmentsOption);
    }

    public StartupModel Model => _model;

    public StartupSymbols Symbols => _symbols;

    /// <summary>
    /// Registers the collector's actions. The collector itself is made on the first callback (<see cref="FirstUse{T}"/>),
    /// and is null in a compilation that can host nothing: every callback then returns at once.
    /// </summary>
    public static void Register(CompilationStartAnalysisContext start, FirstUse<StartupCollector> collector)
    {
        start.RegisterOperationAction(context => collector.Value?.AnalyzeInvocation(context), OperationKind.Invocation);
        start.RegisterOperationAction(context => collector.Value?.AnalyzeObjectCreation(context), OperationKind.ObjectCreation);
        start.RegisterSymbolAction(context => collector.Value?.AnalyzeNamedType(context), SymbolKind.NamedType);
        start.RegisterOperationBlockAction(context => collector.Value?.AnalyzeBody(context));
    }

    private void AnalyzeNamedType(SymbolAnalysisContext context)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } type)
        {
            return;
        }

        if (SymbolNames.Implements(type, _symbols.HostedService))
        {
            _model.HostedService = true;
        }

        if (SymbolNames.Implements(type, _symbols.HealthCheckPublisher))
        {
            _model.Publisher = true;
        }
    }

    private void AnalyzeObjectCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type is not INamedTypeSymbol { Name: "HostBuilder" or "HostApplicationBuilder" or "WebHostBuilder" } type)
        {
            return;
        }

        var ns = type.ContainingNamespace?.ToDisplayString();
        if (ns == "Microsoft.Extensions.Hosting")
        {
            _model.HostBuilders.Enqueue(new HostBuilderCall(creation.Syntax.GetLocation(), "new " + type.Name + "()", isWeb: false, context.ContainingSymbol));
        }
        else if (ns == "Microsoft.AspNetCore.Hosting")
        {
            _model.HostBuilders.Enqueue(new HostBuilderCall(creation.Syntax.GetLocation(), "new " + type.Name + "()", isWeb: true, context.ContainingSymbol));
        }
    }

    private void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var name = method.Name;

        if (TelemetryPipelineNames.Contains(name))
        {
            _model.TelemetryPipeline = true;
        }

        if (name == "SetFallbackPolicy")
        {
            _model.FallbackPolicy = true;
        }

        if (_contract && name.StartsWith("Listen", StringComparison.Ordinal) && method.ContainingType.Name == "KestrelServerOptions")
        {
            ContractFacts.AddKestrelListen(_model, invocation, method, NameLocation(invocation));
            return;
        }

        if (method.IsStatic && !method.IsExtensionMethod)
        {
            if (HostFactoryNames.Contains(name))
            {
                AnalyzeHostFactory(invocation, method, context.ContainingSymbol);
            }

            return;
        }

        if (method.ContainingType.Name == "HealthCheckService" && SymbolNames.IsOrInheritsFrom(method.ContainingType, _symbols.HealthCheckService))
        {
            _model.HealthCheckServiceUsed = true;
            return;
        }

        // The receiver from the symbol alone (no operation is created for the common case): the extended type, or
        // the declaring type of an instance method. Generic extension methods (TBuilder : IHostApplicationBuilder)
        // classify through their constraints.
        var receiverType = method.IsExtensionMethod ? method.Parameters[0].Type : method.ContainingType;
        var receiver = Classify(receiverType);
        if (receiver == StartupReceiver.None)
        {
            return;
        }

        var fromSource = SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly);
        var library = fromSource || receiver == StartupReceiver.HealthChecks ? LibraryCapability.None : CapabilitiesOf(method.ContainingAssembly);
        var touched = ImmutableArray<ITypeSymbol>.Empty;
        string? httpClientName = null;

        switch (receiver)
        {
            case StartupReceiver.Services:
                AnalyzeServicesCall(invocation, method, ref touched, ref httpClientName);
                break;
            case StartupReceiver.Host:
                AnalyzeHostCall(name);
                if (_contract && name == "UseUrls")
                {
                    ContractFacts.AddUrls(_model, invocation, method, NameLocation(invocation));
                }

                break;
            case StartupReceiver.App:
                if (!fromSource && name is "MapHealthChecks" or "UseHealthChecks")
                {
                    AnalyzeEndpoint(invocation, method);
                }
                else if (_contract && !fromSource && name is "Run" or "RunAsync")
                {
                    ContractFacts.AddUrls(_model, invocation, method, NameLocation(invocation));
                }

                break;
            case StartupReceiver.HealthChecks:
                if (name.EndsWith("Publisher", StringComparison.Ordinal))
                {
                    _model.Publisher = true;
                }

                touched = TouchedTypes(invocation, method);
                break;
        }

        var check = _contract && receiver == StartupReceiver.HealthChecks ? ContractFacts.HealthCheck(invocation, method) : null;
        var (outsideProduction, ownHealthCheck) = fromSource ? (false, false) : ProductionFacts(invocation, method, receiver);
        _model.Calls.Enqueue(new StartupCall(method, NameLocation(invocation), receiver, fromSource, library, touched, httpClientName, outsideProduction, ownHealthCheck, check));
    }

    /// <summary>For a dependency registration or a client integration of another assembly: does it run only outside
    /// production, and does it register its own health check? Other calls are not looked at (cost).</summary>
    private (bool OutsideProduction, bool OwnHealthCheck) ProductionFacts(IInvocationOperation invocation, IMethodSymbol method, StartupReceiver receiver)
    {
        var ownHealthCheck = receiver == StartupReceiver.Host && DependencyCatalog.IsClientIntegration(method) && !DisablesHealthChecks(invocation, method);
        if (receiver != StartupReceiver.Services && !ownHealthCheck)
        {
            return (false, false);
        }

        var names = _nonProductionEnvironments.For(invocation.Syntax.SyntaxTree);
        return (EnvironmentConditions.FindGuard(invocation, names) is not null, ownHealthCheck);
    }

    /// <summary><c>settings => settings.DisableHealthChecks = true</c> in the arguments of a client integration.</summary>
    private static bool DisablesHealthChecks(IInvocationOperation invocation, IMethodSymbol method)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 } && method.IsExtensionMethod || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "DisableHealthChecks" } } assignment
                    && assignment.Value.ConstantValue is not { HasValue: true, Value: false })
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void AnalyzeHostFactory(IInvocationOperation invocation, IMethodSymbol method, ISymbol containingSymbol)
    {
        var typeName = SymbolNames.GetFullMetadataName(method.ContainingType);
        bool? isWeb = typeName switch
        {
            "Microsoft.AspNetCore.Builder.WebApplication" => true,
            "Microsoft.AspNetCore.WebHost" when method.Name == "CreateDefaultBuilder" => true,
            "Microsoft.Extensions.Hosting.Host" when method.Name != "Create" && method.Name != "CreateBuilder" => false,
            _ => null,
        };

        if (typeName == "Microsoft.Azure.Functions.Worker.Builder.FunctionsApplication")
        {
            _model.Exemptions.Enqueue("FunctionsApplication");
        }

        if (isWeb is { } web)
        {
            _model.HostBuilders.Enqueue(new HostBuilderCall(invocation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name, web, containingSymbol));
        }
    }

    private void AnalyzeHostCall(string name)
    {
        switch (name)
        {
            case "ConfigureWebHostDefaults" or "ConfigureWebHost" or "UseStartup" or "UseKestrel":
                _model.WebEvidence = true;
                break;
            case "ConfigureFunctionsWorkerDefaults" or "ConfigureFunctionsWebApplication" or "UseWindowsService":
                _model.Exemptions.Enqueue(name);
                break;
        }
    }

    private void AnalyzeServicesCall(IInvocationOperation invocation, IMethodSymbol method, ref ImmutableArray<ITypeSymbol> touched, ref string? httpClientName)
    {
        switch (method.Name)
        {
            case "AddHealthChecks" when method.ContainingType.Name == "HealthCheckServiceCollectionExtensions":
                _model.AddHealthChecksCalls.Enqueue(NameLocation(invocation));
                return;
            case "AddHostedService":
                _model.HostedService = true;
                if (_contract && method.TypeArguments.Length > 0)
                {
                    _model.HostedServices.Enqueue(new HostedServiceRegistration(method.TypeArguments[method.TypeArguments.Length - 1], NameLocation(invocation)));
                }

                return;
            case "AddWindowsService":
                _model.Exemptions.Enqueue(method.Name);
                return;
            case "AddAuthorization":
                if (AssignsProperty(invocation, "FallbackPolicy"))
                {
                    _model.FallbackPolicy = true;
                }

                return;
            case "AddHttpClient":
                httpClientName = HttpClientWithBaseAddress(invocation, method);
                return;
        }

        if (RegistrationNames.Contains(method.Name))
        {
            touched = RegisteredTypes(invocation, method);
            foreach (var type in touched)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.HealthCheckPublisher))
                {
                    _model.Publisher = true;
                }
                else if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _symbols.HostedService))
                {
                    _model.HostedService = true;
                }
            }
        }
        else if (method.Name == "AddAzureClients")
        {
            touched = TouchedTypes(invocation, method);
        }
    }

    /// <summary>What a dependency-injection registration registers: its type arguments, the type of an instance
    /// argument, what a factory lambda returns, and <c>typeof(…)</c> arguments.</summary>
    private static ImmutableArray<ITypeSymbol> RegisteredTypes(IInvocationOperation invocation, IMethodSymbol method)
    {
        var set = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var typeArgument in method.TypeArguments)
        {
            set.Add(typeArgument);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 } && method.IsExtensionMethod || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned } && Unwrap(returned).Type is { } returnedType)
                    {
                        set.Add(returnedType);
                    }
                }
            }
            else if (value is ITypeOfOperation typeOf)
            {
                set.Add(typeOf.TypeOperand);
            }
            else if (value.Type is { } valueType && value is not ILiteralOperation)
            {
                set.Add(valueType);
            }
        }

        return ToArray(set);
    }

    private void AnalyzeEndpoint(IInvocationOperation invocation, IMethodSymbol method)
    {
        var path = "the health endpoint";
        bool? hasPredicate = false;
        var isProtected = false;
        string? leak = null;
        IMethodSymbol? writerMethod = null;
        var writerDisplay = string.Empty;
        var selection = "all";
        var selected = ImmutableArray<string>.Empty;
        var restrictions = _contract ? ImmutableArray.CreateBuilder<string>() : null;

        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null || parameter.Ordinal == 0 && method.IsExtensionMethod)
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            if (parameter.Type.SpecialType == SpecialType.System_Int32 || parameter.Name == "port")
            {
                isProtected = true;
                restrictions?.Add("port " + (value.ConstantValue is { HasValue: true, Value: { } port } ? Convert.ToString(port, System.Globalization.CultureInfo.InvariantCulture) : "(computed)"));
            }
            else if (SymbolEqualityComparer.Default.Equals(parameter.Type, _symbols.HealthCheckOptions))
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (value is IObjectCreationOperation { Initializer: { } initializer })
                {
                    foreach (var initialization in initializer.Initializers)
                    {
                        if (initialization is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment)
                        {
                            if (target.Property.Name == "Predicate")
                            {
                                hasPredicate = true;
                                if (_contract)
                                {
                                    (selection, selected) = ContractFacts.Selection(assignment.Value);
                                }
                            }
                            else if (target.Property.Name == "ResponseWriter")
                            {
                                (leak, writerMethod, writerDisplay) = AnalyzeWriter(assignment.Value);
                            }
                        }
                    }
                }
                else if (value is not IObjectCreationOperation)
                {
                    hasPredicate = null;
                    selection = "unknown";
                }
            }
            else if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                path = text;
            }
        }

        var receiverType = ReceiverType(invocation, method);
        if (!IsPlainAppReceiver(receiverType))
        {
            isProtected = true;
        }

        var allowsAnonymous = false;
        IOperation current = invocation;
        while (true)
        {
            var parent = current.Parent;
            while (parent is IConversionOperation or IArgumentOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IInvocationOperation chained && (ReferenceEquals(chained.Instance, current) || chained.Arguments.Length > 0 && ReferenceEquals(Unwrap(chained.Arguments[0].Value), current)))
            {
                switch (chained.TargetMethod.Name)
                {
                    case "RequireAuthorization" or "RequireHost":
                        isProtected = true;
                        restrictions?.Add(ContractFacts.Restriction(chained));
                        break;
                    case "AllowAnonymous":
                        allowsAnonymous = true;
                        break;
                }

                current = chained;
                continue;
            }

            if (parent is not IExpressionStatementOperation)
            {
                // Kept in a variable, returned or passed on: protection may be added where we do not look.
                isProtected = true;
            }

            break;
        }

        var contract = restrictions is null ? null : new EndpointContractFacts(selection, selected, restrictions.ToImmutable());
        _model.Endpoints.Enqueue(new HealthEndpoint(NameLocation(invocation), path, hasPredicate, isProtected, allowsAnonymous, leak, writerMethod, writerDisplay, contract));
    }

    private bool IsPlainAppReceiver(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, _symbols.WebApplication)
            || SymbolEqualityComparer.Default.Equals(definition, _symbols.ApplicationBuilder)
            || SymbolEqualityComparer.Default.Equals(definition, _symbols.EndpointRouteBuilder);
    }

    private (string? Leak, IMethodSymbol? Method, string Display) AnalyzeWriter(IOperation value)
    {
        value = Unwrap(value);
        if (value is IDelegateCreationOperation delegateCreation)
        {
            value = delegateCreation.Target;
        }

        switch (value)
        {
            case IAnonymousFunctionOperation lambda:
                var leak = FindLeak(lambda.Body, out var followed);
                return (leak, leak is null ? followed.FirstOrDefault() : null, "its response writer");
            case IMethodReferenceOperation reference:
                var target = reference.Method;
                if (SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, _compilation.Assembly))
                {
                    return (null, target, target.Name);
                }

                return (KnownLeakingWriter(target), null, target.ContainingType.Name + "." + target.Name);
            default:
                return (null, null, string.Empty);
        }
    }

    private static string? KnownLeakingWriter(IMethodSymbol method)
        => method.Name == "WriteHealthCheckUIResponse" && method.ContainingType.Name == "UIResponseWriter"
            ? "exception messages and check data (UIResponseWriter.WriteHealthCheckUIResponse)"
            : null;

    /// <summary>What a response writer body leaks; <paramref name="followed"/> collects methods of this
    /// compilation it hands the report to (judged at compilation end).</summary>
    internal string? FindLeak(IOperation root, out List<IMethodSymbol> followed)
    {
        followed = new List<IMethodSymbol>();
        string? found = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property when SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.HealthReportEntry):
                    found ??= property.Property.Name switch
                    {
                        "Exception" => "exception details (HealthReportEntry.Exception)",
                        "Description" => "check descriptions (HealthReportEntry.Description holds the exception message when a check throws)",
                        "Data" => "check data (HealthReportEntry.Data)",
                        _ => null,
                    };
                    break;
                case IPropertyReferenceOperation property when property.Property.Name is "Message" or "StackTrace" && SymbolNames.IsOrInheritsFrom(property.Property.ContainingType, _symbols.Exception):
                    found ??= "exception messages (Exception." + property.Property.Name + ")";
                    break;
                case IInvocationOperation call:
                    var target = call.TargetMethod;
                    if (KnownLeakingWriter(target) is { } known)
                    {
                        found ??= known;
                    }
                    else if (target.Name == "ToString" && call.Instance is { } instance && SymbolNames.IsOrInheritsFrom(instance.Type, _symbols.Exception))
                    {
                        found ??= "exception text (Exception.ToString())";
                    }
                    else
                    {
                        foreach (var argument in call.Arguments)
                        {
                            if (!CarriesWholeReport(Unwrap(argument.Value).Type))
                            {
                                continue;
                            }

                            if (SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, _compilation.Assembly))
                            {
                                followed.Add(target);
                            }
                            else if (target.Name.IndexOf("Serialize", StringComparison.Ordinal) >= 0 || target.Name.IndexOf("Json", StringComparison.Ordinal) >= 0)
                            {
                                found ??= "the whole health report, exceptions included (" + target.Name + ")";
                            }
                        }
                    }

                    break;
            }
        }

        return found;
    }

    private bool CarriesWholeReport(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _symbols.HealthReport) || SymbolEqualityComparer.Default.Equals(type, _symbols.HealthReportEntry))
        {
            return true;
        }

        return type is INamedTypeSymbol { IsGenericType: true } named
            && named.TypeArguments.Any(t => SymbolEqualityComparer.Default.Equals(t, _symbols.HealthReportEntry));
    }

    /// <summary>Method bodies: health check classes (which dependencies they touch) and response writers (what they leak).</summary>
    private void AnalyzeBody(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
        {
            return;
        }

        if (IsHealthCheckClass(type))
        {
            var bag = _model.CheckClassTouches.GetOrAdd(type, _ => new ConcurrentQueue<ITypeSymbol>());
            var set = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var block in context.OperationBlocks)
            {
                CollectTouchedTypes(block, set);
            }

            foreach (var touched in set)
            {
                bag.Enqueue(touched);
            }
        }

        if (method.Parameters.Length > 0 && TakesHealthReport(method))
        {
            foreach (var block in context.OperationBlocks)
            {
                if (FindLeak(block, out _) is { } leak)
                {
                    _model.LeakingWriters.TryAdd(method, leak);
                    break;
                }
            }
        }
    }

    /// <summary>A response writer's shape: a <c>HealthReport</c> parameter (by name first: no closure, no look-up
    /// for the many methods without one).</summary>
    private bool TakesHealthReport(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.Name == "HealthReport" && _symbols.HealthReport is { } healthReport && SymbolEqualityComparer.Default.Equals(parameter.Type, healthReport))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsHealthCheckClass(INamedTypeSymbol type)
    {
        if (_healthCheckTypes.TryGetValue(type, out var known))
        {
            return known;
        }

        return _symbols.HealthCheck is { } healthCheck && _healthCheckTypes.GetOrAdd(type, SymbolNames.Implements(type, healthCheck));
    }

    private string? HttpClientWithBaseAddress(IInvocationOperation invocation, IMethodSymbol method)
    {
        string? name = method.TypeArguments.Length > 0 ? method.TypeArguments[0].Name : null;
        var setsBaseAddress = false;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 } && method.IsExtensionMethod)
            {
                continue;
            }

            var value = Unwrap(argument.Value);
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                name ??= text;
            }

            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment
                    && !IsRelativeUri(assignment.Value))
                {
                    setsBaseAddress = true;
                }
            }
        }

        return setsBaseAddress ? name ?? "HttpClient" : null;
    }

    private static bool IsRelativeUri(IOperation value)
    {
        value = Unwrap(value);
        if (value is IObjectCreationOperation creation && creation.Arguments.Length > 0
            && Unwrap(creation.Arguments[0].Value).ConstantValue is { HasValue: true, Value: string text })
        {
            // "/api" parses as an absolute file URI on Unix: only a network scheme is a remote service.
            return !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.Scheme == "file";
        }

        return value.ConstantValue is { HasValue: true, Value: null };
    }

    private static bool AssignsProperty(IInvocationOperation invocation, string propertyName)
    {
        foreach (var operation in invocation.Descendants())
        {
            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } && target.Property.Name == propertyName)
            {
                return true;
            }
        }

        return false;
    }

    private ImmutableArray<ITypeSymbol> TouchedTypes(IInvocationOperation invocation, IMethodSymbol method)
    {
        var set = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var typeArgument in method.TypeArguments)
        {
            set.Add(typeArgument);
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 } && method.IsExtensionMethod)
            {
                continue;
            }

            CollectTouchedTypes(argument.Value, set);
        }

        return ToArray(set);
    }

    internal static void CollectTouchedTypes(IOperation root, HashSet<ITypeSymbol> into)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IObjectCreationOperation { Type: { } created }:
                    into.Add(created);
                    break;
                case IInvocationOperation call:
                    if (!call.TargetMethod.ReturnsVoid)
                    {
                        into.Add(call.TargetMethod.ReturnType);
                    }

                    foreach (var typeArgument in call.TargetMethod.TypeArguments)
                    {
                        into.Add(typeArgument);
                    }

                    if (call.Instance?.Type is { } instanceType)
                    {
                        into.Add(instanceType);
                    }

                    break;
                case IFieldReferenceOperation { Type: { } fieldType }:
                    into.Add(fieldType);
                    break;
                case IPropertyReferenceOperation { Type: { } propertyType }:
                    into.Add(propertyType);
                    break;
                case IParameterReferenceOperation { Type: { } parameterType }:
                    into.Add(parameterType);
                    break;
                case ILocalReferenceOperation { Type: { } localType }:
                    into.Add(localType);
                    break;
            }
        }
    }

    private StartupReceiver Classify(ITypeSymbol type)
        => _receivers.GetOrAdd(type, _classifyReceiver);

    private StartupReceiver ClassifyReceiver(ITypeSymbol t)
    {
        if (Is(t, _symbols.HealthChecksBuilder))
        {
            return StartupReceiver.HealthChecks;
        }

        if (Is(t, _symbols.ServiceCollection))
        {
            return StartupReceiver.Services;
        }

        if (Is(t, _symbols.HostApplicationBuilder) || Is(t, _symbols.WebApplicationBuilder) || Is(t, _symbols.HostBuilder) || Is(t, _symbols.WebHostBuilder))
        {
            return StartupReceiver.Host;
        }

        if (Is(t, _symbols.ApplicationBuilder) || Is(t, _symbols.EndpointRouteBuilder))
        {
            return StartupReceiver.App;
        }

        return StartupReceiver.None;
    }

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? target)
    {
        if (target is null)
        {
            return false;
        }

        if (type is ITypeParameterSymbol parameter)
        {
            return parameter.ConstraintTypes.Any(c => Is(c, target));
        }

        return target.TypeKind == TypeKind.Interface ? SymbolNames.Implements(type, target) : SymbolNames.IsOrInheritsFrom(type, target);
    }

    private static ITypeSymbol? ReceiverType(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.IsExtensionMethod)
        {
            return invocation.Arguments.Length > 0 ? Unwrap(invocation.Arguments[0].Value).Type ?? method.Parameters[0].Type : null;
        }

        return invocation.Instance?.Type;
    }

    /// <summary>What a library assembly might do, judged by the assemblies it references (its own, not ours).</summary>
    private LibraryCapability CapabilitiesOf(IAssemblySymbol assembly)
        => _libraries.GetOrAdd(assembly, a =>
        {
            var name = a.Name;
            if (name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || name.StartsWith("System", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                || name.StartsWith("OpenTelemetry", StringComparison.Ordinal)
                || name is "netstandard" or "mscorlib")
            {
                return LibraryCapability.None;
            }

            var result = LibraryCapability.None;
            foreach (var module in a.Modules)
            {
                foreach (var reference in module.ReferencedAssemblies)
                {
                    var referenced = reference.Name;
                    if (referenced == "Microsoft.Extensions.Diagnostics.HealthChecks")
                    {
                        result |= LibraryCapability.HealthChecks;
                    }
                    else if (referenced == "Microsoft.AspNetCore.Diagnostics.HealthChecks")
                    {
                        result |= LibraryCapability.HealthEndpoints;
                    }
                    else if (referenced.StartsWith("OpenTelemetry", StringComparison.Ordinal)
                        || referenced.StartsWith("Microsoft.ApplicationInsights", StringComparison.Ordinal)
                        || referenced.StartsWith("Azure.Monitor.OpenTelemetry", StringComparison.Ordinal))
                    {
                        result |= LibraryCapability.Telemetry;
                    }
                }
            }

            return result;
        });

    // A loop, not set.ToImmutableArray(): the LINQ-style copy probes the set for collection interfaces, which costs a
    // fresh compiler process more on first use than the copy itself.
    private static ImmutableArray<ITypeSymbol> ToArray(HashSet<ITypeSymbol> set)
    {
        var builder = ImmutableArray.CreateBuilder<ITypeSymbol>(set.Count);
        foreach (var type in set)
        {
            builder.Add(type);
        }

        return builder.MoveToImmutable();
    }

    internal static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static Location NameLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax is InvocationExpressionSyntax { Expression: { } expression }
                ? expression.GetLocation()
                : invocation.Syntax.GetLocation();
}
