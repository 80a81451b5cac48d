using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// The part of a run both test kinds share: which diagnostic <c>[|…|]</c> and <c>{|#n:…|}</c> stand for, expected
/// messages, analyzer exceptions with their stacks, the extra passes, and a failure message that ends with the
/// actual findings as markup.
/// </summary>
internal sealed class ReadinessTestRun
{
    private ImmutableArray<Diagnostic> _firstDiagnostics = ImmutableArray<Diagnostic>.Empty;

    public ReadinessTestRun(DiagnosticAnalyzer[] analyzers)
    {
        if (analyzers.Length == 0)
        {
            throw new ArgumentException("At least one analyzer is needed.", nameof(analyzers));
        }

        Analyzers = analyzers.ToImmutableArray();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public AnalyzerExceptionLog Exceptions { get; } = new();

    /// <summary>The test state's project, as the library built it for its first analysis.</summary>
    public Project? FirstProject { get; private set; }

    public ImmutableHashSet<string> AnalyzerIds
        => Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();

    /// <summary><see cref="AnalyzerTest.DefaultDiagnosticId"/>, else the analyzers' only supported ID.</summary>
    public DiagnosticDescriptor? DefaultDescriptor(string? defaultDiagnosticId)
    {
        // The data channels (RDY91xx, e.g. RDY9100, the operations contract) are reported only when a build requests
        // them, never in a verifier run: they do not make a rule's markup ambiguous.
        var descriptors = Analyzers.SelectMany(a => a.SupportedDiagnostics).Where(d => !d.Id.StartsWith("RDY91", System.StringComparison.Ordinal)).ToList();
        if (defaultDiagnosticId is not null)
        {
            return descriptors.FirstOrDefault(d => d.Id == defaultDiagnosticId)
                ?? throw new VerificationException($"DefaultDiagnosticId {defaultDiagnosticId} is not reported by the analyzers ({string.Join(", ", AnalyzerIds)}).");
        }

        return descriptors.Select(d => d.Id).Distinct().Count() == 1 ? descriptors[0] : null;
    }

    public Compilation? FirstCompilation { get; private set; }

    public void CaptureProject(Project project, Compilation compilation)
    {
        if (FirstProject is null)
        {
            FirstProject = project;
            FirstCompilation = compilation;
        }
    }

    public void CaptureDiagnostics(ImmutableArray<(Project Project, Diagnostic Diagnostic)> diagnostics)
    {
        Exceptions.ThrowIfAny("while analysing the test source");
        if (_firstDiagnostics.IsEmpty)
        {
            _firstDiagnostics = diagnostics.Select(d => d.Diagnostic).ToImmutableArray();
        }
    }

    /// <summary>
    /// <c>{|#n:…|}</c> is a diagnostic of the default ID at that span (the library alone reads it as a bare location);
    /// <paramref name="messages"/> gives the exact message for some of them.
    /// </summary>
    public void AddIndexedDiagnostics(SolutionState state, IEnumerable<string> markups, IReadOnlyDictionary<int, string> messages, string? defaultDiagnosticId, bool requireEveryMessage)
    {
        var indices = markups.SelectMany(ProjectLayer.IndexedSpans).Distinct().ToList();
        if (requireEveryMessage)
        {
            foreach (var index in messages.Keys.Where(i => !indices.Contains(i)))
            {
                throw new VerificationException($"A message is expected for {{|#{index}:…|}}, but no span has that index.");
            }
        }

        if (indices.Count == 0)
        {
            return;
        }

        var descriptor = DefaultDescriptor(defaultDiagnosticId)
            ?? throw new VerificationException($"'{{|#n:…|}}' is ambiguous: the analyzers report {string.Join(", ", AnalyzerIds)}. Set DefaultDiagnosticId.");
        foreach (var index in indices)
        {
            var expected = new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity).WithLocation(index);
            state.ExpectedDiagnostics.Add(messages.TryGetValue(index, out var message) ? expected.WithMessage(message) : expected);
        }
    }

    public void AddDiagnosticsWithoutLocation(SolutionState state, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            var descriptor = Analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id);
            state.ExpectedDiagnostics.Add(new DiagnosticResult(id, descriptor?.DefaultSeverity ?? DiagnosticSeverity.Warning));
        }
    }

    /// <summary>Keeps the severities a real build would use: the library enables rules that are off by default, we do not.</summary>
    public static Project KeepDefaultSeverities(Project project)
    {
        var options = project.CompilationOptions!;
        var specific = options.SpecificDiagnosticOptions
            .Where(pair => pair.Key == "AD0001" || pair.Value == ReportDiagnostic.Suppress)
            .ToImmutableDictionary();
        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(specific));
    }

    public async Task RunExtraPassesAsync(bool typingPass, int typingStride, bool generatedCodePass)
    {
        if (FirstProject is null)
        {
            return;
        }

        if (typingPass)
        {
            await ExtraPasses.RunTypingPassAsync(FirstProject, FirstCompilation!, Analyzers, typingStride).ConfigureAwait(false);
        }

        if (generatedCodePass)
        {
            await ExtraPasses.RunGeneratedCodePassAsync(FirstProject, Analyzers).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the library's test; its failures become a <see cref="VerificationException"/> that ends with the actual findings as markup.</summary>
    public async Task RunAsync(Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (InvalidOperationException failure)
        {
            var actual = FirstProject is null ? string.Empty : await ActualMarkup.DescribeAsync(FirstProject, _firstDiagnostics.Where(d => d.Id != "AD0001").ToImmutableArray()).ConfigureAwait(false);
            throw new VerificationException(failure.Message + actual, failure);
        }
    }

    /// <summary>Typing pass by default only where the markup expects a diagnostic (it is the costly pass).</summary>
    public static bool ExpectsDiagnostics(IEnumerable<string> markups)
        => markups.Any(m => m.Contains("[|", StringComparison.Ordinal) || m.Contains("{|", StringComparison.Ordinal));
}
