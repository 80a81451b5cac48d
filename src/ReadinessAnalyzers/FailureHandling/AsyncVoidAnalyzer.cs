using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1002: an <c>async void</c> method, local function or lambda. Nobody can await it, so an exception it
/// throws is raised on the thread pool and ends the process. Event handlers (by shape), overrides and interface
/// implementations (the signature is not yours) and bodies fully wrapped in a general try/catch are left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> ReportEventHandlersOption = RuleOptions.Boolean(
        OptionCatalog.AsyncVoid.ReportEventHandlers,
        "When true, also report async void event handlers — methods and lambdas of the shape `(object sender, XEventArgs e)` — whose body is not wrapped in a general try/catch.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.AsyncVoid,
        title: "Async void",
        messageFormat: "{0} is async void: nobody can await it, so an exception it throws escapes to the thread pool and crashes the process; {1}",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An async void method or lambda cannot be awaited: its caller cannot know when it finished and cannot catch its exceptions. An unhandled exception in it is rethrown on the thread pool, which terminates the process.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.Create(start.Compilation);
            var analysis = new CompilationAnalysis(symbols, new PerTreeOptions<bool>(start.Options, ReportEventHandlersOption.GetValue));
            start.RegisterOperationAction(analysis.AnalyzeMethodBody, OperationKind.MethodBody);
            start.RegisterOperationAction(analysis.AnalyzeLocalFunction, OperationKind.LocalFunction);
            start.RegisterOperationAction(analysis.AnalyzeLambda, OperationKind.AnonymousFunction);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols _symbols;
        private readonly PerTreeOptions<bool> _reportEventHandlers;

        public CompilationAnalysis(AsyncSymbols symbols, PerTreeOptions<bool> reportEventHandlers)
        {
            _symbols = symbols;
            _reportEventHandlers = reportEventHandlers;
        }

        public void AnalyzeMethodBody(OperationAnalysisContext context)
        {
            var body = (IMethodBodyOperation)context.Operation;
            if (context.ContainingSymbol is not IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary } method
                || method.IsOverride
                || method.ExplicitInterfaceImplementations.Length > 0
                || ImplementsInterfaceMember(method)
                || body.Syntax is not MethodDeclarationSyntax syntax
                || IsAllowed(method, body.BlockBody, syntax.SyntaxTree))
            {
                return;
            }

            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, syntax.Identifier.GetLocation(), "'" + method.Name + "'", "return Task instead and await it"));
        }

        public void AnalyzeLocalFunction(OperationAnalysisContext context)
        {
            var localFunction = (ILocalFunctionOperation)context.Operation;
            var method = localFunction.Symbol;
            if (!method.IsAsync || !method.ReturnsVoid
                || localFunction.Syntax is not LocalFunctionStatementSyntax syntax
                || IsAllowed(method, localFunction.Body, syntax.SyntaxTree))
            {
                return;
            }

            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, syntax.Identifier.GetLocation(), "'" + method.Name + "'", "return Task instead and await it"));
        }

        public void AnalyzeLambda(OperationAnalysisContext context)
        {
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            if (!lambda.Symbol.IsAsync || !lambda.Symbol.ReturnsVoid
                || lambda.Syntax is not AnonymousFunctionExpressionSyntax syntax
                || IsAllowed(lambda.Symbol, lambda.Body, syntax.SyntaxTree))
            {
                return;
            }

            var delegateType = lambda.Parent is IDelegateCreationOperation { Type: { } type } ? type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : "a void delegate";
            context.ReportDiagnostic(ReadinessDiagnostic.Create(
                Rule,
                syntax.AsyncKeyword.GetLocation(),
                "This async lambda, converted to '" + delegateType + "',",
                "pass it where a Func<Task> is accepted, or wrap its whole body in try/catch that logs the exception"));
        }

        private bool IsAllowed(IMethodSymbol method, IBlockOperation? body, SyntaxTree tree)
        {
            if (body is not null && ExceptionCoverage.IsFullyProtected(body, _symbols))
            {
                return true;
            }

            return _symbols.HasEventHandlerShape(method) && !_reportEventHandlers.For(tree);
        }

        private static bool ImplementsInterfaceMember(IMethodSymbol method)
        {
            if (method.DeclaredAccessibility != Accessibility.Public || method.IsStatic)
            {
                return false;
            }

            foreach (var candidate in method.ContainingType.AllInterfaces)
            {
                foreach (var member in candidate.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
