using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1004: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c> or <c>Task.WaitAll</c> where a
/// request or the host waits on it — an async method or lambda, a controller or Razor Pages action, a minimal-API
/// handler, a hosted service's start/stop/execute — unless the task is known to be complete already.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingOnAsyncAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> ReportSyncMethodsOption = RuleOptions.Boolean(
        OptionCatalog.BlockingOnAsync.ReportSyncMethods,
        "When true, also report blocking waits in ordinary synchronous methods and local functions (still not in `Main`, constructors, `lock` bodies, synchronous lambdas, or on tasks known to be complete).");

    private static readonly ImmutableHashSet<string> HostedServiceMembers = ImmutableHashSet.Create(
        "StartAsync", "StopAsync", "ExecuteAsync", "StartingAsync", "StartedAsync", "StoppingAsync", "StoppedAsync");

    private static readonly ImmutableHashSet<string> CompletionChecks = ImmutableHashSet.Create(
        "IsCompleted", "IsCompletedSuccessfully", "IsFaulted", "IsCanceled", "Status");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.BlockingOnAsync,
        title: "Blocking on async code",
        messageFormat: "'{0}' blocks a thread until the task completes, in {1}: under load this starves the thread pool so requests queue and time out, and it can deadlock; use 'await' instead",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Synchronously waiting for a task on a request or hosting path holds a thread-pool thread for the whole wait. A few slow dependencies are then enough to exhaust the pool: every request slows down together, health checks time out, and the service looks dead while its CPU is idle.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.Create(start.Compilation);
            var analysis = new CompilationAnalysis(start.Compilation, symbols, new PerTreeOptions<bool>(start.Options, ReportSyncMethodsOption.GetValue));
            start.RegisterOperationAction(analysis.AnalyzePropertyReference, OperationKind.PropertyReference);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols _symbols;
        private readonly PerTreeOptions<bool> _reportSyncMethods;
        // The framework types that tell where a blocking call runs are needed only once a blocking call is found:
        // looked up then, not in every compilation.
        private readonly Lazy<ContextSymbols> _context;

        public CompilationAnalysis(Compilation compilation, AsyncSymbols symbols, PerTreeOptions<bool> reportSyncMethods)
        {
            _symbols = symbols;
            _reportSyncMethods = reportSyncMethods;
            _context = new Lazy<ContextSymbols>(() => new ContextSymbols(compilation));
        }

        private INamedTypeSymbol? ControllerBase => _context.Value.ControllerBase;

        private INamedTypeSymbol? ApiControllerAttribute => _context.Value.ApiControllerAttribute;

        private INamedTypeSymbol? ControllerAttribute => _context.Value.ControllerAttribute;

        private INamedTypeSymbol? NonActionAttribute => _context.Value.NonActionAttribute;

        private INamedTypeSymbol? PageModel => _context.Value.PageModel;

        private INamedTypeSymbol? HostedService => _context.Value.HostedService;

        private INamedTypeSymbol? EndpointRouteBuilder => _context.Value.EndpointRouteBuilder;

        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (reference.Property.Name != "Result" || reference.Instance is null
                || !(AsyncSymbols.Is(reference.Property.ContainingType, _symbols.TaskOfT) || AsyncSymbols.Is(reference.Property.ContainingType, _symbols.ValueTaskOfT))
                || reference.Syntax is not MemberAccessExpressionSyntax access)
            {
                return;
            }

            Analyze(context, reference, reference.Instance, ".Result", access.Name.GetLocation());
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when invocation.Instance is { } instance && SymbolNames.IsOrInheritsFrom(method.ContainingType, _symbols.Task)
                                 && invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                    Analyze(context, invocation, instance, ".Wait()", Location.Create(access.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, invocation.Syntax.Span.End)));
                    break;

                case "WaitAll" when method.IsStatic && AsyncSymbols.Is(method.ContainingType, _symbols.Task):
                    Analyze(context, invocation, null, "Task.WaitAll", invocation.Syntax.GetLocation());
                    break;

                case "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter
                                      && getAwaiter.Instance is { } awaited
                                      && _symbols.IsTaskOrConfiguredTask(awaited.Type)
                                      && getAwaiter.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiterAccess }:
                    var task = awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : awaited;
                    Analyze(context, invocation, task, ".GetAwaiter().GetResult()", Location.Create(invocation.Syntax.SyntaxTree, TextSpan.FromBounds(getAwaiterAccess.Name.SpanStart, invocation.Syntax.Span.End)));
                    break;
            }
        }

        private void Analyze(OperationAnalysisContext context, IOperation blocking, IOperation? task, string what, Location location)
        {
            var (where, functionRoot) = DescribeContext(blocking, context.ContainingSymbol);
            if (where is null || functionRoot is null || (task is not null && IsKnownComplete(task, blocking, functionRoot)) || CompletedByEarlierWhenAll(blocking, functionRoot))
            {
                return;
            }

            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, what, where));
        }

        /// <summary>Where a blocking wait hurts (a description for the message) and the body of the innermost
        /// function; null where blocking is acceptable or cannot be avoided.</summary>
        private (string? Where, IOperation? Root) DescribeContext(IOperation operation, ISymbol containingSymbol)
        {
            IOperation current = operation;
            for (var parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILockOperation:
                        return (null, null);
                    case IAnonymousFunctionOperation lambda:
                        if (lambda.Symbol.IsAsync)
                        {
                            return ("an async lambda", lambda.Body);
                        }

                        return IsMinimalApiHandler(lambda) ? ("a minimal API handler", lambda.Body) : (null, null);
                    case ILocalFunctionOperation localFunction:
                        if (localFunction.Symbol.IsAsync)
                        {
                            return ("async local function '" + localFunction.Symbol.Name + "'", current);
                        }

                        return _reportSyncMethods.For(operation.Syntax.SyntaxTree) ? ("local function '" + localFunction.Symbol.Name + "'", current) : (null, null);
                }
            }

            if (containingSymbol is not IMethodSymbol method
                || method.Name is "Main" or "<Main>$"
                || method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor)
            {
                return (null, null);
            }

            if (method.IsAsync)
            {
                return ("async method '" + method.Name + "'", current);
            }

            if (IsControllerAction(method))
            {
                return ("controller action '" + method.Name + "'", current);
            }

            if (IsHostedServiceMember(method))
            {
                return ("hosted service method '" + method.Name + "'", current);
            }

            return _reportSyncMethods.For(operation.Syntax.SyntaxTree) ? ("method '" + method.Name + "'", current) : (null, null);
        }

        private bool IsControllerAction(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
                || HasAttribute(method, NonActionAttribute))
            {
                return false;
            }

            var type = method.ContainingType;
            if (SymbolNames.IsOrInheritsFrom(type, ControllerBase))
            {
                return true;
            }

            if (SymbolNames.IsOrInheritsFrom(type, PageModel))
            {
                return method.Name.StartsWith("On", System.StringComparison.Ordinal);
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (HasAttribute(current, ApiControllerAttribute) || HasAttribute(current, ControllerAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsHostedServiceMember(IMethodSymbol method)
            => HostedServiceMembers.Contains(method.Name) && SymbolNames.Implements(method.ContainingType, HostedService);

        /// <summary>A lambda passed to <c>MapGet</c>, <c>MapPost</c>, <c>Map</c>, … on an <c>IEndpointRouteBuilder</c>.</summary>
        private bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (EndpointRouteBuilder is null || parent is not IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                return false;
            }

            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            return method.Name.StartsWith("Map", System.StringComparison.Ordinal)
                   && method.IsExtensionMethod
                   && method.Parameters.Length > 0
                   && SymbolNames.Implements(method.Parameters[0].Type, EndpointRouteBuilder);
        }

        private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
            => attribute is not null && symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

        /// <summary>Task.FromResult(…), Task.CompletedTask, new ValueTask&lt;T&gt;(value), an awaited expression, or a task
        /// that was awaited or checked for completion earlier in the same function.</summary>
        private bool IsKnownComplete(IOperation task, IOperation blocking, IOperation functionRoot)
        {
            while (task is IConversionOperation conversion)
            {
                task = conversion.Operand;
            }

            switch (task)
            {
                case IAwaitOperation:
                case IObjectCreationOperation:
                case IInvocationOperation { TargetMethod.Name: "FromResult" or "FromException" or "FromCanceled" }:
                case IPropertyReferenceOperation { Property.Name: "CompletedTask" }:
                    return true;
            }

            var symbol = RootSymbol(task);
            if (symbol is null)
            {
                return false;
            }

            var position = blocking.Syntax.SpanStart;
            foreach (var earlier in OperationWalk.DescendantsOutsideFunctions(functionRoot))
            {
                if (earlier.Syntax.SpanStart >= position)
                {
                    continue;
                }

                if (earlier is IAwaitOperation awaited && awaited.Operation.DescendantsAndSelf().Any(o => SymbolEqualityComparer.Default.Equals(RootSymbol(o), symbol)))
                {
                    return true;
                }

                if (earlier is IPropertyReferenceOperation check && CompletionChecks.Contains(check.Property.Name)
                    && check.Instance is { } instance && SymbolEqualityComparer.Default.Equals(RootSymbol(instance), symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>await Task.WhenAll(…)</c> / <c>WhenAny</c> earlier in the function: the tasks read after it
        /// (<c>foreach (var t in tasks) sum += t.Result;</c>) are complete.</summary>
        private bool CompletedByEarlierWhenAll(IOperation blocking, IOperation functionRoot)
        {
            var position = blocking.Syntax.SpanStart;
            return OperationWalk.DescendantsOutsideFunctions(functionRoot).Any(o =>
                o is IAwaitOperation { Operation: var awaited }
                && o.Syntax.SpanStart < position
                && Unwrap(awaited) is IInvocationOperation { TargetMethod.Name: "WhenAll" or "WhenAny" } whenAll
                && AsyncSymbols.Is(whenAll.TargetMethod.ContainingType, _symbols.Task));
        }

        private static IOperation Unwrap(IOperation operation)
            => operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance } ? instance : operation;

        private static ISymbol? RootSymbol(IOperation operation)
            => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation { Property.Name: not "Result" } property when property.Instance is null or IInstanceReferenceOperation => property.Property,
                IArrayElementReferenceOperation element => RootSymbol(element.ArrayReference),
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } => RootSymbol(indexed),
                IConversionOperation conversion => RootSymbol(conversion.Operand),
                _ => null,
            };
    }

    private sealed class ContextSymbols
    {
        public ContextSymbols(Compilation compilation)
        {
            ControllerBase = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiControllerAttribute = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            ControllerAttribute = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonActionAttribute = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.NonActionAttribute");
            PageModel = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            HostedService = TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.IHostedService");
            EndpointRouteBuilder = TypeLookup.Get(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        }

        public INamedTypeSymbol? ControllerBase { get; }

        public INamedTypeSymbol? ApiControllerAttribute { get; }

        public INamedTypeSymbol? ControllerAttribute { get; }

        public INamedTypeSymbol? NonActionAttribute { get; }

        public INamedTypeSymbol? PageModel { get; }

        public INamedTypeSymbol? HostedService { get; }

        public INamedTypeSymbol? EndpointRouteBuilder { get; }
    }
}
