using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// Which operations can fail operationally where nobody catches for them — the question RDY1005 and RDY1006 ask.
/// <para>
/// A call can fail unless it is telemetry; a call into the BCL that is not I/O or parsing (<c>System.*</c> outside
/// <c>System.IO</c>, <c>System.Net</c>, <c>System.Data</c>, <c>System.Text.Json</c>, <c>System.Xml</c>: e.g.
/// <c>Task.Delay</c>, <c>Interlocked</c>, string and collection helpers); a call into <c>Microsoft.Extensions.*</c>
/// plumbing; a teardown call (<c>Dispose</c>, <c>DisposeAsync</c>, <c>Release…</c>, <c>…Unlock</c>, <c>Free</c>:
/// cleanup that must not throw); the call of an <c>async</c> method whose task is neither awaited nor returned (it cannot throw at the call); or a call of this
/// compilation whose body cannot fail. Bodies are followed two calls deep; calls through interfaces and virtual
/// methods follow the implementations this compilation declares.
/// </para>
/// <para>
/// Cleanup and failure handling are judged leniently: in a <c>finally</c> block, in a general catch that records
/// the exception (logs it or hands it on), and — in a called method that has such a catch — anywhere outside its
/// <c>try</c> blocks, only an <c>await</c>, an explicit <c>throw</c>, a BCL I/O call or the invocation of a delegate
/// of a non-BCL type (a callback contract) can fail; a rethrow after recording is not a silent failure.
/// </para>
/// Create one per compilation; thread-safe.
/// </summary>
internal sealed class FailurePoints
{
    /// <summary>How many calls deep bodies of this compilation are followed; calls below that can fail.</summary>
    private const int MaxDepth = 2;

    private readonly Compilation _compilation;
    private readonly AsyncSymbols _symbols;
    private readonly TelemetryKnowledge _telemetry;
    private readonly SourceFacts _facts;
    // One cache per depth (0..MaxDepth): a dictionary keyed by a (method, depth) tuple cannot ship precompiled.
    private readonly SymbolCache<IMethodSymbol, bool>[] _bodyVerdicts = NewCachePerDepth();

    public FailurePoints(Compilation compilation, AsyncSymbols symbols, TelemetryKnowledge telemetry)
    {
        _compilation = compilation;
        _symbols = symbols;
        _telemetry = telemetry;
        _facts = new SourceFacts(compilation);
    }

    private static SymbolCache<IMethodSymbol, bool>[] NewCachePerDepth()
    {
        var caches = new SymbolCache<IMethodSymbol, bool>[MaxDepth + 1];
        for (var depth = 0; depth <= MaxDepth; depth++)
        {
            caches[depth] = new SymbolCache<IMethodSymbol, bool>();
        }

        return caches;
    }

    /// <summary>The call, made where nobody catches for it, can fail.</summary>
    public bool CanFail(IInvocationOperation invocation) => CallCanFail(invocation, depth: 0);

    /// <summary>The first operation of a callback body (a lambda's body) that can fail outside a general try/catch.</summary>
    public FailurePoint? FindInCallback(IOperation body) => Find(body, depth: 0, self: null);

    /// <summary>The first operation of a method of this compilation, used as a callback, that can fail outside a
    /// general try/catch; null for other methods and when nothing can fail.</summary>
    public FailurePoint? FindInCallback(IMethodSymbol method)
    {
        method = method.ReducedFrom ?? method;
        method = method.PartialImplementationPart ?? method;
        return IsInCompilation(method) && GetBody(method) is { } body ? Find(body, depth: 0, self: method.OriginalDefinition) : null;
    }

