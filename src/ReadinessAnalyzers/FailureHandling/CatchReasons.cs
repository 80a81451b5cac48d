using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.FailureHandling;

/// <summary>
/// RDY1001's reading of what the developer wrote down about a catch, from syntax trivia only: a comment inside
/// the catch or on the lines just above it, and the documentation of the member. Asked only for a catch that would
/// otherwise be reported.
/// </summary>
internal static class CatchReasons
{
    /// <summary>Words that only restate what an empty catch does ("ignore exceptions", "do not recover"): no reason.</summary>
    private static readonly HashSet<string> RestatingWords = new(StringComparer.Ordinal)
    {
        "ignore", "ignored", "ignores", "ignoring", "swallow", "swallowed", "swallows", "swallowing", "suppress",
        "suppressed", "eat", "eats", "exception", "exceptions", "error", "errors", "failure", "failures", "catch",
        "caught", "any", "all", "every", "the", "a", "an", "it", "this", "them", "here", "just", "do", "does", "don",
        "t", "not", "nothing", "no", "op", "noop", "empty", "silently", "intentionally", "deliberately", "on",
        "purpose", "ok", "okay", "fine", "care", "continue", "return", "default",
    };

    /// <summary>Words that on their own say why the failure may be dropped.</summary>
    private static readonly HashSet<string> ReasonWords = new(StringComparer.Ordinal)
    {
        "because", "since", "already", "expected", "race", "races", "racy", "benign", "harmless", "fallback",
        "fatal", "retried", "retry", "handled", "logged", "reported",
    };

    private static readonly string[] ReasonPhrases = { "best effort", "best-effort", "fall back", "falls back", "falling back" };

    private static readonly string[] DocumentedPhrases =
    {
        "best effort", "best-effort", "never throw", "does not throw", "doesn't throw", "fall back", "falls back",
        "falling back", "fallback",
    };

    private static readonly string[] NoteMarkers = { "TODO", "FIXME", "HACK", "XXX", "UNDONE", "BUG" };

    private static readonly char[] SentenceEnds = { '.', ':', ';', '!', '?' };

    private static readonly HashSet<string> LoggingWords = new(StringComparer.Ordinal) { "log", "logging", "logger", "trace", "tracing" };

    /// <summary>Words that ask for what follows: "add logging", "should log", "need to log", "consider logging".</summary>
    private static readonly HashSet<string> RequestWords = new(StringComparer.Ordinal)
    {
        "add", "adding", "should", "must", "need", "needs", "consider", "maybe", "please", "want", "ought",
    };

    /// <summary>Words that ask for more of an activity ("better logging", "more tracing"), not before the noun "log"
    /// ("more log entries follow").</summary>
    private static readonly HashSet<string> ImproveWords = new(StringComparer.Ordinal) { "better", "more", "improve" };

    private static readonly HashSet<string> NegationWords = new(StringComparer.Ordinal) { "not", "t", "no", "never", "without", "nothing" };

    /// <summary>Any comment inside the catch or on the lines just above it (the decision a specific catch type states).</summary>
    public static bool HasComment(CatchClauseSyntax catchClause)
        => Comments(catchClause).Any(text => !IsNoteOnly(text));

    /// <summary>A comment inside the catch or on the lines just above it that gives a reason, not only "ignore" or a TODO.</summary>
    public static bool GivesReason(CatchClauseSyntax catchClause)
        => Comments(catchClause).Any(IsReason);

