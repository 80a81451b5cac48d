using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2005: <c>Console.Write*</c>, <c>Debug.Write*</c>, <c>Trace.Write*</c> in an ASP.NET Core or worker service,
/// outside the start-up code of <c>Program</c>/<c>Startup</c>. Console tools and class libraries are left alone.
/// See rules/RDY2005.md for how a service is recognised.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConsoleOutputInServiceAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<string> TreatAsServiceOption = RuleOptions.Choice(
        OptionCatalog.ConsoleOutputInService.TreatAsService,
        "`auto` recognises services by the Web/Worker SDK or an executable that references ASP.NET Core; `true` treats the project as a service (e.g. a generic-host worker on the plain SDK, or a library only used by services); `false` silences the rule for the project or folder.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ConsoleOutputInService,
        title: "Console output in a service",
        messageFormat: "'{0}' in '{1}' {2}; log through ILogger<T> instead",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "In a service, diagnostics belong in the logging pipeline, where they get a level, structure, filtering, trace correlation and an exporter. Console, Debug and Trace output bypasses all of it: it is unstructured text at best and lost at worst.",
        customTags: RuleTags.Default);

    private const string ConsoleConsequence = "writes around the logging pipeline: the text has no level, no structure and no trace correlation, cannot be filtered, and is not exported to your log store";
    private const string DebugConsequence = "is compiled out of Release builds and otherwise reaches only an attached debugger, so production never sees it";
    private const string TraceConsequence = "goes to System.Diagnostics trace listeners, which ASP.NET Core and worker hosts do not collect";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

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

            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() =>
            {
                var console = TypeLookup.Get(compilation, "System.Console");
                var debug = TypeLookup.Get(compilation, "System.Diagnostics.Debug");
                var trace = TypeLookup.Get(compilation, "System.Diagnostics.Trace");
                return console is null && debug is null && trace is null
                    ? null
                    : new CompilationAnalysis(console, debug, trace, IsRecognisedService(compilation, options.AnalyzerConfigOptionsProvider.GlobalOptions), options);
            });
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeInvocation(context), OperationKind.Invocation);
        });
    }

    /// <summary>The Web or Worker SDK (compiler-visible through the package's props), or, when the build does not
    /// pass those properties at all, an executable that references ASP.NET Core.</summary>
    private static bool IsRecognisedService(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        var sawSdkProperty = false;
        foreach (var property in new[] { "build_property.UsingMicrosoftNETSdkWeb", "build_property.UsingMicrosoftNETSdkWorker" })
        {
            if (globalOptions.TryGetValue(property, out var value))
            {
                // Present (even empty): the build told us which SDK this is, so no guessing below.
                sawSdkProperty = true;
                if (string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        if (sawSdkProperty)
        {
            return false;
        }

        return compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
            && TypeLookup.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplication") is not null;
    }

    private sealed class CompilationAnalysis
    {
        private readonly INamedTypeSymbol? _console;
        private readonly INamedTypeSymbol? _debug;
        private readonly INamedTypeSymbol? _trace;
        private readonly bool _recognisedService;
        private readonly PerTreeOptions<string> _treatAsService;

        public CompilationAnalysis(INamedTypeSymbol? console, INamedTypeSymbol? debug, INamedTypeSymbol? trace, bool recognisedService, AnalyzerOptions options)
        {
            _console = console;
            _debug = debug;
            _trace = trace;
            _recognisedService = recognisedService;
            _treatAsService = new PerTreeOptions<string>(options, TreatAsServiceOption.GetValue);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var consequence = Classify(invocation);
            if (consequence is null)
            {
                return;
            }

            var treatAsService = _treatAsService.For(invocation.Syntax.SyntaxTree);
            if (treatAsService == "false" || (treatAsService == "auto" && !_recognisedService) || StartupCode.Contains(invocation, context.ContainingSymbol))
            {
                return;
            }

            var syntax = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression : invocation.Syntax;
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, syntax.GetLocation(), syntax.ToString(), StartupCode.DescribeMember(context.ContainingSymbol), consequence));
        }

        private string? Classify(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, _console))
            {
                return method.Name is "Write" or "WriteLine" ? ConsoleConsequence : null;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _debug))
            {
                return method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print" ? DebugConsequence : null;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _trace))
            {
                return method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "TraceInformation" or "TraceWarning" or "TraceError" ? TraceConsequence : null;
            }

            // Console.Out.WriteLine(…), Console.Error.Write(…)
            return method.Name.StartsWith("Write", System.StringComparison.Ordinal)
                && invocation.Instance is IPropertyReferenceOperation { Property.Name: "Out" or "Error" } property
                && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _console)
                    ? ConsoleConsequence
                    : null;
        }
    }
}
