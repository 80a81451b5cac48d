using System;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// The operation tree of a method declared in the compilation being analysed: the one place where an analyzer
/// asks for a semantic model of another tree. Callers ask once per method (they cache their verdicts per
/// compilation), and only for methods called where a rule needs the answer; the analyzer driver shares
/// semantic models between analyzers.
/// </summary>
internal static class SourceOperations
{
    /// <summary>The operation of the method's first source declaration that <paramref name="accept"/> takes and
    /// that has one; null for metadata, extern or body-less declarations.</summary>
    public static IOperation? Of(Compilation compilation, IMethodSymbol method, Func<SyntaxNode, bool>? accept = null)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            if ((accept is null || accept(syntax)) && compilation.ContainsSyntaxTree(syntax.SyntaxTree)
                && ModelFor(compilation, syntax.SyntaxTree).GetOperation(syntax) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    public static SemanticModel ModelFor(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
        return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }
}
