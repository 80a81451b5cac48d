// Compiled into the analyzers and the MSBuild task. Neither may ship a JSON library (System.Text.Json is not part of
// .NET Framework MSBuild, and analyzers must not bring dependencies), so this is a small, strict reader and writer.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>A parsed JSON value: null, bool, number (as double), string, array (List) or object (ordered Dictionary).</summary>
internal sealed class JsonNode
{
    private JsonNode(object? value, int line, int column)
    {
        Value = value;
        Line = line;
        Column = column;
    }

    public object? Value { get; }

    /// <summary>1-based position of the value's first character, for error messages.</summary>
    public int Line { get; }

    public int Column { get; }

    public string? AsString => Value as string;

    public List<JsonNode>? AsArray => Value as List<JsonNode>;

    public Dictionary<string, JsonNode>? AsObject => Value as Dictionary<string, JsonNode>;

    public double? AsNumber => Value is double d ? d : null;

    public JsonNode? this[string name] => AsObject is { } o && o.TryGetValue(name, out var v) ? v : null;

    internal static JsonNode Create(object? value, int line, int column) => new(value, line, column);
}

/// <summary>Thrown for malformed JSON; carries the 1-based position.</summary>
internal sealed class JsonFormatException : Exception
{
    public JsonFormatException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public JsonFormatException()
    {
    }

    public JsonFormatException(string message)
        : base(message)
    {
    }

    public JsonFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Line { get; }

    public int Column { get; }
}

internal static class JsonText
{
    private const int MaxDepth = 64;

    /// <summary>Parses a whole document. Throws <see cref="JsonFormatException"/> with a position on any error.</summary>
    public static JsonNode Parse(string text)
    {
        var reader = new Reader(text);
        reader.SkipWhitespace();
        var node = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error("unexpected text after the end of the JSON document");
        }

        return node;
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string literal (quotes included).</summary>
    public static void WriteString(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("null");
            return;
        }

        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    public static string Quote(string? value)
    {
        var builder = new StringBuilder();
        WriteString(builder, value);
        return builder.ToString();
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;
        private int _line = 1;
        private int _lineStart;

        public Reader(string text)
        {
            _text = text;
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _position = 1;
                _lineStart = 1;
            }
        }

        public bool AtEnd => _position >= _text.Length;

        public JsonFormatException Error(string message)
            => new(message, _line, _position - _lineStart + 1);

        public void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                var c = _text[_position];
                if (c == '\n')
                {
                    _line++;
                    _lineStart = _position + 1;
                }
                else if (c is not (' ' or '\t' or '\r'))
                {
                    return;
                }

                _position++;
            }
        }

        public JsonNode ReadValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error("the document is nested too deeply");
            }

            if (AtEnd)
            {
                throw Error("unexpected end of the document, a value was expected");
            }

            var line = _line;
            var column = _position - _lineStart + 1;
            var c = _text[_position];
            switch (c)
            {
                case '{':
                    return JsonNode.Create(ReadObject(depth), line, column);
                case '[':
                    return JsonNode.Create(ReadArray(depth), line, column);
                case '"':
                    return JsonNode.Create(ReadString(), line, column);
                case 't':
                    ReadWord("true");
                    return JsonNode.Create(true, line, column);
                case 'f':
                    ReadWord("false");
                    return JsonNode.Create(false, line, column);
                case 'n':
                    ReadWord("null");
                    return JsonNode.Create(null, line, column);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return JsonNode.Create(ReadNumber(), line, column);
                    }

                    throw Error("unexpected character '" + c + "', a value was expected");
            }
        }

        private Dictionary<string, JsonNode> ReadObject(int depth)
        {
            var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            _position++;
            SkipWhitespace();
            if (!AtEnd && _text[_position] == '}')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (AtEnd || _text[_position] != '"')
                {
                    throw Error("a property name in double quotes was expected");
                }

                var name = ReadString();
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                result[name] = ReadValue(depth + 1);
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unexpected end of the document, ',' or '}' was expected");
                }

                if (_text[_position] == ',')
                {
                    _position++;
                    continue;
                }

                Expect('}');
                return result;
            }
        }

        private List<JsonNode> ReadArray(int depth)
        {
            var result = new List<JsonNode>();
            _position++;
            SkipWhitespace();
            if (!AtEnd && _text[_position] == ']')
            {
                _position++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                result.Add(ReadValue(depth + 1));
                SkipWhitespace();
                if (AtEnd)
                {
                    throw Error("unexpected end of the document, ',' or ']' was expected");
                }

                if (_text[_position] == ',')
                {
                    _position++;
                    continue;
                }

                Expect(']');
                return result;
            }
        }

        private string ReadString()
        {
            _position++;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string");
                }

                var c = _text[_position];
                if (c == '"')
                {
                    _position++;
                    return builder.ToString();
                }

                if (c is '\r' or '\n')
                {
                    throw Error("unterminated string (line break inside a string)");
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    _position++;
                    continue;
                }

                if (_position + 1 >= _text.Length)
                {
                    throw Error("unterminated string");
                }

                var escape = _text[_position + 1];
                _position += 2;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("invalid \\u escape");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        _position -= 2;
                        throw Error("invalid escape '\\" + escape + "'");
                }
            }
        }

        private double ReadNumber()
        {
            var start = _position;
            while (!AtEnd && (char.IsDigit(_text[_position]) || _text[_position] is '-' or '+' or '.' or 'e' or 'E'))
            {
                _position++;
            }

            var literal = _text.Substring(start, _position - start);
            if (!double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                _position = start;
                throw Error("invalid number '" + literal + "'");
            }

            return value;
        }

        private void ReadWord(string word)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            {
                throw Error("unexpected text, a value was expected");
            }

            _position += word.Length;
        }

        private void Expect(char c)
        {
            if (AtEnd || _text[_position] != c)
            {
                throw Error(AtEnd ? "unexpected end of the document, '" + c + "' was expected" : "'" + c + "' was expected");
            }

            _position++;
        }
    }
}
