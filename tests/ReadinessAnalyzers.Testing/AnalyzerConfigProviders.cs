using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Testing;

/// <summary>Options of one file, as the compiler computes them from real <c>.editorconfig</c>/<c>.globalconfig</c> text.</summary>
internal sealed class DictionaryAnalyzerConfigOptions : AnalyzerConfigOptions
{
    private readonly ImmutableDictionary<string, string> _values;

    public DictionaryAnalyzerConfigOptions(ImmutableDictionary<string, string> values) => _values = values;

    public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);

    public override IEnumerable<string> Keys => _values.Keys;
}

/// <summary>Hands analyzers the options that <see cref="AnalyzerConfigSet"/> computes for each file path.</summary>
internal sealed class ConfigSetOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigSet _set;

    public ConfigSetOptionsProvider(AnalyzerConfigSet set)
    {
        _set = set;
        GlobalOptions = new DictionaryAnalyzerConfigOptions(set.GlobalConfigOptions.AnalyzerOptions);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => ForPath(tree.FilePath);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => ForPath(textFile.Path);

    private DictionaryAnalyzerConfigOptions ForPath(string path)
        => new(_set.GetOptionsForSourcePath(path).AnalyzerOptions);
}

/// <summary>Applies <c>dotnet_diagnostic.ID.severity</c> and <c>generated_code</c> the way the compiler does.</summary>
internal sealed class ConfigSetSyntaxTreeOptionsProvider : SyntaxTreeOptionsProvider
{
    private readonly AnalyzerConfigSet _set;

    public ConfigSetSyntaxTreeOptionsProvider(AnalyzerConfigSet set) => _set = set;

    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var options = _set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions;
        if (options.TryGetValue("generated_code", out var value))
        {
            return bool.TryParse(value, out var generated) && generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated;
        }

        return GeneratedKind.Unknown;
    }

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        => _set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        => _set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
}

/// <summary>An additional file (appsettings.json, a baseline) given to analyzers.</summary>
internal sealed class InMemoryAdditionalText : AdditionalText
{
    private readonly Microsoft.CodeAnalysis.Text.SourceText _text;

    public InMemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = Microsoft.CodeAnalysis.Text.SourceText.From(text, System.Text.Encoding.UTF8);
    }

    public override string Path { get; }

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
