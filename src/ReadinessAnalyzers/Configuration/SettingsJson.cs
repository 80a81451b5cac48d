using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Configuration;

internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>A JSON value with its position in the file.</summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, TextSpan span, string? text, List<JsonProperty>? properties, List<JsonValue>? items)
    {
        Kind = kind;
        Span = span;
        Text = text;
        Properties = properties;
        Items = items;
    }

    public JsonKind Kind { get; }

    /// <summary>The span of the value as written (for strings: quotes included).</summary>
    public TextSpan Span { get; }

    /// <summary>The decoded string, or the number as written; null for other kinds.</summary>
    public string? Text { get; }

    public List<JsonProperty>? Properties { get; }

    public List<JsonValue>? Items { get; }
}

internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonValue value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public JsonValue Value { get; }
}

internal sealed class JsonSyntaxException : Exception
{
    public JsonSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public int Position { get; }
}

/// <summary>
/// Reads settings files the way ASP.NET Core's JSON configuration provider accepts them: standard JSON plus
/// <c>//</c> and <c>/* */</c> comments and trailing commas. Keeps every value's position. Errors are reported as
/// <see cref="JsonSyntaxException"/> with the offset where reading stopped; nothing else is thrown.
/// </summary>
internal sealed class SettingsJson
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private int _position;

    private SettingsJson(string text)
    {
        _text = text;
    }

    public static JsonValue Parse(string text)
    {
        var reader = new SettingsJson(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._position = 1;
        }

        reader.SkipTrivia();
        if (reader._position >= text.Length)
        {
            // An empty file configures nothing; not worth a warning.
            return new JsonValue(JsonKind.Object, new TextSpan(0, 0), null, new List<JsonProperty>(), null);
        }

        if (reader.Peek() != '{')
        {
            throw new JsonSyntaxException("the top-level value must be a JSON object", reader._position);
        }

        var root = reader.ReadValue(0);
        reader.SkipTrivia();
        if (reader._position < text.Length)
        {
            throw new JsonSyntaxException("unexpected text after the end of the top-level value", reader._position);
        }

        return root;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonSyntaxException("values are nested too deeply", _position);
        }

        var c = Peek();
        switch (c)
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                {
                    var start = _position;
                    var text = ReadString();
                    return new JsonValue(JsonKind.String, TextSpan.FromBounds(start, _position), text, null, null);
                }

            case 't':
                return ReadLiteral("true", JsonKind.True);
            case 'f':
                return ReadLiteral("false", JsonKind.False);
            case 'n':
                return ReadLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw new JsonSyntaxException(c == '\0' ? "unexpected end of file; expected a value" : $"unexpected character '{c}'; expected a value", _position);
        }
    }

    private JsonValue ReadObject(int depth)
    {
        var start = _position;
        _position++;
        var properties = new List<JsonProperty>();
        while (true)
        {
            SkipTrivia();
            var c = Peek();
            if (c == '}')
            {
                _position++;
                return new JsonValue(JsonKind.Object, TextSpan.FromBounds(start, _position), null, properties, null);
            }

            if (c != '"')
            {
                throw new JsonSyntaxException(c == '\0' ? "unexpected end of file; expected '}'" : $"unexpected character '{c}'; expected a property name in double quotes or '}}'", _position);
            }

            var nameStart = _position;
            var name = ReadString();
            var nameSpan = TextSpan.FromBounds(nameStart, _position);
            SkipTrivia();
            if (Peek() != ':')
            {
                throw new JsonSyntaxException($"expected ':' after the property name \"{name}\"", _position);
            }

            _position++;
            SkipTrivia();
            var value = ReadValue(depth + 1);
            properties.Add(new JsonProperty(name, nameSpan, value));
            SkipTrivia();
            c = Peek();
            if (c == ',')
            {
                _position++;
                continue;
            }

            if (c != '}')
            {
                throw new JsonSyntaxException(c == '\0' ? "unexpected end of file; expected ',' or '}'" : $"unexpected character '{c}'; expected ',' or '}}'", _position);
            }
        }
    }

    private JsonValue ReadArray(int depth)
    {
        var start = _position;
        _position++;
        var items = new List<JsonValue>();
        while (true)
        {
            SkipTrivia();
            var c = Peek();
            if (c == ']')
            {
                _position++;
                return new JsonValue(JsonKind.Array, TextSpan.FromBounds(start, _position), null, null, items);
            }

            items.Add(ReadValue(depth + 1));
            SkipTrivia();
            c = Peek();
            if (c == ',')
            {
                _position++;
                continue;
            }

            if (c != ']')
            {
                throw new JsonSyntaxException(c == '\0' ? "unexpected end of file; expected ',' or ']'" : $"unexpected character '{c}'; expected ',' or ']'", _position);
            }
        }
    }

    private string ReadString()
    {
        var start = _position;
        _position++;
        StringBuilder? builder = null;
        var runStart = _position;
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonSyntaxException("unterminated string", start);
            }

            var c = _text[_position];
            if (c == '"')
            {
                var tail = _text.Substring(runStart, _position - runStart);
                _position++;
                return builder is null ? tail : builder.Append(tail).ToString();
            }

            if (c == '\n' || c == '\r')
            {
                throw new JsonSyntaxException("unterminated string (line break inside a string)", start);
            }

            if (c != '\\')
            {
                _position++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _position - runStart);
            _position++;
            var escape = _position < _text.Length ? _text[_position] : '\0';
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
                    if (_position + 4 >= _text.Length
                        || !int.TryParse(_text.Substring(_position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntaxException("invalid \\u escape in a string", _position - 1);
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonSyntaxException("invalid escape sequence in a string", _position - 1);
            }

            _position++;
            runStart = _position;
        }
    }

    private JsonValue ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        var digits = 0;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && (_text[_position - 1] == 'e' || _text[_position - 1] == 'E')))
            {
                if (c >= '0' && c <= '9')
                {
                    digits++;
                }

                _position++;
                continue;
            }

            break;
        }

        if (digits == 0)
        {
            throw new JsonSyntaxException("invalid number", start);
        }

        var text = _text.Substring(start, _position - start);
        return new JsonValue(JsonKind.Number, TextSpan.FromBounds(start, _position), text, null, null);
    }

    private JsonValue ReadLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw new JsonSyntaxException($"unexpected character '{Peek()}'; expected a value", _position);
        }

        var start = _position;
        _position += literal.Length;
        return new JsonValue(kind, TextSpan.FromBounds(start, _position), null, null, null);
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new JsonSyntaxException("unterminated /* comment", _position);
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }
}
