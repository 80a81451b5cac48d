using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers;

/// <summary>
/// A file's parsed form (a settings file, a Dockerfile, a manifest), made once per text and shared by every analyzer
/// that asks, and in an editor by every compilation that still holds the same text. Used instead of
/// <c>SourceTextValueProvider</c>: that cache is per compilation and compares texts by content, so it hashes every
/// file it is asked about, and its hashing code is compiled just in time in every compiler process. A command-line
/// compiler hands every analyzer the same text object per file, so a cache by object loses nothing there. Thread-safe;
/// a race only parses the same text twice (the parsers are pure).
/// </summary>
internal sealed class ParsedTexts<T>
    where T : class
{
    private readonly ConditionalWeakTable<SourceText, T> _parsed = new();
    private readonly ConditionalWeakTable<SourceText, T>.CreateValueCallback _parse;

    public ParsedTexts(Func<SourceText, T> parse) => _parse = text => parse(text);

    public T Get(SourceText text) => _parsed.GetValue(text, _parse);
}
