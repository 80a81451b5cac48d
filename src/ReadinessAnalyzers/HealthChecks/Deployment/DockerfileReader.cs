using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// A small Dockerfile reader: logical lines (escape-character continuations, comments and blank lines inside them
/// dropped, the <c># escape=</c> directive honoured), BuildKit heredocs, instructions with their JSON-array (exec) or
/// shell forms, build stages, and simple <c>ARG</c>/<c>ENV</c> substitution. Keeps positions for findings. What
/// <c>docker build</c> rejects (an unknown instruction, an instruction before the first <c>FROM</c>, a <c>FROM</c>
/// without image, a <c>HEALTHCHECK</c> without <c>CMD</c> or <c>NONE</c>) makes the file unreadable.
/// </summary>
internal static class DockerfileReader
{
    private static readonly HashSet<string> KnownInstructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
        "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
    };

    private static readonly HashSet<string> HealthcheckOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "interval", "timeout", "start-period", "start-interval", "retries",
    };

    private static readonly Regex Directive = new(@"^\s*#\s*([a-zA-Z]+)\s*=\s*(\S*)\s*$", RegexOptions.CultureInvariant);

    private static readonly Regex Heredoc = new(@"<<-?[""']?([A-Za-z_][A-Za-z0-9_]*)[""']?", RegexOptions.CultureInvariant);

    public static DockerfileModel Read(SourceText text)
    {
        try
        {
            return ReadCore(text);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A defect of this reader, not of the file: read nothing rather than claim the file is broken.
            return new DockerfileModel(text, ImmutableArray<DockerStage>.Empty, error: null);
        }
    }

    private static DockerfileModel ReadCore(SourceText text)
    {
        var instructions = Instructions(text);
        var stages = ImmutableArray.CreateBuilder<DockerStage>();
        var globalArguments = new Dictionary<string, string>(StringComparer.Ordinal);
        Dictionary<string, string> variables = new(StringComparer.Ordinal);
        DockerStage? stage = null;
        foreach (var instruction in instructions)
        {
            if (!KnownInstructions.Contains(instruction.Keyword))
            {
                return Unreadable(text, stages, $"unknown instruction '{instruction.Keyword}'", instruction);
            }

            var keyword = instruction.Keyword.ToUpperInvariant();
            if (stage is null && keyword is not "FROM" and not "ARG")
            {
                return Unreadable(text, stages, $"'{keyword}' comes before the first FROM", instruction);
            }

            var words = instruction.Words();
            switch (keyword)
            {
                case "FROM":
                    {
                        var index = 0;
                        while (index < words.Count && words[index].Text.StartsWith("--", StringComparison.Ordinal))
                        {
                            index++;
                        }

                        if (index >= words.Count)
                        {
                            return Unreadable(text, stages, "FROM names no image", instruction);
                        }

                        var image = Substitute(words[index].Text, globalArguments);
                        string? name = index + 2 < words.Count && words[index + 1].Text.Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[index + 2].Text : null;
                        stage = new DockerStage(stages.Count, new Located(image, instruction.Span(words[index])), name);
                        stages.Add(stage);
                        variables = new Dictionary<string, string>(StringComparer.Ordinal);
                        break;
                    }

                case "ARG":
                    foreach (var word in words)
                    {
                        var equals = word.Text.IndexOf('=');
                        var name = equals < 0 ? word.Text : word.Text.Substring(0, equals);
                        var target = stage is null ? globalArguments : variables;
                        if (equals >= 0)
                        {
                            target[name] = Unquote(Substitute(word.Text.Substring(equals + 1), stage is null ? globalArguments : variables));
                        }
                        else if (stage is not null && globalArguments.TryGetValue(name, out var inherited))
                        {
                            variables[name] = inherited;
                        }
                    }

                    break;
                case "ENV":
                    ReadEnvironment(instruction, words, stage!, variables);
                    break;
                case "EXPOSE":
                    foreach (var word in words)
                    {
                        var port = Substitute(word.Text, variables);
                        var slash = port.IndexOf('/');
                        port = slash < 0 ? port : port.Substring(0, slash);
                        if (IsPort(port))
                        {
                            stage!.ExposedPorts.Add(new Located(port, instruction.Span(word)));
                        }
                    }

                    break;
                case "HEALTHCHECK":
                    {
                        var healthcheck = ReadHealthcheck(instruction, words, out var problem);
                        if (healthcheck is null)
                        {
                            return Unreadable(text, stages, problem!, instruction);
                        }

                        stage!.Healthcheck = healthcheck;
                        break;
                    }

                case "RUN":
                    stage!.Runs.Add(instruction.Arguments);
                    break;
                case "COPY":
                case "ADD":
                    stage!.Copies.Add(instruction.Arguments);
                    break;
                case "WORKDIR":
                    stage!.WorkDirectories.Add(Substitute(instruction.Arguments, variables));
                    break;
            }
        }

        if (stages.Count == 0)
        {
            return new DockerfileModel(text, stages.ToImmutable(), new DescriptorError("the file has no FROM instruction", 1, 1));
        }

        return new DockerfileModel(text, stages.ToImmutable(), error: null);
    }

    private static DockerfileModel Unreadable(SourceText text, ImmutableArray<DockerStage>.Builder stages, string message, Instruction instruction)
        => new(text, stages.ToImmutable(), new DescriptorError(message, instruction.Line, instruction.Column));

    private static void ReadEnvironment(Instruction instruction, List<Word> words, DockerStage stage, Dictionary<string, string> variables)
    {
        if (words.Count == 0)
        {
            return;
        }

        if (words[0].Text.IndexOf('=') < 0)
        {
            // Legacy form: ENV NAME value with spaces
            var name = words[0].Text;
            var start = words.Count > 1 ? words[1].Start : words[0].End;
            var value = instruction.Arguments.Substring(Math.Min(start, instruction.Arguments.Length)).Trim();
            var substituted = Unquote(Substitute(value, variables));
            variables[name] = substituted;
            stage.Environment.Add((name, new Located(substituted, instruction.Span(new Word(value, start, instruction.Arguments.Length)))));
            return;
        }

        foreach (var word in words)
        {
            var equals = word.Text.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var name = word.Text.Substring(0, equals);
            var value = Unquote(Substitute(word.Text.Substring(equals + 1), variables));
            variables[name] = value;
            stage.Environment.Add((name, new Located(value, instruction.Span(new Word(word.Text.Substring(equals + 1), word.Start + equals + 1, word.End)))));
        }
    }

    private static DockerHealthcheck? ReadHealthcheck(Instruction instruction, List<Word> words, out string? problem)
    {
        problem = null;
        var index = 0;
        while (index < words.Count && words[index].Text.StartsWith("--", StringComparison.Ordinal))
        {
            var option = words[index].Text.Substring(2);
            var equals = option.IndexOf('=');
            var name = equals < 0 ? option : option.Substring(0, equals);
            if (!HealthcheckOptions.Contains(name))
            {
                problem = $"HEALTHCHECK has an unknown option '--{name}'";
                return null;
            }

            index++;
        }

        if (index < words.Count && words[index].Text.Equals("NONE", StringComparison.OrdinalIgnoreCase))
        {
            return new DockerHealthcheck(none: true, execForm: false, ImmutableArray<string>.Empty, string.Empty, instruction.Span(words[index]));
        }

        if (index >= words.Count || !words[index].Text.Equals("CMD", StringComparison.OrdinalIgnoreCase) || index + 1 >= words.Count)
        {
            problem = "HEALTHCHECK needs 'CMD <command>' or 'NONE'";
            return null;
        }

        var commandStart = words[index + 1].Start;
        var command = instruction.Arguments.Substring(commandStart).Trim();
        var span = instruction.Span(new Word(command, commandStart, commandStart + command.Length));
        if (JsonStrings(command) is { } exec)
        {
            return new DockerHealthcheck(none: false, execForm: true, exec, command, span);
        }

        var shellWords = ImmutableArray.CreateBuilder<string>();
        foreach (var word in Split(command))
        {
            shellWords.Add(Unquote(word.Text));
        }

        return new DockerHealthcheck(none: false, execForm: false, shellWords.ToImmutable(), command, span);
    }

    private static bool IsPort(string text)
        => text.Length is > 0 and <= 5 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;

    /// <summary><c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c> from the known values; unknown names stay as written.</summary>
    internal static string Substitute(string value, IReadOnlyDictionary<string, string> known)
    {
        if (value.IndexOf('$') < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '{')
            {
                var close = value.IndexOf('}', i + 2);
                if (close < 0)
                {
                    result.Append(value, i, value.Length - i);
                    break;
                }

                var inner = value.Substring(i + 2, close - i - 2);
                var colon = inner.IndexOf(":-", StringComparison.Ordinal);
                var name = colon < 0 ? inner : inner.Substring(0, colon);
                if (known.TryGetValue(name, out var found) && found.Length > 0)
                {
                    result.Append(found);
                }
                else if (colon >= 0)
                {
                    result.Append(inner.Substring(colon + 2));
                }
                else
                {
                    result.Append(value, i, close - i + 1);
                }

                i = close;
                continue;
            }

            var end = i + 1;
            while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            var plain = value.Substring(i + 1, end - i - 1);
            if (plain.Length > 0 && known.TryGetValue(plain, out var plainValue))
            {
                result.Append(plainValue);
            }
            else
            {
                result.Append(value, i, end - i);
            }

            i = end - 1;
        }

        return result.ToString();
    }

    internal static string Unquote(string value)
        => value.Length >= 2 && ((value[0] == '"' && value[value.Length - 1] == '"') || (value[0] == '\'' && value[value.Length - 1] == '\''))
            ? value.Substring(1, value.Length - 2)
            : value;

    /// <summary>A JSON array of strings (<c>["curl", "-f", "…"]</c>), or null when the text is not one (Docker then runs it as a shell command).</summary>
    internal static ImmutableArray<string>? JsonStrings(string text)
    {
        var i = 0;
        SkipSpace(text, ref i);
        if (i >= text.Length || text[i] != '[')
        {
            return null;
        }

        i++;
        var items = ImmutableArray.CreateBuilder<string>();
        SkipSpace(text, ref i);
        if (i < text.Length && text[i] == ']')
        {
            i++;
            SkipSpace(text, ref i);
            return i == text.Length ? items.ToImmutable() : null;
        }

        while (i < text.Length)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length || text[i] != '"')
            {
                return null;
            }

            var item = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    switch (text[i])
                    {
                        case 'n': item.Append('\n'); break;
                        case 't': item.Append('\t'); break;
                        case 'u' when i + 4 < text.Length && int.TryParse(text.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                            item.Append((char)code);
                            i += 4;
                            break;
                        default: item.Append(text[i]); break;
                    }
                }
                else
                {
                    item.Append(text[i]);
                }

                i++;
            }

            if (i >= text.Length)
            {
                return null;
            }

            i++;
            items.Add(item.ToString());
            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] == ']')
            {
                i++;
                SkipSpace(text, ref i);
                return i == text.Length ? items.ToImmutable() : null;
            }

            return null;
        }

        return null;
    }

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    /// <summary>Whitespace-separated words; quotes keep spaces together (and stay in the word).</summary>
    internal static List<Word> Split(string text, int offset = 0)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            char quote = '\0';
            while (i < text.Length && (quote != '\0' || !char.IsWhiteSpace(text[i])))
            {
                if (quote == '\0' && (text[i] == '"' || text[i] == '\''))
                {
                    quote = text[i];
                }
                else if (quote != '\0' && text[i] == quote)
                {
                    quote = '\0';
                }
                else if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                i++;
            }

            words.Add(new Word(text.Substring(start, i - start), offset + start, offset + i));
        }

        return words;
    }

    private static List<Instruction> Instructions(SourceText text)
    {
        var result = new List<Instruction>();
        var lines = text.Lines;
        var escape = '\\';
        var i = 0;
        while (i < lines.Count)
        {
            var match = Directive.Match(lines[i].ToString());
            if (!match.Success)
            {
                break;
            }

            if (match.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && match.Groups[2].Value == "`")
            {
                escape = '`';
            }

            i++;
        }

        while (i < lines.Count)
        {
            var line = lines[i].ToString();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                i++;
                continue;
            }

            var startLine = i;
            var joined = new StringBuilder();
            var segments = new List<(int Joined, int Position)>();
            var first = true;
            while (i < lines.Count)
            {
                var current = lines[i].ToString();
                var skip = first ? current.Length - current.TrimStart().Length : 0;
                first = false;
                var content = current.Substring(skip);
                var end = content.TrimEnd();
                segments.Add((joined.Length, lines[i].Start + skip));
                i++;
                if (end.Length > 0 && end[end.Length - 1] == escape)
                {
                    joined.Append(end, 0, end.Length - 1);
                    while (i < lines.Count && (lines[i].ToString().Trim().Length == 0 || lines[i].ToString().TrimStart().StartsWith("#", StringComparison.Ordinal)))
                    {
                        i++;
                    }

                    continue;
                }

                joined.Append(content);
                break;
            }

            var all = joined.ToString();
            var keywordEnd = 0;
            while (keywordEnd < all.Length && !char.IsWhiteSpace(all[keywordEnd]))
            {
                keywordEnd++;
            }

            var argumentsStart = keywordEnd;
            while (argumentsStart < all.Length && char.IsWhiteSpace(all[argumentsStart]))
            {
                argumentsStart++;
            }

            var keyword = all.Substring(0, keywordEnd);
            var arguments = all.Substring(argumentsStart);
            if (Heredoc.Match(arguments) is { Success: true } heredoc && keyword.ToUpperInvariant() is "RUN" or "COPY" or "ADD")
            {
                var delimiter = heredoc.Groups[1].Value;
                var body = new StringBuilder();
                while (i < lines.Count)
                {
                    var bodyLine = lines[i].ToString();
                    i++;
                    if (bodyLine.Trim() == delimiter)
                    {
                        break;
                    }

                    body.Append('\n').Append(bodyLine);
                }

                arguments += body.ToString();
            }

            var linePosition = text.Lines.GetLinePosition(segments[0].Position);
            result.Add(new Instruction(keyword, arguments, argumentsStart, segments, startLine + 1, linePosition.Character + 1, text));
        }

        return result;
    }

    internal readonly struct Word
    {
        public Word(string text, int start, int end)
        {
            Text = text;
            Start = start;
            End = end;
        }

        public string Text { get; }

        /// <summary>Offsets in the instruction's arguments.</summary>
        public int Start { get; }

        public int End { get; }
    }

    /// <summary>A logical line: keyword, arguments (continuations joined) and how offsets map back to the text.</summary>
    private sealed class Instruction
    {
        private readonly int _argumentsStart;
        private readonly List<(int Joined, int Position)> _segments;
        private readonly SourceText _text;

        public Instruction(string keyword, string arguments, int argumentsStart, List<(int Joined, int Position)> segments, int line, int column, SourceText text)
        {
            Keyword = keyword;
            Arguments = arguments;
            _argumentsStart = argumentsStart;
            _segments = segments;
            Line = line;
            Column = column;
            _text = text;
        }

        public string Keyword { get; }

        public string Arguments { get; }

        public int Line { get; }

        public int Column { get; }

        public List<Word> Words() => Split(Arguments);

        /// <summary>The text span of a word, cut at the end of its physical line.</summary>
        public TextSpan Span(Word word)
        {
            var joined = _argumentsStart + word.Start;
            var segment = _segments[0];
            foreach (var candidate in _segments)
            {
                if (candidate.Joined <= joined)
                {
                    segment = candidate;
                }
            }

            var position = Math.Min(segment.Position + (joined - segment.Joined), _text.Length);
            var lineEnd = _text.Lines.GetLineFromPosition(position).End;
            return new TextSpan(position, Math.Max(0, Math.Min(word.End - word.Start, lineEnd - position)));
        }
    }
}
