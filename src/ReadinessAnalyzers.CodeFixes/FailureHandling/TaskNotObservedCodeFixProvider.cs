using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReadinessAnalyzers.CodeFixes.FailureHandling;

/// <summary>RDY1003: add <c>await</c> to the dropped call. Offered only where the analyzer found the enclosing
/// function async and <c>await</c> legal there (not in a lock, not a null-conditional call, not a discard).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskNotObservedCodeFixProvider)), Shared]
public sealed class TaskNotObservedCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "RDY1003.AddAwait";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.TaskNotObserved);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        if (!diagnostic.Properties.TryGetValue("CanAwait", out var canAwait) || canAwait != "true")
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression
            || expression.Parent is not ExpressionStatementSyntax)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Await the task", ct => AddAwaitAsync(context.Document, expression, ct), EquivalenceKey),
            diagnostic);
    }

    private static async Task<Document> AddAwaitAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var awaited = SyntaxFactory.AwaitExpression(expression.WithoutLeadingTrivia()).WithLeadingTrivia(expression.GetLeadingTrivia());
        return document.WithSyntaxRoot(root!.ReplaceNode(expression, awaited));
    }
}
