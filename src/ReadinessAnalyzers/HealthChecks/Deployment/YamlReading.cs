using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

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
    public static IList<YamlDocument> Load(SourceText text, out DescriptorError? error)
    {
        error = null;
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text.ToString());
            stream.Load(reader);
            return stream.Documents;
        }
        catch (YamlException exception)
        {
            var message = MarkPrefix.Replace(exception.Message, string.Empty).Trim().TrimEnd('.');
            if (message.Length == 0)
            {
                message = "not valid YAML";
            }

            error = new DescriptorError(char.ToLowerInvariant(message[0]) + message.Substring(1), (int)exception.Start.Line, (int)exception.Start.Column);
            return Array.Empty<YamlDocument>();
        }
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
    public static Located? Located(this YamlNode? node, SourceText text)
        => node is YamlScalarNode { Value: { } value } scalar ? new Located(value, Span(scalar, text)) : null;

    /// <summary>Where a node starts, to the end of its first line (or its end, when on one line).</summary>
    public static TextSpan Span(YamlNode node, SourceText text)
    {
        var line = (int)node.Start.Line;
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
    public static TextSpan? KeySpan(this YamlNode? node, string key, SourceText text)
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
