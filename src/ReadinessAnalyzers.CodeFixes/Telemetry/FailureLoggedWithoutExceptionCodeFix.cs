using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.Telemetry;

namespace ReadinessAnalyzers.CodeFixes.Telemetry;

/// <summary>
/// RDY2001: passes the caught exception to the overload of the same logging method that takes an exception
/// (<c>LogError("…")</c> → <c>LogError(ex, "…")</c>, log4net <c>Error(msg)</c> → <c>Error(msg, ex)</c>), naming the
/// catch variable first when the catch has none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FailureLoggedWithoutExceptionCodeFix)), Shared]
public sealed class FailureLoggedWithoutExceptionCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "RDY2001.PassException";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.FailureLoggedWithoutException);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var diagnostic = context.Diagnostics[0];
        if (diagnostic.Properties.TryGetValue(FailureLoggedWithoutExceptionAnalyzer.AdviceProperty, out var advice) && advice != "PassArgument")
        {
            // The called method has no exception parameter in any overload: there is nothing to pass the exception to.
            return;
        }

        var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        var catchClause = invocation?.FirstAncestorOrSelf<CatchClauseSyntax>();
        if (invocation is null || catchClause is null
            || model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation operation
            || invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null)
            || FindInsertionIndex(operation, model.Compilation) is not { } index
            || ExceptionName(catchClause, model) is not { } name)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Pass '{name}' as the exception argument",
                _ => Task.FromResult(PassException(context.Document, root, catchClause, invocation, index, name)),
                EquivalenceKey),
            diagnostic);
    }

    /// <summary>Where the exception goes: the position of the extra exception parameter in a sibling overload
    /// whose other parameters are exactly the called method's.</summary>
    private static int? FindInsertionIndex(IInvocationOperation operation, Compilation compilation)
    {
        var exceptionType = compilation.GetTypeByMetadataName("System.Exception");
        var called = (operation.TargetMethod.ReducedFrom ?? operation.TargetMethod).OriginalDefinition;

        // Extension methods are bound in their static form; called as logger.LogError(…) the receiver is
        // the first argument but not in the argument list.
        var offset = called.IsExtensionMethod && operation.Arguments.FirstOrDefault()?.Syntax is not ArgumentSyntax ? 1 : 0;
        var fixedArguments = operation.Arguments.Count(a => a.ArgumentKind == ArgumentKind.Explicit && a.Parameter?.IsParams != true) - offset;
        foreach (var candidate in called.ContainingType.GetMembers(called.Name).OfType<IMethodSymbol>())
        {
            if (candidate.Parameters.Length != called.Parameters.Length + 1
                || candidate.TypeParameters.Length != called.TypeParameters.Length
                || candidate.IsStatic != called.IsStatic)
            {
                continue;
            }

            for (var k = offset; k < candidate.Parameters.Length; k++)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.Parameters[k].Type, exceptionType)
                    && OthersMatch(candidate, called, k)
                    && k - offset <= fixedArguments)
                {
                    return k - offset;
                }
            }
        }

        return null;
    }

    private static bool OthersMatch(IMethodSymbol candidate, IMethodSymbol called, int skipped)
    {
        for (var i = 0; i < called.Parameters.Length; i++)
        {
            var other = candidate.Parameters[i < skipped ? i : i + 1];
            var mine = called.Parameters[i];
            if (other.IsParams != mine.IsParams || other.RefKind != mine.RefKind || !SameType(other.Type, mine.Type))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameType(ITypeSymbol a, ITypeSymbol b)
        => a is ITypeParameterSymbol pa && b is ITypeParameterSymbol pb
            ? pa.Ordinal == pb.Ordinal && pa.TypeParameterKind == pb.TypeParameterKind
            : a is IArrayTypeSymbol aa && b is IArrayTypeSymbol ab
                ? SameType(aa.ElementType, ab.ElementType)
                : SymbolEqualityComparer.Default.Equals(a, b);

    private static string? ExceptionName(CatchClauseSyntax catchClause, SemanticModel model)
    {
        if (catchClause.Declaration is { Identifier.ValueText: { Length: > 0 } existing })
        {
            return existing;
        }

        foreach (var name in new[] { "ex", "exception" })
        {
            if (model.LookupSymbols(catchClause.Block.SpanStart, name: name).IsEmpty && !catchClause.Block.DescendantTokens().Any(t => t.ValueText == name))
            {
                return name;
            }
        }

        return null;
    }

    private static Document PassException(Document document, SyntaxNode root, CatchClauseSyntax catchClause, InvocationExpressionSyntax invocation, int index, string name)
    {
        var arguments = invocation.ArgumentList.Arguments.Insert(index, SyntaxFactory.Argument(SyntaxFactory.IdentifierName(name)));
        var newCatch = catchClause.ReplaceNode(invocation, invocation.WithArgumentList(invocation.ArgumentList.WithArguments(arguments)));
        if (newCatch.Declaration is null)
        {
            newCatch = newCatch
                .WithCatchKeyword(newCatch.CatchKeyword.WithTrailingTrivia(SyntaxFactory.Space))
                .WithDeclaration(SyntaxFactory.CatchDeclaration(SyntaxFactory.IdentifierName("Exception"), SyntaxFactory.Identifier(name))
                    .WithTrailingTrivia(catchClause.CatchKeyword.TrailingTrivia))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }
        else if (newCatch.Declaration.Identifier.IsKind(SyntaxKind.None))
        {
            newCatch = newCatch.WithDeclaration(newCatch.Declaration.WithIdentifier(SyntaxFactory.Identifier(name)));
        }

        return document.WithSyntaxRoot(root.ReplaceNode(catchClause, newCatch));
    }
}
