using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// "Is this code protected by exception handling?" as the failure-handling rules RDY1002, RDY1005 and RDY1006
/// ask it: an operation is protected when it sits in the <c>try</c> block of a try statement with a general
/// catch (bare <c>catch</c>, <c>catch (Exception)</c>, with or without a filter). Whether that catch records
/// the failure is RDY1001's question, so these rules do not ask it again.
/// </summary>
internal static class ExceptionCoverage
{
    public static bool IsGeneralCatch(ICatchClauseOperation catchClause, AsyncSymbols symbols)
    {
        var type = catchClause.ExceptionType;
        return type is null
            || type.SpecialType == SpecialType.System_Object
            || SymbolEqualityComparer.Default.Equals(type, symbols.Exception)
            || SymbolEqualityComparer.Default.Equals(type, symbols.SystemException);
    }

    public static bool HasGeneralCatch(ITryOperation tryOperation, AsyncSymbols symbols)
        => tryOperation.Catches.Any(c => IsGeneralCatch(c, symbols));

    /// <summary>True when <paramref name="operation"/> is inside the try block of a try with a general catch,
    /// looking no further up than <paramref name="boundary"/> and never out of a lambda or local function.</summary>
    public static bool IsProtected(IOperation operation, IOperation boundary, AsyncSymbols symbols)
    {
        var current = operation;
        while (current != boundary && current.Parent is { } parent)
        {
            if (parent is ITryOperation tryOperation && tryOperation.Body == current && HasGeneralCatch(tryOperation, symbols))
            {
                return true;
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }

    /// <summary>
    /// The first operation under <paramref name="root"/> (outside nested lambdas and local functions) that can
    /// fail and is not protected: an <c>await</c>, a <c>throw</c>, or a call that <paramref name="canFail"/>
    /// accepts. Null when everything that can fail is protected.
    /// </summary>
    public static IOperation? FindUnprotectedFailure(IOperation root, AsyncSymbols symbols, Func<IInvocationOperation, bool> canFail)
    {
        foreach (var operation in OperationWalk.DescendantsOutsideFunctions(root))
        {
            var candidate = operation switch
            {
                IAwaitOperation awaitOperation => AwaitCanFail(awaitOperation, symbols, canFail),
                IThrowOperation => true,
                IInvocationOperation invocation => canFail(invocation),
                _ => false,
            };

            if (candidate && !IsProtected(operation, root, symbols))
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>An await can fail unless it awaits a call that cannot (<c>Task.Delay</c>); awaiting <c>Task.Run</c> or a
    /// task held in a variable can.</summary>
    private static bool AwaitCanFail(IAwaitOperation awaitOperation, AsyncSymbols symbols, Func<IInvocationOperation, bool> canFail)
    {
        var awaited = awaitOperation.Operation;
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            awaited = configured;
        }

        return awaited is not IInvocationOperation invocation
               || symbols.IsTaskStart(invocation.TargetMethod)
               || canFail(invocation);
    }


    /// <summary>True when every statement of <paramref name="body"/> is a try with a general catch whose
    /// handler does not rethrow: nothing thrown inside can escape.</summary>
    public static bool IsFullyProtected(IBlockOperation body, AsyncSymbols symbols)
    {
        var statements = body.Operations.Where(o => !(o is IReturnOperation && o.IsImplicit)).ToList();
        return statements.Count > 0 && statements.All(s =>
            s is ITryOperation tryOperation
            && tryOperation.Catches.Any(c => IsGeneralCatch(c, symbols) && !Rethrows(c.Handler)));
    }

    public static bool Rethrows(IBlockOperation handler)
        => OperationWalk.DescendantsOutsideFunctions(handler).Any(o => o is IThrowOperation);

    /// <summary>
    /// One level deep into a method of this compilation, by syntax only: its body is a try statement with a
    /// general catch (<c>catch</c>, <c>catch (Exception …)</c>) that does not rethrow. Lets
    /// <c>Task.Run(() => ProcessAsync())</c> count as protected when <c>ProcessAsync</c> is.
    /// </summary>
    public static bool IsWrappedInTryCatch(IMethodSymbol method, Compilation compilation)
    {
        method = method.PartialImplementationPart ?? method;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var body = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax m => m.Body,
                LocalFunctionStatementSyntax l => l.Body,
                _ => null,
            };

            if (body is not null && body.Statements.Count > 0 && body.Statements.All(IsTryWithGeneralCatch))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTryWithGeneralCatch(StatementSyntax statement)
        => statement is TryStatementSyntax tryStatement
           && tryStatement.Catches.Any(c =>
               (c.Declaration is null || c.Declaration.Type.ToString() is "Exception" or "System.Exception" or "global::System.Exception")
               && !c.Block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
                   .Any(n => n is ThrowStatementSyntax || n.IsKind(SyntaxKind.ThrowExpression)));

    /// <summary>
    /// A method that only throws: <c>[DoesNotReturn]</c>, or (in this compilation, by syntax) a body that is one
    /// <c>throw</c> — <c>static void ThrowException(Exception e) => throw e;</c>. Calling it throws.
    /// </summary>
    public static bool IsThrowHelper(IMethodSymbol method, Compilation compilation)
    {
        method = method.ReducedFrom ?? method;
        if (method.GetAttributes().Any(a => a.AttributeClass?.Name == "DoesNotReturnAttribute"))
        {
            return true;
        }

        if (!SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
        {
            return false;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var (expressionBody, body) = reference.GetSyntax() switch
            {
                MethodDeclarationSyntax m => (m.ExpressionBody, m.Body),
                LocalFunctionStatementSyntax l => (l.ExpressionBody, l.Body),
                _ => (null, null),
            };

            if (expressionBody?.Expression is ThrowExpressionSyntax
                || (body is { Statements.Count: 1 } && body.Statements[0] is ThrowStatementSyntax))
            {
                return true;
            }
        }

        return false;
    }
}
