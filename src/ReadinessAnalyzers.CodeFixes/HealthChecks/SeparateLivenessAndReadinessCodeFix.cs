using System;
using System.Collections.Generic;
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
/// RDY3003: splits the one health endpoint in two. The endpoint keeps its path and becomes the readiness endpoint
/// (<c>Predicate = r =&gt; r.Tags.Contains("ready")</c>); a liveness endpoint that runs no check
/// (<c>Predicate = _ =&gt; false</c>) is mapped next to it at <c>&lt;path&gt;/live</c> (or <c>/alive</c>, whichever
/// is not already written in the file). Every dependency check registered in the project is tagged
/// <c>"ready"</c>. Offered only when every such registration can be tagged: a <c>tags</c> parameter, and tags
/// written as an array or collection when some are given; otherwise readiness would silently lose a check.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SeparateLivenessAndReadinessCodeFix)), Shared]
public sealed class SeparateLivenessAndReadinessCodeFix : CodeFixProvider
{
    public const string ReadyTag = "ready";

    private const string EquivalenceKey = RuleIdentifiers.NoSeparateLivenessAndReadiness + ".SplitEndpoint";
    private const string OptionsNamespace = "Microsoft.AspNetCore.Diagnostics.HealthChecks";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.NoSeparateLivenessAndReadiness);

    // One finding per compilation at most: fix-all is the fix.
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics[0];
        var plan = await Plan.CreateAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Split into liveness '{plan.LivenessPath}' and readiness '{plan.ReadinessPath}' (tags the dependency checks \"{ReadyTag}\")",
                ct => ApplyAsync(context.Document, diagnostic.Location.SourceSpan, ct),
                EquivalenceKey),
            diagnostic);
    }

    private static async Task<Solution> ApplyAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var plan = await Plan.CreateAsync(document, span, cancellationToken).ConfigureAwait(false);
        var solution = document.Project.Solution;
        if (plan is null)
        {
            return solution;
        }

        // Nodes are found again by span in each document's tree: the text is the one the plan was made from.
        foreach (var id in plan.Tags.Select(t => t.Document).Append(document.Id).Distinct())
        {
            var root = (await solution.GetDocument(id)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var tags = plan.Tags.Where(t => t.Document == id)
                .Select(t => (Node: root.FindNode(t.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentListSyntax>(a => a.Span == t.Span)!, t.Tagged))
                .ToList();
            var anchor = id == document.Id ? plan.FindAnchor(root) : null;
            if (tags.Any(t => t.Node is null) || (id == document.Id && anchor is null))
            {
                return document.Project.Solution;
            }

            root = root.TrackNodes(tags.Select(t => (SyntaxNode)t.Node).Concat(anchor is null ? Array.Empty<SyntaxNode>() : new[] { anchor }));
            foreach (var (node, tagged) in tags)
            {
                root = root.ReplaceNode(root.GetCurrentNode(node)!, tagged);
            }

            if (anchor is not null)
            {
                root = plan.SplitEndpoint(root, root.GetCurrentNode(anchor)!);
            }

            solution = solution.WithDocumentSyntaxRoot(id, root);
        }

        return solution;
    }

    private sealed class TagEdit
    {
        public TagEdit(DocumentId document, TextSpan span, ArgumentListSyntax tagged)
        {
            Document = document;
            Span = span;
            Tagged = tagged;
        }

        public DocumentId Document { get; }

        /// <summary>The span of the argument list to replace.</summary>
        public TextSpan Span { get; }

        public ArgumentListSyntax Tagged { get; }
    }

    private sealed class Plan
    {
        private readonly HealthEndpointSyntax _endpoint;
        private readonly string _readinessOptions;
        private readonly string _livenessOptions;
        private readonly bool _needsOptionsUsing;

        private Plan(HealthEndpointSyntax endpoint, string readinessPath, string livenessPath, string readinessOptions, string livenessOptions, bool needsOptionsUsing, List<TagEdit> tags)
        {
            _endpoint = endpoint;
            ReadinessPath = readinessPath;
            LivenessPath = livenessPath;
            _readinessOptions = readinessOptions;
            _livenessOptions = livenessOptions;
            _needsOptionsUsing = needsOptionsUsing;
            Tags = tags;
        }

        public string ReadinessPath { get; }

        public string LivenessPath { get; }

        public List<TagEdit> Tags { get; }

        public static async Task<Plan?> CreateAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var endpoint = root is null || semanticModel is null ? null : HealthEndpointSyntax.Find(root, semanticModel, span, cancellationToken);
            if (endpoint?.Path is null || endpoint.Statement is null || endpoint.OptionsInitializer?.Expressions.OfType<AssignmentExpressionSyntax>().Any(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: "Predicate" }) == true)
            {
                return null;
            }

            var path = endpoint.PathText(semanticModel!, cancellationToken);
            var written = new HashSet<string>(root!.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText), StringComparer.OrdinalIgnoreCase);
            var candidates = path is null ? new[] { "/alive", "/livez" } : new[] { path.TrimEnd('/') + "/live", "/alive", "/livez" };
            var liveness = candidates.FirstOrDefault(c => !written.Contains(c));
            if (liveness is null)
            {
                return null;
            }

            var tags = await TagEditsAsync(document.Project, cancellationToken).ConfigureAwait(false);
            if (tags is null || tags.Any(t => t.Document == document.Id && endpoint.Statement.Span.OverlapsWith(t.Span)))
            {
                return null;
            }

            var position = endpoint.Statement.SpanStart;
            var registration = SyntaxEdits.FreeName(semanticModel!, position, "r", "registration");
            var optionsType = semanticModel!.Compilation.GetTypeByMetadataName(OptionsNamespace + ".HealthCheckOptions");
            var needsUsing = endpoint.Options is null && optionsType is not null
                && !semanticModel.LookupNamespacesAndTypes(position, name: "HealthCheckOptions").Any(s => SymbolEqualityComparer.Default.Equals(s, optionsType));
            var readiness = Options(endpoint, $"Predicate = {registration} => {registration}.Tags.Contains(\"{ReadyTag}\")");
            var live = Options(endpoint, "Predicate = _ => false");
            return new Plan(endpoint, path ?? endpoint.Path.Expression.ToString(), liveness, readiness, live, needsUsing, tags);
        }

        /// <summary>The options written at the call with <paramref name="predicate"/> added, or new options with it.</summary>
        private static string Options(HealthEndpointSyntax endpoint, string predicate)
        {
            var predicateNode = SyntaxFactory.ParseExpression(predicate);
            switch (endpoint.Options?.Expression)
            {
                case ObjectCreationExpressionSyntax { Initializer: { } initializer } creation:
                    return creation.WithInitializer(initializer.WithExpressions(SyntaxEdits.Append(initializer.Expressions, predicateNode))).ToString();
                case ImplicitObjectCreationExpressionSyntax { Initializer: { } initializer } creation:
                    return creation.WithInitializer(initializer.WithExpressions(SyntaxEdits.Append(initializer.Expressions, predicateNode))).ToString();
                case ObjectCreationExpressionSyntax creation:
                    return creation.WithoutTrivia() + " { " + predicate + " }";
                case ImplicitObjectCreationExpressionSyntax creation:
                    return creation.WithoutTrivia() + " { " + predicate + " }";
                default:
                    return "new HealthCheckOptions { " + predicate + " }";
            }
        }

        /// <summary>The endpoint's statement (a global statement at top level) in <paramref name="root"/>.</summary>
        public SyntaxNode? FindAnchor(SyntaxNode root)
        {
            var statement = root.FindNode(_endpoint.Statement!.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<ExpressionStatementSyntax>(s => s.Span == _endpoint.Statement!.Span);
            return statement?.Parent is GlobalStatementSyntax global ? global : statement;
        }

        /// <summary>Replaces <paramref name="anchor"/> with the readiness endpoint followed by the liveness endpoint.</summary>
        public SyntaxNode SplitEndpoint(SyntaxNode root, SyntaxNode anchor)
        {
            var statement = anchor is GlobalStatementSyntax { Statement: ExpressionStatementSyntax inner } ? inner : (ExpressionStatementSyntax)anchor;
            var offset = _endpoint.Invocation.SpanStart - _endpoint.Statement!.SpanStart;
            var invocation = statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .First(i => i.SpanStart - statement.SpanStart == offset && i.Span.Length == _endpoint.Invocation.Span.Length);
            var readiness = statement.ReplaceNode(invocation, WithOptions(invocation, null, _readinessOptions));
            var liveness = statement.ReplaceNode(invocation, WithOptions(invocation, SyntaxFactory.Literal(LivenessPath).ToString(), _livenessOptions));
            var livenessStatement = SyntaxEdits.StatementLike(anchor, liveness.WithoutTrivia().ToString());
            SyntaxNode newAnchor = anchor is GlobalStatementSyntax global ? global.WithStatement(readiness) : readiness;
            var newRoot = root.ReplaceNode(anchor, new[] { newAnchor, livenessStatement });
            if (_needsOptionsUsing && newRoot is CompilationUnitSyntax unit)
            {
                newRoot = SyntaxEdits.AddUsing(unit, OptionsNamespace);
            }

            return newRoot;
        }

        private InvocationExpressionSyntax WithOptions(InvocationExpressionSyntax invocation, string? path, string options)
        {
            var arguments = invocation.ArgumentList;
            var pathIndex = _endpoint.Invocation.ArgumentList.Arguments.IndexOf(_endpoint.Path!);
            var optionsIndex = _endpoint.Options is null ? -1 : _endpoint.Invocation.ArgumentList.Arguments.IndexOf(_endpoint.Options);
            var list = arguments.Arguments;
            if (path is not null)
            {
                list = list.Replace(list[pathIndex], list[pathIndex].WithExpression(SyntaxFactory.ParseExpression(path).WithTriviaFrom(list[pathIndex].Expression)));
            }

            var optionsExpression = SyntaxFactory.ParseExpression(options);
            list = optionsIndex >= 0
                ? list.Replace(list[optionsIndex], list[optionsIndex].WithExpression(optionsExpression.WithTriviaFrom(list[optionsIndex].Expression)))
                : SyntaxEdits.Append(list, SyntaxFactory.Argument(optionsExpression));
            return invocation.WithArgumentList(arguments.WithArguments(list));
        }

        /// <summary>The tag edits for every dependency check registered in the project, or null when one cannot be tagged.</summary>
        private static async Task<List<TagEdit>?> TagEditsAsync(Project project, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var builderType = compilation?.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder");
            if (builderType is null)
            {
                return null;
            }

            var edits = new List<TagEdit>();
            foreach (var document in project.Documents)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || root.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault() is null)
                {
                    continue;
                }

                SemanticModel? semanticModel = null;
                foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } || !name.StartsWith("Add", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    semanticModel ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (semanticModel?.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
                        || !IsOn(method, builderType) || !IsDependencyCheck(method))
                    {
                        continue;
                    }

                    var tagged = Tag(invocation, method, semanticModel, cancellationToken);
                    if (tagged is null)
                    {
                        return null;
                    }

                    if (tagged != invocation.ArgumentList)
                    {
                        edits.Add(new TagEdit(document.Id, invocation.ArgumentList.Span, tagged));
                    }
                }
            }

            return edits;
        }

        private static bool IsOn(IMethodSymbol method, INamedTypeSymbol builderType)
        {
            var receiver = method.ReducedFrom is { } extension ? extension.Parameters.FirstOrDefault()?.Type : method.IsStatic ? null : method.ContainingType;
            return receiver is not null && (SymbolEqualityComparer.Default.Equals(receiver, builderType) || receiver.AllInterfaces.Contains(builderType, SymbolEqualityComparer.Default));
        }

        /// <summary>The same judgement as the rule: anything but an inline lambda check or a publisher.</summary>
        private static bool IsDependencyCheck(IMethodSymbol method)
        {
            if (method.Name.EndsWith("Publisher", StringComparison.Ordinal))
            {
                return false;
            }

            if (method.Name is "AddCheck" or "AddAsyncCheck")
            {
                return !method.TypeArguments.IsEmpty || method.Parameters.Any(p => p.Type.Name == "IHealthCheck");
            }

            return true;
        }

        /// <summary>The argument list with <c>"ready"</c> in its tags; the same list when it is there already; null
        /// when the call cannot take tags or its tags are not written as a list.</summary>
        private static ArgumentListSyntax? Tag(InvocationExpressionSyntax invocation, IMethodSymbol method, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var tags = method.Parameters.FirstOrDefault(p => p.Name == "tags" && !p.IsParams);
            var stringArray = semanticModel.Compilation.CreateArrayTypeSymbol(semanticModel.Compilation.GetSpecialType(SpecialType.System_String));
            if (tags is null || !semanticModel.Compilation.ClassifyConversion(stringArray, tags.Type).IsImplicit)
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var given = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "tags")
                ?? (arguments.Any(a => a.NameColon is not null) ? null : method.Parameters.IndexOf(tags) is var index && index < arguments.Count ? arguments[index] : null);
            var ready = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(ReadyTag));
            if (given is null)
            {
                var argument = SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"new[] {{ \"{ReadyTag}\" }}"))
                    .WithNameColon(SyntaxFactory.NameColon("tags"));
                return invocation.ArgumentList.WithArguments(SyntaxEdits.Append(arguments, argument));
            }

            if (given.Expression.DescendantTokens().Any(t => t.IsKind(SyntaxKind.StringLiteralToken) && t.ValueText == ReadyTag))
            {
                return invocation.ArgumentList;
            }

            ExpressionSyntax? newTags = given.Expression switch
            {
                ImplicitArrayCreationExpressionSyntax array => array.WithInitializer(array.Initializer.WithExpressions(SyntaxEdits.Append(array.Initializer.Expressions, (ExpressionSyntax)ready))),
                ArrayCreationExpressionSyntax { Initializer: { } initializer } array => array.WithInitializer(initializer.WithExpressions(SyntaxEdits.Append(initializer.Expressions, (ExpressionSyntax)ready))),
                _ => CollectionWith(given.Expression),
            };
            return newTags is null ? null : invocation.ArgumentList.ReplaceNode(given.Expression, newTags);
        }

        /// <summary>A collection expression (<c>["db"]</c>, C# 12) with the tag added; written as text because this
        /// assembly compiles against a Roslyn that predates the syntax.</summary>
        private static ExpressionSyntax? CollectionWith(ExpressionSyntax expression)
        {
            var text = expression.ToString();
            if (!text.StartsWith("[", StringComparison.Ordinal) || !text.EndsWith("]", StringComparison.Ordinal))
            {
                return null;
            }

            var inner = text.Substring(1, text.Length - 2).TrimEnd();
            var newText = "[" + inner + (inner.Trim().Length == 0 || inner.EndsWith(",", StringComparison.Ordinal) ? string.Empty : ", ") + "\"" + ReadyTag + "\"]";
            var parsed = SyntaxFactory.ParseExpression(newText, options: expression.SyntaxTree.Options);
            return parsed.ContainsDiagnostics ? null : parsed.WithTriviaFrom(expression);
        }
    }
}
