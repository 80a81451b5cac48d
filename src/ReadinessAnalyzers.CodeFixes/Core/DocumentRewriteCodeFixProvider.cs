using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ReadinessAnalyzers.CodeFixes;

/// <summary>
/// A fix whose edits are independent per diagnostic and are made together in one rewrite of the document, from one
/// semantic model: the fix for one diagnostic and fix-all share the same two steps (find the edit, rewrite). Fix-all
/// skips diagnostics without an edit whatever the first one was (<c>dotnet format</c> takes the equivalence key from
/// the first diagnostic it meets, see RDY1001's fix), and nested edits compose through <c>ReplaceNodes</c>.
/// </summary>
public abstract class DocumentRewriteCodeFixProvider<TEdit> : CodeFixProvider
    where TEdit : class
{
    protected abstract string EquivalenceKey { get; }

    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || model is null || FindEdit(root, model, diagnostic, context.CancellationToken) is not { } edit)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title(edit), _ => Task.FromResult(context.Document.WithSyntaxRoot(Rewrite(root, model, new[] { edit }))), EquivalenceKey),
            diagnostic);
    }

    /// <summary>The edit for one diagnostic; null where no fix may be offered.</summary>
    protected abstract TEdit? FindEdit(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    protected abstract string Title(TEdit edit);

    /// <summary>The root with all <paramref name="edits"/> (at least one) made; <paramref name="model"/> is the original root's.</summary>
    protected abstract SyntaxNode Rewrite(SyntaxNode root, SemanticModel model, IReadOnlyList<TEdit> edits);

    private async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var edits = diagnostics.Select(d => FindEdit(root, model, d, context.CancellationToken)).OfType<TEdit>().ToList();
        return edits.Count == 0 ? null : document.WithSyntaxRoot(Rewrite(root, model, edits));
    }
}
