using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.CodeFixes.Configuration;

/// <summary>
/// Puts a string value under a configuration key (<c>ConnectionStrings:Orders</c>) into the text of a settings file,
/// keeping everything else as written: existing sections are extended, missing ones are added with the file's own
/// indentation and line breaks. A key that already holds the same value is reused; one that holds another value gets
/// a number (<c>Orders2</c>). Pure text logic over <see cref="SettingsJson"/>.
/// </summary>
internal static class SettingsFileEdit
{
    private const int MaxSuffix = 20;

    /// <summary>The new file text and the key path used, or false when the file cannot be read or a key on the way
    /// holds something other than a section.</summary>
    public static bool TryPlace(string text, IReadOnlyList<string> path, string value, out string newText, out IReadOnlyList<string> usedPath)
    {
        newText = text;
        usedPath = path;
        JsonValue root;
        try
        {
            root = SettingsJson.Parse(text);
        }
        catch (JsonSyntaxException)
        {
            return false;
        }

        for (var suffix = 1; suffix <= MaxSuffix; suffix++)
        {
            var candidate = path.Take(path.Count - 1).Concat(new[] { suffix == 1 ? path[path.Count - 1] : path[path.Count - 1] + suffix }).ToArray();
            switch (Place(text, root, candidate, value, out newText))
            {
                case Outcome.Placed:
                    usedPath = candidate;
                    return true;
                case Outcome.Blocked:
                    newText = text;
                    return false;
            }
        }

        newText = text;
        return false;
    }

    private enum Outcome
    {
        Placed,
        Taken,
        Blocked,
    }

    private static Outcome Place(string text, JsonValue root, string[] path, string value, out string newText)
    {
        newText = text;
        var current = root;
        for (var i = 0; i < path.Count(); i++)
        {
            var property = current.Properties!.FirstOrDefault(p => string.Equals(p.Name, path[i], StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                newText = Insert(text, root, current, path.Skip(i).ToArray(), value);
                return Outcome.Placed;
            }

            if (i == path.Length - 1)
            {
                return property.Value.Kind == JsonKind.String && property.Value.Text == value ? Outcome.Placed : Outcome.Taken;
            }

            if (property.Value.Kind != JsonKind.Object)
            {
                return Outcome.Blocked;
            }

            current = property.Value;
        }

        return Outcome.Blocked;
    }

    private static string Insert(string text, JsonValue root, JsonValue target, string[] restPath, string value)
    {
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var unit = IndentUnit(text, root);
        if (target == root && root.Span.Length == 0)
        {
            return "{" + newline + unit + Render(restPath, value, unit, unit, newline) + newline + "}" + newline;
        }

        var properties = target.Properties!;
        if (properties.Count > 0)
        {
            var last = properties[properties.Count - 1];
            var indent = LineIndent(text, last.NameSpan.Start);
            var position = last.Value.Span.End;
            var lineEnd = text.IndexOfAny(new[] { '\r', '\n' }, position);
            if (lineEnd >= 0)
            {
                // The last property ends its line (perhaps with a comma and a comment): the new one goes on the next line.
                var rest = text.Substring(position, lineEnd - position).Trim();
                var hasComma = rest.StartsWith(",", StringComparison.Ordinal);
                var comment = (hasComma ? rest.Substring(1) : rest).Trim();
                if (comment.Length == 0 || comment.StartsWith("//", StringComparison.Ordinal)
                    || (comment.StartsWith("/*", StringComparison.Ordinal) && comment.IndexOf("*/", StringComparison.Ordinal) == comment.Length - 2))
                {
                    var head = hasComma ? text.Substring(0, lineEnd) : text.Substring(0, position) + "," + text.Substring(position, lineEnd - position);
                    return head + newline + indent + Render(restPath, value, indent, unit, newline) + text.Substring(lineEnd);
                }
            }

            var next = position;
            while (next < text.Length && (text[next] == ' ' || text[next] == '\t'))
            {
                next++;
            }

            var lead = ",";
            if (next < text.Length && text[next] == ',')
            {
                position = next + 1;
                lead = string.Empty;
            }

            return text.Substring(0, position) + lead + newline + indent + Render(restPath, value, indent, unit, newline) + text.Substring(position);
        }

        var objectIndent = LineIndent(text, target.Span.Start);
        var inner = objectIndent + unit;
        var open = target.Span.Start + 1;
        var close = target.Span.End - 1;
        var interior = text.Substring(open, close - open);
        var body = newline + inner + Render(restPath, value, inner, unit, newline) + newline + objectIndent;
        return interior.Trim().Length == 0
            ? text.Substring(0, open) + body + text.Substring(close)
            : text.Substring(0, open) + newline + inner + Render(restPath, value, inner, unit, newline) + text.Substring(open);
    }

    /// <summary><c>"a": { "b": "value" }</c> over several lines, starting at <paramref name="indent"/>.</summary>
    private static string Render(string[] path, string value, string indent, string unit, string newline)
    {
        var builder = new StringBuilder();
        builder.Append(Quote(path[0])).Append(": ");
        if (path.Length == 1)
        {
            builder.Append(Quote(value));
        }
        else
        {
            builder.Append('{').Append(newline).Append(indent).Append(unit)
                .Append(Render(path.Skip(1).ToArray(), value, indent + unit, unit, newline))
                .Append(newline).Append(indent).Append('}');
        }

        return builder.ToString();
    }

    /// <summary>The indentation of the root's first property, or two spaces.</summary>
    private static string IndentUnit(string text, JsonValue root)
    {
        if (root.Properties is { Count: > 0 } properties)
        {
            var indent = LineIndent(text, properties[0].NameSpan.Start);
            var rootIndent = LineIndent(text, root.Span.Start);
            if (indent.Length > rootIndent.Length && indent.StartsWith(rootIndent, StringComparison.Ordinal))
            {
                return indent.Substring(rootIndent.Length);
            }
        }

        return "  ";
    }

    /// <summary>The whitespace at the start of the line that holds <paramref name="position"/>.</summary>
    private static string LineIndent(string text, int position)
    {
        var start = position;
        while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
        {
            start--;
        }

        var end = start;
        while (end < text.Length && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.Substring(start, end - start);
    }

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
