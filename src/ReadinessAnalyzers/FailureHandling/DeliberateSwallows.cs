using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1001's code shapes in which dropping an exception is deliberate or the failure is handled elsewhere in the
/// method: best-effort teardown, a try that cannot fail, a wait that only cancellation ends, a shutdown-race filter,
/// a native-load probe, the Try pattern, and a failure that is logged or thrown on the way out. Created once per
/// compilation; every question is asked only of a catch that would otherwise be reported.
/// </summary>
internal sealed partial class DeliberateSwallows
{
    private static readonly string[] TeardownVerbs =
    {
        "Dispose", "Close", "Free", "Release", "Delete", "Cancel", "Abort", "Stop", "Shutdown", "Return", "Unregister",
        "Unsubscribe", "Disconnect", "Detach", "Terminate", "Kill", "Destroy",
    };

    private static readonly HashSet<string> ShutdownWords = new(StringComparer.Ordinal)
    {
        "dispose", "disposed", "disposing", "close", "closed", "closing", "stop", "stopped", "stopping", "shutdown",
        "shutting", "terminated", "terminating", "exiting", "aborted", "aborting",
    };

    /// <summary>Durable state, not an in-process resource: deleting a file is not teardown.</summary>
    private static readonly HashSet<string> FileSystemTypes = new(StringComparer.Ordinal)
    {
        "System.IO.File", "System.IO.Directory", "System.IO.FileInfo", "System.IO.DirectoryInfo", "System.IO.FileSystemInfo",
    };

    private readonly LazyType _cancellationToken;
    private readonly LazyType _cancellationTokenSource;
    private readonly LazyType _objectDisposed;
    private readonly LazyType[] _nativeLoadExceptions;
    private readonly TelemetryKnowledge _telemetry;

    public DeliberateSwallows(Compilation compilation, TelemetryKnowledge telemetry)
    {
        _telemetry = telemetry;
        _compilation = compilation;
        _cancellationToken = new LazyType(compilation, "System.Threading.CancellationToken");
        _cancellationTokenSource = new LazyType(compilation, "System.Threading.CancellationTokenSource");
        _objectDisposed = new LazyType(compilation, "System.ObjectDisposedException");
        _nativeLoadExceptions =
        [
            new LazyType(compilation, "System.DllNotFoundException"),
            new LazyType(compilation, "System.EntryPointNotFoundException"),
            new LazyType(compilation, "System.BadImageFormatException"),
        ];
    }

    // ---- Filters ----

    /// <summary><c>when (token.IsCancellationRequested)</c>: the catch is about cancellation by construction.</summary>
    public bool FilterChecksCancellation(IOperation? filter)
        => filter is not null
           && !IsNegatedCancellationFilter(filter)
           && filter.DescendantsAndSelf().Any(IsCancellationRequestedReference);

