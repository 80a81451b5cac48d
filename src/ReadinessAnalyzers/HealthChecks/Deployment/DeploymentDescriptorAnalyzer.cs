using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// RDY3012 (HEALTHCHECK tool missing in the image) and RDY3013 (descriptor cannot be read): the deployment rules that
/// need no code model. Runs only when the build passes descriptor files (metadata <c>ReadinessDeployment</c>); each
/// file is parsed once per compilation through the providers it shares with the host analyzer. Reports only on the
/// files that belong to this project (<see cref="ProjectIdentity"/>), so a shared manifest is not reported by every
/// project that sees it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeploymentDescriptorAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DeploymentRules.HealthCheckToolMissing,
        DeploymentRules.DescriptorUnreadable);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            // The test-project decision reads names only (no binding): cheap enough for the start action.
            var entries = DeploymentFiles.Find(start.Options);
            if (entries.IsEmpty || TestProjects.IsTestProject(start.Compilation))
            {
                return;
            }

            var identity = ProjectIdentity.Create(start.Options, start.Compilation);
            start.RegisterAdditionalFileAction(file => Analyze(file, entries, identity));
        });
    }

    private static void Analyze(AdditionalFileAnalysisContext context, ImmutableArray<DescriptorEntry> entries, ProjectIdentity identity)
    {
        var entry = entries.FirstOrDefault(e => ReferenceEquals(e.File, context.AdditionalFile))
            ?? entries.FirstOrDefault(e => string.Equals(e.File.Path, context.AdditionalFile.Path, StringComparison.Ordinal));
        if (entry is null || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        // Whether the file names the project, asked at most once (it reads the whole text).
        bool? mayOwn = null;
        bool MayOwn() => mayOwn ??= identity.MayOwn(entry, text.ToString());

        DescriptorError? error;
        DockerfileModel? dockerfile = null;
        switch (entry.Kind)
        {
            case DescriptorKind.Dockerfile:
                dockerfile = DescriptorParser.Dockerfile(text);
                error = dockerfile.Error;
                break;
            case DescriptorKind.Kubernetes:
                // The documents that name the project (all of them in the project's folder): the others belong to
                // other services, which report their own errors.
                error = DescriptorParser.Manifest(text).Mentioning(entry.OwnedByFolder ? null : identity.Names).Select(d => d.Error).FirstOrDefault(e => e is not null);
                break;
            default:
                error = MayOwn() ? DescriptorParser.Compose(text).Error : null;
                break;
        }

        if (error is not null)
        {
            if (entry.Kind != DescriptorKind.Dockerfile || MayOwn())
            {
                ReportUnreadable(context, entry, text, error);
            }

            return;
        }

        if (dockerfile is not null && identity.Owns(entry, dockerfile) && ToolCheck.Find(dockerfile) is { } missing)
        {
            var location = DescriptorText.Location(entry.File.Path, text, missing.Healthcheck.CommandSpan);
            context.ReportDiagnostic(ReadinessDiagnostic.InFile(DeploymentRules.HealthCheckToolMissing, location, text, severity: null, missing.What, missing.Image, missing.Why, missing.Fix));
        }
    }

    private static void ReportUnreadable(AdditionalFileAnalysisContext context, DescriptorEntry entry, SourceText text, DescriptorError error)
    {
        var span = DescriptorText.At(text, error.Line, error.Column, 1);
        var rejectedBy = entry.Kind switch
        {
            DescriptorKind.Dockerfile => "docker build",
            DescriptorKind.Kubernetes => "kubectl",
            _ => "docker compose",
        };
        context.ReportDiagnostic(ReadinessDiagnostic.InFile(
            DeploymentRules.DescriptorUnreadable,
            DescriptorText.Location(entry.File.Path, text, span),
            text,
            severity: null,
            Path.GetFileName(entry.File.Path),
            entry.KindText,
            error.Message,
            error.Line,
            rejectedBy));
    }
}
