using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Baseline;

/// <summary>
/// Suppresses the findings listed in the project's readiness baseline (an AdditionalFile, see
/// <see cref="BaselineDocument"/>), so accepted findings leave neither squiggles nor warnings nor the CI gate, while
/// every new finding still shows. It parses the baseline once per version of its text; a finding's fingerprint is the
/// syntax part its analyzer computed when reporting it (<see cref="FindingFingerprint.PropertyKey"/>) plus the file's
/// path relative to the baseline's folder. A malformed baseline suppresses nothing here; the build task reports it
/// (RDY9002) with its position.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BaselineSuppressor : DiagnosticSuppressor
{
    /// <summary>The item metadata the package's targets set on the baseline AdditionalFile.</summary>
    internal const string BaselineMetadataKey = "build_metadata.additionalfiles.readinessbaseline";

    private const string Justification = "Accepted in the readiness baseline (readiness.baseline.json); fix it and run 'dotnet build -t:ReadinessBaseline' to drop it";

    private static readonly ImmutableDictionary<string, SuppressionDescriptor> DescriptorsByRule = CreateDescriptors();

    /// <summary>Parsed baselines by text: parsed once per baseline version, not once per compilation or IDE edit
    /// (SuppressionAnalysisContext has no SourceTextValueProvider cache in Roslyn 4.5). Weak keys: no leak.</summary>
    private static readonly ConditionalWeakTable<SourceText, ParsedBaseline> ParsedBaselines = new();

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.CreateRange(DescriptorsByRule.Values);

    /// <summary>The suppression ID for a rule: RDY1001 → RDYB1001.</summary>
    internal static string SuppressionIdFor(string ruleId) => "RDYB" + ruleId.Substring(3);

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        var baselineFile = FindBaseline(context.Options);
        if (baselineFile is null)
        {
            return;
        }

        var baselineText = baselineFile.GetText(context.CancellationToken);
        var baseline = baselineText is null ? null : ParsedBaselines.GetValue(baselineText, static text => new ParsedBaseline(BaselineDocument.TryParse(text.ToString(), out _))).Document;
        if (baseline is null || baseline.Findings.Count == 0)
        {
            return;
        }

        var folder = DirectoryOf(baselineFile.Path);
        foreach (var diagnostic in context.ReportedDiagnostics)
        {
            if (DescriptorsByRule.TryGetValue(diagnostic.Id, out var descriptor)
                && Fingerprint(diagnostic, folder) is { } fingerprint
                && baseline.Contains(fingerprint))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    /// <summary>The finding's fingerprint: the syntax part the analyzer put in the diagnostic's properties plus the
    /// file's path relative to the baseline's folder; null when the diagnostic carries no syntax part.</summary>
    internal static FindingFingerprint? Fingerprint(Diagnostic diagnostic, string baselineFolder)
    {
        var location = diagnostic.Location;
        if (location.Kind == LocationKind.None)
        {
            return FindingFingerprint.ForNoLocation(diagnostic.Id);
        }

        var path = location.GetLineSpan().Path;
        diagnostic.Properties.TryGetValue(FindingFingerprint.PropertyKey, out var syntaxPart);
        return string.IsNullOrEmpty(path) ? null : FindingFingerprint.FromSyntaxPart(diagnostic.Id, baselineFolder, path, syntaxPart);
    }

    private static AdditionalText? FindBaseline(AnalyzerOptions options)
    {
        AdditionalText? byName = null;
        foreach (var file in options.AdditionalFiles)
        {
            if (options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(BaselineMetadataKey, out var marked)
                && string.Equals(marked.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return file;
            }

            if (byName is null && string.Equals(FileNameOf(file.Path), BaselineDocument.DefaultFileName, StringComparison.OrdinalIgnoreCase))
            {
                byName = file;
            }
        }

        return byName;
    }

    private static string DirectoryOf(string path)
    {
        var index = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return index < 0 ? string.Empty : path.Substring(0, index);
    }

    private static string FileNameOf(string path)
    {
        var index = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return index < 0 ? path : path.Substring(index + 1);
    }

    /// <summary>One suppression per analyzer rule ID declared in <see cref="RuleIdentifiers"/>, so rules added later
    /// are covered without touching this class. The build task's own IDs (RDY9xxx) are not compiler diagnostics.</summary>
    private static ImmutableDictionary<string, SuppressionDescriptor> CreateDescriptors()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, SuppressionDescriptor>(StringComparer.Ordinal);
        foreach (var field in typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string id && id.StartsWith("RDY", StringComparison.Ordinal)
                && !id.StartsWith("RDY9", StringComparison.Ordinal) && !builder.ContainsKey(id))
            {
                builder.Add(id, new SuppressionDescriptor(SuppressionIdFor(id), id, Justification));
            }
        }

        return builder.ToImmutable();
    }

    private sealed class ParsedBaseline
    {
        public ParsedBaseline(BaselineDocument? document) => Document = document;

        /// <summary>Null when the file is malformed: nothing is suppressed (the build task reports RDY9002).</summary>
        public BaselineDocument? Document { get; }
    }
}