    /// <param name="self">The method whose body <paramref name="root"/> is: a call to itself adds no failure of its own.</param>
    private FailurePoint? Find(IOperation root, int depth, IMethodSymbol? self)
    {
        // In a called method that catches and records its own failures, what lies outside its try blocks is
        // bookkeeping around the work: trusted unless it is an await, a throw, I/O or a callback.
        var calleeRecords = depth > 0 && OperationWalk.DescendantsOutsideFunctions(root)
            .Any(o => o is ITryOperation tryOperation && tryOperation.Catches.Any(c => ExceptionCoverage.IsGeneralCatch(c, _symbols) && Records(c)));

        foreach (var operation in OperationWalk.DescendantsOutsideFunctions(root))
        {
            if (operation is not (IAwaitOperation or IThrowOperation or IInvocationOperation))
            {
                continue;
            }

            if (!Locate(operation, root, out var place, out var recordingCatch))
            {
                continue;
            }

            var lenient = calleeRecords || place == FailurePlace.FinallyBlock || recordingCatch is not null;
            var fails = operation switch
            {
                IAwaitOperation awaitOperation => AwaitCanFail(awaitOperation, depth),
                IThrowOperation throwOperation => recordingCatch is null || !IsRethrow(throwOperation, recordingCatch),
                IInvocationOperation invocation => !IsUnpropagatedAsyncCall(invocation)
                                                   && !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.OriginalDefinition, self)
                                                   && (lenient ? IsHardFailure(invocation) : CallCanFail(invocation, depth)),
                _ => false,
            };

            if (fails)
            {
                return new FailurePoint(operation, place);
            }
        }

