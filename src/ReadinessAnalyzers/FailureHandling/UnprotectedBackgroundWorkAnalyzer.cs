using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1005: a <c>BackgroundService.ExecuteAsync</c> whose work loop can throw. Without a catch inside the loop,
/// one failed iteration either stops the whole host (the default <c>StopHost</c> behaviour) or — when a catch
/// around the loop swallows it — ends the worker while the host keeps running without it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnprotectedBackgroundWorkAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> ReportOneShotWorkOption = RuleOptions.Boolean(
        OptionCatalog.UnprotectedBackgroundWork.ReportOneShotWork,
        "When true, also report `ExecuteAsync` methods without a loop (one-shot work such as a migration) whose work can throw outside a general try/catch. By default stopping the host on a failed one-shot job is accepted as intended.");

    private const string StopsHost = "escapes the background service and stops the whole host (HostOptions.BackgroundServiceExceptionBehavior is StopHost by default)";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.UnprotectedBackgroundWork,
        title: "Background work can stop the host or die silently",
        messageFormat: "{0} '{1}.ExecuteAsync' {2}",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An exception that leaves BackgroundService.ExecuteAsync stops the host by default, taking every endpoint down with one failed background iteration. A catch around the whole loop avoids that but ends the worker at its first failure while the host keeps running and looks healthy.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (!ReferenceGate.MayReference(compilation, "Microsoft.Extensions.Hosting.Abstractions"))
            {
                return;
            }

            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.BackgroundService") is { } backgroundService
                ? new CompilationAnalysis(compilation, AsyncSymbols.Create(compilation), backgroundService, options)
                : null);
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeMethodBody(context), OperationKind.MethodBody);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols _symbols;
        private readonly INamedTypeSymbol _backgroundService;
        private readonly FailurePoints _failures;
        private readonly PerTreeOptions<bool> _reportOneShot;

        public CompilationAnalysis(Compilation compilation, AsyncSymbols symbols, INamedTypeSymbol backgroundService, AnalyzerOptions options)
        {
            _symbols = symbols;
            _backgroundService = backgroundService;
            _failures = new FailurePoints(compilation, symbols, TelemetryKnowledge.Create(compilation, options));
            _reportOneShot = new PerTreeOptions<bool>(options, ReportOneShotWorkOption.GetValue);
        }

        public void AnalyzeMethodBody(OperationAnalysisContext context)
        {
            if (context.ContainingSymbol is not IMethodSymbol { Name: "ExecuteAsync", IsOverride: true } method
                || !SymbolNames.IsOrInheritsFrom(method.ContainingType.BaseType, _backgroundService)
                || context.Operation.Syntax is not MethodDeclarationSyntax declaration)
            {
                return;
            }

            var body = (IMethodBodyOperation)context.Operation;
            var typeName = method.ContainingType.Name;
            var loops = OutermostLoops(body).ToList();
            foreach (var loop in loops)
            {
                if (ExceptionCoverage.FindUnprotectedFailure(loop.Body, _symbols, _failures.CanFail) is null)
                {
                    continue;
                }

                var enclosingTry = EnclosingProtectingTry(loop, body);
                if (enclosingTry is null)
                {
                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, LoopKeyword(loop), "An exception in this loop of", typeName,
                        StopsHost + "; catch and log exceptions inside the loop so one failed iteration does not end the service"));
                }
                else if (!EndsDeliberately(enclosingTry))
                {
                    context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, LoopKeyword(loop), "The try/catch around this loop of", typeName,
                        "ends the worker at its first failure while the host keeps running without it; move the try/catch inside the loop (log and continue), or rethrow or stop the application deliberately"));
                }
            }

            if (loops.Count == 0
                && _reportOneShot.For(declaration.SyntaxTree)
                && ExceptionCoverage.FindUnprotectedFailure(body, _symbols, _failures.CanFail) is not null)
            {
                context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, declaration.Identifier.GetLocation(), "An exception in", typeName,
                    StopsHost + "; catch and log it, or rethrow deliberately if the host should stop"));
            }
        }

        private static IEnumerable<ILoopOperation> OutermostLoops(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is ILoopOperation loop)
                {
                    yield return loop;
                    continue;
                }

                foreach (var child in current.ChildOperations.Reverse())
                {
                    if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        private ITryOperation? EnclosingProtectingTry(IOperation loop, IOperation root)
        {
            IOperation current = loop;
            while (current != root && current.Parent is { } parent)
            {
                if (parent is ITryOperation tryOperation && tryOperation.Body == current && ExceptionCoverage.HasGeneralCatch(tryOperation, _symbols))
                {
                    return tryOperation;
                }

                current = parent;
            }

            return null;
        }

        /// <summary>The general catch rethrows, or stops the application or process: ending is the intent.</summary>
        private bool EndsDeliberately(ITryOperation tryOperation)
            => tryOperation.Catches.Where(c => ExceptionCoverage.IsGeneralCatch(c, _symbols)).All(c =>
                OperationWalk.DescendantsOutsideFunctions(c.Handler).Any(o =>
                    o is IThrowOperation
                    || o is IInvocationOperation { TargetMethod.Name: "StopApplication" or "StopAsync" or "Exit" or "FailFast" }));

        private static Location LoopKeyword(ILoopOperation loop)
            => loop.Syntax switch
            {
                WhileStatementSyntax w => w.WhileKeyword.GetLocation(),
                DoStatementSyntax d => d.DoKeyword.GetLocation(),
                ForStatementSyntax f => f.ForKeyword.GetLocation(),
                CommonForEachStatementSyntax e => e.ForEachKeyword.GetLocation(),
                _ => loop.Syntax.GetFirstToken().GetLocation(),
            };
    }
}
