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
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace ReadinessAnalyzers.CodeFixes.FailureHandling;

/// <summary>
/// RDY1002: <c>async void</c> → <c>async Task</c>, offered only where no caller can break: the method is not
/// visible outside the assembly, is not virtual, and every reference to it is a direct call in the same
/// document (no method group used as a delegate or event handler).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFixProvider)), Shared]
public sealed class AsyncVoidCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "RDY1002.ReturnTask";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.AsyncVoid);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var token = root.FindToken(context.Diagnostics[0].Location.SourceSpan.Start);
        var (returnType, symbol) = token.Parent switch
        {
            MethodDeclarationSyntax method when method.Identifier == token => (method.ReturnType, model.GetDeclaredSymbol(method, context.CancellationToken)),
            LocalFunctionStatementSyntax local when local.Identifier == token => (local.ReturnType, model.GetDeclaredSymbol(local, context.CancellationToken) as IMethodSymbol),
            _ => (null, null),
        };

        if (returnType is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            || symbol is null
            || symbol.IsVirtual || symbol.IsAbstract || symbol.IsOverride || symbol.IsPartialDefinition || symbol.PartialImplementationPart is not null
            || IsVisibleOutsideAssembly(symbol)
            || !await AllReferencesAreDirectCallsInDocumentAsync(symbol, context.Document, context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Return Task instead of void",
                ct => ReplaceReturnTypeAsync(context.Document, returnType, ct),
                EquivalenceKey),
            context.Diagnostics);
    }

    private static async Task<Document> ReplaceReturnTypeAsync(Document document, TypeSyntax returnType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var task = SyntaxFactory.ParseTypeName("System.Threading.Tasks.Task")
            .WithTriviaFrom(returnType)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root!.ReplaceNode(returnType, task));
    }

    private static bool IsVisibleOutsideAssembly(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
        {
            return false;
        }

        for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> AllReferencesAreDirectCallsInDocumentAsync(IMethodSymbol symbol, Document document, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(r => r.Locations))
        {
            if (location.Document.Id != document.Id)
            {
                return false;
            }

            var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var node = root!.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            var callee = node.Parent is MemberAccessExpressionSyntax access && access.Name == node ? (SyntaxNode)access : node;
            if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
            {
                return false;
            }
        }

        return true;
    }
}
