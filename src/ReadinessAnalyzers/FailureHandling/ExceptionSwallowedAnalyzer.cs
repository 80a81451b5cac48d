using System;
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
    public static readonly ListOption ExpectedExceptionsOption = RuleOptions.List(
        OptionCatalog.ExceptionSwallowed.ExpectedExceptions,
        "Full names of exception types that may be caught and dropped anywhere (subclasses included), e.g. `System.IO.DirectoryNotFoundException`. Cancellation exceptions are always expected where a cancellation token is in scope.");

    public static readonly RuleOption<bool> ReportSpecificExceptionsOption = RuleOptions.Boolean(
        OptionCatalog.ExceptionSwallowed.ReportSpecificExceptions,
        "When true, also report non-empty catches of specific exception types (`catch (FormatException) { return null; }`) that drop the exception. By default only empty catches and catches of `Exception`/`SystemException`/everything are reported.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ExceptionSwallowed,
        title: "Exception swallowed",
        messageFormat: "This catch of '{0}' in '{1}' drops the failure: {2}; {3}",
        category: RuleCategories.FailureHandling,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A catch block that does not rethrow, does not record the failure through telemetry and does not use the caught exception hides the failure: operations see a healthy service while requests fail.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            var options = start.Options;
            var analysis = new FirstUse<CompilationAnalysis>(() => TypeLookup.Get(compilation, "System.Exception") is { } exception
                ? new CompilationAnalysis(compilation, options, exception)
                : null);
            start.RegisterOperationAction(context => analysis.Value?.AnalyzeCatch(context), OperationKind.CatchClause);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly INamedTypeSymbol _exception;
        private readonly LazyType _systemException;
        private readonly LazyType _operationCanceled;
        private readonly LazyType _cancellationToken;
        private readonly LazyType _cancellationTokenSource;
        private readonly LazyType _objectDisposed;
        private readonly LazyType _logger;
        private readonly TelemetryKnowledge _telemetry;
        private readonly DeliberateSwallows _deliberate;
        private readonly PerTreeOptions<Settings> _settings;

        public CompilationAnalysis(Compilation compilation, AnalyzerOptions options, INamedTypeSymbol exception)
        {
            _exception = exception;
            _systemException = new LazyType(compilation, "System.SystemException");
            _operationCanceled = new LazyType(compilation, "System.OperationCanceledException");
            _cancellationToken = new LazyType(compilation, "System.Threading.CancellationToken");
            _cancellationTokenSource = new LazyType(compilation, "System.Threading.CancellationTokenSource");
            _objectDisposed = new LazyType(compilation, "System.ObjectDisposedException");
            _logger = new LazyType(compilation, "Microsoft.Extensions.Logging.ILogger");
            _telemetry = TelemetryKnowledge.Create(compilation, options);
            _deliberate = new DeliberateSwallows(compilation, _telemetry);
            _settings = new PerTreeOptions<Settings>(options, Settings.Parse);
        }

        public void AnalyzeCatch(OperationAnalysisContext context)
        {
            var catchClause = (ICatchClauseOperation)context.Operation;
            if (catchClause.Syntax is not CatchClauseSyntax syntax || catchClause.Parent is not ITryOperation tryOperation)
            {
                return;
            }

            var settings = _settings.For(syntax.SyntaxTree);
            var caughtType = catchClause.ExceptionType;
            var exceptAllButCancellation = IsBroadType(caughtType) && _deliberate.IsNegatedCancellationFilter(catchClause.Filter);
            var isGeneral = exceptAllButCancellation || IsGeneralCatch(catchClause);
            var isEmpty = catchClause.Handler.Operations.IsEmpty;

            // A specific exception type is a decision: a fallback body, or an empty body whose comment says why,
            // is deliberate. Strict mode reports those too.
            if (!isGeneral && !settings.ReportSpecificExceptions && (!isEmpty || CatchReasons.HasComment(syntax)))
            {
                return;
            }

            // Cheapest and most often decisive first: most catches log or wrap the exception they caught.
            if (IsCleanupMember(context.ContainingSymbol)
                || UsesCaughtException(catchClause)
                || ExceptionCoverage.Rethrows(catchClause.Handler)
                || IsExpected(caughtType, settings, catchClause, context.ContainingSymbol)
                || (catchClause.Filter is { } filter && _telemetry.RecordsTelemetry(filter))
                || _telemetry.RecordsTelemetry(catchClause.Handler))
            {
                return;
            }

            // Comments excuse nothing in strict mode.
            var reasonWritten = !settings.ReportSpecificExceptions && CatchReasons.GivesReason(syntax);
            if (exceptAllButCancellation)
            {
                if (!reasonWritten)
                {
                    Report(context, catchClause, syntax, SwallowProblem.SwallowsAllButCancellation);
                }

                return;
            }

            if (reasonWritten
                || IsDeliberate(catchClause, tryOperation, context.Compilation, context.ContainingSymbol, settings.ReportSpecificExceptions)
                || (!settings.ReportSpecificExceptions && CatchReasons.MemberDocumentsBestEffort(syntax)))
            {
                return;
            }

            Report(context, catchClause, syntax, DeliberateSwallows.FlagsSet(catchClause.Handler).IsEmpty ? SwallowProblem.Drops : SwallowProblem.OnlySetsFlag);
        }

        /// <summary>The shapes of code in which dropping the exception is deliberate or handled elsewhere (rules/RDY1001.md).</summary>
        private bool IsDeliberate(ICatchClauseOperation catchClause, ITryOperation tryOperation, Compilation compilation, ISymbol containingSymbol, bool strict)
            => DeliberateSwallows.IsTryPatternResult(catchClause.Handler, containingSymbol, strict)
               || DeliberateSwallows.FilterTestsShutdownFlag(catchClause.Filter)
               || DeliberateSwallows.TryOnlyTearsDown(tryOperation)
               || DeliberateSwallows.TryCannotFail(tryOperation)
               || _deliberate.TryOnlyReadsOwnMetadata(tryOperation, containingSymbol)
               || DeliberateSwallows.IsIdempotentDelete(catchClause, tryOperation)
               || DeliberateSwallows.ReturnsFailedResult(catchClause.Handler)
               || DeliberateSwallows.ReturnsUnparsedInput(catchClause, tryOperation)
               || _deliberate.IsNativeLoadProbe(catchClause)
               || _deliberate.IsDisposedAtTeardown(catchClause, tryOperation)
               || (catchClause.Filter is null && _deliberate.TryOnlyAwaitsCancellableWait(tryOperation))
               || DeliberateSwallows.CallsThrowHelper(catchClause.Handler, compilation)
               || DeliberateSwallows.NextStatementThrows(tryOperation, compilation)
               || _deliberate.IsInsideHandledCatch(catchClause, IsGeneralCatch)
               || _deliberate.FlagIsLoggedLater(catchClause, tryOperation);

        private void Report(OperationAnalysisContext context, ICatchClauseOperation catchClause, CatchClauseSyntax syntax, SwallowProblem problem)
        {
            var location = Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(
                syntax.CatchKeyword.SpanStart,
                (syntax.Filter?.Span.End) ?? (syntax.Declaration?.Span.End) ?? syntax.CatchKeyword.Span.End));
            var message = SwallowMessage.Describe(catchClause, syntax, problem, FindLogger(catchClause, syntax, context.ContainingSymbol), _objectDisposed.Value);
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, location, message.CaughtName, DescribeMember(context.ContainingSymbol), message.Problem, message.Advice));
        }

        /// <summary>An <c>ILogger</c> the catch can use: a local, parameter, field, property or primary-constructor
        /// parameter in scope (instance state only outside static code). Asked only when reporting.</summary>
        private ISymbol? FindLogger(ICatchClauseOperation catchClause, CatchClauseSyntax syntax, ISymbol containingSymbol)
        {
            if (_logger.Value is not { } logger || catchClause.SemanticModel is not { } model)
            {
                return null;
            }

            return LoggerInScope.Find(model, syntax.Block.OpenBraceToken.Span.End, containingSymbol, logger);
        }

        private bool IsGeneralCatch(ICatchClauseOperation catchClause)
        {
            if (catchClause.Filter is not null && catchClause.ExceptionType is not null
                && catchClause.ExceptionType.SpecialType != SpecialType.System_Object)
            {
                // A filter narrows the catch to what the developer expected.
                return false;
            }

            return IsBroadType(catchClause.ExceptionType);
        }

        /// <summary>Everything, <c>Exception</c> or <c>SystemException</c>, whatever the filter.</summary>
        private bool IsBroadType(ITypeSymbol? type)
            => type is null
               || type.SpecialType == SpecialType.System_Object
               || SymbolEqualityComparer.Default.Equals(type, _exception)
               || SymbolEqualityComparer.Default.Equals(type, _systemException.Value);

        private bool IsExpected(ITypeSymbol type, Settings settings, ICatchClauseOperation catchClause, ISymbol containingSymbol)
        {
            foreach (var expected in settings.ExpectedExceptions)
            {
                for (var current = type; current is not null; current = current.BaseType)
                {
                    // The simple name first: the full name is read only for a type whose name ends the expected one.
                    if (EndsWithTypeName(expected, current.MetadataName) && SymbolNames.GetFullMetadataName(current) == expected)
                    {
                        return true;
                    }
                }
            }

            return _deliberate.FilterChecksCancellation(catchClause.Filter)
                || (SymbolNames.IsOrInheritsFrom(type, _operationCanceled.Value) && CancellationIsObservable(catchClause, containingSymbol));
        }

        private static bool EndsWithTypeName(string fullName, string name)
            => fullName.Length == name.Length
                ? fullName == name
                : fullName.Length > name.Length && fullName.EndsWith(name, StringComparison.Ordinal) && fullName[fullName.Length - name.Length - 1] is '.' or '+';

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
            => SymbolEqualityComparer.Default.Equals(type, _cancellationToken.Value) || SymbolEqualityComparer.Default.Equals(type, _cancellationTokenSource.Value);

        private static bool IsCleanupMember(ISymbol symbol)
            => symbol is IMethodSymbol { MethodKind: MethodKind.Destructor }
            || symbol is IMethodSymbol { Name: "Dispose" or "DisposeAsync", Parameters.Length: 0 or 1 };

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
