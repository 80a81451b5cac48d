using System.Collections.Generic;
using System.Globalization;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>A JSON object that keeps its members in the order they were added (the solution-wide files are diffable).</summary>
internal sealed class JsonObject : List<KeyValuePair<string, object?>>
{
    public void Add(string name, object? value) => Add(new KeyValuePair<string, object?>(name, value));
}

/// <summary>
/// Writes a tree of <see cref="JsonObject"/>, lists (arrays), strings, integers, booleans and null as indented JSON
/// (two spaces, '\n' line ends). Reading goes through <see cref="JsonText"/>; the task has no other JSON library.
/// </summary>
internal static class JsonTree
{
    public static string Write(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value, 0);
        return builder.Append('\n').ToString();
    }

    /// <summary>Appends <paramref name="value"/> as if it stood at depth <paramref name="indent"/> of a document.</summary>
    public static void Write(StringBuilder b, object? value, int indent)
    {
        switch (value)
        {
            case null:
                b.Append("null");
                break;
            case string text:
                JsonText.WriteString(b, text);
                break;
            case bool flag:
                b.Append(flag ? "true" : "false");
                break;
            case int number:
                b.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonObject members:
                if (members.Count == 0)
                {
                    b.Append("{}");
                    break;
                }

                b.Append("{\n");
                for (var i = 0; i < members.Count; i++)
                {
                    b.Append(' ', (indent + 1) * 2);
                    JsonText.WriteString(b, members[i].Key);
                    b.Append(": ");
                    Write(b, members[i].Value, indent + 1);
                    b.Append(i < members.Count - 1 ? ",\n" : "\n");
                }

                b.Append(' ', indent * 2).Append('}');
                break;
            case System.Collections.IEnumerable items:
                var first = true;
                foreach (var item in items)
                {
                    b.Append(first ? "[\n" : ",\n").Append(' ', (indent + 1) * 2);
                    Write(b, item, indent + 1);
                    first = false;
                }

                b.Append(first ? "[]" : "\n" + new string(' ', indent * 2) + "]");
                break;
            default:
                JsonText.WriteString(b, System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
