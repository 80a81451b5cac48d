using System;
using System.Collections.Generic;
using System.Linq;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// A project's operations contract (rules/RDY9100.md): the parts the analyzers reported through RDY9100 diagnostics
/// in the compiler's log ("host", "telemetry", "configuration"), merged. Each part is kept as the JSON the analyzer
/// wrote; the report copies it into readiness.json under <c>contract</c> and renders it in readiness.md
/// (<see cref="ContractMarkdown"/>).
/// </summary>
internal sealed class OperationsContract
{
    public const string SectionKey = "ReadinessContractSection";
    public const string DataKey = "ReadinessContractData";

    /// <summary>The parts in report order.</summary>
    public static readonly string[] Sections = ["host", "configuration", "telemetry"];

    private OperationsContract(Dictionary<string, JsonNode> parts)
    {
        Parts = parts;
    }

    /// <summary>Part name → its JSON; a part no analyzer reported is absent.</summary>
    public Dictionary<string, JsonNode> Parts { get; }

    public JsonNode? Host => Part("host");

    public JsonNode? Telemetry => Part("telemetry");

    public JsonNode? Configuration => Part("configuration");

    public JsonNode? Part(string name) => Parts.TryGetValue(name, out var node) ? node : null;

    /// <summary>
    /// The contract carried by <paramref name="results"/> (RDY9100 results of one compiler log), or null when there is
    /// none (the build did not request it: an IDE build, <c>ReadinessContract=false</c>, or an older package). A part
    /// reported more than once (a log with several runs) is merged: list members are joined without duplicates.
    /// Parts whose data cannot be read are skipped.
    /// </summary>
    public static OperationsContract? From(IEnumerable<SarifResult> results)
    {
        var parts = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        var any = false;
        foreach (var result in results)
        {
            if (!result.Properties.TryGetValue(SectionKey, out var section) || !result.Properties.TryGetValue(DataKey, out var data))
            {
                continue;
            }

            any = true;
            JsonNode node;
            try
            {
                node = JsonText.Parse(data);
            }
            catch (JsonFormatException)
            {
                continue;
            }

            if (node.AsObject is null)
            {
                continue;
            }

            parts[section] = parts.TryGetValue(section, out var existing) ? Merge(existing, node) : node;
        }

        return any ? new OperationsContract(parts) : null;
    }

    /// <summary>The <c>contract</c> object of a readiness.json (null or absent: none).</summary>
    public static OperationsContract? FromJson(JsonNode? node)
    {
        if (node?.AsObject is not { } members)
        {
            return null;
        }

        var parts = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var pair in members)
        {
            if (pair.Value.AsObject is not null)
            {
                parts[pair.Key] = pair.Value;
            }
        }

        return new OperationsContract(parts);
    }

    /// <summary>The <c>contract</c> object for <see cref="JsonTree"/>: every part, null for one not reported.</summary>
    public JsonObject ToTree()
    {
        var tree = new JsonObject();
        foreach (var section in Sections)
        {
            tree.Add(section, Part(section) is { } node ? ToTree(node) : null);
        }

        foreach (var pair in Parts.Where(p => Array.IndexOf(Sections, p.Key) < 0).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            tree.Add(pair.Key, ToTree(pair.Value));
        }

        return tree;
    }

    private static object? ToTree(JsonNode node) => node.Value switch
    {
        Dictionary<string, JsonNode> members => members.Aggregate(new JsonObject(), (o, p) =>
        {
            o.Add(p.Key, ToTree(p.Value));
            return o;
        }),
        List<JsonNode> items => items.Select(ToTree).ToList(),
        double number when number == Math.Floor(number) && Math.Abs(number) < int.MaxValue => (int)number,
        var other => other,
    };

    /// <summary>Two reports of one part: the first's values, each list extended by the second's items it lacks.</summary>
    private static JsonNode Merge(JsonNode first, JsonNode second)
    {
        var merged = new Dictionary<string, JsonNode>(first.AsObject!, StringComparer.Ordinal);
        foreach (var pair in second.AsObject!)
        {
            if (!merged.TryGetValue(pair.Key, out var existing))
            {
                merged[pair.Key] = pair.Value;
            }
            else if (existing.AsArray is { } left && pair.Value.AsArray is { } right)
            {
                var seen = new HashSet<string>(left.Select(n => JsonTree.Write(ToTree(n))), StringComparer.Ordinal);
                var items = new List<JsonNode>(left);
                items.AddRange(right.Where(n => seen.Add(JsonTree.Write(ToTree(n)))));
                merged[pair.Key] = JsonText.Parse(JsonTree.Write(items.Select(ToTree).ToList()));
            }
        }

        return JsonText.Parse(JsonTree.Write(merged.Aggregate(new JsonObject(), (o, p) =>
        {
            o.Add(p.Key, ToTree(p.Value));
            return o;
        })));
    }
}