    /// <summary>The member's documentation (or comment above it) says the code is best effort, never throws or falls back.</summary>
    public static bool MemberDocumentsBestEffort(CatchClauseSyntax catchClause)
    {
        foreach (var ancestor in catchClause.Ancestors())
        {
            if (ancestor is LocalFunctionStatementSyntax or MemberDeclarationSyntax && DocumentsBestEffort(ancestor))
            {
                return true;
            }

            if (ancestor is MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool DocumentsBestEffort(SyntaxNode member)
    {
        foreach (var trivia in member.GetLeadingTrivia())
        {
            if (IsCommentOrDocumentation(trivia))
            {
                var text = trivia.ToFullString();
                if (DocumentedPhrases.Any(phrase => text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The comments inside the catch and on the lines just above it, as blocks: single-line comments on adjacent lines
    /// are one comment (<c>// TODO: …</c> followed by <c>// Add better logging.</c> is one note), each block stripped of
    /// its comment markers.
    /// </summary>
    private static IEnumerable<string> Comments(CatchClauseSyntax catchClause)
    {
        var source = catchClause.SyntaxTree.GetText();
        string? block = null;
        var blockEnd = -1;
        foreach (var trivia in catchClause.CatchKeyword.LeadingTrivia.Concat(catchClause.Block.DescendantTrivia()))
        {
            var isLine = trivia.IsKind(SyntaxKind.SingleLineCommentTrivia);
            if (!isLine && !trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                continue;
            }

            var text = StripMarkers(trivia.ToString());
            if (isLine && block is not null && IsNextLine(source, blockEnd, trivia.SpanStart))
            {
                block = block.Length == 0 ? text : block + " " + text;
            }
            else
            {
                if (block is not null)
                {
                    yield return block;
                }

                block = isLine ? text : null;
                if (!isLine)
                {
                    yield return text;
                }
            }

            blockEnd = isLine ? trivia.Span.End : -1;
        }

        if (block is not null)
        {
            yield return block;
        }
    }

    /// <summary>Only white space and exactly one line break between the end of one comment and the start of the next.</summary>
    private static bool IsNextLine(SourceText source, int previousEnd, int start)
    {
        if (previousEnd < 0 || start < previousEnd)
        {
            return false;
        }

        var lineBreaks = 0;
        for (var i = previousEnd; i < start; i++)
        {
            var c = source[i];
            if (c == '\n')
            {
                lineBreaks++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return lineBreaks == 1;
    }

    private static string StripMarkers(string comment)
    {
        var text = comment.StartsWith("//", StringComparison.Ordinal) ? comment.Substring(2) : comment;
        if (text.StartsWith("/*", StringComparison.Ordinal))
        {
            text = text.Substring(2);
        }

        if (text.EndsWith("*/", StringComparison.Ordinal))
        {
            text = text.Substring(0, text.Length - 2);
        }

        return text.Trim().TrimStart('*', '/').Trim();
    }

    /// <summary>Empty, a TODO-style note, a note about a warning (<c>// RDY1001: …</c>, <c>// CA1031 …</c>), or a request
    /// to log the failure (<c>// Add logging</c>, <c>// log this</c>, <c>// should log</c>): a note about missing handling.</summary>
    private static bool IsNoteOnly(string text)
        => text.Length == 0
           || NoteMarkers.Any(marker => text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
           || StartsWithDiagnosticId(text)
           || AsksForLogging(text);

    /// <summary>
    /// The comment asks for the logging the catch lacks: a sentence that starts with "log" (<c>// Log this.</c>), or
    /// "log"/"logging"/"logger" a few words after a word that asks for it (<c>// Add better logging</c>,
    /// <c>// we should log the error</c>, <c>// needs logging</c>), unless negated (<c>// no need to log: …</c>).
    /// </summary>
    private static bool AsksForLogging(string text)
    {
        foreach (var sentence in text.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = Words(sentence);
            for (var i = 0; i < words.Count; i++)
            {
                if (!LoggingWords.Contains(words[i]))
                {
                    continue;
                }

                if (i == 0 && words[i] == "log")
                {
                    return true;
                }

                var window = words.Skip(Math.Max(0, i - 3)).Take(Math.Min(i, 3)).ToList();
                if (!window.Any(NegationWords.Contains)
                    && (window.Any(RequestWords.Contains) || (words[i] != "log" && window.Any(ImproveWords.Contains))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsWithDiagnosticId(string text)
    {
        var letters = 0;
        while (letters < text.Length && char.IsLetter(text[letters]))
        {
            letters++;
        }

        var digits = 0;
        while (letters + digits < text.Length && char.IsDigit(text[letters + digits]))
        {
            digits++;
        }

        return letters is >= 1 and <= 6 && digits >= 2 && (letters + digits == text.Length || !char.IsLetterOrDigit(text[letters + digits]));
    }

    private static bool IsReason(string text)
    {
        if (IsNoteOnly(text))
        {
            return false;
        }

        if (ReasonPhrases.Any(phrase => text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0))
        {
            return true;
        }

        var words = Words(text);
        return words.Any(ReasonWords.Contains) || words.Count(word => !RestatingWords.Contains(word)) >= 3;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isLetter = i < text.Length && char.IsLetter(text[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                words.Add(text.Substring(start, i - start).ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    private static bool IsCommentOrDocumentation(SyntaxTrivia trivia)
        => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)
        || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
        || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
        || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);
}
