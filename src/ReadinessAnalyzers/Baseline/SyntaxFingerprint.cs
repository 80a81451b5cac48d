using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>
/// The syntax part of a finding's fingerprint — containing member, hash of the flagged code, occurrence — computed
/// from the syntax tree when the finding is reported (<see cref="ReadinessDiagnostic"/>), never per node; the list of
/// a file's declarations (for the occurrence) is built once per tree, on its first finding. The values
/// are those of the baseline format version 1, defined before the fingerprint moved here: baselines written by
/// earlier releases keep matching (BaselineCompatibilityTests pins them with tests/TestData/BaselineV1).
/// <list type="bullet">
/// <item>Member: <c>Namespace.Type.Member</c> (type arity, interface prefixes and parameters dropped; local functions and
/// lambdas belong to their member; an auto-property's initializer and code outside members belong to the type;
/// top-level statements are <see cref="FindingFingerprint.TopLevelMember"/>). The name is read from the declaration's
/// header as the format defines it (see <c>Outline</c>).</item>
/// <item>Hash: <see cref="FindingFingerprint.HashText"/> of the flagged code's tokens without whitespace, comments and
/// directives (string and character literals as written), lexed by the compiler's lexer from the span's start as the
/// format always read it. A zero-width location hashes its line instead.</item>
/// <item>Occurrence: how often that code appears before the finding in same-named declarations of the file
/// (overloads, partial parts), or in the whole file before it for top-level code and non-C# files.</item>
/// </list>
/// </summary>
internal static class SyntaxFingerprint
{
    private static readonly ConditionalWeakTable<SyntaxTree, List<Declaration>> Outlines = new();

    /// <summary>The syntax part (<see cref="FindingFingerprint.FormatSyntaxPart"/>) of a finding at <paramref name="span"/> in <paramref name="tree"/>.</summary>
    public static string ForSource(SyntaxTree tree, TextSpan span)
    {
        var root = tree.GetRoot();
        var text = tree.GetText();
        var start = Clamp(span.Start, 0, text.Length);
        var end = Clamp(span.End, start, text.Length);

        var container = FindContainer(root, start);
        var member = container?.Name ?? FindingFingerprint.TopLevelMember;
        var snippet = NormalizeCode(text, start, end);
        if (snippet.Length == 0)
        {
            // A zero-width location (end of a declaration, a missing token): identify it by its line instead.
            var line = text.Lines.GetLineFromPosition(start);
            snippet = NormalizeCode(text, line.Start, line.End);
        }

        var occurrence = 0;
        if (snippet.Length > 0)
        {
            if (container is not null)
            {
                // Every declaration of that name before the finding (overloads, partial parts), up to the finding.
                foreach (var declaration in DeclarationsNamed(tree, container.Name))
                {
                    if (declaration.Start < start)
                    {
                        occurrence += CountOccurrences(NormalizeCode(text, declaration.Start, Math.Min(declaration.End, start)), snippet);
                    }
                }
            }
            else
            {
                occurrence = CountOccurrences(NormalizeCode(text, 0, start), snippet);
            }
        }

        return FindingFingerprint.FormatSyntaxPart(member, FindingFingerprint.HashText(snippet), occurrence);
    }

    /// <summary>The syntax part of a finding in a file that is not C# (appsettings.json): no member, whitespace ignored.</summary>
    public static string ForText(SourceText text, TextSpan span)
    {
        var start = Clamp(span.Start, 0, text.Length);
        var end = Clamp(span.End, start, text.Length);
        var snippet = NormalizeText(text, start, end);
        if (snippet.Length == 0)
        {
            var line = text.Lines.GetLineFromPosition(start);
            snippet = NormalizeText(text, line.Start, line.End);
        }

        var occurrence = snippet.Length == 0 ? 0 : CountOccurrences(NormalizedTexts.GetValue(text, NormalizeWholeText), NonWhiteSpaceBefore(text, start), snippet);
        return FindingFingerprint.FormatSyntaxPart(string.Empty, FindingFingerprint.HashText(snippet), occurrence);
    }

    /// <summary>A text file's characters without white space, made once per text: every finding in the file counts
    /// the occurrences of its snippet before it in this (a deployment manifest can be megabytes long).</summary>
    private static readonly ConditionalWeakTable<SourceText, string> NormalizedTexts = new();