        return null;
    }

    /// <summary>
    /// Climbs from <paramref name="operation"/> to <paramref name="root"/>: false when a general catch protects it;
    /// otherwise where it sits and the innermost enclosing general catch that records the exception, if any.
    /// </summary>
    private bool Locate(IOperation operation, IOperation root, out FailurePlace place, out ICatchClauseOperation? recordingCatch)
    {
        place = FailurePlace.Body;
        recordingCatch = null;
        for (var current = operation; current != root && current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation tryOperation)
            {
                if (tryOperation.Body == current && ExceptionCoverage.HasGeneralCatch(tryOperation, _symbols))
                {
                    return false;
                }

                if (tryOperation.Finally == current && place == FailurePlace.Body)
                {
                    place = FailurePlace.FinallyBlock;
                }
            }
            else if (parent is ICatchClauseOperation catchClause && catchClause.Handler == current)
            {
                if (place == FailurePlace.Body)
                {
                    place = FailurePlace.CatchBlock;
                }

                if (recordingCatch is null && ExceptionCoverage.IsGeneralCatch(catchClause, _symbols) && Records(catchClause))
                {
                    recordingCatch = catchClause;
                }
            }
        }

        return true;
    }

    /// <summary>The catch records the failure: it makes a telemetry call, or hands the caught exception (or something
    /// read from it) on — to a call, a field, a task completion source — other than by throwing it.</summary>
    private bool Records(ICatchClauseOperation catchClause)
    {
        if (_telemetry.RecordsTelemetry(catchClause.Handler))
        {
            return true;
        }

        var caught = catchClause.Locals.FirstOrDefault();
        return caught is not null && OperationWalk.DescendantsOutsideFunctions(catchClause.Handler).Any(o =>
            o is ILocalReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Local, caught)
            && !IsInsideThrow(reference, catchClause.Handler));
    }

    private static bool IsInsideThrow(IOperation operation, IOperation boundary)
    {
        for (var current = operation.Parent; current is not null && current != boundary; current = current.Parent)
        {
            if (current is IThrowOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRethrow(IThrowOperation throwOperation, ICatchClauseOperation catchClause)
    {
        var thrown = throwOperation.Exception;
        while (thrown is IConversionOperation { IsImplicit: true } conversion)
        {
            thrown = conversion.Operand;
        }

        return thrown is null
               || (thrown is ILocalReferenceOperation reference && catchClause.Locals.Contains(reference.Local, SymbolEqualityComparer.Default));
    }

    /// <summary>An await can fail unless it awaits a call that cannot (<c>Task.Delay</c>); awaiting <c>Task.Run</c> or a
    /// task held in a variable can.</summary>
    private bool AwaitCanFail(IAwaitOperation awaitOperation, int depth)
    {
        var awaited = awaitOperation.Operation;
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            awaited = configured;
        }

        return awaited is not IInvocationOperation invocation
               || _symbols.IsTaskStart(invocation.TargetMethod)
               || CallCanFail(invocation, depth);
    }

    /// <summary>A call of an <c>async</c> method cannot throw where it is made: its failure travels in the task. Unless
    /// that task is awaited (the await is judged) or returned, the call is no failure of this code.</summary>
    private static bool IsUnpropagatedAsyncCall(IInvocationOperation invocation)
    {
        if (!(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).IsAsync)
        {
            return false;
        }

        var parent = invocation.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        return parent is not (IReturnOperation or IAwaitOperation)
               && !(parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } && parent.Parent is IAwaitOperation or IReturnOperation);
    }

    /// <summary>What can fail even in cleanup and failure handling: BCL I/O, and a callback that can run code.</summary>
    private bool IsHardFailure(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (_telemetry.IsTelemetryCall(invocation, followHelpers: false))
        {
            return false;
        }

        var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return (method.MethodKind == MethodKind.DelegateInvoke && !IsInfrastructureNamespace(ns)) || IsIoNamespace(ns);
    }

    private bool CallCanFail(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var original = method.ReducedFrom ?? method;
        if (IsInfrastructureNamespace(method.ContainingNamespace?.ToDisplayString() ?? string.Empty)
            || _telemetry.IsTelemetryCall(invocation, followHelpers: false)
            || IsTeardown(original.Name))
        {
            return false;
        }

        if (!IsInCompilation(original))
        {
            return true;
        }

        if (ExceptionCoverage.IsWrappedInTryCatch(original, _compilation))
        {
            return false;
        }

        if (original.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.ExplicitInterfaceImplementation))
        {
            return true;
        }

        if (original.IsAbstract || original.IsVirtual || (original.IsOverride && !original.IsSealed) || original.ContainingType.TypeKind == TypeKind.Interface)
        {
            var implementations = _facts.Implementations(original);
            return implementations.IsEmpty || implementations.Any(m => BodyCanFail(m, depth + 1));
        }

        return BodyCanFail(original, depth + 1);
    }

    private bool BodyCanFail(IMethodSymbol method, int depth)
    {
        method = method.PartialImplementationPart ?? method;
        if (depth > MaxDepth || !IsInCompilation(method))
        {
            return true;
        }

        return _bodyVerdicts[depth].GetOrAdd(method.OriginalDefinition, key => GetBody(key) is not { } body || Find(body, depth, key) is not null);
    }

    /// <summary>The body of a method or local function of this compilation; null when there is none to look at
    /// (extern, partial without implementation).</summary>
    private IOperation? GetBody(IMethodSymbol method)
        => SourceOperations.Of(_compilation, method, syntax => syntax is MethodDeclarationSyntax or LocalFunctionStatementSyntax);

    private bool IsInCompilation(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    /// <summary>Teardown that must not throw by the .NET design guidelines and runs as cleanup: disposal, releasing a
    /// lock, semaphore or pooled resource, freeing memory.</summary>
    private static bool IsTeardown(string name)
        => name is "Dispose" or "DisposeAsync" or "Free" or "Unlock"
           || name.StartsWith("Release", StringComparison.Ordinal)
           || name.EndsWith("Unlock", StringComparison.Ordinal);

    private static bool IsIoNamespace(string ns)
        => ns.StartsWith("System.IO", StringComparison.Ordinal)
           || ns.StartsWith("System.Net", StringComparison.Ordinal)
           || ns.StartsWith("System.Data", StringComparison.Ordinal)
           || ns.StartsWith("System.Text.Json", StringComparison.Ordinal)
           || ns.StartsWith("System.Xml", StringComparison.Ordinal);

    private static bool IsInfrastructureNamespace(string ns)
    {
        if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal))
        {
            return !IsIoNamespace(ns);
        }

        return ns.StartsWith("Microsoft.Extensions.DependencyInjection", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Options", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal)
               || ns.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal);
    }
}
