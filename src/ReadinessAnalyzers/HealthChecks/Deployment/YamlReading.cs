using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>A YAML text being read: the file's text and the line where the parsed part starts (one document of a
/// multi-document manifest is parsed on its own).</summary>
internal readonly struct YamlSource
{
    public YamlSource(SourceText text, int lineOffset)
    {
        Text = text;
        LineOffset = lineOffset;
    }

    public SourceText Text { get; }

    /// <summary>Lines before the parsed part (YamlDotNet's lines are 1-based within it).</summary>
    public int LineOffset { get; }

    public static implicit operator YamlSource(SourceText text) => new(text, 0);
}

/// <summary>Loading YAML with YamlDotNet's representation model, and the little the readers need from its nodes.</summary>
internal static class YamlReading
{
    private static readonly Regex MarkPrefix = new(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

    /// <summary>True when the text has template expressions (<c>{{ … }}</c>, Helm and other templating): it is not
    /// what is deployed, so it is not read at all (the package's targets leave such files out; this is the guard).</summary>
    public static bool IsTemplate(SourceText text)
    {
        var previous = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var current = text[i];
            if (current == '{' && previous == '{')
            {
                return true;
            }

            previous = current;
        }

        return false;
    }

    /// <summary>The documents of a (multi-document) YAML text, or the syntax error.</summary>
    public static IList<YamlDocument> Load(SourceText text, out DescriptorError? error) => Load(text.ToString(), 0, out error);

    /// <summary>The documents of <paramref name="yaml"/>, which starts <paramref name="lineOffset"/> lines into its file.</summary>
    public static IList<YamlDocument> Load(string yaml, int lineOffset, out DescriptorError? error)
    {
        error = null;
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
            return stream.Documents;
        }
        catch (YamlException exception)
        {
            var message = Regex.Replace(MarkPrefix.Replace(exception.Message, string.Empty), @"\s+", " ").Trim().TrimEnd('.');
            if (message.Length == 0)
            {
                message = "not valid YAML";
            }

            var (line, column) = ((int)exception.Start.Line, (int)exception.Start.Column);
            if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstTabIndentation(yaml) is { } tab)
            {
                // YamlDotNet marks a tab in the indentation at the start of the stream; the tab's own line is the place to fix.
                (line, column) = tab;
            }

            error = new DescriptorError(char.ToLowerInvariant(message[0]) + message.Substring(1), line + lineOffset, column);
            return Array.Empty<YamlDocument>();
        }
    }

    /// <summary>The 1-based line and column of the first tab in a line's indentation, or null.</summary>
    private static (int Line, int Column)? FirstTabIndentation(string yaml)
    {
        var line = 1;
        var column = 1;
        var indentation = true;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                (line, column, indentation) = (line + 1, 1, true);
                continue;
            }

            if (indentation && c == '\t')
            {
                return (line, column);
            }

            indentation &= c == ' ';
            column++;
        }

        return null;
    }

    public static YamlNode? Child(this YamlNode? node, string key)
    {
        if (node is YamlMappingNode mapping)
        {
            foreach (var pair in mapping.Children)
            {
                if (pair.Key is YamlScalarNode { Value: { } name } && name == key)
                {
                    return pair.Value;
                }
            }
        }

        return null;
    }

    public static string? Text(this YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    public static IEnumerable<YamlNode> Items(this YamlNode? node)
        => node is YamlSequenceNode sequence ? sequence.Children : Array.Empty<YamlNode>();

    /// <summary>A scalar's value and span (the first line of it).</summary>
    public static Located? Located(this YamlNode? node, YamlSource text)
        => node is YamlScalarNode { Value: { } value } scalar ? new Located(value, Span(scalar, text)) : null;

    /// <summary>Where a node starts, to the end of its first line (or its end, when on one line).</summary>
    public static TextSpan Span(YamlNode node, YamlSource source)
    {
        var text = source.Text;
        var line = (int)node.Start.Line + source.LineOffset;
        var column = (int)node.Start.Column;
        var length = node.End.Line == node.Start.Line ? (int)(node.End.Column - node.Start.Column) : int.MaxValue;
        if (node is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } && length is >= 2 and < int.MaxValue)
        {
            // The value without its quotes.
            column++;
            length -= 2;
        }

        return DescriptorText.At(text, line, column, Math.Max(length, 1));
    }

    /// <summary>The span of a mapping's key (<c>readinessProbe:</c>), where findings about a missing or wrong value go.</summary>
    public static TextSpan? KeySpan(this YamlNode? node, string key, YamlSource text)
    {
        if (node is YamlMappingNode mapping)
        {
            foreach (var pair in mapping.Children)
            {
                if (pair.Key is YamlScalarNode { Value: { } name } scalar && name == key)
                {
                    return Span(scalar, text);
                }
            }
        }

        return null;
    }
}
