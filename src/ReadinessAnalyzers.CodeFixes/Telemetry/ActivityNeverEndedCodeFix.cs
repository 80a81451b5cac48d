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

namespace ReadinessAnalyzers.CodeFixes.Telemetry;

/// <summary>
/// RDY2003: <c>var activity = source.StartActivity(…);</c> → <c>using var activity = …;</c>, and a discarded
/// <c>source.StartActivity(…);</c> → <c>using var activity = source.StartActivity(…);</c>. Offered only in a block
/// (a using declaration is not allowed directly in a switch section) and when the local is never reassigned.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ActivityNeverEndedCodeFix)), Shared]
public sealed class ActivityNeverEndedCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = "RDY2003.UsingVar";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ActivityNeverEnded);

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
        var invocation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
        if (invocation is null)
        {
            return;
        }

        var statement = invocation.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } } => (StatementSyntax)local,
            ExpressionStatementSyntax expression => expression,
            _ => null,
        };
        if (statement is null || statement.Parent is not BlockSyntax and not GlobalStatementSyntax)
        {
            return;
        }

        SyntaxNode replacement;
        if (statement is LocalDeclarationStatementSyntax declaration)
        {
            if (!declaration.UsingKeyword.IsKind(SyntaxKind.None) || declaration.IsConst || IsReassigned(declaration, model))
            {
                return;
            }

            replacement = declaration
                .WithoutLeadingTrivia()
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithLeadingTrivia(declaration.GetLeadingTrivia());
        }
        else
        {
            var name = FreeName(model, invocation.SpanStart);
            if (name is null)
            {
                return;
            }

            replacement = SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        SyntaxFactory.IdentifierName("var"),
                        SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name), null, SyntaxFactory.EqualsValueClause(invocation.WithoutTrivia())))))
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
                .WithTriviaFrom(statement)
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Declare the activity with 'using var'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(statement, replacement))),
                EquivalenceKey),
            diagnostic);
    }

    private static bool IsReassigned(LocalDeclarationStatementSyntax declaration, SemanticModel model)
    {
        var symbol = model.GetDeclaredSymbol(declaration.Declaration.Variables[0]);
        var scope = declaration.Parent;
        if (symbol is null || scope is null)
        {
            return true;
        }

        return scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
            .Any(a => a.Left is IdentifierNameSyntax id && id.Identifier.ValueText == symbol.Name
                      && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol, symbol))
            || scope.DescendantNodes().OfType<ArgumentSyntax>()
                .Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) && a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == symbol.Name);
    }

    private static string? FreeName(SemanticModel model, int position)
    {
        foreach (var name in new[] { "activity", "startedActivity" })
        {
            if (model.LookupSymbols(position, name: name).IsEmpty)
            {
                return name;
            }
        }

        return null;
    }
}
