using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using ReadinessAnalyzers.FailureHandling;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ReadinessAnalyzers.CodeFixes;

/// <summary>What the fixes that write a log call share: the message for a failure and the using the call needs.</summary>
internal static class LoggingSyntax
{
    /// <summary>"<c>Member failed</c>": the message RDY1001's and RDY2005's fixes give a logged exception.</summary>
    public static string FailedMessage(SemanticModel model, int position, CancellationToken cancellationToken)
    {
        var member = model.GetEnclosingSymbol(position, cancellationToken) switch
        {
            IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LambdaMethod } lambda => lambda.ContainingSymbol?.Name ?? "Operation",
            IMethodSymbol { Name: "<Main>$" } => "Start-up",
            { } symbol => symbol.Name,
            _ => "Operation",
        };
        return member + " failed";
    }

    /// <summary>Adds <c>using Microsoft.Extensions.Logging;</c> when <paramref name="logMethod"/> is not visible at
    /// <paramref name="position"/> of the original tree (its semantic model) and the new root does not import it yet.</summary>
    public static SyntaxNode WithLoggingUsing(SyntaxNode newRoot, SemanticModel model, int position, ISymbol logger, string logMethod)
    {
        if (LoggerInScope.LogMethodIsVisible(model, position, logger, logMethod)
            || newRoot is not CompilationUnitSyntax unit
            || unit.Usings.Any(u => u.Alias is null && u.Name?.ToString() == "Microsoft.Extensions.Logging"))
        {
            return newRoot;
        }

        return unit.AddUsings(UsingDirective(ParseName("Microsoft.Extensions.Logging")).WithAdditionalAnnotations(Formatter.Annotation));
    }
}
