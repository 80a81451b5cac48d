using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4003: an absolute URL, IP address or <c>host:port</c> written in code and used as an endpoint: a
/// <c>Uri</c>, an HTTP request URI, a base address, a listen URL, a client's endpoint/host/address parameter or
/// property. Only values that reach such a use are checked, so URLs in messages, XML namespaces and links are not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedEndpointAnalyzer : DiagnosticAnalyzer
{
    public static readonly ListOption AllowedHostsOption = RuleOptions.List(
        OptionCatalog.HardCodedEndpoint.AllowedHosts,
        "Hosts that may be written in code because they are the same in every environment (public APIs), e.g. `api.github.com, *.stripe.com`.");

    public static readonly RuleOption<bool> AllowGlobalProviderHostsOption = RuleOptions.Boolean(
        OptionCatalog.HardCodedEndpoint.AllowGlobalProviderHosts,
        "When true, a provider's single global endpoint (`storage.googleapis.com`, `login.microsoftonline.com`, `api.github.com`, …; the list is on this page) is not reported: it is the same in every environment.");

    public static readonly RuleOption<bool> ReportLoopbackOption = RuleOptions.Boolean(
        OptionCatalog.HardCodedEndpoint.ReportLoopback,
        "When true, loopback and wildcard hosts (`localhost`, `127.0.0.1`, `0.0.0.0`, `*`, `+`) are reported too.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardCodedEndpoint,
        title: "Hard-coded network endpoint",
        messageFormat: "Hard-coded endpoint '{0}': each environment has its own address, so moving the service needs a rebuild; read it from configuration (an options class bound to a key such as \"Services:Orders:BaseUrl\") or service discovery",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Addresses of dependencies differ between development, staging and production. Compiled in, they make staging call production (or nothing), and a moved dependency needs a new release.",
        customTags: RuleTags.Default);

    private static readonly string[] EndpointParameterNames =
    [
        "requesturi", "uri", "uristring", "url", "urls", "baseaddress", "baseurl", "baseuri", "endpoint", "serviceurl", "serviceuri", "address",
        "host", "hostname", "server", "servers", "authority", "bootstrapservers",
    ];

    private static readonly string[] EndpointPropertyNames =
    [
        "baseaddress", "baseurl", "baseuri", "endpoint", "serviceurl", "serviceuri", "url", "uri", "address", "host", "hostname", "authority",
        "bootstrapservers", "server", "servers", "metadataaddress",
    ];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (TestProjects.IsTestProject(start.Compilation))
            {
                return;
            }

            var settings = new PerTreeOptions<Settings>(start.Options, Settings.Parse);
            start.RegisterOperationAction(context => Analyze(context, settings), HardCodedStrings.Kinds);
        });
    }

    private static void Analyze(OperationAnalysisContext context, PerTreeOptions<Settings> settings)
    {
        var operation = context.Operation;
        // Cheapest test first: where the value goes (names only), then its text.
        if (!IsEndpointUse(operation) || !HardCodedStrings.TryGetText(operation, out var text) || HardCodedStrings.IsInAttribute(operation)
            || !EndpointValue.TryParse(text, HardCodedStrings.Hole, out var display, out var host)
            || EndpointValue.IsDocumentationHost(host))
        {
            return;
        }

        if (IsRouteProbe(operation))
        {
            return;
        }

        var options = settings.For(operation.Syntax.SyntaxTree);
        if ((!options.ReportLoopback && EndpointValue.IsLoopbackOrWildcard(host)) || IsAllowed(host, options.AllowedHosts)
            || (options.AllowGlobalProviderHosts && EndpointValue.IsGlobalProviderHost(host)))
        {
            return;
        }

        context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, operation.Syntax.GetLocation(), display));
    }

    private static bool IsAllowed(string host, ImmutableArray<string> allowed)
    {
        foreach (var entry in allowed)
        {
            if (EndpointValue.MatchesAllowed(host, entry))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEndpointUse(IOperation operation)
    {
        var consumer = HardCodedStrings.Consumer(operation);
        if (consumer is IArrayInitializerOperation { Parent: IArrayCreationOperation array })
        {
            // params string[] urls (UseUrls).
            consumer = HardCodedStrings.Consumer(array);
        }

        switch (consumer)
        {
            case IArgumentOperation { Parameter: { } parameter } argument:
                if (parameter.ContainingSymbol is not IMethodSymbol method || IsExcludedMethod(method))
                {
                    return false;
                }

                if (method.Name == "Add" && argument.Parent is IInvocationOperation { Instance: IPropertyReferenceOperation { Property.Name: "Urls" } })
                {
                    return true;
                }

                if (!IsNamed(parameter.Name, EndpointParameterNames))
                {
                    return false;
                }

                // new Uri("…") is an endpoint unless it documents the API (OpenAPI contact, license, terms).
                return method.MethodKind != MethodKind.Constructor || method.ContainingType.Name != "Uri"
                    || argument.Parent is not IObjectCreationOperation creation || !IsDocumentationTarget(HardCodedStrings.Consumer(creation));
            case IAssignmentOperation { Target: IPropertyReferenceOperation property }:
                return IsNamed(property.Property.Name, EndpointPropertyNames) && !IsDocumentationType(property.Property.ContainingType);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>socket.Connect("8.8.8.8", 65530)</c> on a datagram (UDP) socket sends nothing: it only makes the system pick
    /// the route and so the local address. When the socket is created in the same code and used for nothing else than
    /// connecting, reading <c>LocalEndPoint</c> and disposal, the address is a route probe, not a dependency.
    /// </summary>
    private static bool IsRouteProbe(IOperation operation)
    {
        if (HardCodedStrings.Consumer(operation) is not IArgumentOperation { Parent: IInvocationOperation { Instance: ILocalReferenceOperation socket } connect }
            || connect.TargetMethod.Name is not ("Connect" or "ConnectAsync")
            || !IsSocketType(connect.TargetMethod.ContainingType))
        {
            return false;
        }

        var root = operation;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var isDatagram = false;
        foreach (var node in root.DescendantsAndSelf())
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, socket.Local):
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    isDatagram = initializer is not null && IsDatagramSocketCreation(initializer.Value);
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, socket.Local) && !IsRouteProbeUse(reference):
                    return false;
            }
        }

        return isDatagram;
    }

    private static bool IsSocketType(INamedTypeSymbol? type)
        => type is { Name: "Socket" or "UdpClient" } && type.ContainingNamespace?.ToDisplayString() == "System.Net.Sockets";

    private static bool IsDatagramSocketCreation(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is not IObjectCreationOperation { Type: INamedTypeSymbol type } creation || !IsSocketType(type))
        {
            return false;
        }

        return type.Name == "UdpClient" || creation.Arguments.Any(a =>
            a.Value.ConstantValue is { HasValue: true, Value: int number }
            && ((a.Parameter?.Type.Name == "SocketType" && number == 2) || (a.Parameter?.Type.Name == "ProtocolType" && number == 17)));
    }

    /// <summary>Connecting, reading the local address (<c>socket.LocalEndPoint</c>, <c>udp.Client.LocalEndPoint</c>) and disposal.</summary>
    private static bool IsRouteProbeUse(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IInvocationOperation invocation => invocation.Instance == reference && invocation.TargetMethod.Name is "Connect" or "ConnectAsync" or "Dispose" or "Close" or "Shutdown",
        IPropertyReferenceOperation { Property.Name: "LocalEndPoint" } => true,
        IPropertyReferenceOperation { Property.Name: "Client", Parent: IPropertyReferenceOperation { Property.Name: "LocalEndPoint" } } => true,
        _ => false,
    };

    private static bool IsExcludedMethod(IMethodSymbol method)
        => method.Name.StartsWith("Redirect", StringComparison.Ordinal) || method.Name.StartsWith("LocalRedirect", StringComparison.Ordinal)
        || IsDocumentationType(method.ContainingType);

    private static bool IsDocumentationTarget(IOperation? consumer)
        => consumer is IAssignmentOperation { Target: IPropertyReferenceOperation property } && IsDocumentationType(property.Property.ContainingType);

    private static bool IsDocumentationType(INamedTypeSymbol? type)
        => type is not null && (type.Name.StartsWith("OpenApi", StringComparison.Ordinal) || type.Name.EndsWith("Contact", StringComparison.Ordinal) || type.Name.EndsWith("License", StringComparison.Ordinal));

    private static bool IsNamed(string name, string[] names)
    {
        foreach (var candidate in names)
        {
            if (name.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Settings
    {
        private Settings(ImmutableArray<string> allowedHosts, bool allowGlobalProviderHosts, bool reportLoopback)
        {
            AllowedHosts = allowedHosts;
            AllowGlobalProviderHosts = allowGlobalProviderHosts;
            ReportLoopback = reportLoopback;
        }

        public ImmutableArray<string> AllowedHosts { get; }

        public bool AllowGlobalProviderHosts { get; }

        public bool ReportLoopback { get; }

        public static Settings Parse(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
            => new(AllowedHostsOption.GetValue(options), AllowGlobalProviderHostsOption.GetValue(options), ReportLoopbackOption.GetValue(options));
    }
}
