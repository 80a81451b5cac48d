using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>What the package's targets say a descriptor file is (metadata <c>ReadinessDeployment</c>).</summary>
internal enum DescriptorKind
{
    Dockerfile,
    Kubernetes,
    Compose,
}

/// <summary>A value read from a descriptor file and where it is (the span the finding goes to).</summary>
internal readonly struct Located
{
    public Located(string value, TextSpan span)
    {
        Value = value;
        Span = span;
    }

    public string Value { get; }

    public TextSpan Span { get; }

    public bool IsDefault => Value is null;
}

/// <summary>Why a descriptor file cannot be read: the reader's message and the 1-based line and column.</summary>
internal sealed class DescriptorError
{
    public DescriptorError(string message, int line, int column)
    {
        Message = message;
        Line = Math.Max(1, line);
        Column = Math.Max(1, column);
    }

    public string Message { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>Positions in a descriptor file's text.</summary>
internal static class DescriptorText
{
    /// <summary>The span of <paramref name="length"/> characters at a 1-based line and column, clamped to the text.</summary>
    public static TextSpan At(SourceText text, int line, int column, int length)
    {
        if (text.Lines.Count == 0)
        {
            return new TextSpan(0, 0);
        }

        var lineIndex = Math.Min(Math.Max(line - 1, 0), text.Lines.Count - 1);
        var textLine = text.Lines[lineIndex];
        var start = Math.Min(textLine.Start + Math.Max(column - 1, 0), textLine.End);
        return new TextSpan(start, Math.Max(0, Math.Min(length, textLine.End - start)));
    }

    public static Location Location(string path, SourceText text, TextSpan span)
        => Microsoft.CodeAnalysis.Location.Create(path, span, text.Lines.GetLinePositionSpan(span));

    /// <summary>The 1-based line of a span.</summary>
    public static int Line(SourceText text, TextSpan span) => text.Lines.GetLineFromPosition(span.Start).LineNumber + 1;
}
