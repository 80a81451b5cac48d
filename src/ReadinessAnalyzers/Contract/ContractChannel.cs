using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Contract;

/// <summary>
/// The channel that carries the operations contract (health endpoints, dependencies, configuration keys,
/// telemetry, hosted services) from the analyzers, which know it, to the MSBuild task, which writes it into
/// <c>readiness.md</c>/<c>readiness.json</c>. Analyzers cannot write files; what they can do is report an
/// <see cref="DiagnosticSeverity.Info"/> diagnostic with <see cref="Location.None"/> and a properties
/// dictionary: the compiler writes it to its SARIF log (properties under <c>properties.customProperties</c>)
/// and does not print it at normal verbosity. The descriptor is tagged <c>NotConfigurable</c>, so no
/// <c>.editorconfig</c> line or rule set can raise it to a warning or switch it off.
/// <para>
/// Each analyzer that knows a part of the contract reports one diagnostic per compilation with
/// <see cref="SectionKey"/> naming its part and <see cref="DataKey"/> holding that part as compact JSON
/// (written with <see cref="ContractJson"/>). The task merges the parts per project. Nothing is reported unless
/// the build asked for the contract (<see cref="IsRequested"/>): the editor never sees these diagnostics and
/// pays nothing for them.
/// </para>
/// </summary>
internal static class ContractChannel
{
    /// <summary>Property naming the part of the contract: one of the <c>Section*</c> constants.</summary>
    public const string SectionKey = "ReadinessContractSection";

    /// <summary>Property holding the part as compact JSON.</summary>
    public const string DataKey = "ReadinessContractData";

    public const string SectionHost = "host";
    public const string SectionTelemetry = "telemetry";
    public const string SectionConfiguration = "configuration";

    /// <summary>The MSBuild property (compiler-visible) that the package's targets set on command-line builds that write a report.</summary>
    public const string RequestProperty = "build_property.ReadinessContract";

    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        RuleIdentifiers.OperationsContract,
        "Operations contract (data for the readiness report)",
        "Operations contract: {0}",
        RuleCategories.Build,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        "Carries a part of the project's operations contract from the analyzers to the readiness report. It is not a finding: it has no location, is not printed at normal verbosity, is not counted, and cannot be configured.",
        [WellKnownDiagnosticTags.NotConfigurable, WellKnownDiagnosticTags.CompilationEnd]);

    /// <summary>Whether this compilation's build asked for the contract (the package's targets set <see cref="RequestProperty"/> to true).</summary>
    public static bool IsRequested(AnalyzerOptions options)
        => options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(RequestProperty, out var value)
        && string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>The diagnostic that carries <paramref name="json"/> as the contract's <paramref name="section"/>.</summary>
    public static Diagnostic Create(string section, string json)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[SectionKey] = section;
        properties[DataKey] = json;
        return ReadinessDiagnostic.Create(Descriptor, Location.None, properties.ToImmutable(), section);
    }
}

/// <summary>A minimal writer of compact JSON for the contract channel (the analyzers cannot depend on a JSON library).</summary>
internal sealed class ContractJson
{
    private readonly StringBuilder text = new();
    // Per open object or array: is the next member its first? An array rather than a Stack<bool>: a framework collection
    // over a value type cannot ship precompiled and would be compiled just in time in every compiler process.
    private bool[] first = new bool[8];
    private int depth;

    public ContractJson BeginObject(string? name = null) => Open(name, '{');

    public ContractJson EndObject() => Close('}');

    public ContractJson BeginArray(string? name = null) => Open(name, '[');

    public ContractJson EndArray() => Close(']');

    public ContractJson String(string? name, string? value)
    {
        Name(name);
        if (value is null)
        {
            text.Append("null");
        }
        else
        {
            Quote(value);
        }

        return this;
    }

    public ContractJson Number(string? name, long value)
    {
        Name(name);
        text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public ContractJson Bool(string? name, bool value)
    {
        Name(name);
        text.Append(value ? "true" : "false");
        return this;
    }

    public override string ToString() => text.ToString();

    private ContractJson Open(string? name, char bracket)
    {
        Name(name);
        text.Append(bracket);
        if (depth == first.Length)
        {
            var larger = new bool[depth * 2];
            Array.Copy(first, larger, depth);
            first = larger;
        }

        first[depth++] = true;
        return this;
    }

    private ContractJson Close(char bracket)
    {
        depth--;
        text.Append(bracket);
        return this;
    }

    private void Name(string? name)
    {
        if (depth > 0)
        {
            if (!first[depth - 1])
            {
                text.Append(',');
            }

            first[depth - 1] = false;
        }

        if (name is not null)
        {
            Quote(name);
            text.Append(':');
        }
    }

    private void Quote(string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
