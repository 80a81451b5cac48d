using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ReadinessAnalyzers.Baseline;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// The "Operations contract" section of readiness.md and of the solution's contract.md: tables of health endpoints,
/// addresses, dependencies and the check covering each, configuration keys, telemetry and hosted services, as an SRE
/// reads them before taking a service on call. Paths are shown relative to the project's folder.
/// </summary>
internal static class ContractMarkdown
{
    /// <summary>Appends the contract under headings of level <paramref name="level"/> (2: "##").</summary>
    public static void Append(StringBuilder b, OperationsContract? contract, string projectDirectory, int level)
    {
        var h = new string('#', level);
        var h2 = h + "#";
        b.Append(h).Append(" Operations contract\n\n");
        if (contract is null)
        {
            b.Append("Not collected in this build (the analyzers report it only in command-line builds with `ReadinessContract` on; see [RDY9100](")
                .Append(RuleIdentifiers.GetHelpUri(RuleIdentifiers.OperationsContract)).Append(")).\n");
            return;
        }

        var host = contract.Host;
        if (host is null)
        {
            b.Append("Not a service host (no web app or worker with hosted services was found): only the configuration and telemetry this project contributes are listed.\n\n");
        }
        else
        {
            var builder = host["hostBuilder"];
            b.Append("Host: **").Append(Text(host["kind"])).Append("**, built by ").Append(Code(Text(builder?["call"]))).Append(" (")
                .Append(Where(builder, projectDirectory)).Append(").\n\n");

            var elsewhere = host["configuredElsewhere"]?.AsArray;
            if (elsewhere is { Count: > 0 })
            {
                b.Append("Configured in other assemblies, whose code the analyzers cannot see (what they add is not listed below):\n\n");
                foreach (var call in elsewhere)
                {
                    b.Append("- ").Append(Code(Text(call["call"]))).Append(" (").Append(Escape(Text(call["assembly"]))).Append("): may add ")
                        .Append(string.Join(", ", (call["may"]?.AsArray ?? new List<JsonNode>()).Select(Text))).Append(" — ")
                        .Append(Where(call, projectDirectory)).Append('\n');
                }

                b.Append('\n');
            }

            b.Append(h2).Append(" Health endpoints\n\n");
            Table(b, host["healthEndpoints"], "No health endpoint is mapped.", ["Path", "Role", "Runs", "Restrictions", "Where"], e =>
            [
                Code(Text(e["path"])),
                Text(e["role"]),
                e["checks"]?.AsArray is { } checks ? (checks.Count == 0 ? "no checks" : List(checks)) : "unknown (" + Text(e["selection"]) + ")",
                e["restrictions"]?.AsArray is { Count: > 0 } restrictions ? List(restrictions) : "none",
                Where(e, projectDirectory),
            ]);

            b.Append(h2).Append(" Health checks\n\n");
            Table(b, host["healthChecks"], "No health check is registered.", ["Name", "Registration", "Tags", "Where"], c =>
            [
                Text(c["name"]) is { Length: > 0 } name ? Escape(name) : "(not a constant)",
                Code(Text(c["registration"])),
                List(c["tags"]?.AsArray),
                Where(c, projectDirectory),
            ]);

            b.Append(h2).Append(" Listening addresses\n\n");
            Table(b, host["listen"], "None set in code or settings (the defaults apply: ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS, else port 8080 in the .NET 8+ container images, 5000 otherwise).", ["Address", "Set by", "Where"], a =>
            [
                Code(Text(a["address"])),
                Escape(Text(a["source"])),
                Where(a, projectDirectory),
            ]);

            b.Append(h2).Append(" Dependencies\n\n");
            Table(b, host["dependencies"], "No external dependency is registered.", ["Dependency", "Registration", "Covered by health check", "Where"], d =>
            [
                Escape(Text(d["dependency"])),
                Code(Text(d["registration"])),
                Text(d["coveredBy"]) is { Length: > 0 } check ? Escape(check) : "**none**",
                Where(d, projectDirectory),
            ]);

            b.Append(h2).Append(" Hosted services\n\n");
            Table(b, host["hostedServices"], "No hosted service is registered.", ["Service", "Log category", "Where"], s =>
            [
                Code(Text(s["type"])),
                Text(s["logCategory"]) is { Length: > 0 } category ? Code(category) : "-",
                Where(s, projectDirectory),
            ]);
        }

        b.Append(h2).Append(" Configuration keys\n\n");
        if (contract.Configuration is null)
        {
            b.Append("Not reported.\n\n");
        }
        else
        {
            Table(b, contract.Configuration["keys"], "No configuration key is read.", ["Key", "Read by", "Required", "Default", "Provided by", "Declared", "Where"], k =>
            [
                Code(Text(k["key"])),
                Escape(Text(k["kind"])),
                k["required"]?.Value is true ? "yes" : "no",
                k["hasDefault"]?.Value is true ? "yes" : "no",
                k["providedBy"]?.AsArray is { Count: > 0 } files ? List(files) : "**nothing**",
                Escape(Text(k["declared"])),
                Where(k, projectDirectory),
            ]);
        }

        b.Append(h2).Append(" Telemetry\n\n");
        if (contract.Telemetry is null)
        {
            b.Append("Not reported (the project references neither ActivitySource nor Meter).\n");
        }
        else
        {
            Table(b, contract.Telemetry["sources"], "No ActivitySource or Meter is created.", ["Kind", "Name", "Exported", "Why", "Where"], t =>
            [
                Text(t["kind"]),
                Text(t["name"]) is { Length: > 0 } name ? Code(name) : "(computed)",
                Text(t["exported"]) == "no" ? "**no**" : Text(t["exported"]),
                Escape(Text(t["reason"])),
                Where(t, projectDirectory),
            ]);
        }
    }

    private static void Table(StringBuilder b, JsonNode? rows, string empty, string[] headings, Func<JsonNode, string[]> cells)
    {
        var items = rows?.AsArray;
        if (items is null || items.Count == 0)
        {
            b.Append(empty).Append("\n\n");
            return;
        }

        b.Append("| ").Append(string.Join(" | ", headings)).Append(" |\n|").Append(string.Concat(headings.Select(_ => "---|"))).Append('\n');
        foreach (var item in items)
        {
            b.Append("| ").Append(string.Join(" | ", cells(item))).Append(" |\n");
        }

        b.Append('\n');
    }

    private static string Text(JsonNode? node) => node?.AsString ?? string.Empty;

    private static string List(List<JsonNode>? items)
        => items is null || items.Count == 0 ? "-" : string.Join(", ", items.Select(i => Code(i.AsString ?? string.Empty)));

    /// <summary>"Program.cs:12", relative to the project's folder.</summary>
    private static string Where(JsonNode? node, string projectDirectory)
    {
        if (node?["file"]?.AsString is not { Length: > 0 } file)
        {
            return "-";
        }

        var shown = projectDirectory.Length > 0 && Path.IsPathRooted(file) ? SolutionFile.Relative(projectDirectory, file) : file;
        var line = node["line"]?.AsNumber is { } number && number > 0 ? ":" + ((int)number).ToString(CultureInfo.InvariantCulture) : string.Empty;
        return Code(shown + line);
    }

    private static string Code(string text) => text.Length == 0 ? "-" : "`" + text.Replace("`", "'").Replace("|", "\\|") + "`";

    /// <summary>The report's Markdown escaping; an empty cell reads "-".</summary>
    private static string Escape(string text) => text.Length == 0 ? "-" : ReadinessReport.Escape(text);
}
