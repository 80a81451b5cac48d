using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ReadinessAnalyzers.CodeFixes.Telemetry;

/// <summary>
/// RDY2004: <c>new Meter("Shop")</c> / <c>new ActivitySource("Orders")</c> in per-call code → a
/// <c>private static readonly</c> field of the containing type created with the same arguments (an existing one with
/// the same arguments is reused), or, for a meter, <c>meterFactory.Create("Shop")</c> through an <c>IMeterFactory</c>
/// in scope. A <c>using</c> on the local is dropped: the shared object must outlive the call. Offered only when every
/// argument is a constant or static value (never a local, parameter or instance member), and not when the local is
/// disposed explicitly or in a using statement. Instruments and <c>LoggerFactory.Create</c> need a design change
/// (a singleton, DI) and get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TelemetryObjectPerCallCodeFixProvider)), Shared]
public sealed class TelemetryObjectPerCallCodeFixProvider : CodeFixProvider
{
    internal const string StaticFieldKey = RuleIdentifiers.TelemetryObjectPerCall + ".StaticField";
    internal const string MeterFactoryKey = RuleIdentifiers.TelemetryObjectPerCall + ".MeterFactory";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.TelemetryObjectPerCall);

    /// <summary>One fix at a time with a fresh model, so a later creation with the same arguments reuses the field an
    /// earlier one added; the meter-factory variant where a factory is in scope, the static field otherwise.</summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || model is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
            || Analyze(model, creation, context.CancellationToken) is not { } shared)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Create the {shared.Kind} once in a static readonly field",
                ct => Task.FromResult(context.Document.WithSyntaxRoot(UseStaticField(root, shared))),
                StaticFieldKey),
            diagnostic);
        if (shared.MeterFactory is { } factory)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Get the meter from '{factory.Name}'",
                    ct => Task.FromResult(context.Document.WithSyntaxRoot(UseMeterFactory(root, shared, factory))),
                    MeterFactoryKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var creations = diagnostics
            .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
            .OfType<BaseObjectCreationExpressionSyntax>()
            .ToList();
        var current = document.WithSyntaxRoot(root.TrackNodes(creations));
        var changed = false;
        foreach (var original in creations)
        {
            var currentRoot = await current.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await current.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (currentRoot?.GetCurrentNode(original) is not { } creation || model is null
                || Analyze(model, creation, context.CancellationToken) is not { } shared)
            {
                continue;
            }

            if (context.CodeActionEquivalenceKey == MeterFactoryKey)
            {
                if (shared.MeterFactory is not { } factory)
                {
                    continue;
                }

                current = current.WithSyntaxRoot(UseMeterFactory(currentRoot, shared, factory));
            }
            else
            {
                current = current.WithSyntaxRoot(UseStaticField(currentRoot, shared));
            }

            changed = true;
        }

        return changed ? current : null;
    }

    private static SharedObject? Analyze(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Initializer: null, Type: INamedTypeSymbol type } operation
            || type.ContainingNamespace?.ToDisplayString() is not ("System.Diagnostics.Metrics" or "System.Diagnostics")
            || type.Name is not ("Meter" or "ActivitySource")
            || !operation.Arguments.All(a => IsStaticValue(a.Value))
            || creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } owner
            || owner is InterfaceDeclarationSyntax
            || model.GetDeclaredSymbol(owner, cancellationToken) is not { } ownerSymbol
            || DisposalTarget(model, creation, cancellationToken) is not { } target)
        {
            return null;
        }

        var factory = type.Name == "Meter"
                      && model.Compilation.GetTypeByMetadataName("System.Diagnostics.Metrics.IMeterFactory") is { } factoryType
                      && ValueInScope.Find(model, creation.SpanStart, model.GetEnclosingSymbol(creation.SpanStart, cancellationToken), factoryType, "meter") is { } found
                      && FactoryCall(creation, found) is var call
                      && SymbolEqualityComparer.Default.Equals(model.GetSpeculativeTypeInfo(creation.SpanStart, call, SpeculativeBindingOption.BindAsExpression).Type, type)
            ? found
            : null;
        return new SharedObject(creation, target, owner, type, ExistingField(model, owner, type, creation, cancellationToken) ?? NewFieldName(model, ownerSymbol, creation, type), factory);
    }

    /// <summary>The node to rewrite: the creation, or the <c>using var</c> declaration whose <c>using</c> must go.
    /// Null when the object is disposed in a way the fix cannot drop.</summary>
    private static SyntaxNode? DisposalTarget(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (creation.Ancestors().TakeWhile(a => a is not StatementSyntax || a is UsingStatementSyntax).Any(a => a is UsingStatementSyntax)
            || creation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" })
        {
            return null;
        }

        if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax statement)
        {
            return creation;
        }

        if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local
            || statement.Parent?.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n =>
                n.Identifier.ValueText == local.Name
                && (n.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" or "DisposeAsync" } access && access.Expression == n
                    || n.Parent is UsingStatementSyntax)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, local)) != false)
        {
            return null;
        }

        if (statement.UsingKeyword.IsKind(SyntaxKind.None))
        {
            return creation;
        }

        return statement.Declaration.Variables.Count == 1 && statement.AwaitKeyword.IsKind(SyntaxKind.None) ? statement : null;
    }

    /// <summary>A constant, <c>typeof</c>, a static readonly field, and members read from those: the same value on
    /// every call, so one object made in a static initializer is the same object. Static properties and methods
    /// (<c>DateTime.Now</c>, <c>Guid.NewGuid()</c>) may differ per call and are refused.</summary>
    private static bool IsStaticValue(IOperation operation)
        => operation.ConstantValue.HasValue
           || operation switch
           {
               IConversionOperation conversion => IsStaticValue(conversion.Operand),
               ITypeOfOperation or IDefaultValueOperation => true,
               IFieldReferenceOperation { Field: { IsStatic: true } field } => field.IsReadOnly || field.IsConst,
               IPropertyReferenceOperation { Instance: { } instance } property => IsStaticValue(instance) && property.Arguments.All(a => IsStaticValue(a.Value)),
               IInvocationOperation { Instance: { } instance } invocation => IsStaticValue(instance) && invocation.Arguments.All(a => IsStaticValue(a.Value)),
               IBinaryOperation binary => IsStaticValue(binary.LeftOperand) && IsStaticValue(binary.RightOperand),
               ICoalesceOperation coalesce => IsStaticValue(coalesce.Value) && IsStaticValue(coalesce.WhenNull),
               IInterpolatedStringOperation interpolated => interpolated.Parts.All(p => p is IInterpolatedStringTextOperation || (p is IInterpolationOperation hole && IsStaticValue(hole.Expression))),
               _ => false,
           };

    private static InvocationExpressionSyntax FactoryCall(BaseObjectCreationExpressionSyntax creation, ISymbol factory)
        => InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(factory.Name), IdentifierName("Create")),
            (creation.ArgumentList ?? ArgumentList()).WithoutTrivia());

    /// <summary>A <c>static readonly</c> field of the same type already created with the same arguments.</summary>
    private static string? ExistingField(SemanticModel model, TypeDeclarationSyntax owner, INamedTypeSymbol type, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
        => owner.Members.OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(SyntaxKind.StaticKeyword) && f.Modifiers.Any(SyntaxKind.ReadOnlyKeyword) && f.Declaration.Variables.Count == 1)
            .Where(f => f.Declaration.Variables[0].Initializer?.Value is BaseObjectCreationExpressionSyntax { ArgumentList: { } arguments }
                        && creation.ArgumentList is { } wanted && SyntaxFactory.AreEquivalent(arguments, wanted))
            .Where(f => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(f.Declaration.Type, cancellationToken).Type, type))
            .Select(f => f.Declaration.Variables[0].Identifier.ValueText)
            .FirstOrDefault();

    /// <summary><c>new Meter("Contoso.Shop")</c> → <c>ContosoShopMeter</c>; unique in the type and at the creation.</summary>
    private static string NewFieldName(SemanticModel model, INamedTypeSymbol owner, BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol type)
    {
        var baseName = new StringBuilder();
        if (creation.ArgumentList?.Arguments.FirstOrDefault() is { } first && model.GetConstantValue(first.Expression) is { HasValue: true, Value: string name })
        {
            foreach (var word in name.Split(name.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), System.StringSplitOptions.RemoveEmptyEntries))
            {
                baseName.Append(char.ToUpperInvariant(word[0])).Append(word.Substring(1));
            }
        }

        if (baseName.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(baseName[0]))
        {
            baseName.Insert(0, "Shared");
        }

        baseName.Append(type.Name);
        var candidate = baseName.ToString();
        for (var n = 2; owner.Name == candidate || !owner.GetMembers(candidate).IsEmpty || !model.LookupSymbols(creation.SpanStart, name: candidate).IsEmpty; n++)
        {
            candidate = baseName + n.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static SyntaxNode UseStaticField(SyntaxNode root, SharedObject shared)
    {
        var newOwner = shared.Owner.ReplaceNode(shared.Target, Replace(shared, IdentifierName(shared.FieldName)));
        if (!shared.Owner.Members.OfType<FieldDeclarationSyntax>().Any(f => f.Declaration.Variables.Any(v => v.Identifier.ValueText == shared.FieldName)))
        {
            var field = FieldDeclaration(
                    VariableDeclaration(
                        ParseTypeName(shared.Type.ToDisplayString()).WithAdditionalAnnotations(Simplifier.Annotation),
                        SingletonSeparatedList(VariableDeclarator(Identifier(shared.FieldName)).WithInitializer(EqualsValueClause(shared.Creation.WithoutTrivia())))))
                .WithModifiers(TokenList(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.StaticKeyword), Token(SyntaxKind.ReadOnlyKeyword)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var lastField = newOwner.Members.LastOrDefault(m => m is FieldDeclarationSyntax);
            newOwner = newOwner.WithMembers(newOwner.Members.Insert(lastField is null ? 0 : newOwner.Members.IndexOf(lastField) + 1, field));
        }

        return root.ReplaceNode(shared.Owner, newOwner);
    }

    private static SyntaxNode UseMeterFactory(SyntaxNode root, SharedObject shared, ISymbol factory)
        => root.ReplaceNode(shared.Target, Replace(shared, FactoryCall(shared.Creation, factory)));

    /// <summary>The target with the creation replaced and a <c>using</c> on its declaration dropped.</summary>
    private static SyntaxNode Replace(SharedObject shared, ExpressionSyntax value)
    {
        value = value.WithTriviaFrom(shared.Creation);
        if (shared.Target is not LocalDeclarationStatementSyntax statement)
        {
            return value;
        }

        var replaced = statement.ReplaceNode(shared.Creation, value);
        return replaced
            .WithUsingKeyword(default)
            .WithDeclaration(replaced.Declaration.WithType(replaced.Declaration.Type.WithLeadingTrivia(statement.UsingKeyword.LeadingTrivia)));
    }

    private sealed class SharedObject(BaseObjectCreationExpressionSyntax creation, SyntaxNode target, TypeDeclarationSyntax owner, INamedTypeSymbol type, string fieldName, ISymbol? meterFactory)
    {
        public BaseObjectCreationExpressionSyntax Creation { get; } = creation;

        public SyntaxNode Target { get; } = target;

        public TypeDeclarationSyntax Owner { get; } = owner;

        public INamedTypeSymbol Type { get; } = type;

        public string Kind => Type.Name;

        public string FieldName { get; } = fieldName;

        public ISymbol? MeterFactory { get; } = meterFactory;
    }
}