    private static readonly ConditionalWeakTable<SourceText, string>.CreateValueCallback NormalizeWholeText = static text => NormalizeText(text, 0, text.Length);

    private static int NonWhiteSpaceBefore(SourceText text, int position)
    {
        var count = 0;
        for (var i = 0; i < position; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The code from <paramref name="start"/> to <paramref name="end"/> as the compiler's lexer reads it from
    /// <paramref name="start"/>: tokens without whitespace, comments and directives; string and character literals
    /// (interpolated ones whole) as written; code in inactive <c>#if</c> branches kept like active code.
    /// </summary>
    internal static string NormalizeCode(SourceText text, int start, int end)
    {
        var builder = new StringBuilder(Math.Max(0, end - start));
        if (end > start)
        {
            AppendCode(builder, text.ToString(TextSpan.FromBounds(start, end)));
        }

        return builder.ToString();
    }

    private static void AppendCode(StringBuilder builder, string code)
    {
        foreach (var token in SyntaxFactory.ParseTokens(code))
        {
            AppendInactiveCode(builder, token.LeadingTrivia);
            if (IsLiteralText(token.Kind()))
            {
                builder.Append(token.Text);
            }
            else
            {
                AppendWithoutWhitespace(builder, token.Text);
            }

            AppendInactiveCode(builder, token.TrailingTrivia);
        }
    }

    private static void AppendInactiveCode(StringBuilder builder, SyntaxTriviaList trivia)
    {
        foreach (var item in trivia)
        {
            if (item.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                AppendCode(builder, item.ToFullString());
            }
        }
    }

    private static bool IsLiteralText(SyntaxKind kind) => kind is SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken
        or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringToken
        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
        or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken;

    private static void AppendWithoutWhitespace(StringBuilder builder, string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }
    }

    private static string NormalizeText(SourceText text, int start, int end)
    {
        var builder = new StringBuilder(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static int CountOccurrences(string haystack, string needle) => CountOccurrences(haystack, haystack.Length, needle);

    /// <summary>Non-overlapping occurrences of <paramref name="needle"/> wholly inside the first <paramref name="length"/>
    /// characters of <paramref name="haystack"/>.</summary>
    private static int CountOccurrences(string haystack, int length, string needle)
    {
        var count = 0;
        var index = needle.Length <= length ? haystack.IndexOf(needle, 0, length, StringComparison.Ordinal) : -1;
        while (index >= 0)
        {
            count++;
            var next = index + needle.Length;
            index = next + needle.Length <= length ? haystack.IndexOf(needle, next, length - next, StringComparison.Ordinal) : -1;
        }

        return count;
    }

    private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    /// <summary>The innermost type or member declaration whose text contains <paramref name="position"/>, or null
    /// for code outside every type (top-level statements, usings, assembly attributes).</summary>
    private static Declaration? FindContainer(SyntaxNode root, int position)
    {
        var token = root.FindToken(position);
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (node is BaseNamespaceDeclarationSyntax ns && Outline.IsOpaque(ns))
            {
                return null;
            }
        }

        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    if (Outline.TypeDeclaration(type, Outline.QualifiedName(type)) is { } declaration && declaration.Contains(position))
                    {
                        return declaration;
                    }

                    break;

                case MemberDeclarationSyntax member when member.Parent is TypeDeclarationSyntax parent:
                    foreach (var part in Outline.Parts(member))
                    {
                        if (part.Start <= position && position < part.End)
                        {
                            if (part.Name is not null)
                            {
                                return new Declaration(Outline.Qualify(Outline.QualifiedName(parent), part.Name), part.Start, part.End);
                            }

                            break;
                        }
                    }

                    break;
            }
        }

        // Assembly attributes open the header of the file's first declaration: when it is a type, they are in it.
        return root is CompilationUnitSyntax { AttributeLists.Count: > 0 } unit && unit.Members.FirstOrDefault() is BaseTypeDeclarationSyntax first
            && Outline.TypeDeclaration(first, Outline.QualifiedName(first)) is { } firstType && firstType.Contains(position)
            ? firstType
            : null;
    }

