using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Testing;

/// <summary>A span marked in test source: <c>[|…|]</c>, <c>{|RDY1001:…|}</c>, <c>{|#0:…|}</c> or <c>{|#0:RDY1001:…|}</c>.</summary>
public sealed record MarkedSpan(string Path, TextSpan Span, string? Id, int? Index);

/// <summary>Parses span markup out of test text. Spans may nest; unbalanced markup is a test error.</summary>
public static class Markup
{
    public static (string Text, ImmutableArray<MarkedSpan> Spans) Parse(string markup, string path)
    {
        var text = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkedSpan>();
        var open = new Stack<(int Start, string? Id, int? Index)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((text.Length, null, null));
                i += 2;
            }
            else if (Starts(markup, i, "{|") && TryReadHeader(markup, i + 2, out var id, out var index, out var next))
            {
                open.Push((text.Length, id, index));
                i = next;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new VerificationException($"{path}: markup closes at offset {text.Length} with nothing open.");
                }

                var (start, id2, index2) = open.Pop();
                spans.Add(new MarkedSpan(path, TextSpan.FromBounds(start, text.Length), id2, index2));
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new VerificationException($"{path}: markup opened at offset {open.Peek().Start} is never closed.");
        }

        return (text.ToString(), spans.ToImmutable());
    }

    /// <summary>Removes markup and returns the plain text.</summary>
    public static string Strip(string markup) => Parse(markup, "text").Text;

    /// <summary>
    /// Re-annotates <paramref name="text"/> with the given spans as <c>{|ID:…|}</c> markup, so a failing test prints
    /// the actual findings in a form ready to paste.
    /// </summary>
    public static string Annotate(string text, IEnumerable<(TextSpan Span, string Id)> spans)
    {
        var inserts = new List<(int Position, int Order, string Text)>();
        foreach (var (span, id) in spans)
        {
            inserts.Add((span.Start, -span.Length, "{|" + id + ":"));
            inserts.Add((span.End, span.Length, "|}"));
        }

        inserts.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order));
        var builder = new StringBuilder(text.Length + (inserts.Count * 12));
        var last = 0;
        foreach (var (position, _, insert) in inserts)
        {
            builder.Append(text, last, position - last);
            builder.Append(insert);
            last = position;
        }

        builder.Append(text, last, text.Length - last);
        return builder.ToString();
    }

    /// <summary>Diagnostic identifiers are upper-case letters followed by digits (RDY1001, CS0168).</summary>
    private static bool LooksLikeId(string text, int start, int end)
    {
        var i = start;
        while (i < end && char.IsUpper(text[i]))
        {
            i++;
        }

        if (i == start || i == end)
        {
            return false;
        }

        while (i < end && char.IsDigit(text[i]))
        {
            i++;
        }

        return i == end;
    }

    private static bool Starts(string text, int index, string token)
        => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    /// <summary>Reads <c>ID:</c>, <c>#n:</c> or <c>#n:ID:</c> after <c>{|</c>.</summary>
    private static bool TryReadHeader(string markup, int start, out string? id, out int? index, out int next)
    {
        id = null;
        index = null;
        next = start;
        var position = start;
        if (position < markup.Length && markup[position] == '#')
        {
            var digitsStart = ++position;
            while (position < markup.Length && char.IsDigit(markup[position]))
            {
                position++;
            }

            if (position == digitsStart || position >= markup.Length || markup[position] != ':')
            {
                return false;
            }

            index = int.Parse(markup.Substring(digitsStart, position - digitsStart), System.Globalization.CultureInfo.InvariantCulture);
            position++;
            next = position;
        }

        var idStart = position;
        while (position < markup.Length && char.IsLetterOrDigit(markup[position]))
        {
            position++;
        }

        if (position > idStart && position < markup.Length && markup[position] == ':' && LooksLikeId(markup, idStart, position))
        {
            id = markup.Substring(idStart, position - idStart);
            next = position + 1;
            return true;
        }

        return index is not null;
    }
}
