using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1001: a catch that makes a failure disappear — it neither rethrows nor throws, records no telemetry
/// and does not use the caught exception. See rules/RDY1001.md for what counts as "used".
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionSwallowedAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<ImmutableArray<string>> ExpectedExceptionsOption = RuleOptions.List(
        "RDY1001.expected_exceptions",
        ImmutableArray<string>.Empty,
        "Full names of exception types that may be caught and dropped anywhere (subclasses included), e.g. `System.IO.DirectoryNotFoundException`. Cancellation exceptions are always expected where a cancellation token is in scope.");

    public static readonly RuleOption<bool> ReportSpecificExceptionsOption = RuleOptions.Boolean(
        "RDY1001.report_specific_exceptions",
        false,
        "When true, also report non-empty catches of specific exception types (`catch (FormatException) { return null; }`) that drop the exception. By default only empty catches and catches of `Exception`/`SystemException`/everything are reported.");

    internal static readonly DiagnosticDescriptor Rule = new(
        RuleIdentifiers.ExceptionSwallowed,
        title: "Exception swallowed",
        messageFormat: "This catch of '{0}' in '{1}' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; log it with the exception object (logger.LogError(ex, …)), rethrow, or catch only what you expect",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A catch block that does not rethrow, does not record the failure through telemetry and does not use the caught exception hides the failure: operations see a healthy service while requests fail.",
        helpLinkUri: RuleIdentifiers.GetHelpUri(RuleIdentifiers.ExceptionSwallowed),
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var exceptionType = start.Compilation.GetTypeByMetadataName("System.Exception");
            if (exceptionType is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(start.Compilation, start.Options, exceptionType);
            start.RegisterOperationAction(analysis.AnalyzeCatch, OperationKind.CatchClause);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly INamedTypeSymbol _exception;
        private readonly INamedTypeSymbol? _systemException;
        private readonly INamedTypeSymbol? _operationCanceled;
        private readonly INamedTypeSymbol? _cancellationToken;
        private readonly INamedTypeSymbol? _cancellationTokenSource;
        private readonly TelemetryKnowledge _telemetry;
        private readonly PerTreeOptions<Settings> _settings;

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options, INamedTypeSymbol exception)
        {
            _exception = exception;
            _systemException = compilation.GetTypeByMetadataName("System.SystemException");
            _operationCanceled = compilation.GetTypeByMetadataName("System.OperationCanceledException");
            _cancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            _cancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
            _telemetry = TelemetryKnowledge.Create(compilation, options);
            _settings = new PerTreeOptions<Settings>(options, Settings.Parse);
        }

        public void AnalyzeCatch(OperationAnalysisContext context)
        {
            var catchClause = (ICatchClauseOperation)context.Operation;
            if (catchClause.Syntax is not CatchClauseSyntax syntax)
            {
                return;
            }

            var settings = _settings.For(syntax.SyntaxTree);
            var caughtType = catchClause.ExceptionType;
            var isGeneral = IsGeneralCatch(catchClause);
            var isEmpty = catchClause.Handler.Operations.IsEmpty;

            // A specific exception type is a decision: a fallback body, or an empty body whose comment says why,
            // is deliberate. Strict mode reports those too.
            if (!isGeneral && !settings.ReportSpecificExceptions && (!isEmpty || HasExplainingComment(syntax.Block)))
            {
                return;
            }

            if (IsExpected(caughtType, settings, catchClause, context.ContainingSymbol)
                || IsCleanupMember(context.ContainingSymbol)
                || IsTryPatternResult(catchClause.Handler)
                || ExceptionCoverage.Rethrows(catchClause.Handler)
                || UsesCaughtException(catchClause)
                || (catchClause.Filter is { } filter && _telemetry.RecordsTelemetry(filter))
                || _telemetry.RecordsTelemetry(catchClause.Handler))
            {
                return;
            }

            var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(
                syntax.CatchKeyword.SpanStart,
                (syntax.Filter?.Span.End) ?? (syntax.Declaration?.Span.End) ?? syntax.CatchKeyword.Span.End));
            var caughtName = syntax.Declaration is null ? "everything" : caughtType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, caughtName, DescribeMember(context.ContainingSymbol)));
        }

        private bool IsGeneralCatch(ICatchClauseOperation catchClause)
        {
            if (catchClause.Filter is not null && catchClause.ExceptionType is not null
                && !SymbolEqualityComparer.Default.Equals(catchClause.ExceptionType, _exception.ContainingAssembly.GetTypeByMetadataName("System.Object")))
            {
                // A filter narrows the catch to what the developer expected.
                return false;
            }

            var type = catchClause.ExceptionType;
            return type is null
                || type.SpecialType == SpecialType.System_Object
                || SymbolEqualityComparer.Default.Equals(type, _exception)
                || SymbolEqualityComparer.Default.Equals(type, _systemException);
        }

        private bool IsExpected(ITypeSymbol type, Settings settings, ICatchClauseOperation catchClause, ISymbol containingSymbol)
        {
            foreach (var expected in settings.ExpectedExceptions)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (SymbolNames.GetFullMetadataName(current) == expected)
                    {
                        return true;
                    }
                }
            }

            return FilterChecksCancellation(catchClause.Filter)
                || (SymbolNames.IsOrInheritsFrom(type, _operationCanceled) && CancellationIsObservable(catchClause, containingSymbol));
        }

        /// <summary><c>when (token.IsCancellationRequested)</c>: the catch is about cancellation by construction.</summary>
        private bool FilterChecksCancellation(IOperation? filter)
        {
            if (filter is null)
            {
                return false;
            }

            foreach (var operation in filter.DescendantsAndSelf())
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } property
                    && IsCancellationType(property.Property.ContainingType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasExplainingComment(BlockSyntax block)
            => block.OpenBraceToken.TrailingTrivia.Any(IsComment) || block.CloseBraceToken.LeadingTrivia.Any(IsComment);

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);

        /// <summary>A token (or its source) is in scope: a parameter of an enclosing method or lambda, a local,
        /// or a field/property of the containing type. Then cancellation is the caller's intent, not a failure.</summary>
        private bool CancellationIsObservable(ICatchClauseOperation catchClause, ISymbol containingSymbol)
        {
            for (var operation = catchClause.Parent; operation is not null; operation = operation.Parent)
            {
                if (operation is IAnonymousFunctionOperation lambda && lambda.Symbol.Parameters.Any(p => IsCancellationType(p.Type)))
                {
                    return true;
                }

                if (operation is ILocalFunctionOperation localFunction && localFunction.Symbol.Parameters.Any(p => IsCancellationType(p.Type)))
                {
                    return true;
                }

                if (operation is IBlockOperation block && block.Locals.Any(l => IsCancellationType(l.Type)))
                {
                    return true;
                }
            }

            if (containingSymbol is IMethodSymbol method && method.Parameters.Any(p => IsCancellationType(p.Type)))
            {
                return true;
            }

            return containingSymbol.ContainingType?.GetMembers().Any(m =>
                (m is IFieldSymbol field && IsCancellationType(field.Type))
                || (m is IPropertySymbol property && IsCancellationType(property.Type))) == true;
        }

        private bool IsCancellationType(ITypeSymbol type)
            => SymbolEqualityComparer.Default.Equals(type, _cancellationToken) || SymbolEqualityComparer.Default.Equals(type, _cancellationTokenSource);

        private static bool IsCleanupMember(ISymbol symbol)
            => symbol is IMethodSymbol { MethodKind: MethodKind.Destructor }
            || symbol is IMethodSymbol { Name: "Dispose" or "DisposeAsync", Parameters.Length: 0 or 1 };

        /// <summary>
        /// <c>catch { value = default; return false; }</c> in a bool-returning method or lambda: the Try/Is/Validate
        /// pattern, where the caller receives the failure as the result.
        /// </summary>
        private static bool IsTryPatternResult(IBlockOperation handler)
        {
            var operations = handler.Operations;
            if (operations.IsEmpty
                || operations[operations.Length - 1] is not IReturnOperation { ReturnedValue: { } returned }
                || returned.Type?.SpecialType != SpecialType.System_Boolean
                || returned.ConstantValue is not { HasValue: true, Value: false })
            {
                return false;
            }

            for (var i = 0; i < operations.Length - 1; i++)
            {
                if (operations[i] is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IParameterReferenceOperation { Parameter.RefKind: RefKind.Out } or ILocalReferenceOperation } })
                {
                    return false;
                }
            }

            return true;
        }

        private static bool UsesCaughtException(ICatchClauseOperation catchClause)
        {
            var local = catchClause.Locals.FirstOrDefault();
            if (local is null)
            {
                return false;
            }

            foreach (var operation in catchClause.Handler.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !IsDiscarded(reference))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>_ = ex;</c> only silences the unused-variable warning: the exception is still dropped.</summary>
        private static bool IsDiscarded(ILocalReferenceOperation reference)
            => reference.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } assignment
               && assignment.Value == reference;

        private static string DescribeMember(ISymbol symbol)
            => symbol switch
            {
                IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor => accessor.AssociatedSymbol?.Name ?? accessor.Name,
                IMethodSymbol { Name: "<Main>$" } => "top-level statements",
                IMethodSymbol method when method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name + " constructor",
                _ => symbol.Name,
            };
    }

    private sealed class Settings
    {
        private Settings(ImmutableArray<string> expectedExceptions, bool reportSpecificExceptions)
        {
            ExpectedExceptions = expectedExceptions;
            ReportSpecificExceptions = reportSpecificExceptions;
        }

        public ImmutableArray<string> ExpectedExceptions { get; }

        public bool ReportSpecificExceptions { get; }

        public static Settings Parse(AnalyzerConfigOptions options)
            => new(ExpectedExceptionsOption.GetValue(options), ReportSpecificExceptionsOption.GetValue(options));
    }
}
