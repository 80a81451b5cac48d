using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers;

internal static class OperationWalk
{
    /// <summary>
    /// <paramref name="root"/> and its descendants in source order, without entering lambdas or local functions:
    /// what runs (or throws, or returns) as part of this code rather than later, in a callback.
    /// </summary>
    public static IEnumerable<IOperation> DescendantsOutsideFunctions(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations.Reverse())
            {
                if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