    /// <summary>Every type and member declaration of the file named <paramref name="name"/>.</summary>
    private static IEnumerable<Declaration> DeclarationsNamed(SyntaxTree tree, string name)
    {
        // Outlined once per tree, on its first reported finding (a tree is immutable; weak keys: no leak).
        var all = Outlines.GetValue(tree, static t => OutlineOf(t.GetRoot()));
        foreach (var declaration in all)
        {
            if (string.Equals(declaration.Name, name, StringComparison.Ordinal))
            {
                yield return declaration;
            }
        }
    }

    private static List<Declaration> OutlineOf(SyntaxNode root)
    {
        var found = new List<Declaration>();
        if (root is CompilationUnitSyntax unit)
        {
            foreach (var member in unit.Members)
            {
                Collect(member, string.Empty, inType: false, found);
            }
        }

        return found;
    }

    private static void Collect(MemberDeclarationSyntax node, string prefix, bool inType, List<Declaration> found)
    {
        switch (node)
        {
            case BaseNamespaceDeclarationSyntax ns:
                if (!Outline.IsOpaque(ns))
                {
                    var inner = Outline.NamespaceName(ns) is { } nsName ? Outline.Qualify(prefix, nsName) : prefix;
                    foreach (var member in ns.Members)
                    {
                        Collect(member, inner, inType: false, found);
                    }
                }

                break;

            case BaseTypeDeclarationSyntax type:
                var qualified = Outline.Qualify(prefix, type.Identifier.Text);
                if (Outline.TypeDeclaration(type, qualified) is { } declaration)
                {
                    found.Add(declaration);
                }

                if (type is TypeDeclarationSyntax withMembers)
                {
                    foreach (var member in withMembers.Members)
                    {
                        CollectInactive(member.GetLeadingTrivia(), qualified, found);
                        Collect(member, qualified, inType: true, found);
                    }

                    CollectInactive(withMembers.CloseBraceToken.LeadingTrivia, qualified, found);
                }

                break;

            default:
                if (inType)
                {
                    foreach (var part in Outline.Parts(node))
                    {
                        if (part.Name is not null)
                        {
                            found.Add(new Declaration(Outline.Qualify(prefix, part.Name), part.Start, part.End));
                        }
                    }
                }

                break;
        }
    }

    /// <summary>
    /// Members in an inactive <c>#if</c> branch between the members of a type (<c>#if NET8_0 void M(int a) … #else
    /// void M(long a) … #endif</c>): the format reads every branch, so they count for the occurrence whichever
    /// branch this build compiles, and a multi-targeted project gets one fingerprint per finding.
    /// </summary>
    private static void CollectInactive(SyntaxTriviaList trivia, string prefix, List<Declaration> found)
    {
        const string Wrapper = "class C{";
        foreach (var item in trivia)
        {
            if (!item.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                continue;
            }

            var offset = item.SpanStart - Wrapper.Length;
            if (SyntaxFactory.ParseCompilationUnit(Wrapper + item.ToFullString() + "}").Members.FirstOrDefault() is not TypeDeclarationSyntax wrapper)
            {
                continue;
            }

            foreach (var member in wrapper.Members)
            {
                foreach (var part in Outline.Parts(member))
                {
                    if (part.Name is not null)
                    {
                        found.Add(new Declaration(Outline.Qualify(prefix, part.Name), part.Start + offset, Math.Min(part.End + offset, item.Span.End)));
                    }
                }
            }
        }
    }

    private sealed class Declaration
    {
        public Declaration(string name, int start, int end)
        {
            Name = name;
            Start = start;
            End = end;
        }

        public string Name { get; }

        public int Start { get; }

        /// <summary>Where the declaration's text ends for the fingerprint: its closing brace or semicolon.</summary>
        public int End { get; }

        public bool Contains(int position) => Start <= position && position < End;
    }

    /// <summary>A part of a member declaration: a header with its body (a brace block or up to a semicolon).</summary>
    private sealed class Part
    {
        public Part(string? name, int start, int end)
        {
            Name = name;
            Start = start;
            End = end;
        }

        /// <summary>Null when the header names nothing (an auto-property's <c>= initializer;</c>).</summary>
        public string? Name { get; }

        public int Start { get; }

        public int End { get; }
    }

