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
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.CodeFixes.HealthChecks;

/// <summary>
/// RDY3006, two actions: replace the response writer with one that writes only the status
/// (<c>ResponseWriter = (context, report) =&gt; context.Response.WriteAsync(report.Status.ToString())</c>), or serve
/// the endpoint only on an internal management port (<c>.RequireHost("*:8081")</c> on <c>MapHealthChecks</c>, the
/// port overload of <c>UseHealthChecks</c>). The first is offered when the writer is set in the options written at the
/// call; the second where calls can be chained on the endpoint (its result is not kept or passed on).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HealthEndpointLeaksInternalsCodeFix)), Shared]
public sealed class HealthEndpointLeaksInternalsCodeFix : CodeFixProvider
{
    /// <summary>The port the second action restricts the endpoint to; the page says how to listen on it.</summary>
    public const int ManagementPort = 8081;

    private const string StatusOnlyKey = RuleIdentifiers.HealthEndpointLeaksInternals + ".WriteStatusOnly";
    private const string ManagementPortKey = RuleIdentifiers.HealthEndpointLeaksInternals + ".RequireManagementPort";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.HealthEndpointLeaksInternals);

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
        var endpoint = HealthEndpointSyntax.Find(root, semanticModel, diagnostic.Location.SourceSpan, context.CancellationToken);
        if (endpoint is null)
        {
            return;
        }

        var path = endpoint.PathText(semanticModel, context.CancellationToken) ?? "the health endpoint";
        if (WriterAssignment(endpoint) is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create($"Write only the health status at '{path}'", ct => WriteStatusOnlyAsync(context.Document, diagnostic.Location.SourceSpan, ct), StatusOnlyKey),
                diagnostic);
        }

        if (endpoint.MethodName == "MapHealthChecks" ? endpoint.ResultUnused : endpoint.Path is not null)
        {
            context.RegisterCodeFix(
                CodeAction.Create($"Serve '{path}' only on internal management port {ManagementPort}", ct => RequireManagementPortAsync(context.Document, diagnostic.Location.SourceSpan, ct), ManagementPortKey),
                diagnostic);
        }
    }

    private static AssignmentExpressionSyntax? WriterAssignment(HealthEndpointSyntax endpoint)
        => endpoint.OptionsInitializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "ResponseWriter" });

    private static async Task<Document> WriteStatusOnlyAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = root is null || semanticModel is null ? null : HealthEndpointSyntax.Find(root, semanticModel, span, cancellationToken);
        if (endpoint is null || WriterAssignment(endpoint) is not { } assignment)
        {
            return document;
        }

        var position = assignment.SpanStart;
        var context = SyntaxEdits.FreeName(semanticModel!, position, "context", "httpContext");
        var report = SyntaxEdits.FreeName(semanticModel!, position, "report", "healthReport");
        var writer = SyntaxFactory.ParseExpression($"({context}, {report}) => {context}.Response.WriteAsync({report}.Status.ToString())")
            .WithTriviaFrom(assignment.Right);
        var newRoot = root!.ReplaceNode(assignment.Right, writer);
        var response = semanticModel!.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
        if (newRoot is CompilationUnitSyntax unit && response is not null
            && !semanticModel.LookupSymbols(position, response, "WriteAsync", includeReducedExtensionMethods: true).Any())
        {
            newRoot = SyntaxEdits.AddUsing(unit, "Microsoft.AspNetCore.Http");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static async Task<Document> RequireManagementPortAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = root is null || semanticModel is null ? null : HealthEndpointSyntax.Find(root, semanticModel, span, cancellationToken);
        if (endpoint is null)
        {
            return document;
        }

        SyntaxNode newRoot;
        if (endpoint.MethodName == "MapHealthChecks")
        {
            var expression = endpoint.Outer;
            var restricted = SyntaxFactory.ParseExpression($"{expression.WithoutTrivia()}.RequireHost(\"*:{ManagementPort}\")").WithTriviaFrom(expression);
            newRoot = root!.ReplaceNode(expression, restricted);
            var builder = semanticModel!.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IEndpointConventionBuilder");
            if (newRoot is CompilationUnitSyntax unit && builder is not null
                && !semanticModel.LookupSymbols(expression.SpanStart, builder, "RequireHost", includeReducedExtensionMethods: true).Any())
            {
                newRoot = SyntaxEdits.AddUsing(unit, "Microsoft.AspNetCore.Builder");
            }
        }
        else
        {
            // UseHealthChecks(path, port[, options]): the middleware answers only on that port.
            var arguments = endpoint.Invocation.ArgumentList;
            var index = arguments.Arguments.IndexOf(endpoint.Path!);
            var port = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(ManagementPort)));
            var separators = Enumerable.Range(0, arguments.Arguments.SeparatorCount).Select(arguments.Arguments.GetSeparator).ToList();
            separators.Insert(index, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            var nodes = arguments.Arguments.ToList();
            nodes.Insert(index + 1, port);
            newRoot = root!.ReplaceNode(arguments, arguments.WithArguments(SyntaxFactory.SeparatedList(nodes, separators)));
        }

        return document.WithSyntaxRoot(newRoot);
    }
}
