using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>Where an unprotected failing operation sits in the code that was searched.</summary>
internal enum FailurePlace
{
    Body,
    CatchBlock,
    FinallyBlock,
}

/// <summary>The first operation of a callback that can fail outside any general try/catch, as
/// <see cref="FailurePoints.FindInCallback"/> finds it, with a short description a message can name.</summary>
internal sealed class FailurePoint
{
    public FailurePoint(IOperation operation, FailurePlace place)
    {
        Operation = operation;
        Place = place;
    }

    public IOperation Operation { get; }

    public FailurePlace Place { get; }

    /// <summary>E.g. <c>'AllowRoleChange()' in the finally block</c>, <c>'await SaveAsync()'</c>, <c>'throw new InvalidOperationException(…)'</c>.</summary>
    public string Describe()
    {
        var what = Operation switch
        {
            IInvocationOperation invocation => "'" + CallName(invocation) + "()'",
            IAwaitOperation { Operation: var awaited } => "'await " + AwaitedName(awaited) + "'",
            IThrowOperation { Exception: null } => "'throw;'",
            IThrowOperation { Exception: var thrown } => "'throw " + ThrownName(thrown!) + "'",
            _ => "'" + Operation.Syntax + "'",
        };

        return Place switch
        {
            FailurePlace.FinallyBlock => what + " in the finally block",
            FailurePlace.CatchBlock => what + " in a catch block",
            _ => what,
        };
    }

    /// <summary>The called member's name; for a delegate, the name of the variable, field or property invoked.</summary>
    public static string CallName(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke)
        {
            var instance = invocation.Instance is IConditionalAccessInstanceOperation ? ConditionalTarget(invocation) : invocation.Instance;
            var name = instance switch
            {
                ILocalReferenceOperation local => local.Local.Name,
                IParameterReferenceOperation parameter => parameter.Parameter.Name,
                IMemberReferenceOperation member => member.Member.Name,
                _ => null,
            };

            if (name is not null)
            {
                return name;
            }
        }

        return invocation.TargetMethod.Name;
    }

    /// <summary>The receiver of a <c>x?.M()</c> call: the operand of the enclosing conditional access.</summary>
    public static IOperation? ConditionalTarget(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation conditional)
            {
                return conditional.Operation;
            }
        }

        return null;
    }

    private static string AwaitedName(IOperation awaited)
    {
        if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            awaited = configured;
        }

        return awaited is IInvocationOperation invocation ? CallName(invocation) + "()" : Shorten(awaited.Syntax.ToString());
    }

    private static string ThrownName(IOperation thrown)
    {
        while (thrown is IConversionOperation { IsImplicit: true } conversion)
        {
            thrown = conversion.Operand;
        }

        return thrown is IObjectCreationOperation { Type: { } type } ? "new " + type.Name + "(…)" : Shorten(thrown.Syntax.ToString());
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 40 ? text : text.Substring(0, 39) + "…";
    }
}
