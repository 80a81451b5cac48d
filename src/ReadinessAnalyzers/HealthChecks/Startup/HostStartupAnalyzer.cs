using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Contract;
using ReadinessAnalyzers.HealthChecks.Deployment;
using ReadinessAnalyzers.Telemetry;

namespace ReadinessAnalyzers.HealthChecks.Startup;

/// <summary>
/// The whole-program start-up rules: RDY3001, RDY3002, RDY3003, RDY3004, RDY3006 and RDY2006, and the deployment
/// rules that compare descriptors with the code (RDY3008-RDY3011, <see cref="DeploymentCheck"/>). They share one
/// gathering pass (<see cref="StartupCollector"/>) over the compilation and decide once, at compilation end;
/// each rule's decision and descriptor live in its own class. When the build asks for the operations contract
/// (<see cref="ContractChannel.IsRequested"/>), the same model also gives its "host" part (<see cref="HostContract"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HostStartupAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        HostWithoutHealthChecksRule.Rule,
        HealthChecksNotExposedRule.Rule,
        NoSeparateLivenessAndReadinessRule.Rule,
        DependencyWithoutHealthCheckRule.Rule,
        HealthEndpointLeaksInternalsRule.Rule,
        AppWithoutTracingPipelineRule.Rule,
        DeploymentRules.ProbePathNotMapped,
        DeploymentRules.LivenessProbeChecksDependencies,
        DeploymentRules.ProbePortNotListened,
        DeploymentRules.NoReadinessProbe,
        ContractChannel.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (!StartupGate.MayReport(compilation) || TestProjects.IsTestProject(compilation))
            {
                return;
            }

            var options = start.Options;
            var contract = ContractChannel.IsRequested(options);

            // Deployment descriptors (RDY3008-RDY3011) need the facts the contract gathers too: listen addresses,
            // check names and tags, what each endpoint selects. Found from metadata only; no file is read here.
            var descriptors = DeploymentFiles.Find(options);
            var gatherContractFacts = contract || !descriptors.IsEmpty;
            var collector = new FirstUse<StartupCollector>(() =>
                StartupGate.CanReport(compilation) && StartupSymbols.TryCreate(compilation) is { } found
                    ? new StartupCollector(compilation, options, found, gatherContractFacts)
                    : null);
            StartupCollector.Register(start, collector);
            start.RegisterCompilationEndAction(end =>
            {
                if (collector.Value is not { Model: var model, Symbols: var symbols })
                {
                    return;
                }

                var app = StartupApp.Decide(end.Compilation, model, end.CancellationToken);
                HealthEndpointLeaksInternalsRule.Report(end, model);
                if (app is null)
                {
                    return;
                }

                HostWithoutHealthChecksRule.Report(end, model, app);
                HealthChecksNotExposedRule.Report(end, model, app);
                NoSeparateLivenessAndReadinessRule.Report(end, model, app);
                DependencyWithoutHealthCheckRule.Report(end, model, app, symbols);
                AppWithoutTracingPipelineRule.Report(end, model, app);
                if (!descriptors.IsEmpty)
                {
                    DeploymentCheck.Report(end, model, app, descriptors);
                }

                if (contract)
                {
                    HostContract.Report(end, model, app, symbols);
                }
            });
        });
    }
}
