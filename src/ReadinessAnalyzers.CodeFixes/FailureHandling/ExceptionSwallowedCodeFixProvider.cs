using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using ReadinessAnalyzers.FailureHandling;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ReadinessAnalyzers.CodeFixes.FailureHandling;

/// <summary>
/// RDY1001: log the caught exception through an <c>ILogger</c> that is in scope (field, property, parameter,
/// primary-constructor parameter or local), naming the exception variable when the catch has none.
/// Offered only when such a logger exists; otherwise the right fix is a decision, not an edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ExceptionSwallowedCodeFixProvider)), Shared]
public sealed class ExceptionSwallowedCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = RuleIdentifiers.ExceptionSwallowed + ".LogException";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ExceptionSwallowed);

    /// <summary>
    /// Fix-all logs in every reported catch that has a logger in scope and leaves the others alone. It does not depend
    /// on the equivalence key of the diagnostic a client asks first: <c>dotnet format</c> takes the key from the first
    /// diagnostic it meets, which is null when that catch has no logger, and the batch fixer then fixed nothing.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var catchClause = root.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<CatchClauseSyntax>();
        if (catchClause is null || FindLogger(model, catchClause, context.CancellationToken) is not { } logger)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Log the exception with '{logger.Name}'",
                ct => LogExceptionAsync(context.Document, catchClause, logger, ct),
                EquivalenceKey),
            context.Diagnostics);
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var catchClauses = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<CatchClauseSyntax>())
            .OfType<CatchClauseSyntax>()
            .Distinct()
            .ToList();
        var current = document.WithSyntaxRoot(root.TrackNodes(catchClauses));
        var changed = false;
        foreach (var original in catchClauses)
        {
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await current.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (currentRoot?.GetCurrentNode(original) is not { } catchClause
                || model is null
                || FindLogger(model, catchClause, context.CancellationToken) is not { } logger)
            {
                continue;
            }

            current = await LogExceptionAsync(current, catchClause, logger, context.CancellationToken).ConfigureAwait(false);
            changed = true;
        }

        return changed ? current : null;
    }

    private static ISymbol? FindLogger(SemanticModel model, CatchClauseSyntax catchClause, CancellationToken cancellationToken)
    {
        var position = catchClause.Block.OpenBraceToken.Span.End;
        var loggerType = model.Compilation.GetTypeByMetadataName(LoggerInScope.LoggerInterface);
        if (loggerType is null)
        {
            return null;
        }

        return LoggerInScope.Find(model, position, model.GetEnclosingSymbol(position, cancellationToken), loggerType);
    }

    private static async Task<Document> LogExceptionAsync(Document document, CatchClauseSyntax catchClause, ISymbol logger, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var exceptionName = catchClause.Declaration?.Identifier is { } identifier && !identifier.IsKind(SyntaxKind.None) && identifier.ValueText.Length > 0
            ? identifier.ValueText
            : FreeName(model, catchClause.Block.OpenBraceToken.Span.End);
        var declaration = catchClause.Declaration is null
            ? CatchDeclaration(ParseTypeName("System.Exception").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation), Identifier(exceptionName))
            : catchClause.Declaration.WithIdentifier(Identifier(exceptionName));

        var logStatement = ExpressionStatement(
            InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(logger.Name), IdentifierName(LogMethod(model, catchClause, cancellationToken))),
                ArgumentList(SeparatedList(new[]
                {
                    Argument(IdentifierName(exceptionName)),
                    Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(LoggingSyntax.FailedMessage(model, catchClause.SpanStart, cancellationToken)))),
                }))))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newCatch = catchClause
            .WithDeclaration(declaration.WithTrailingTrivia(catchClause.Declaration?.GetTrailingTrivia() ?? default))
            .WithBlock(catchClause.Block.WithStatements(catchClause.Block.Statements.Insert(0, logStatement)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (catchClause.Declaration is null)
        {
            newCatch = newCatch.WithCatchKeyword(catchClause.CatchKeyword.WithTrailingTrivia(Space));
        }

        var newRoot = LoggingSyntax.WithLoggingUsing(root.ReplaceNode(catchClause, newCatch), model, catchClause.Block.OpenBraceToken.Span.End, logger, "LogError");
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>A disposed object is expected at every shutdown: Debug level, not Error (as the RDY1001 message advises).</summary>
    private static string LogMethod(SemanticModel model, CatchClauseSyntax catchClause, CancellationToken cancellationToken)
    {
        var objectDisposed = model.Compilation.GetTypeByMetadataName("System.ObjectDisposedException");
        for (var type = catchClause.Declaration is { } declaration ? model.GetTypeInfo(declaration.Type, cancellationToken).Type : null;
             type is not null && objectDisposed is not null;
             type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, objectDisposed))
            {
                return "LogDebug";
            }
        }

        return "LogError";
    }

    private static string FreeName(SemanticModel model, int position)
    {
        foreach (var candidate in new[] { "ex", "exception", "caught" })
        {
            if (model.LookupSymbols(position, name: candidate).IsEmpty)
            {
                return candidate;
            }
        }

        return "caughtException";
    }
}
