using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// RDY2004: an <c>ActivitySource</c>, <c>Meter</c>, instrument (<c>Meter.Create*</c>) or <c>LoggerFactory.Create</c>
/// made in code that runs per call and used only there. Constructors, field initializers, start-up code, DI
/// factories (the object is returned) and caches (the object is stored) are the right places and are never
/// reported. See rules/RDY2004.md.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TelemetryObjectPerCallAnalyzer : DiagnosticAnalyzer
{
    public static readonly ListOption RunOnceMethodsOption = RuleOptions.List(
        OptionCatalog.TelemetryObjectPerCall.RunOnceMethods,
        "Names (`Initialize`) or full names (`MyCompany.Telemetry.Setup.Register`) of methods that run once, so creating telemetry objects in them is fine.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.TelemetryObjectPerCall,
        title: "Telemetry object created per call",
        messageFormat: "'{0}' creates a new {1} every time '{2}' runs; {3}: create it once (static readonly field, singleton, IMeterFactory) and reuse it",
        category: RuleCategories.Telemetry,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ActivitySource, Meter and their instruments register with every listener for their lifetime, and LoggerFactory.Create builds a whole logging pipeline. Created per request or per iteration they leak memory (and, for logger factories, threads), multiply listener work, and split or lose the telemetry they were meant to record.",
        customTags: RuleTags.Default);

    private const string SourceOrMeterConsequence = "each one stays registered with every listener until disposed, so memory and listener work grow with traffic";
    private const string InstrumentConsequence = "each instrument is registered with the exporters again, so memory grows and its measurements are split across duplicates";
    private const string LoggerFactoryConsequence = "each one builds a separate logging pipeline (providers, background threads) that ignores the host's configuration";

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
                var activitySource = TypeLookup.Get(compilation, "System.Diagnostics.ActivitySource");
                var meter = TypeLookup.Get(compilation, "System.Diagnostics.Metrics.Meter");
                var loggerFactory = TypeLookup.Get(compilation, "Microsoft.Extensions.Logging.LoggerFactory");
                return activitySource is null && meter is null && loggerFactory is null ? null : new CompilationAnalysis(activitySource, meter, loggerFactory, options);
            });
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeCreation(context), OperationKind.ObjectCreation);
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeInvocation(context), OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly INamedTypeSymbol? _activitySource;
        private readonly INamedTypeSymbol? _meter;
        private readonly INamedTypeSymbol? _loggerFactory;
        private readonly PerTreeOptions<ImmutableHashSet<string>> _runOnce;

        public CompilationAnalysis(INamedTypeSymbol? activitySource, INamedTypeSymbol? meter, INamedTypeSymbol? loggerFactory, AnalyzerOptions options)
        {
            _activitySource = activitySource;
            _meter = meter;
            _loggerFactory = loggerFactory;
            _runOnce = new PerTreeOptions<ImmutableHashSet<string>>(options, o => RunOnceMethodsOption.GetValue(o).ToImmutableHashSet());
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (SymbolEqualityComparer.Default.Equals(type, _activitySource) || SymbolEqualityComparer.Default.Equals(type, _meter))
            {
                Analyze(context, creation, "new " + type!.Name + "(…)", type.Name, SourceOrMeterConsequence);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!method.IsStatic && method.Name.StartsWith("Create", System.StringComparison.Ordinal)
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, _meter))
            {
                if (IsLocalCreatedHere(invocation.Instance))
                {
                    // The meter itself is reported where it is created; one finding per mistake.
                    return;
                }

                Analyze(context, invocation, method.Name, "instrument", InstrumentConsequence);
            }
            else if (method.IsStatic && method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _loggerFactory))
            {
                Analyze(context, invocation, "LoggerFactory.Create", "LoggerFactory", LoggerFactoryConsequence);
            }
        }

        private void Analyze(OperationAnalysisContext context, IOperation created, string what, string kind, string consequence)
        {
            if (context.ContainingSymbol is not IMethodSymbol method
                || method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor
                || StartupCode.Contains(created, method)
                || RunsOnceBySignature(method)
                || _runOnce.For(created.Syntax.SyntaxTree) is { Count: > 0 } runOnce
                    && (runOnce.Contains(method.Name) || runOnce.Contains(SymbolNames.GetFullNameWithoutArity(method.ContainingType) + "." + method.Name))
                || (IsHostedServiceEntry(method) && !IsInLoop(created))
                || IsKept(created, method))
            {
                return;
            }

            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, created.Syntax.GetLocation(), what, kind, StartupCode.DescribeMember(method), consequence));
        }

        /// <summary>Set-up code by its parameters: it receives a service collection or a host/app builder.</summary>
        private static bool RunsOnceBySignature(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                var name = SymbolNames.GetFullNameWithoutArity(parameter.Type);
                if (name is "Microsoft.Extensions.DependencyInjection.IServiceCollection"
                    or "Microsoft.Extensions.Hosting.IHostBuilder"
                    or "Microsoft.Extensions.Hosting.IHostApplicationBuilder"
                    or "Microsoft.AspNetCore.Builder.WebApplicationBuilder"
                    or "Microsoft.AspNetCore.Builder.IApplicationBuilder"
                    or "Microsoft.AspNetCore.Hosting.IWebHostBuilder"
                    or "Microsoft.Extensions.Logging.ILoggingBuilder"
                    or "OpenTelemetry.Metrics.MeterProviderBuilder"
                    or "OpenTelemetry.Trace.TracerProviderBuilder")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>BackgroundService.ExecuteAsync</c> and <c>IHostedService.StartAsync</c> run once per host.</summary>
        private static bool IsHostedServiceEntry(IMethodSymbol method)
            => method.Name is "ExecuteAsync" or "StartAsync" or "StartingAsync"
               && method.ContainingType.AllInterfaces.Any(static i => i.Name is "IHostedService" or "IHostedLifecycleService");

        private static bool IsInLoop(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    return true;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Stored in a field or property, returned from a method (a factory), or handed to another method:
        /// the object is kept or its lifetime is decided elsewhere. A property getter's result is not kept.</summary>
        private bool IsKept(IOperation created, IMethodSymbol method)
        {
            var value = created;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IInvocationOperation call when call.Instance == value:
                    // new Meter(…).CreateCounter(…): judged at the instrument; LoggerFactory.Create(…).CreateLogger(…): not kept.
                    return IsCreationCall(call);
                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    return assignment.Target is not ILocalReferenceOperation and not IDiscardOperation
                        || IsLocalKept(((ILocalReferenceOperation)assignment.Target).Local, assignment, method);
                case ICompoundAssignmentOperation or ICoalesceAssignmentOperation:
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsLocalKept(declarator.Symbol, declarator, method);
                case IReturnOperation:
                    return method.MethodKind is not MethodKind.PropertyGet;
                case IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } }:
                    // LoggerFactory.Create(…).CreateLogger<T>(): the receiver of an extension call is used, not kept.
                    return false;
                case IArgumentOperation:
                    return true;
                case IMemberInitializerOperation or IPropertyInitializerOperation or IFieldInitializerOperation:
                    return true;
                default:
                    return false;
            }
        }

        private bool IsLocalKept(ILocalSymbol local, IOperation at, IMethodSymbol method)
        {
            var root = at;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                IOperation value = reference;
                while (value.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = value.Parent;
                }

                if (value.Parent is IReturnOperation or IArgumentOperation or ICoalesceAssignmentOperation
                    || (value.Parent is ISimpleAssignmentOperation assignment && assignment.Value == value && assignment.Target is not ILocalReferenceOperation))
                {
                    return value.Parent is not IReturnOperation || method.MethodKind is not MethodKind.PropertyGet;
                }
            }

            return false;
        }

        private static bool IsLocalCreatedHere(IOperation? receiver)
            => receiver is ILocalReferenceOperation reference
               && reference.Local.DeclaringSyntaxReferences.Length == 1
               && reference.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax };

        private bool IsCreationCall(IInvocationOperation call)
            => !call.TargetMethod.IsStatic && call.TargetMethod.Name.StartsWith("Create", System.StringComparison.Ordinal)
               && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _meter);
    }
}
