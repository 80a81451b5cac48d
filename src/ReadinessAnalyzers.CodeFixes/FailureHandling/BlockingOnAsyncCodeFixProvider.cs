using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ReadinessAnalyzers.CodeFixes.FailureHandling;

/// <summary>
/// RDY1004: <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c>, <c>t.Wait()</c> → <c>await t</c>, and a
/// <c>Task.WaitAll(…);</c> statement → <c>await Task.WhenAll(…);</c>, parenthesised where the wait was the receiver
/// of a member access (<c>(await t).Length</c>), with <c>.ConfigureAwait(false)</c> when the method already uses it.
/// Offered only where <c>await</c> compiles: directly in the body of an async method, local function or lambda,
/// not in a lock, a query, a catch filter, an unsafe block or a null-conditional access. Elsewhere (a synchronous
/// controller action or hosted-service method) making the caller async is a decision, not an edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingOnAsyncCodeFixProvider)), Shared]
public sealed class BlockingOnAsyncCodeFixProvider : DocumentRewriteCodeFixProvider<BlockingOnAsyncCodeFixProvider.Wait>
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.BlockingOnAsync);

    protected override string EquivalenceKey => RuleIdentifiers.BlockingOnAsync + ".Await";

    protected override string Title(Wait edit) => "Use 'await' instead of a blocking wait";

    protected override Wait? FindEdit(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        => FindWait(root, model, diagnostic, cancellationToken);

    /// <summary>The blocking expression to replace, its task expression and how to await it; null where no fix compiles.</summary>
    private static Wait? FindWait(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var wait = node.FirstAncestorOrSelf<SyntaxNode>(n => n is MemberAccessExpressionSyntax or InvocationExpressionSyntax) switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access => new Wait(access, access.Expression, WaitKind.Result),
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation => Classify(invocation, access),
            _ => null,
        };
        if (wait is null || !CanAwaitAt(wait.Node, model, cancellationToken) || BindsToOuterConditionalAccess(wait.Task))
        {
            return null;
        }

        if (wait.Kind == WaitKind.WaitAll && !IsWaitAllOnTasksOnly(model.GetOperation(wait.Node, cancellationToken)))
        {
            return null;
        }

        wait.ConfigureAwaitFalse = wait.Kind != WaitKind.WaitAll && !IsConfigured(wait.Task) && UsesConfigureAwaitFalse(wait.Node);
        return wait;
    }

    /// <summary><c>order?.Task.Result</c>: the task is <c>.Task</c> of a null-conditional access outside it, which <c>await</c> cannot take apart.</summary>
    private static bool BindsToOuterConditionalAccess(ExpressionSyntax task)
        => task.DescendantNodesAndSelf().Any(n => n is MemberBindingExpressionSyntax or ElementBindingExpressionSyntax
                                                  && (n.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is not { } conditional || !task.Span.Contains(conditional.Span)));

    private static Wait? Classify(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax access)
        => access.Name.Identifier.ValueText switch
        {
            "Wait" when invocation.ArgumentList.Arguments.Count == 0 && invocation.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax
                => new Wait(invocation, access.Expression, WaitKind.Wait),
            "GetResult" when invocation.ArgumentList.Arguments.Count == 0
                             && access.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter, ArgumentList.Arguments.Count: 0 }
                => new Wait(invocation, getAwaiter.Expression, WaitKind.GetResult),
            "WaitAll" when invocation.Parent is ExpressionStatementSyntax
                => new Wait(invocation, access.Expression, WaitKind.WaitAll),
            _ => null,
        };

    /// <summary><c>Task.WaitAll(a, b)</c> or <c>Task.WaitAll(tasks)</c>: no timeout or cancellation token that <c>WhenAll</c> would drop.</summary>
    private static bool IsWaitAllOnTasksOnly(IOperation? operation)
        => operation is IInvocationOperation invocation
           && invocation.Arguments.All(a => a.ArgumentKind == ArgumentKind.DefaultValue
                                            || a.Parameter?.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "ReadOnlySpan" or "IEnumerable" });

    /// <summary>The innermost function is async, and nothing between it and the wait forbids <c>await</c>.</summary>
    private static bool CanAwaitAt(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or CatchFilterClauseSyntax or UnsafeStatementSyntax:
                    return false;
                case QueryExpressionSyntax query when !query.FromClause.Expression.Span.Contains(node.Span):
                    // await is allowed in a query only in the first from clause's collection.
                    return false;
                case AnonymousFunctionExpressionSyntax function:
                    return !function.AsyncKeyword.IsKind(SyntaxKind.None);
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword) && !localFunction.Modifiers.Any(SyntaxKind.UnsafeKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword) && !method.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                           && model.GetDeclaredSymbol(method, cancellationToken) is { IsAsync: true };
                case MemberDeclarationSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsConfigured(ExpressionSyntax task)
        => task is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };

    /// <summary>The enclosing member already awaits with <c>ConfigureAwait(false)</c> somewhere (a library that keeps off the context).</summary>
    private static bool UsesConfigureAwaitFalse(SyntaxNode node)
        => node.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax) is { } member
           && member.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
               i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }
               && i.ArgumentList.Arguments.Count == 1 && i.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression));

    /// <summary>All waits in one rewrite, so nested waits (<c>Load(a.Result).Result</c>) are both fixed.</summary>
    protected override SyntaxNode Rewrite(SyntaxNode root, SemanticModel model, IReadOnlyList<Wait> waits)
    {
        var byNode = waits.ToDictionary(w => w.Node);
        return root.ReplaceNodes(byNode.Keys, (original, rewritten) => Await(byNode[original], rewritten));
    }

    /// <summary>The awaited form of <paramref name="rewritten"/> (the wait with any nested waits already replaced).</summary>
    private static SyntaxNode Await(Wait wait, SyntaxNode rewritten)
    {
        ExpressionSyntax awaited;
        if (wait.Kind == WaitKind.WaitAll)
        {
            var call = (InvocationExpressionSyntax)rewritten;
            var access = (MemberAccessExpressionSyntax)call.Expression;
            awaited = call.WithExpression(access.WithName(IdentifierName("WhenAll").WithTriviaFrom(access.Name)));
        }
        else
        {
            var task = wait.Kind switch
            {
                WaitKind.Result => ((MemberAccessExpressionSyntax)rewritten).Expression,
                WaitKind.Wait => ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)rewritten).Expression).Expression,
                _ => ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)rewritten).Expression).Expression).Expression).Expression,
            };
            awaited = task.WithoutTrivia();
            if (wait.ConfigureAwaitFalse)
            {
                awaited = InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, awaited, IdentifierName("ConfigureAwait")),
                    ArgumentList(SingletonSeparatedList(Argument(LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
            }
        }

        ExpressionSyntax result = AwaitExpression(awaited.WithoutTrivia());
        if (NeedsParentheses(wait.Node))
        {
            result = ParenthesizedExpression(result);
        }

        return result.WithTriviaFrom(rewritten);
    }

    /// <summary><c>await</c> is a unary operator: it binds looser than member access, invocation, indexing and postfix operators.</summary>
    private static bool NeedsParentheses(SyntaxNode node)
        => node.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression == node,
            ConditionalAccessExpressionSyntax conditional => conditional.Expression == node,
            ElementAccessExpressionSyntax element => element.Expression == node,
            InvocationExpressionSyntax invocation => invocation.Expression == node,
            PostfixUnaryExpressionSyntax => true,
            _ => false,
        };

    public enum WaitKind
    {
        Result,
        Wait,
        GetResult,
        WaitAll,
    }

    /// <summary>A blocking wait and how to await it.</summary>
    public sealed class Wait(SyntaxNode node, ExpressionSyntax task, WaitKind kind)
    {
        public SyntaxNode Node { get; } = node;

        public ExpressionSyntax Task { get; } = task;

        public WaitKind Kind { get; } = kind;

        public bool ConfigureAwaitFalse { get; set; }
    }
}
