using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.CodeFixes.Configuration;

/// <summary>
/// RDY4001 and RDY4003: replaces a string literal with a read from configuration in scope
/// (<c>builder.Configuration.GetConnectionString("Orders")</c>, <c>configuration["Services:OrdersApi:Url"]</c>) and
/// adds the key with the literal's value to the project's <c>appsettings.json</c>, so the service behaves as before.
/// Offered only where an <c>IConfiguration</c> is reachable (<see cref="ConfigurationInScope"/>), the project passes
/// an <c>appsettings.json</c> to the analyzers, and the value holds no credential (that would move a secret into a
/// settings file, RDY4101's finding). Fix-all edits each settings file once, so keys never collide.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadFromConfigurationCodeFix)), Shared]
public sealed class ReadFromConfigurationCodeFix : CodeFixProvider
{
    private const string SettingsFileName = "appsettings.json";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.HardCodedConnectionString, RuleIdentifiers.HardCodedEndpoint);

    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    private static string EquivalenceKey(string id) => id + ".ReadFromConfiguration";

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var settings = SettingsFile(document.Project);
        if (settings is null)
        {
            return;
        }

        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var settingsText = (await settings.GetTextAsync(context.CancellationToken).ConfigureAwait(false)).ToString();
        if (root is null || semanticModel is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var move = Move.Create(root, semanticModel, diagnostic, context.CancellationToken);
            if (move is null || !SettingsFileEdit.TryPlace(settingsText, move.Path, move.Value, out _, out var path))
            {
                continue;
            }

            var title = move.IsConnectionString
                ? $"Read connection string '{path[path.Count - 1]}' from configuration (value moves to appsettings.json)"
                : $"Read '{string.Join(":", path)}' from configuration (value moves to appsettings.json)";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(document.Project.Solution, new[] { (document.Id, diagnostic) }, ct), EquivalenceKey(diagnostic.Id)),
                diagnostic);
        }
    }

    /// <summary>The <c>appsettings.json</c> passed to the analyzers: the one in the project folder, else the only one.</summary>
    private static TextDocument? SettingsFile(Project project)
    {
        var candidates = project.AdditionalDocuments.Where(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), SettingsFileName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (candidates.Count <= 1)
        {
            return candidates.FirstOrDefault();
        }

        var folder = Path.GetDirectoryName(project.FilePath ?? string.Empty);
        var inFolder = candidates.Where(d => string.Equals(Path.GetDirectoryName(d.FilePath ?? string.Empty), folder, StringComparison.OrdinalIgnoreCase)).ToList();
        return inFolder.Count == 1 ? inFolder[0] : null;
    }

    /// <summary>Moves every value of <paramref name="targets"/> project by project: one pass over each document, one
    /// edit of each settings file, keys allocated in order so equal values share a key and different ones never do.</summary>
    private static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<(DocumentId Document, Diagnostic Diagnostic)> targets, CancellationToken cancellationToken)
    {
        foreach (var project in targets.GroupBy(t => t.Document.ProjectId))
        {
            var settings = SettingsFile(solution.GetProject(project.Key)!);
            if (settings is null)
            {
                continue;
            }

            var originalSettings = (await settings.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            var settingsText = originalSettings;
            foreach (var byDocument in project.GroupBy(t => t.Document))
            {
                var document = solution.GetDocument(byDocument.Key);
                var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var semanticModel = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || semanticModel is null)
                {
                    continue;
                }

                var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
                var needsConfigurationUsing = false;
                foreach (var (_, diagnostic) in byDocument.OrderBy(t => t.Diagnostic.Location.SourceSpan.Start))
                {
                    var move = Move.Create(root, semanticModel, diagnostic, cancellationToken);
                    if (move is null || replacements.ContainsKey(move.Literal)
                        || !SettingsFileEdit.TryPlace(settingsText, move.Path, move.Value, out var newSettings, out var path))
                    {
                        continue;
                    }

                    settingsText = newSettings;
                    replacements[move.Literal] = move.Replacement(path);
                    needsConfigurationUsing |= move.IsConnectionString && move.NeedsConfigurationUsing;
                }

                if (replacements.Count == 0)
                {
                    continue;
                }

                var newRoot = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
                if (needsConfigurationUsing && newRoot is CompilationUnitSyntax unit)
                {
                    newRoot = unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.Extensions.Configuration")).WithAdditionalAnnotations(Formatter.Annotation));
                }

                solution = solution.WithDocumentSyntaxRoot(document!.Id, newRoot);
            }

            if (settingsText != originalSettings)
            {
                solution = solution.WithAdditionalDocumentText(settings.Id, SourceText.From(settingsText));
            }
        }

        return solution;
    }

    /// <summary>One literal and where it goes.</summary>
    private sealed class Move
    {
        private readonly string _configuration;
        private readonly bool _throwWhenMissing;
        private readonly string _exception;

        private Move(LiteralExpressionSyntax literal, string value, bool isConnectionString, IReadOnlyList<string> path, string configuration, bool throwWhenMissing, string exception, bool needsConfigurationUsing)
        {
            Literal = literal;
            Value = value;
            IsConnectionString = isConnectionString;
            Path = path;
            _configuration = configuration;
            _throwWhenMissing = throwWhenMissing;
            _exception = exception;
            NeedsConfigurationUsing = needsConfigurationUsing;
        }

        public LiteralExpressionSyntax Literal { get; }

        public string Value { get; }

        public bool IsConnectionString { get; }

        public IReadOnlyList<string> Path { get; }

        public bool NeedsConfigurationUsing { get; }

        public static Move? Create(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var span = diagnostic.Location.SourceSpan;
            if (root.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Span != span
                || semanticModel.GetTypeInfo(literal, cancellationToken).ConvertedType?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            var value = literal.Token.ValueText;
            var configuration = ConfigurationInScope.Find(semanticModel, literal, cancellationToken);
            if (configuration is null)
            {
                return null;
            }

            var variable = VariableName(literal);
            var isConnectionString = diagnostic.Id == RuleIdentifiers.HardCodedConnectionString;
            IReadOnlyList<string>? path;
            if (isConnectionString)
            {
                path = ConfigurationKeys.ConnectionStringName(value, variable) is { } name ? new[] { "ConnectionStrings", name } : null;
            }
            else
            {
                path = ConfigurationKeys.EndpointPath(value, variable);
            }

            if (path is null)
            {
                return null;
            }

            var position = literal.SpanStart;
            var nullable = semanticModel.GetNullableContext(position);
            var throwWhenMissing = (nullable & Microsoft.CodeAnalysis.NullableContext.WarningsEnabled) != 0 && !AcceptsNull(semanticModel, literal, cancellationToken);
            var exception = semanticModel.LookupNamespacesAndTypes(position, name: "InvalidOperationException").Any() ? "InvalidOperationException" : "System.InvalidOperationException";
            var needsUsing = isConnectionString && !HasGetConnectionString(semanticModel, position);
            return new Move(literal, value, isConnectionString, path, configuration, throwWhenMissing, exception, needsUsing);
        }

        public ExpressionSyntax Replacement(IReadOnlyList<string> path)
        {
            var key = string.Join(":", path);
            var read = IsConnectionString
                ? $"{_configuration}.GetConnectionString({Quoted(path[path.Count - 1])})"
                : $"{_configuration}[{Quoted(key)}]";
            if (_throwWhenMissing)
            {
                var what = IsConnectionString ? "Connection string '" + path[path.Count - 1] + "'" : "Configuration value '" + key + "'";
                read += $" ?? throw new {_exception}({Quoted(what + " is missing.")})";
                if (!StandsAlone(Literal))
                {
                    read = "(" + read + ")";
                }
            }

            return SyntaxFactory.ParseExpression(read).WithTriviaFrom(Literal);
        }

        private static string Quoted(string text) => SyntaxFactory.Literal(text).ToString();

        /// <summary>A place where <c>a ?? throw …</c> needs no parentheses.</summary>
        private static bool StandsAlone(ExpressionSyntax node)
            => node.Parent is ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
                || (node.Parent is AssignmentExpressionSyntax assignment && assignment.Right == node);

        /// <summary>The value goes somewhere that takes null (a <c>string?</c> parameter, property or variable).</summary>
        private static bool AcceptsNull(SemanticModel semanticModel, ExpressionSyntax literal, CancellationToken cancellationToken)
        {
            var operation = semanticModel.GetOperation(literal, cancellationToken);
            var consumer = operation?.Parent;
            while (consumer is Microsoft.CodeAnalysis.Operations.IConversionOperation)
            {
                consumer = consumer.Parent;
            }

            return consumer switch
            {
                Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter: { } parameter } => parameter.NullableAnnotation == NullableAnnotation.Annotated,
                Microsoft.CodeAnalysis.Operations.IAssignmentOperation { Target: Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation property } => property.Property.Type.NullableAnnotation == NullableAnnotation.Annotated,
                Microsoft.CodeAnalysis.Operations.IAssignmentOperation { Target: Microsoft.CodeAnalysis.Operations.IFieldReferenceOperation field } => field.Field.Type.NullableAnnotation == NullableAnnotation.Annotated,
                _ => false,
            };
        }

        private static bool HasGetConnectionString(SemanticModel semanticModel, int position)
        {
            var configuration = semanticModel.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfiguration");
            return configuration is not null && semanticModel.LookupSymbols(position, configuration, "GetConnectionString", includeReducedExtensionMethods: true).Any();
        }

        /// <summary>The local, field, property or parameter the literal is stored in or passed as.</summary>
        private static string? VariableName(ExpressionSyntax literal)
        {
            switch (literal.Parent)
            {
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                    return declarator.Identifier.ValueText;
                case AssignmentExpressionSyntax { Left: var left }:
                    return left switch
                    {
                        IdentifierNameSyntax name => name.Identifier.ValueText,
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        _ => null,
                    };
                case ArgumentSyntax { NameColon: { } nameColon }:
                    return nameColon.Name.Identifier.ValueText;
                default:
                    return null;
            }
        }
    }

    /// <summary>Fix-all that keeps one settings file edit per project (the batch fixer would merge only documents).</summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var documents = fixAllContext.Scope switch
            {
                FixAllScope.Document when fixAllContext.Document is { } document => new[] { document },
                FixAllScope.Project => fixAllContext.Project.Documents.ToArray(),
                FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents).ToArray(),
                _ => Array.Empty<Document>(),
            };

            var targets = new List<(DocumentId, Diagnostic)>();
            foreach (var document in documents)
            {
                foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                {
                    // dotnet format passes the key of the first diagnostic's fix, null when that one has none.
                    var key = fixAllContext.CodeActionEquivalenceKey;
                    if (key is null ? fixAllContext.DiagnosticIds.Contains(diagnostic.Id) : EquivalenceKey(diagnostic.Id) == key)
                    {
                        targets.Add((document.Id, diagnostic));
                    }
                }
            }

            if (targets.Count == 0)
            {
                return null;
            }

            var solution = fixAllContext.Solution;
            return CodeAction.Create(
                "Read the values from configuration",
                ct => ApplyAsync(solution, targets, ct),
                fixAllContext.CodeActionEquivalenceKey);
        }
    }
}