    /// <summary>
    /// How the baseline format (version 1) outlines a file: a type or member declaration spans from its header to the
    /// brace that closes its first block or to its semicolon, and is named from that header. Most of the time this
    /// is the syntax node and its identifier; the rules below keep the cases where it is not (an auto-property's
    /// initializer belongs to the type, <c>int a, b;</c> is named 'b', <c>[A] (int, int) M()</c> names nothing, ...)
    /// so that fingerprints stay equal to those of baselines already written.
    /// </summary>
    private static class Outline
    {
        private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "enum", "record" };

        private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
        {
            "public", "private", "protected", "internal", "static", "readonly", "async", "virtual", "override", "abstract",
            "sealed", "extern", "unsafe", "new", "partial", "const", "volatile", "required", "file", "ref", "scoped", "implicit", "explicit",
        };

        public static string Qualify(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

        /// <summary>The type's declaration, or null for a type without body (<c>record R(int A);</c>) outside a type.</summary>
        public static Declaration? TypeDeclaration(BaseTypeDeclarationSyntax type, string qualifiedName)
        {
            if (type.OpenBraceToken.IsKind(SyntaxKind.None))
            {
                return type.Parent is TypeDeclarationSyntax ? new Declaration(qualifiedName, type.SpanStart, type.Span.End) : null;
            }

            var end = type.CloseBraceToken.IsMissing ? int.MaxValue : type.CloseBraceToken.Span.End;
            return new Declaration(qualifiedName, HeaderStart(type), end);
        }

        public static string QualifiedName(BaseTypeDeclarationSyntax type)
        {
            var name = type.Identifier.Text;
            for (var node = type.Parent; node is not null; node = node.Parent)
            {
                if (node is BaseTypeDeclarationSyntax outer)
                {
                    name = outer.Identifier.Text + "." + name;
                }
                else if (node is BaseNamespaceDeclarationSyntax ns && NamespaceName(ns) is { } nsName)
                {
                    name = nsName + "." + name;
                }
            }

            return name;
        }

        /// <summary>The namespace's name (identifiers and dots), or null when the format ignores it: a file-scoped
        /// namespace after assembly attributes (their header runs into the namespace line).</summary>
        public static string? NamespaceName(BaseNamespaceDeclarationSyntax ns)
        {
            if (ns is FileScopedNamespaceDeclarationSyntax && FollowsAssemblyAttributes(ns))
            {
                return null;
            }

            var builder = new StringBuilder();
            foreach (var token in ns.Name.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.DotToken) || IsWord(token.Text))
                {
                    builder.Append(token.Text);
                }
            }

