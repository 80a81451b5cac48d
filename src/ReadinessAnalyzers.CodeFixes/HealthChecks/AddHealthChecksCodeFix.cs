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
using Microsoft.CodeAnalysis.Editing;

namespace ReadinessAnalyzers.CodeFixes.HealthChecks;

/// <summary>
/// RDY3001: adds <c>builder.Services.AddHealthChecks();</c> after <c>var builder = …CreateBuilder(args);</c> and, for a
/// web app, <c>app.MapHealthChecks("/healthz");</c> before <c>app.Run()</c> (or after <c>var app = builder.Build();</c>).
/// Offered for the minimal-hosting shape only (a builder local whose type has <c>Services</c>); a
/// <c>Startup</c> class or a <c>ConfigureServices</c> chain has no single right place and gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddHealthChecksCodeFix)), Shared]
public sealed class AddHealthChecksCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = RuleIdentifiers.HostWithoutHealthChecks + ".AddHealthChecks";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.HostWithoutHealthChecks);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return;
        }

        var diagnostic = context.Diagnostics[0];
        var plan = Plan.Create(root, semanticModel, diagnostic.Location.SourceSpan, context.CancellationToken);
        if (plan is null)
        {
            return;
        }

        var title = plan.App is null ? "Add health checks" : "Add health checks and map /healthz";
        context.RegisterCodeFix(
            CodeAction.Create(title, ct => ApplyAsync(context.Document, diagnostic.Location.SourceSpan, ct), EquivalenceKey),
            diagnostic);
    }

    private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var plan = root is null || semanticModel is null ? null : Plan.Create(root, semanticModel, span, cancellationToken);
        if (plan is null)
        {
            return document;
        }

        var editor = new SyntaxEditor(root!, document.Project.Solution.Workspace.Services);
        editor.InsertAfter(plan.BuilderStatement, SyntaxEdits.StatementLike(plan.BuilderStatement, plan.Builder + ".Services.AddHealthChecks();"));
        if (plan.App is { } app)
        {
            var map = app.Name + ".MapHealthChecks(\"/healthz\");";
            if (app.RunStatement is { } run)
            {
                editor.InsertBefore(run, SyntaxEdits.StatementLike(run, map));
            }
            else
            {
                editor.InsertAfter(app.BuildStatement, SyntaxEdits.StatementLike(app.BuildStatement, map));
            }
        }

        var newRoot = editor.GetChangedRoot();
        if (newRoot is CompilationUnitSyntax unit)
        {
            if (plan.NeedsDependencyInjectionUsing)
            {
                unit = SyntaxEdits.AddUsing(unit, "Microsoft.Extensions.DependencyInjection");
            }

            if (plan.NeedsBuilderUsing)
            {
                unit = SyntaxEdits.AddUsing(unit, "Microsoft.AspNetCore.Builder");
            }

            newRoot = unit;
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private sealed class Plan
    {
        private Plan(SyntaxNode builderStatement, string builder, AppPlan? app, bool needsDependencyInjectionUsing, bool needsBuilderUsing)
        {
            BuilderStatement = builderStatement;
            Builder = builder;
            App = app;
            NeedsDependencyInjectionUsing = needsDependencyInjectionUsing;
            NeedsBuilderUsing = needsBuilderUsing;
        }

        public SyntaxNode BuilderStatement { get; }

        public string Builder { get; }

        public AppPlan? App { get; }

        public bool NeedsDependencyInjectionUsing { get; }

        public bool NeedsBuilderUsing { get; }

        public static Plan? Create(SyntaxNode root, SemanticModel semanticModel, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
        {
            var creation = root.FindNode(span, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<ExpressionSyntax>(e => e is InvocationExpressionSyntax or ObjectCreationExpressionSyntax);
            if (creation?.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration
                || declaration.UsingKeyword != default)
            {
                return null;
            }

            var builderType = semanticModel.GetTypeInfo(creation, cancellationToken).Type;
            var services = builderType?.GetMembers("Services").OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            if (services is null)
            {
                return null;
            }

            SyntaxNode builderStatement = declaration.Parent is GlobalStatementSyntax global ? global : declaration;
            if (builderStatement.Parent is not (BlockSyntax or CompilationUnitSyntax))
            {
                return null;
            }

            var builder = declarator.Identifier.ValueText;
            var isWeb = builderType!.Name == "WebApplicationBuilder";
            var app = isWeb ? AppPlan.Find(builderStatement, builder) : null;
            var needsDi = !semanticModel.LookupSymbols(creation.SpanStart, services, "AddHealthChecks", includeReducedExtensionMethods: true).Any();
            var needsBuilder = false;
            if (app is not null)
            {
                var appType = builderType.GetMembers("Build").OfType<IMethodSymbol>().FirstOrDefault()?.ReturnType;
                needsBuilder = appType is not null && !semanticModel.LookupSymbols(creation.SpanStart, appType, "MapHealthChecks", includeReducedExtensionMethods: true).Any();
            }

            return new Plan(builderStatement, builder, app, needsDi, needsBuilder);
        }
    }

    private sealed class AppPlan
    {
        private AppPlan(string name, SyntaxNode buildStatement, SyntaxNode? runStatement)
        {
            Name = name;
            BuildStatement = buildStatement;
            RunStatement = runStatement;
        }

        public string Name { get; }

        public SyntaxNode BuildStatement { get; }

        public SyntaxNode? RunStatement { get; }

        /// <summary>The <c>var app = builder.Build();</c> after the builder, and the <c>app.Run…()</c> statement after it.</summary>
        public static AppPlan? Find(SyntaxNode builderStatement, string builder)
        {
            var siblings = builderStatement.Parent!.ChildNodes().ToList();
            var index = siblings.IndexOf(builderStatement);
            for (var i = index + 1; i < siblings.Count; i++)
            {
                var statement = siblings[i] is GlobalStatementSyntax g ? g.Statement : siblings[i];
                if (statement is LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
                    && variables[0] is { Initializer.Value: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build", Expression: IdentifierNameSyntax target } } } variable
                    && target.Identifier.ValueText == builder)
                {
                    var name = variable.Identifier.ValueText;
                    SyntaxNode? run = null;
                    for (var j = i + 1; j < siblings.Count && run is null; j++)
                    {
                        var candidate = siblings[j] is GlobalStatementSyntax cg ? cg.Statement : siblings[j];
                        if (candidate is ExpressionStatementSyntax expression && IsRun(expression.Expression, name))
                        {
                            run = siblings[j];
                        }
                    }

                    return new AppPlan(name, siblings[i], run);
                }
            }

            return null;
        }

        private static bool IsRun(ExpressionSyntax expression, string app)
        {
            if (expression is AwaitExpressionSyntax awaited)
            {
                expression = awaited.Expression;
            }

            return expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "RunAsync", Expression: IdentifierNameSyntax target } }
                && target.Identifier.ValueText == app;
        }
    }
}