    /// <summary><c>when (!token.IsCancellationRequested)</c>: lets cancellation through and swallows everything else.</summary>
    public bool IsNegatedCancellationFilter(IOperation? filter)
        => filter switch
        {
            IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand } => IsCancellationRequestedReference(operand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } binary =>
                (IsCancellationRequestedReference(binary.LeftOperand) && IsConstant(binary.RightOperand, false))
                || (IsCancellationRequestedReference(binary.RightOperand) && IsConstant(binary.LeftOperand, false)),
            _ => false,
        };

    /// <summary><c>when (disposed)</c>, <c>when (_closing)</c>, <c>when (state == State.Stopping)</c>: a shutdown race.</summary>
    public static bool FilterTestsShutdownFlag(IOperation? filter)
        => filter switch
        {
            null => false,
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.ConditionalAnd } both =>
                FilterTestsShutdownFlag(both.LeftOperand) || FilterTestsShutdownFlag(both.RightOperand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.GreaterThan } comparison =>
                IsShutdownComparison(comparison, comparison.LeftOperand, comparison.RightOperand)
                || IsShutdownComparison(comparison, comparison.RightOperand, comparison.LeftOperand),
            _ => filter.Type?.SpecialType == SpecialType.System_Boolean && IsShutdownFlag(filter),
        };

    private static bool IsShutdownComparison(IBinaryOperation comparison, IOperation flag, IOperation other)
    {
        if (other.ConstantValue is not { HasValue: true, Value: var value })
        {
            return false;
        }

        if (IsShutdownFlag(flag))
        {
            // disposed != 0, disposed == true, disposed > 0, disposed == 1 — not disposed == 0 or == false.
            if (IsZero(value) is not { } isZero)
            {
                return false;
            }

            return comparison.OperatorKind == BinaryOperatorKind.Equals ? !isZero : isZero;
        }

        // state == State.Disposed
        return comparison.OperatorKind == BinaryOperatorKind.Equals && other is IFieldReferenceOperation field && NameSaysShutdown(field.Field.Name);
    }

    private static bool? IsZero(object? value)
        => value switch
        {
            bool flag => !flag,
            int number => number == 0,
            long number => number == 0,
            uint number => number == 0,
            ulong number => number == 0,
            short number => number == 0,
            ushort number => number == 0,
            byte number => number == 0,
            sbyte number => number == 0,
            _ => null,
        };

    private static bool IsShutdownFlag(IOperation operation)
        => operation switch
        {
            IConversionOperation conversion => IsShutdownFlag(conversion.Operand),
            IInvocationOperation { TargetMethod.Name: "Read", Arguments.Length: 1 } read => IsShutdownFlag(read.Arguments[0].Value),
            IFieldReferenceOperation field => NameSaysShutdown(field.Field.Name),
            IPropertyReferenceOperation property => NameSaysShutdown(property.Property.Name),
            ILocalReferenceOperation local => NameSaysShutdown(local.Local.Name),
            IParameterReferenceOperation parameter => NameSaysShutdown(parameter.Parameter.Name),
            _ => false,
        };

    private static bool NameSaysShutdown(string name)
    {
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]) || name[i] == '_')
            {
                var word = name.Substring(start, i - start).Trim('_').ToLowerInvariant();
                if (ShutdownWords.Contains(word))
                {
                    return true;
                }

                start = i;
            }
        }

        return false;
    }

    private bool IsCancellationRequestedReference(IOperation operation)
        => operation is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" } property
           && (SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _cancellationToken.Value)
               || SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _cancellationTokenSource.Value));

    private static bool IsConstant(IOperation operation, object value)
        => operation.ConstantValue is { HasValue: true } constant && Equals(constant.Value, value);

    // ---- The try body ----

    /// <summary>The try body only tears down (<c>x?.Dispose(); y.Close();</c>): best-effort cleanup wherever it is.</summary>
    public static bool TryOnlyTearsDown(ITryOperation tryOperation)
        => tryOperation.Body.Operations.Length > 0 && tryOperation.Body.Operations.All(IsTeardownStatement);

    /// <summary>Nothing in the try body can fail: locals and field reads, comparisons, <c>ToString()</c>, interpolation.</summary>
    public static bool TryCannotFail(ITryOperation tryOperation)
        => tryOperation.Body.Operations.Length > 0
           && OperationWalk.DescendantsOutsideFunctions(tryOperation.Body).All(CannotFail);

    /// <summary>The try body only awaits a wait that its token ends (<c>await Task.Delay(…, token)</c>).</summary>
    public bool TryOnlyAwaitsCancellableWait(ITryOperation tryOperation)
        => tryOperation.Body.Operations.Length > 0 && tryOperation.Body.Operations.All(IsCancellableWait);

    /// <summary><c>catch (ObjectDisposedException)</c> around a release or an accept loop: the object was disposed at shutdown.</summary>
    public bool IsDisposedAtTeardown(ICatchClauseOperation catchClause, ITryOperation tryOperation)
        => SymbolNames.IsOrInheritsFrom(catchClause.ExceptionType, _objectDisposed.Value)
           && OperationWalk.DescendantsOutsideFunctions(tryOperation.Body).Any(o =>
               o is IInvocationOperation invocation
               && (IsTeardownCall(invocation) || invocation.TargetMethod.Name.StartsWith("Accept", StringComparison.Ordinal)));

    /// <summary><c>catch (DllNotFoundException)</c> and the like: probing whether a native library loads.</summary>
    public bool IsNativeLoadProbe(ICatchClauseOperation catchClause)
        => _nativeLoadExceptions.Any(type => SymbolNames.IsOrInheritsFrom(catchClause.ExceptionType, type.Value));

    private static bool IsTeardownStatement(IOperation statement)
    {
        var operation = statement is IExpressionStatementOperation expression ? expression.Operation : statement;
        if (operation is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
        {
            operation = discard.Value;
        }

        if (operation is IAwaitOperation awaited)
        {
            operation = Unconfigured(awaited.Operation);
        }

        if (operation is IConditionalAccessOperation conditional)
        {
            return IsSimpleValue(conditional.Operation)
                   && conditional.WhenNotNull is IInvocationOperation whenNotNull
                   && IsTeardownCall(whenNotNull);
        }

        return operation is IInvocationOperation invocation && IsTeardownCall(invocation);
    }

    private static bool IsTeardownCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return TeardownVerbs.Any(verb => StartsWithWord(method.Name, verb))
               && !FileSystemTypes.Contains(SymbolNames.GetFullMetadataName(method.ContainingType))
               && (invocation.Instance is null || IsSimpleValue(invocation.Instance))
               && invocation.Arguments.All(argument => IsSimpleValue(argument.Value))
               // handle.Delete() deletes the object itself; repository.Delete(id) is data work.
               && (!StartsWithWord(method.Name, "Delete") || invocation.Arguments.All(argument => argument.Value.ConstantValue.HasValue));
    }

    private static bool StartsWithWord(string name, string verb)
        => name.StartsWith(verb, StringComparison.Ordinal)
           && (name.Length == verb.Length || char.IsUpper(name[verb.Length]) || name[verb.Length] == '_');

    /// <summary>A value that is read, not computed: locals, parameters, fields, <c>this</c>, constants.</summary>
    private static bool IsSimpleValue(IOperation operation)
        => operation switch
        {
            ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
                or IConditionalAccessInstanceOperation or ILiteralOperation or IDefaultValueOperation => true,
            IFieldReferenceOperation field => field.Instance is null || IsSimpleValue(field.Instance),
            IPropertyReferenceOperation property => property.Arguments.IsEmpty && (property.Instance is null || IsSimpleValue(property.Instance)),
            IConversionOperation conversion => IsSimpleValue(conversion.Operand),
            _ => operation.ConstantValue.HasValue,
        };

    private static bool CannotFail(IOperation operation)
        => operation switch
        {
            IBlockOperation or IReturnOperation or IVariableDeclarationGroupOperation or IVariableDeclarationOperation
                or IVariableDeclaratorOperation or IVariableInitializerOperation or IExpressionStatementOperation
                or IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or IConditionalAccessInstanceOperation
                or ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or IFieldReferenceOperation
                or ILiteralOperation or IDefaultValueOperation or IInterpolatedStringOperation or IInterpolatedStringTextOperation
                or IInterpolationOperation => true,
            ISimpleAssignmentOperation assignment => assignment.Target is ILocalReferenceOperation,
            IConversionOperation conversion => !conversion.IsChecked,
            IUnaryOperation unary => !unary.IsChecked,
            IBinaryOperation binary => !binary.IsChecked
                && binary.OperatorKind is not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder or BinaryOperatorKind.IntegerDivide),
            IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.IsEmpty: true } } => true,
            _ => false,
        };

    private bool IsCancellableWait(IOperation statement)
    {
        var operation = statement is IExpressionStatementOperation expression ? expression.Operation : statement;
        if (operation is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
        {
            operation = discard.Value;
        }

        return operation is IAwaitOperation awaited
               && Unconfigured(awaited.Operation) is IInvocationOperation { TargetMethod.Name: "Delay" or "WaitAsync" } wait
               && wait.Arguments.Any(argument =>
                   SymbolEqualityComparer.Default.Equals(argument.Value.Type, _cancellationToken.Value)
                   && argument.ArgumentKind == ArgumentKind.Explicit
                   && argument.Value is not (IDefaultValueOperation or IPropertyReferenceOperation { Property.Name: "None" }));
    }

    private static IOperation Unconfigured(IOperation awaited)
        => awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : awaited;

    // ---- Deleting what is already gone ----

    private static readonly string[] DeleteVerbs = { "Delete", "Remove", "Unlink", "Drop" };

    /// <summary>
    /// A catch that admits only "not found" failures around a try that deletes
    /// (<c>try { File.Delete(path); } catch (DirectoryNotFoundException) { }</c>,
    /// <c>catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound) { }</c>): deleting what is already gone is success.
    /// </summary>
    public static bool IsIdempotentDelete(ICatchClauseOperation catchClause, ITryOperation tryOperation)
        => (IsNotFoundType(catchClause.ExceptionType) || (catchClause.Filter is { } filter && AdmitsOnlyNotFound(filter)))
           && OperationWalk.DescendantsOutsideFunctions(tryOperation.Body).Any(operation =>
               operation is IInvocationOperation invocation && DeleteVerbs.Any(verb => StartsWithWord(invocation.TargetMethod.Name, verb)));

    /// <summary><c>FileNotFoundException</c>, <c>DirectoryNotFoundException</c>, <c>KeyNotFoundException</c>, …</summary>
    private static bool IsNotFoundType(ITypeSymbol? type)
        => type is not null && type.Name.IndexOf("NotFound", StringComparison.Ordinal) >= 0;

    /// <summary>A filter that is true only for a "not found" failure: a status compared with a <c>…NotFound</c> member or
    /// with 404, a not-found type test, or a <c>…NotFound</c> flag; in an <c>&amp;&amp;</c> one side suffices, in an
    /// <c>||</c> both sides must.</summary>
    private static bool AdmitsOnlyNotFound(IOperation filter)
        => filter switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both =>
                AdmitsOnlyNotFound(both.LeftOperand) || AdmitsOnlyNotFound(both.RightOperand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either =>
                AdmitsOnlyNotFound(either.LeftOperand) && AdmitsOnlyNotFound(either.RightOperand),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison =>
                IsNotFoundValue(comparison.LeftOperand) || IsNotFoundValue(comparison.RightOperand),
            IIsPatternOperation isPattern => PatternAdmitsOnlyNotFound(isPattern.Pattern),
            IIsTypeOperation { IsNegated: false } isType => IsNotFoundType(isType.TypeOperand),
            IConversionOperation conversion => AdmitsOnlyNotFound(conversion.Operand),
            IPropertyReferenceOperation property => property.Type?.SpecialType == SpecialType.System_Boolean && NamesNotFound(property.Property.Name),
            IFieldReferenceOperation field => field.Type?.SpecialType == SpecialType.System_Boolean && NamesNotFound(field.Field.Name),
            IInvocationOperation invocation => invocation.Type?.SpecialType == SpecialType.System_Boolean && NamesNotFound(invocation.TargetMethod.Name),
            _ => false,
        };

    private static bool PatternAdmitsOnlyNotFound(IPatternOperation pattern)
        => pattern switch
        {
            IConstantPatternOperation constant => IsNotFoundValue(constant.Value),
            ITypePatternOperation type => IsNotFoundType(type.MatchedType),
            IDeclarationPatternOperation declaration => IsNotFoundType(declaration.MatchedType),
            IRecursivePatternOperation recursive => IsNotFoundType(recursive.MatchedType)
                || recursive.PropertySubpatterns.Any(property => PatternAdmitsOnlyNotFound(property.Pattern)),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both =>
                PatternAdmitsOnlyNotFound(both.LeftPattern) || PatternAdmitsOnlyNotFound(both.RightPattern),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either =>
                PatternAdmitsOnlyNotFound(either.LeftPattern) && PatternAdmitsOnlyNotFound(either.RightPattern),
            _ => false,
        };

    /// <summary><c>HttpStatusCode.NotFound</c>, <c>ErrorCode.BlobNotFound</c> (a static member named …NotFound) or 404.</summary>
    private static bool IsNotFoundValue(IOperation operation)
        => operation switch
        {
            IConversionOperation conversion => IsNotFoundValue(conversion.Operand),
            IFieldReferenceOperation { Field.IsStatic: true } field => NamesNotFound(field.Field.Name),
            IPropertyReferenceOperation { Property.IsStatic: true } property => NamesNotFound(property.Property.Name),
            _ => operation.ConstantValue is { HasValue: true, Value: int or long or short } constant && Convert.ToInt64(constant.Value) == 404,
        };

    private static bool NamesNotFound(string name) => name.EndsWith("NotFound", StringComparison.Ordinal);

    // ---- The handler: the Try pattern ----

    /// <summary>
    /// The Try pattern: the handler ends with <c>return false</c> (or <c>return null</c>/<c>default</c> in a method named
    /// <c>Try…</c>, unless <paramref name="strict"/>) after only recording the failure in a local, an <c>out</c>/<c>ref</c>
    /// result or its fields, or tearing down.
    /// </summary>
    public static bool IsTryPatternResult(IBlockOperation handler, ISymbol containingSymbol, bool strict)
    {
        var operations = handler.Operations;
        if (operations.IsEmpty || operations[operations.Length - 1] is not IReturnOperation { ReturnedValue: { } returned })
        {
            return false;
        }

        var isFalse = returned.Type?.SpecialType == SpecialType.System_Boolean && IsConstant(returned, false);
        var isNothing = (returned is IDefaultValueOperation || (returned.ConstantValue.HasValue && returned.ConstantValue.Value is null)
                         || (returned is IConversionOperation { Operand: var operand } && operand.ConstantValue is { HasValue: true, Value: null }))
                        && !strict && IsTryNamed(containingSymbol);
        if (!isFalse && !isNothing)
        {
            return false;
        }

        for (var i = 0; i < operations.Length - 1; i++)
        {
            if (!IsResultAssignment(operations[i]) && !IsTeardownStatement(operations[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTryNamed(ISymbol symbol) => StartsWithWord(symbol.Name, "Try");

    private static bool IsResultAssignment(IOperation statement)
        => statement is IExpressionStatementOperation { Operation: IAssignmentOperation { Target: var target } }
           && IsRootedAtResult(target);

    private static bool IsRootedAtResult(IOperation target)
        => target switch
        {
            ILocalReferenceOperation => true,
            IParameterReferenceOperation parameter => parameter.Parameter.RefKind is RefKind.Out or RefKind.Ref,
            IFieldReferenceOperation { Instance: { } instance } => IsRootedAtResult(instance),
            IPropertyReferenceOperation { Instance: { } instance } => IsRootedAtResult(instance),
            _ => false,
        };

    // ---- The handler delivers the failure or the input ----

    /// <summary>
    /// The handler returns a failed result (<c>return AuthenticateResult.Fail("…")</c>, <c>Result.Failure(…)</c>,
    /// <c>IdentityResult.Failed(…)</c>, also through <c>Task.FromResult</c>): the caller receives the failure.
    /// </summary>
    public static bool ReturnsFailedResult(IBlockOperation handler)
        => handler.Operations.Length > 0
           && handler.Operations[handler.Operations.Length - 1] is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }
           && ResultOf(returned) is IInvocationOperation { TargetMethod.Name: var name }
           && (StartsWithWord(name, "Fail") || StartsWithWord(name, "Failed") || StartsWithWord(name, "Failure"));

    /// <summary>The value inside conversions, <c>Task.FromResult(…)</c> and <c>new ValueTask&lt;T&gt;(…)</c>.</summary>
    private static IOperation ResultOf(IOperation returned)
        => returned switch
        {
            IConversionOperation conversion => ResultOf(conversion.Operand),
            IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult => ResultOf(fromResult.Arguments[0].Value),
            IObjectCreationOperation { Type.Name: "ValueTask", Arguments.Length: 1 } valueTask => ResultOf(valueTask.Arguments[0].Value),
            _ => returned,
        };

    /// <summary>
    /// Format if possible: the try only parses or converts a value, and the handler only returns that same value
    /// (<c>try { framework = NuGetFramework.Parse(text); } catch { return text; }</c>): the caller gets its input back.
    /// </summary>
    public static bool ReturnsUnparsedInput(ICatchClauseOperation catchClause, ITryOperation tryOperation)
    {
        if (catchClause.Handler.Operations.Length != 1
            || catchClause.Handler.Operations[0] is not IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } returned }
            || VariableOf(returned) is not { } input)
        {
            return false;
        }

        var parsesInput = false;
        foreach (var operation in OperationWalk.DescendantsOutsideFunctions(tryOperation.Body))
        {
            if (operation is IInvocationOperation invocation && IsParseCall(invocation))
            {
                parsesInput |= invocation.Arguments.Any(argument => SymbolEqualityComparer.Default.Equals(VariableOf(argument.Value), input));
            }
            else if (operation is not (IArgumentOperation or IPropertyReferenceOperation { Property.IsStatic: true, Arguments.IsEmpty: true })
                     && !CannotFail(operation))
            {
                return false;
            }
        }

        return parsesInput;
    }

    /// <summary>The local or parameter an expression reads, through conversions.</summary>
    private static ISymbol? VariableOf(IOperation operation)
        => operation switch
        {
            IConversionOperation conversion => VariableOf(conversion.Operand),
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

    /// <summary><c>Parse</c>, <c>ParseExact</c>, <c>TryParse</c>, <c>FromBase64String</c>, <c>Convert…</c>,
    /// <c>System.Convert.To…</c>, <c>ToString(…)</c>: turning a value into another representation.</summary>
    private static bool IsParseCall(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        return StartsWithWord(name, "Parse") || StartsWithWord(name, "TryParse") || StartsWithWord(name, "Convert") || name == "ToString"
               || (name.StartsWith("From", StringComparison.Ordinal) && name.EndsWith("String", StringComparison.Ordinal))
               || SymbolNames.GetFullMetadataName(invocation.TargetMethod.ContainingType) == "System.Convert";
    }

    // ---- The failure is handled elsewhere in the method ----

    /// <summary>The catch sits in the handler of an outer catch that records its failure or catches specific exceptions:
    /// a second, best-effort step of handling a failure that is already handled.</summary>
    public bool IsInsideHandledCatch(ICatchClauseOperation catchClause, Func<ICatchClauseOperation, bool> isGeneralCatch)
    {
        for (var operation = catchClause.Parent; operation is not null; operation = operation.Parent)
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case ICatchClauseOperation outer:
                    return !isGeneralCatch(outer) || _telemetry.RecordsTelemetry(outer.Handler);
            }
        }

        return false;
    }

    /// <summary>The handler only sets local flags, and after the try the method reads the flag and logs an exception
    /// object (<c>catch { failed = true; }</c> … <c>logger.LogError(task.Exception, …)</c>).</summary>
    public bool FlagIsLoggedLater(ICatchClauseOperation catchClause, ITryOperation tryOperation)
    {
        var flags = FlagsSet(catchClause.Handler);
        if (flags.IsEmpty)
        {
            return false;
        }

        var readsFlag = false;
        var logsException = false;
        foreach (var operation in OperationsAfter(tryOperation).SelectMany(OperationWalk.DescendantsOutsideFunctions))
        {
            readsFlag |= operation is ILocalReferenceOperation reference && flags.Contains(reference.Local, SymbolEqualityComparer.Default);
            logsException |= operation is IInvocationOperation invocation
                             && _telemetry.IsTelemetryCall(invocation, followHelpers: false)
                             && _telemetry.FindExceptionArgument(invocation) is not null;
        }

        return readsFlag && logsException;
    }

    /// <summary>The locals the handler sets when it does nothing else (<c>catch { failed = true; }</c>).</summary>
    public static ImmutableArray<ILocalSymbol> FlagsSet(IBlockOperation handler)
    {
        if (handler.Operations.IsEmpty)
        {
            return ImmutableArray<ILocalSymbol>.Empty;
        }

        var flags = ImmutableArray.CreateBuilder<ILocalSymbol>();
        foreach (var statement in handler.Operations)
        {
            if (statement is not IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation local, Value.ConstantValue.HasValue: true } })
            {
                return ImmutableArray<ILocalSymbol>.Empty;
            }

            flags.Add(local.Local);
        }

        return flags.ToImmutable();
    }

    /// <summary>The statement right after the try throws: the fallback value only feeds the error that is raised.</summary>
    public static bool NextStatementThrows(ITryOperation tryOperation, Compilation compilation)
    {
        if (tryOperation.Parent is not IBlockOperation block)
        {
            return false;
        }

        var index = block.Operations.IndexOf(tryOperation);
        if (index < 0 || index + 1 >= block.Operations.Length)
        {
            return false;
        }

        var next = block.Operations[index + 1];
        var operation = next is IExpressionStatementOperation expression ? expression.Operation : next;
        return operation is IThrowOperation
               || (operation is IInvocationOperation invocation && ExceptionCoverage.IsThrowHelper(invocation.TargetMethod, compilation));
    }

    /// <summary>The handler calls a throw helper (<c>static void ThrowException(Exception e) => throw e;</c>).</summary>
    public static bool CallsThrowHelper(IBlockOperation handler, Compilation compilation)
        => OperationWalk.DescendantsOutsideFunctions(handler)
            .Any(o => o is IInvocationOperation invocation && ExceptionCoverage.IsThrowHelper(invocation.TargetMethod, compilation));

    private static IEnumerable<IOperation> OperationsAfter(IOperation start)
    {
        var current = start;
        while (current.Parent is { } parent && parent is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            if (parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(current);
                for (var i = index + 1; i > 0 && i < block.Operations.Length; i++)
                {
                    yield return block.Operations[i];
                }
            }

            current = parent;
        }
    }
}