            return builder.ToString();
        }

        /// <summary>A block namespace right after assembly attributes is not recognised as one by the format: nothing
        /// inside it is outlined (every finding there is top-level code).</summary>
        public static bool IsOpaque(BaseNamespaceDeclarationSyntax ns) => ns is NamespaceDeclarationSyntax && FollowsAssemblyAttributes(ns);

        private static bool FollowsAssemblyAttributes(MemberDeclarationSyntax node)
            => node.Parent is CompilationUnitSyntax { AttributeLists.Count: > 0 } unit && unit.Members.Count > 0 && unit.Members[0] == node;

        /// <summary>Where a type's header starts: its first token, or the assembly attributes that precede it.</summary>
        private static int HeaderStart(BaseTypeDeclarationSyntax type)
            => FollowsAssemblyAttributes(type) ? ((CompilationUnitSyntax)type.Parent!).AttributeLists[0].SpanStart : type.SpanStart;

        /// <summary>The parts of a member of a type: usually one (header and body), more when a brace block ends the
        /// first header before the semicolon (<c>int P { get; } = 1;</c>, <c>Foo f = new Foo { }, g = new();</c>).</summary>
        public static List<Part> Parts(MemberDeclarationSyntax member)
        {
            var parts = new List<Part>(1);
            var header = new List<Piece>();
            var parens = 0;
            var end = member.Span.End;
            var token = member.GetFirstToken();
            while (!token.IsKind(SyntaxKind.None) && token.SpanStart < end)
            {
                var kind = token.Kind();
                if (kind == SyntaxKind.OpenBraceToken)
                {
                    var close = MatchingBrace(token);
                    if (parens == 0)
                    {
                        parts.Add(new Part(Name(header), header.Count > 0 ? header[0].Start : token.SpanStart, close.Span.End));
                        header.Clear();
                    }

                    token = close.GetNextToken();
                    continue;
                }

                if (kind is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken)
                {
                    parens++;
                }
                else if (kind is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken)
                {
                    parens = Math.Max(0, parens - 1);
                }
                else if (kind == SyntaxKind.SemicolonToken && parens == 0)
                {
                    if (header.Count > 0)
                    {
                        parts.Add(new Part(Name(header), header[0].Start, token.Span.End));
                    }

                    header.Clear();
                    token = token.GetNextToken();
                    continue;
                }

                if (token.Parent is InterpolatedStringExpressionSyntax interpolated && token == interpolated.StringStartToken)
                {
                    header.Add(new Piece(PieceKind.Literal, interpolated.SpanStart, interpolated.Span.End, string.Empty));
                    token = interpolated.StringEndToken.GetNextToken();
                    continue;
                }

                AddPieces(header, token);
                token = token.GetNextToken();
            }

            return parts;
        }

        /// <summary>The brace that closes <paramref name="open"/> (the last token of the block, initializer,
        /// accessor list, switch expression ... it opens).</summary>
        private static SyntaxToken MatchingBrace(SyntaxToken open)
        {
            var last = open.Parent?.GetLastToken() ?? open;
            if (last.IsKind(SyntaxKind.CloseBraceToken))
            {
                return last;
            }

            var depth = 0;
            for (var token = open; !token.IsKind(SyntaxKind.None); token = token.GetNextToken())
            {
                if (token.IsKind(SyntaxKind.OpenBraceToken))
                {
                    depth++;
                }
                else if (token.IsKind(SyntaxKind.CloseBraceToken) && --depth == 0)
                {
                    return token;
                }

                last = token;
            }

            return last;
        }

        private enum PieceKind
        {
            Word,
            Number,
            Literal,
            Punctuation,
        }

        /// <summary>A header token as the format sees it: operators split into single characters, except '=&gt;'.</summary>
        private sealed class Piece
        {
            public Piece(PieceKind kind, int start, int end, string text)
            {
                Kind = kind;
                Start = start;
                End = end;
                Text = text;
            }

            public PieceKind Kind { get; }

            public int Start { get; }

            public int End { get; }

            public string Text { get; }

            public char Char => Kind == PieceKind.Punctuation && Text.Length == 1 ? Text[0] : '\0';

            public bool Is(string word) => Kind == PieceKind.Word && string.Equals(Text, word, StringComparison.Ordinal);
        }

        private static void AddPieces(List<Piece> header, SyntaxToken token)
        {
            var text = token.Text;
            if (text.Length == 0)
            {
                return;
            }

            if (IsLiteralText(token.Kind()) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
            {
                header.Add(new Piece(PieceKind.Literal, token.SpanStart, token.Span.End, text));
            }
            else if (IsWord(text))
            {
                header.Add(new Piece(PieceKind.Word, token.SpanStart, token.Span.End, text));
            }
            else if (char.IsDigit(text[0]))
            {
                header.Add(new Piece(PieceKind.Number, token.SpanStart, token.Span.End, text));
            }
            else if (text == "=>")
            {
                header.Add(new Piece(PieceKind.Punctuation, token.SpanStart, token.Span.End, text));
            }
            else
            {
                for (var i = 0; i < text.Length; i++)
                {
                    header.Add(new Piece(PieceKind.Punctuation, token.SpanStart + i, token.SpanStart + i + 1, text[i].ToString()));
                }
            }
        }

        private static bool IsWord(string text) => text.Length > 0 && (char.IsLetter(text[0]) || text[0] is '_' or '@');

        /// <summary>
        /// The name a header gives: a type keyword before any parameter list or initializer makes it a type named by the
        /// next word; otherwise the member name (<see cref="HeaderName"/>); null when it names nothing.
        /// </summary>
        private static string? Name(List<Piece> header)
        {
            if (header.Count == 0)
            {
                return null;
            }

            var depth = 0;
            for (var i = 0; i < header.Count; i++)
            {
                var c = header[i].Char;
                if (depth == 0 && ((c == '(' && !IsTupleType(header, i)) || IsArrowOrAssignment(header, i)))
                {
                    break;
                }

                if (c is '(' or '[')
                {
                    depth++;
                }
                else if (c is ')' or ']')
                {
                    depth--;
                }
                else if (depth == 0 && header[i].Kind == PieceKind.Word && TypeKeywords.Contains(header[i].Text))
                {
                    for (var j = i + 1; j < header.Count; j++)
                    {
                        if (header[j].Kind == PieceKind.Word && !TypeKeywords.Contains(header[j].Text))
                        {
                            return header[j].Text;
                        }
                    }

                    return null;
                }
            }

            return HeaderName(header);
        }

        /// <summary>The word before the first '(', '=' or '=&gt;' at bracket depth 0 (or before the end), with
        /// <c>operator …</c>, <c>this[]</c> and <c>~Name</c> spelled out.</summary>
        private static string? HeaderName(List<Piece> header)
        {
            var end = header.Count;
            var depth = 0;
            for (var i = 0; i < header.Count; i++)
            {
                var c = header[i].Char;
                if (c == '[' || (c == '(' && (depth > 0 || IsTupleType(header, i))))
                {
                    depth++;
                    continue;
                }

                if (c == ']' || (c == ')' && depth > 0))
                {
                    depth--;
                    continue;
                }

                if (depth == 0 && (c == '(' || IsArrowOrAssignment(header, i)))
                {
                    end = i;
                    break;
                }
            }

            for (var i = 0; i < end; i++)
            {
                if (header[i].Is("operator"))
                {
                    var builder = new StringBuilder("operator ");
                    for (var j = i + 1; j < end; j++)
                    {
                        builder.Append(header[j].Text);
                    }

                    return builder.ToString();
                }
            }

            var k = SkipBalanced(header, end - 1, '<', '>');
            if (k >= 0 && header[k].Char == ']')
            {
                k = SkipBalanced(header, k, '[', ']');
                if (k >= 0 && header[k].Is("this"))
                {
                    return "this[]";
                }
            }

            if (k >= 0 && header[k].Kind == PieceKind.Word)
            {
                return k > 0 && header[k - 1].Char == '~' ? "~" + header[k].Text : header[k].Text;
            }

            return null;
        }

        /// <summary>When header[k] closes a balanced pair, the index before its opener; otherwise k.</summary>
        private static int SkipBalanced(List<Piece> header, int k, char open, char close)
        {
            if (k < 0 || header[k].Char != close)
            {
                return k;
            }

            var depth = 0;
            for (var i = k; i >= 0; i--)
            {
                var c = header[i].Char;
                if (c == close)
                {
                    depth++;
                }
                else if (c == open && --depth == 0)
                {
                    return i - 1;
                }
            }

            return -1;
        }

        /// <summary>A '(' that opens a tuple type (<c>static (int A, int B) M()</c>, <c>List&lt;(string, int)&gt;</c>)
        /// rather than a parameter list: it follows a modifier, '&lt;', ',', '(' or nothing.</summary>
        private static bool IsTupleType(List<Piece> header, int i)
        {
            if (i == 0)
            {
                return true;
            }

            var previous = header[i - 1];
            return previous.Char is '<' or ',' or '(' || (previous.Kind == PieceKind.Word && Modifiers.Contains(previous.Text));
        }

        /// <summary>'=&gt;', or '=' alone (not part of '==', '!=', '&lt;=', '+=' …).</summary>
        private static bool IsArrowOrAssignment(List<Piece> header, int i)
        {
            var piece = header[i];
            if (piece.Kind == PieceKind.Punctuation && piece.Text == "=>")
            {
                return true;
            }

            if (piece.Char != '=')
            {
                return false;
            }

            var previous = i > 0 ? header[i - 1].Char : '\0';
            var next = i + 1 < header.Count ? header[i + 1].Char : '\0';
            var adjacentBefore = i > 0 && header[i - 1].End == piece.Start && previous is '=' or '!' or '<' or '>' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '?';
            var adjacentAfter = i + 1 < header.Count && header[i + 1].Start == piece.End && next == '=';
            return !adjacentBefore && !adjacentAfter;
        }
    }
}
