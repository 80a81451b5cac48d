// This file is compiled into two assemblies: the analyzers (the baseline suppressor computes fingerprints from a
// Diagnostic and its source text) and the MSBuild task (it computes them from the SARIF log and the file on disk).
// Both must agree character for character, so the algorithm works on plain text only: no Roslyn, no file system.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>
/// The stable identity of a finding in a baseline: rule, file (relative to the baseline's folder), the containing
/// member's name, a hash of the flagged code with whitespace and comments removed, and the occurrence index of that
/// code among same-named members of the file. Line numbers are not part of it, so inserting lines above a finding
/// keeps it; changing the flagged code changes the hash and brings the finding back.
/// </summary>
internal readonly struct FindingFingerprint : IEquatable<FindingFingerprint>
{
    /// <summary>The member name of code outside any type (top-level statements).</summary>
    public const string TopLevelMember = "<top-level>";

    public FindingFingerprint(string ruleId, string path, string member, string hash, int occurrence)
    {
        RuleId = ruleId;
        Path = path;
        Member = member;
        Hash = hash;
        Occurrence = occurrence;
    }

    public string RuleId { get; }

    /// <summary>Path relative to the baseline's folder with '/' separators; empty for findings without a file.</summary>
    public string Path { get; }

    public string Member { get; }

    public string Hash { get; }

    public int Occurrence { get; }

    public bool Equals(FindingFingerprint other)
        => string.Equals(RuleId, other.RuleId, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Member, other.Member, StringComparison.Ordinal)
        && string.Equals(Hash, other.Hash, StringComparison.Ordinal)
        && Occurrence == other.Occurrence;

    public override bool Equals(object? obj) => obj is FindingFingerprint other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = StringComparer.OrdinalIgnoreCase.GetHashCode(RuleId ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Path ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Member ?? string.Empty);
            hash = (hash * 397) ^ StringComparer.Ordinal.GetHashCode(Hash ?? string.Empty);
            return (hash * 397) ^ Occurrence;
        }
    }

    public override string ToString()
        => RuleId + "|" + Path + "|" + Member + "|" + Hash + "|" + Occurrence.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The fingerprint of a finding at <paramref name="start"/>..<paramref name="end"/> (UTF-16 offsets) in
    /// <paramref name="text"/>, the content of <paramref name="filePath"/>. C# files are outlined to find the
    /// containing member; other files (appsettings.json, …) have no members.
    /// </summary>
    public static FindingFingerprint Compute(string ruleId, string baselineFolder, string filePath, string text, int start, int end)
        => Compute(ruleId, baselineFolder, filePath, text, start, end, outline: null);

    /// <summary>As above, reusing <paramref name="outline"/> (from <see cref="SourceOutline.Build"/> of the same
    /// text) when several findings of one file are fingerprinted.</summary>
    public static FindingFingerprint Compute(string ruleId, string baselineFolder, string filePath, string text, int start, int end, SourceOutline? outline)
    {
        var path = RelativePath(baselineFolder, filePath);
        start = Clamp(start, 0, text.Length);
        end = Clamp(end, start, text.Length);

        var isCSharp = IsCSharp(filePath);
        outline = isCSharp ? outline ?? SourceOutline.Build(text) : null;
        var container = outline?.Find(start);
        var member = container?.QualifiedName ?? (isCSharp ? TopLevelMember : string.Empty);

        var snippet = Normalize(text, start, end, isCSharp);
        if (snippet.Length == 0)
        {
            // A zero-width location (end of a declaration, a missing token): identify it by its line instead.
            var lines = new LineMap(text);
            var line = lines.LineOf(start);
            snippet = Normalize(text, lines.StartOf(line), lines.EndOf(line), isCSharp);
        }

        var occurrence = 0;
        if (snippet.Length > 0)
        {
            if (outline is not null && container is not null)
            {
                foreach (var declaration in outline.Declarations)
                {
                    if (declaration.Start >= start || !string.Equals(declaration.QualifiedName, member, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    // Every declaration of that name before the finding (overloads, partial parts), up to the finding.
                    occurrence += CountOccurrences(Normalize(text, declaration.Start, Math.Min(declaration.End, start), isCSharp), snippet);
                }
            }
            else
            {
                // Top-level statements and non-C# files: the whole file before the finding.
                occurrence = CountOccurrences(Normalize(text, 0, start, isCSharp), snippet);
            }
        }

        return new FindingFingerprint(ruleId, path, member, HashText(snippet), occurrence);
    }

    public static bool IsCSharp(string filePath) => filePath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fingerprint of a finding that has no source location (a compilation-wide finding).</summary>
    public static FindingFingerprint ForNoLocation(string ruleId) => new(ruleId, string.Empty, string.Empty, HashText(string.Empty), 0);

    /// <summary>Computes the start/end offsets from 1-based SARIF line/column numbers (columns count UTF-16 units).</summary>
    public static (int Start, int End) OffsetsFromLineColumn(string text, int startLine, int startColumn, int endLine, int endColumn)
    {
        var lines = new LineMap(text);
        var start = lines.Offset(startLine - 1, Math.Max(0, startColumn - 1));
        var end = endLine <= 0 ? start : lines.Offset(endLine - 1, Math.Max(0, endColumn - 1));
        return (start, Math.Max(start, end));
    }

    /// <summary>
    /// <paramref name="filePath"/> relative to <paramref name="folder"/>, with '/' separators. Case is ignored when
    /// matching the common prefix (drive letters and folder names differ in case between tools on Windows).
    /// </summary>
    public static string RelativePath(string folder, string filePath)
    {
        var file = filePath.Replace('\\', '/');
        var root = folder.Replace('\\', '/').TrimEnd('/');
        if (root.Length == 0)
        {
            return file;
        }

        var fileParts = file.Split('/');
        var rootParts = root.Split('/');
        var common = 0;
        while (common < fileParts.Length - 1 && common < rootParts.Length
            && string.Equals(fileParts[common], rootParts[common], StringComparison.OrdinalIgnoreCase))
        {
            common++;
        }

        if (common == 0)
        {
            return file; // another drive: it cannot be made relative
        }

        var builder = new StringBuilder();
        for (var i = common; i < rootParts.Length; i++)
        {
            builder.Append("../");
        }

        for (var i = common; i < fileParts.Length; i++)
        {
            builder.Append(fileParts[i]);
            if (i < fileParts.Length - 1)
            {
                builder.Append('/');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The code with whitespace and comments removed (string and character literals kept as written), so that
    /// reformatting or re-commenting does not change a fingerprint but any change to the code itself does.
    /// </summary>
    public static string Normalize(string text, int start, int end, bool isCSharp)
    {
        var builder = new StringBuilder(Math.Max(0, end - start));
        if (!isCSharp)
        {
            for (var i = start; i < end; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    builder.Append(text[i]);
                }
            }

            return builder.ToString();
        }

        var lexer = new Lexer(text, start, end);
        while (lexer.Next(out var token))
        {
            if (token.Kind is TokenKind.Comment or TokenKind.Directive)
            {
                continue;
            }

            if (token.Kind is TokenKind.String or TokenKind.Character)
            {
                builder.Append(text, token.Start, token.End - token.Start);
                continue;
            }

            for (var i = token.Start; i < token.End; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    builder.Append(text[i]);
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>FNV-1a (64 bit) of the UTF-16 code units, as 16 lowercase hex digits: stable across runtimes.</summary>
    public static string HashText(string text)
    {
        const ulong offsetBasis = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offsetBasis;
        foreach (var c in text)
        {
            hash ^= (byte)c;
            hash *= prime;
            hash ^= (byte)(c >> 8);
            hash *= prime;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static int CountOccurrences(string haystack, string needle)
    {
        var count = 0;
        var index = haystack.IndexOf(needle, StringComparison.Ordinal);
        while (index >= 0)
        {
            count++;
            index = haystack.IndexOf(needle, index + needle.Length, StringComparison.Ordinal);
        }

        return count;
    }

    private static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;

    /// <summary>Line starts by the compiler's rules: CR LF, CR, LF, NEL, LS and PS end a line.</summary>
    internal sealed class LineMap
    {
        private readonly List<int> _starts = new() { 0 };
        private readonly int _length;

        public LineMap(string text)
        {
            _length = text.Length;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    _starts.Add(i + 1);
                }
                else if (c is '\n' or '\u0085' or '\u2028' or '\u2029')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int LineCount => _starts.Count;

        public int StartOf(int line) => _starts[Clamp(line, 0, _starts.Count - 1)];

        /// <summary>The offset of the line's end, before its line break.</summary>
        public int EndOf(int line) => line + 1 < _starts.Count ? TrimBreak(_starts[line + 1], StartOf(line)) : _length;

        public int Offset(int line, int column)
        {
            if (line >= _starts.Count)
            {
                return _length;
            }

            var start = StartOf(line);
            return Math.Min(start + column, line + 1 < _starts.Count ? _starts[line + 1] : _length);
        }

        public int LineOf(int offset)
        {
            var low = 0;
            var high = _starts.Count - 1;
            while (low < high)
            {
                var mid = (low + high + 1) / 2;
                if (_starts[mid] <= offset)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return low;
        }

        private static int TrimBreak(int nextStart, int lineStart) => Math.Max(lineStart, nextStart - 1);
    }

    internal enum TokenKind
    {
        Identifier,
        Number,
        String,
        Character,
        Punctuation,
        Comment,
        Directive,
    }

    internal readonly struct Token
    {
        public Token(TokenKind kind, int start, int end)
        {
            Kind = kind;
            Start = start;
            End = end;
        }

        public TokenKind Kind { get; }

        public int Start { get; }

        public int End { get; }
    }

    /// <summary>
    /// A C# lexer that is exact about what hides braces and semicolons (comments, all string forms including
    /// interpolated and raw ones, character literals, preprocessor lines) and coarse about everything else.
    /// </summary>
    internal sealed class Lexer
    {
        private readonly string _text;
        private readonly int _end;
        private int _position;
        private bool _atLineStart = true;

        public Lexer(string text, int start, int end)
        {
            _text = text;
            _position = start;
            _end = end;
        }

        public bool Next(out Token token)
        {
            while (_position < _end && char.IsWhiteSpace(_text[_position]))
            {
                if (_text[_position] is '\r' or '\n')
                {
                    _atLineStart = true;
                }

                _position++;
            }

            if (_position >= _end)
            {
                token = default;
                return false;
            }

            var start = _position;
            var c = _text[_position];
            var atLineStart = _atLineStart;
            _atLineStart = false;

            if (c == '#' && atLineStart)
            {
                SkipToLineEnd();
                token = new Token(TokenKind.Directive, start, _position);
                return true;
            }

            if (c == '/' && Peek(1) == '/')
            {
                SkipToLineEnd();
                token = new Token(TokenKind.Comment, start, _position);
                return true;
            }

            if (c == '/' && Peek(1) == '*')
            {
                var close = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                _position = close < 0 || close + 2 > _end ? _end : close + 2;
                token = new Token(TokenKind.Comment, start, _position);
                return true;
            }

            if (c is '"' or '$' or '@' && TryString())
            {
                token = new Token(TokenKind.String, start, _position);
                return true;
            }

            if (c == '\'')
            {
                _position++;
                while (_position < _end && _text[_position] != '\'' && _text[_position] is not ('\r' or '\n'))
                {
                    _position += _text[_position] == '\\' ? 2 : 1;
                }

                _position = Math.Min(_end, _position + 1);
                token = new Token(TokenKind.Character, start, _position);
                return true;
            }

            if (char.IsLetter(c) || c == '_' || c == '@')
            {
                _position++;
                while (_position < _end && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
                {
                    _position++;
                }

                token = new Token(TokenKind.Identifier, start, _position);
                return true;
            }

            if (char.IsDigit(c))
            {
                while (_position < _end && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
                {
                    _position++;
                }

                token = new Token(TokenKind.Number, start, _position);
                return true;
            }

            if (c == '=' && Peek(1) == '>')
            {
                _position += 2;
                token = new Token(TokenKind.Punctuation, start, _position);
                return true;
            }

            _position++;
            token = new Token(TokenKind.Punctuation, start, _position);
            return true;
        }

        private char Peek(int ahead) => _position + ahead < _end ? _text[_position + ahead] : '\0';

        private void SkipToLineEnd()
        {
            while (_position < _end && _text[_position] is not ('\r' or '\n'))
            {
                _position++;
            }
        }

        /// <summary>Reads any string literal form starting here; false (position unchanged) if this is not one.</summary>
        private bool TryString()
        {
            var p = _position;
            var dollars = 0;
            var verbatim = false;
            while (p < _end && (_text[p] == '$' || _text[p] == '@'))
            {
                if (_text[p] == '$')
                {
                    dollars++;
                }
                else
                {
                    verbatim = true;
                }

                p++;
            }

            if (p >= _end || _text[p] != '"')
            {
                return false;
            }

            var quotes = 0;
            while (p + quotes < _end && _text[p + quotes] == '"')
            {
                quotes++;
            }

            if (quotes >= 3)
            {
                _position = ReadRaw(p + quotes, quotes, dollars);
                return true;
            }

            _position = ReadQuoted(p + 1, verbatim, dollars > 0);
            return true;
        }

        private int ReadQuoted(int p, bool verbatim, bool interpolated)
        {
            while (p < _end)
            {
                var c = _text[p];
                if (!verbatim && c == '\\')
                {
                    p += 2;
                    continue;
                }

                if (c == '"')
                {
                    if (verbatim && p + 1 < _end && _text[p + 1] == '"')
                    {
                        p += 2;
                        continue;
                    }

                    return p + 1;
                }

                if (!verbatim && c is '\r' or '\n')
                {
                    return p; // unterminated: stop at the line end like the compiler does
                }

                if (interpolated && c == '{')
                {
                    if (p + 1 < _end && _text[p + 1] == '{')
                    {
                        p += 2;
                        continue;
                    }

                    p = SkipHole(p + 1);
                    continue;
                }

                p++;
            }

            return _end;
        }

        private int ReadRaw(int p, int quotes, int dollars)
        {
            while (p < _end)
            {
                var c = _text[p];
                if (c == '"')
                {
                    var run = 0;
                    while (p + run < _end && _text[p + run] == '"')
                    {
                        run++;
                    }

                    if (run >= quotes)
                    {
                        return p + run;
                    }

                    p += run;
                    continue;
                }

                if (dollars > 0 && c == '{')
                {
                    var run = 0;
                    while (p + run < _end && _text[p + run] == '{')
                    {
                        run++;
                    }

                    p += run;
                    if (run >= dollars)
                    {
                        p = SkipHole(p);
                    }

                    continue;
                }

                p++;
            }

            return _end;
        }

        /// <summary>Skips an interpolation hole (after its '{'), which may itself contain strings and braces.</summary>
        private int SkipHole(int p)
        {
            var depth = 1;
            var saved = _position;
            while (p < _end)
            {
                var c = _text[p];
                if (c is '"' or '$' or '@' or '\'')
                {
                    _position = p;
                    if (c == '\'' ? SkipCharacter() : TryString())
                    {
                        p = _position;
                        continue;
                    }
                }

                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    _position = saved;
                    return p + 1;
                }

                p++;
            }

            _position = saved;
            return _end;
        }

        private bool SkipCharacter()
        {
            var p = _position + 1;
            while (p < _end && _text[p] != '\'' && _text[p] is not ('\r' or '\n'))
            {
                p += _text[p] == '\\' ? 2 : 1;
            }

            _position = Math.Min(_end, p + 1);
            return true;
        }
    }

    internal enum DeclarationKind
    {
        Namespace,
        Type,
        Member,
    }

    internal sealed class Declaration
    {
        public Declaration(DeclarationKind kind, string qualifiedName, int start, Declaration? parent)
        {
            Kind = kind;
            QualifiedName = qualifiedName;
            Start = start;
            End = int.MaxValue;
            Parent = parent;
        }

        public DeclarationKind Kind { get; }

        public string QualifiedName { get; }

        public int Start { get; }

        public int End { get; set; }

        public Declaration? Parent { get; }
    }

    /// <summary>
    /// Namespaces, types and members of a C# file, found from braces and semicolons at declaration level. It does
    /// not need to be a parser: it must only name the member around a location the same way every time.
    /// </summary>
    internal sealed class SourceOutline
    {
        private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "enum", "record" };

        private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
        {
            "public", "private", "protected", "internal", "static", "readonly", "async", "virtual", "override", "abstract",
            "sealed", "extern", "unsafe", "new", "partial", "const", "volatile", "required", "file", "ref", "scoped", "implicit", "explicit",
        };

        private SourceOutline(List<Declaration> declarations) => Declarations = declarations;

        /// <summary>Types and members in source order.</summary>
        public List<Declaration> Declarations { get; }

        /// <summary>The innermost member (or else type) whose text contains <paramref name="offset"/>.</summary>
        public Declaration? Find(int offset)
        {
            Declaration? best = null;
            foreach (var declaration in Declarations)
            {
                if (declaration.Kind != DeclarationKind.Namespace && declaration.Start <= offset && offset < declaration.End
                    && (best is null || declaration.Start >= best.Start))
                {
                    best = declaration;
                }
            }

            return best;
        }

        public static SourceOutline Build(string text)
        {
            var declarations = new List<Declaration>();
            var scopes = new Stack<Scope>();
            var fileNamespace = string.Empty;
            var header = new List<Token>();
            var lexer = new Lexer(text, 0, text.Length);
            var parens = 0;

            while (lexer.Next(out var token))
            {
                if (token.Kind is TokenKind.Comment or TokenKind.Directive)
                {
                    continue;
                }

                var c = token.Kind == TokenKind.Punctuation && token.End - token.Start == 1 ? text[token.Start] : '\0';
                var current = scopes.Count > 0 ? scopes.Peek() : null;
                var atDeclarationLevel = current is null || current.Declaration?.Kind is DeclarationKind.Namespace or DeclarationKind.Type;

                if (c == '{')
                {
                    if (atDeclarationLevel && parens == 0)
                    {
                        var declaration = Classify(text, header, current?.Declaration, current is null ? fileNamespace : null, isBlock: true);
                        if (declaration is not null)
                        {
                            declarations.Add(declaration);
                        }

                        scopes.Push(new Scope(declaration, outerParens: 0, startsNewHeader: true));
                        header.Clear();
                    }
                    else
                    {
                        // A lambda or initializer inside a declaration's parentheses, or any block inside a member:
                        // opaque, and the declaration's header continues after it.
                        scopes.Push(new Scope(null, parens, startsNewHeader: false));
                    }

                    parens = 0;
                    continue;
                }

                if (c == '}')
                {
                    if (scopes.Count > 0)
                    {
                        var closed = scopes.Pop();
                        if (closed.Declaration is not null)
                        {
                            closed.Declaration.End = token.End;
                        }

                        parens = closed.OuterParens;
                        if (closed.StartsNewHeader)
                        {
                            header.Clear();
                        }
                    }

                    continue;
                }

                if (!atDeclarationLevel)
                {
                    continue;
                }

                if (c is '(' or '[')
                {
                    parens++;
                }
                else if (c is ')' or ']')
                {
                    parens = Math.Max(0, parens - 1);
                }
                else if (c == ';' && parens == 0)
                {
                    if (header.Count > 0)
                    {
                        if (current is null && Is(text, header[0], "namespace"))
                        {
                            fileNamespace = JoinName(text, header, 1, header.Count);
                        }
                        else if (current?.Declaration?.Kind == DeclarationKind.Type)
                        {
                            var member = Classify(text, header, current.Declaration, null, isBlock: false);
                            if (member is not null)
                            {
                                member.End = token.End;
                                declarations.Add(member);
                            }
                        }
                    }

                    header.Clear();
                    continue;
                }

                header.Add(token);
            }

            return new SourceOutline(declarations);
        }

        private static Declaration? Classify(string text, List<Token> header, Declaration? parent, string? fileNamespace, bool isBlock)
        {
            if (header.Count == 0)
            {
                return null;
            }

            var prefix = parent?.QualifiedName ?? fileNamespace ?? string.Empty;
            var start = header[0].Start;

            if (isBlock && Is(text, header[0], "namespace"))
            {
                return new Declaration(DeclarationKind.Namespace, Qualify(prefix, JoinName(text, header, 1, header.Count)), start, parent);
            }

            var depth = 0;
            for (var i = 0; i < header.Count; i++)
            {
                var c = CharOf(text, header[i]);
                if (depth == 0 && ((c == '(' && !IsTupleType(text, header, i)) || IsArrowOrAssignment(text, header, i)))
                {
                    break; // a member's parameters or initializer: type keywords after it are constraints or code
                }

                if (c is '(' or '[')
                {
                    depth++;
                }
                else if (c is ')' or ']')
                {
                    depth--;
                }
                else if (depth == 0 && c == '\0' && header[i].Kind == TokenKind.Identifier && TypeKeywords.Contains(Text(text, header[i])))
                {
                    for (var j = i + 1; j < header.Count; j++)
                    {
                        if (header[j].Kind == TokenKind.Identifier && !TypeKeywords.Contains(Text(text, header[j])))
                        {
                            return new Declaration(DeclarationKind.Type, Qualify(prefix, Text(text, header[j])), start, parent);
                        }
                    }

                    return null;
                }
            }

            if (parent is null || parent.Kind != DeclarationKind.Type)
            {
                return null; // a statement or expression at file or namespace level (top-level statements)
            }

            var name = MemberName(text, header);
            return name is null ? null : new Declaration(DeclarationKind.Member, Qualify(prefix, name), start, parent);
        }

        /// <summary>The identifier before the first '(', '=', '=>' at bracket depth 0, or before the end.</summary>
        private static string? MemberName(string text, List<Token> header)
        {
            var end = header.Count;
            var depth = 0;
            for (var i = 0; i < header.Count; i++)
            {
                var c = CharOf(text, header[i]);
                if (c == '[' || (c == '(' && (depth > 0 || IsTupleType(text, header, i))))
                {
                    depth++;
                    continue;
                }

                if (c == ']' || (c == ')' && depth > 0))
                {
                    depth--;
                    continue;
                }

                if (depth == 0 && (c == '(' || IsArrowOrAssignment(text, header, i)))
                {
                    end = i;
                    break;
                }
            }

            for (var i = 0; i < end; i++)
            {
                if (Is(text, header[i], "operator"))
                {
                    var builder = new StringBuilder("operator ");
                    for (var j = i + 1; j < end; j++)
                    {
                        builder.Append(Text(text, header[j]));
                    }

                    return builder.ToString();
                }
            }

            var k = end - 1;
            k = SkipBalanced(text, header, k, '<', '>');
            if (k >= 0 && CharOf(text, header[k]) == ']')
            {
                k = SkipBalanced(text, header, k, '[', ']');
                if (k >= 0 && Is(text, header[k], "this"))
                {
                    return "this[]";
                }
            }

            if (k >= 0 && header[k].Kind == TokenKind.Identifier)
            {
                var name = Text(text, header[k]);
                return k > 0 && CharOf(text, header[k - 1]) == '~' ? "~" + name : name;
            }

            return null;
        }

        /// <summary>When header[k] closes a balanced pair, the index before its opener; otherwise k.</summary>
        private static int SkipBalanced(string text, List<Token> header, int k, char open, char close)
        {
            if (k < 0 || CharOf(text, header[k]) != close)
            {
                return k;
            }

            var depth = 0;
            for (var i = k; i >= 0; i--)
            {
                var c = CharOf(text, header[i]);
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

        /// <summary>
        /// True for a '(' that opens a tuple type — <c>static (int A, int B) M()</c>, <c>List&lt;(string, int)&gt;</c> — rather
        /// than a parameter list: it follows a modifier, '&lt;', ',', '(' or nothing, never a member name.
        /// </summary>
        private static bool IsTupleType(string text, List<Token> header, int i)
        {
            if (i == 0)
            {
                return true;
            }

            var previous = header[i - 1];
            var c = CharOf(text, previous);
            if (c is '<' or ',' or '(')
            {
                return true;
            }

            return previous.Kind == TokenKind.Identifier && Modifiers.Contains(Text(text, previous));
        }

        private static bool IsArrowOrAssignment(string text, List<Token> header, int i)
        {
            var token = header[i];
            if (token.End - token.Start == 2 && text[token.Start] == '=' && text[token.Start + 1] == '>')
            {
                return true;
            }

            if (CharOf(text, token) != '=')
            {
                return false;
            }

            // '=' alone, not part of '==', '!=', '<=', '>=', '+=' …
            var previous = i > 0 ? CharOf(text, header[i - 1]) : '\0';
            var next = i + 1 < header.Count ? CharOf(text, header[i + 1]) : '\0';
            var adjacentBefore = i > 0 && header[i - 1].End == token.Start && previous is '=' or '!' or '<' or '>' or '+' or '-' or '*' or '/' or '%' or '&' or '|' or '^' or '?';
            var adjacentAfter = i + 1 < header.Count && header[i + 1].Start == token.End && next == '=';
            return !adjacentBefore && !adjacentAfter;
        }

        private static string JoinName(string text, List<Token> header, int from, int to)
        {
            var builder = new StringBuilder();
            for (var i = from; i < to; i++)
            {
                if (header[i].Kind == TokenKind.Identifier || CharOf(text, header[i]) == '.')
                {
                    builder.Append(Text(text, header[i]));
                }
            }

            return builder.ToString();
        }

        private static string Qualify(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

        private static bool Is(string text, Token token, string word)
            => token.Kind == TokenKind.Identifier && token.End - token.Start == word.Length && string.CompareOrdinal(text, token.Start, word, 0, word.Length) == 0;

        private static char CharOf(string text, Token token)
            => token.Kind == TokenKind.Punctuation && token.End - token.Start == 1 ? text[token.Start] : '\0';

        private static string Text(string text, Token token) => text.Substring(token.Start, token.End - token.Start);

        private sealed class Scope
        {
            public Scope(Declaration? declaration, int outerParens, bool startsNewHeader)
            {
                Declaration = declaration;
                OuterParens = outerParens;
                StartsNewHeader = startsNewHeader;
            }

            /// <summary>The declaration this brace opened, or null for a block inside a member or statement.</summary>
            public Declaration? Declaration { get; }

            /// <summary>The parenthesis depth around the brace, restored when it closes.</summary>
            public int OuterParens { get; }

            /// <summary>False for braces inside a declaration's parentheses: its header goes on after them.</summary>
            public bool StartsNewHeader { get; }
        }
    }
}
