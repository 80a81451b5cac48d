using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// The readiness table in a GitHub Actions job summary (the file <c>GITHUB_STEP_SUMMARY</c> names; the task writes it
/// when <c>GITHUB_ACTIONS=true</c>). Other steps and tools append to that file too, so the table is one block between
/// the markers <see cref="Start"/> and <see cref="End"/>, rewritten in place under the solution-wide lock
/// (<see cref="SolutionFile"/>); everything outside the markers is left as it is. The block is appended at the end the
/// first time. Its rows are kept in an HTML comment inside the block (GitHub does not render comments), so every
/// project of a parallel build adds itself to the one table instead of appending its own.
/// </summary>
internal static class StepSummary
{
    public const string Start = "<!-- readiness-analyzers:summary:start -->";

    public const string End = "<!-- readiness-analyzers:summary:end -->";

    private const string RowsStart = "<!-- readiness-analyzers:rows";

    private const string RowsEnd = "-->";

    public static bool Contribute(string summaryFile, SolutionRow row)
    {
        summaryFile = Path.GetFullPath(summaryFile);
        return SolutionFile.Contribute(summaryFile, row, ReadRows, rows => Write(summaryFile, rows), SolutionFile.LockTimeout);
    }

    /// <summary>The rows kept in the block, or none (no block yet, or one this version cannot read).</summary>
    public static List<SolutionRow> ReadRows(string? text)
    {
        if (text is null || !TryFindBlock(text, out var start, out var end))
        {
            return [];
        }

        var block = text.Substring(start, end - start);
        var rowsStart = block.IndexOf(RowsStart, StringComparison.Ordinal);
        var rowsEnd = rowsStart < 0 ? -1 : block.IndexOf(RowsEnd, rowsStart + RowsStart.Length, StringComparison.Ordinal);
        if (rowsEnd < 0)
        {
            return [];
        }

        try
        {
            return SolutionRow.FromJson(JsonText.Parse(block.Substring(rowsStart + RowsStart.Length, rowsEnd - rowsStart - RowsStart.Length)));
        }
        catch (JsonFormatException)
        {
            return [];
        }
    }

    /// <summary><paramref name="text"/> with the block for <paramref name="rows"/> in place of the old one (or appended).</summary>
    public static string Replace(string? text, string block)
    {
        text ??= string.Empty;
        if (TryFindBlock(text, out var start, out var end))
        {
            return text.Substring(0, start) + block + text.Substring(end);
        }

        var separator = text.Length == 0 ? string.Empty : text.EndsWith("\n", StringComparison.Ordinal) ? "\n" : "\n\n";
        return text + separator + block + "\n";
    }

    public static string Block(IReadOnlyList<LoadedRow> rows)
    {
        var b = new StringBuilder(Start).Append('\n');

        // '>' only occurs inside JSON strings, so escaping it everywhere keeps the JSON valid and "-->" out of the comment.
        var data = JsonTree.Write(rows.Select(r => r.Row.ToJson()).ToList()).Replace(">", "\\u003e");
        b.Append(RowsStart).Append('\n').Append(data).Append(RowsEnd).Append('\n');
        b.Append("### Readiness\n\n");
        SolutionTable.Append(b, rows, reportLink: null);
        b.Append('\n').Append(End);
        return b.ToString();
    }

    private static void Write(string summaryFile, List<SolutionRow> rows)
    {
        var folder = Path.GetDirectoryName(summaryFile)!;
        var current = File.Exists(summaryFile) ? File.ReadAllText(summaryFile) : null;
        ReadinessCheck.WriteIfChanged(summaryFile, Replace(current, Block(SolutionTable.Load(folder, rows))));
    }

    private static bool TryFindBlock(string text, out int start, out int end)
    {
        start = text.IndexOf(Start, StringComparison.Ordinal);
        var endMarker = start < 0 ? -1 : text.IndexOf(End, start, StringComparison.Ordinal);
        end = endMarker < 0 ? -1 : endMarker + End.Length;
        return end >= 0;
    }
}
