using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>What RDY1001 found wrong with a catch.</summary>
internal enum SwallowProblem
{
    /// <summary>Neither rethrows, logs, nor uses the exception.</summary>
    Drops,

    /// <summary>Only sets a local flag: whatever the method does with the flag, the exception itself is lost.</summary>
    OnlySetsFlag,

    /// <summary><c>catch when (!token.IsCancellationRequested)</c>: everything but cancellation is swallowed.</summary>
    SwallowsAllButCancellation,
}

/// <summary>
/// The parts of an RDY1001 message: the catch as written (type and filter), what is wrong, and advice that fits the
/// place — an <c>ILogger</c> named only when one is in scope, no error-level logging for a disposed object.
/// </summary>
internal readonly struct SwallowMessage
{
    private const int MaxFilterLength = 60;

    private SwallowMessage(string caughtName, string problem, string advice)
    {
        CaughtName = caughtName;
        Problem = problem;
        Advice = advice;
    }

    public string CaughtName { get; }

    public string Problem { get; }

    public string Advice { get; }

    public static SwallowMessage Describe(ICatchClauseOperation catchClause, CatchClauseSyntax syntax, SwallowProblem problem, ISymbol? logger, INamedTypeSymbol? objectDisposed)
    {
        var exceptionName = syntax.Declaration?.Identifier.ValueText is { Length: > 0 } declared ? declared : "ex";
        var logCall = logger is null ? null : $"{logger.Name}.LogError({exceptionName}, …)";
        var flags = DeliberateSwallows.FlagsSet(catchClause.Handler);

        var (what, advice) = problem switch
        {
            SwallowProblem.SwallowsAllButCancellation => (
                "its filter lets only cancellation through, so every other failure is swallowed without a trace",
                (logCall is null
                    ? "log the other failures with the exception object through this type's logging or let them propagate"
                    : $"log the other failures with the exception object ({logCall}) or let them propagate")
                + "; if they are expected here, say why in the catch"),
            SwallowProblem.OnlySetsFlag => (
                $"it only sets '{flags[0].Name}', so the exception itself is never logged or passed on and its cause leaves no trace",
                logCall is null
                    ? "keep the exception: log it through this type's logging or pass it as the inner exception of the error you raise"
                    : $"keep the exception: log it ({logCall}) or pass it as the inner exception of the error you raise"),
            _ when SymbolNames.IsOrInheritsFrom(catchClause.ExceptionType, objectDisposed) => (
                "it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production",
                "if the object may already be disposed at shutdown, say so in the catch or filter on the disposed state (log it at Debug level at most); otherwise let it propagate"),
            _ => (
                "it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production",
                logCall is null
                    ? "log it with the exception object through this type's logging, let it propagate, or catch only what you expect"
                    : $"log it with the exception object ({logCall}), rethrow, or catch only what you expect"),
        };

        return new SwallowMessage(NameTheCatch(catchClause, syntax), what, advice);
    }

    private static string NameTheCatch(ICatchClauseOperation catchClause, CatchClauseSyntax syntax)
    {
        var type = syntax.Declaration is null
            ? (syntax.Filter is null ? "everything" : "Exception")
            : catchClause.ExceptionType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (syntax.Filter is null)
        {
            return type;
        }

        var filter = Regex.Replace(syntax.Filter.FilterExpression.ToString(), @"\s+", " ");
        if (filter.Length > MaxFilterLength)
        {
            filter = filter.Substring(0, MaxFilterLength) + "…";
        }

        return $"{type} when ({filter})";
    }
}
