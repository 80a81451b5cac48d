using System.Linq;
using System.Text;
using ReadinessAnalyzers.HealthChecks.Deployment;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

/// <summary>A descriptor file as the package's targets pass it: an additional file with the metadata
/// <c>ReadinessDeployment</c> (and <c>ReadinessDeploymentOwner = folder</c> when in the project's folder).</summary>
internal sealed record Descriptor(string Path, string Kind, string Text, bool InProjectFolder = false)
{
    public static Descriptor Kubernetes(string text, string path = "/repo/deploy/k8s/ordering-api.yaml") => new(path, "kubernetes", text);

    public static Descriptor Compose(string text, string path = "/repo/docker-compose.yml") => new(path, "compose", text);

    public static Descriptor Dockerfile(string text, string path = "/src/Dockerfile", bool inProjectFolder = true) => new(path, "dockerfile", text, inProjectFolder);
}

/// <summary>Tests of one deployment rule: both analyzers that report them, every other rule but RDY3013 switched off through real
/// global configuration text, the metadata set per file in sections (<c>[/path]</c>), the project named Ordering.API.</summary>
internal static class DeploymentTest
{
    private static readonly string[] AllIds = new HostStartupAnalyzer().SupportedDiagnostics.Concat(new DeploymentDescriptorAnalyzer().SupportedDiagnostics).Select(d => d.Id).Distinct().ToArray();

    /// <summary>A web app that maps '/healthz' (readiness: the checks tagged "ready", a database check among them)
    /// and '/alive' (liveness: no checks).</summary>
    public const string WebApp = """
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy())
            .AddCheck<DatabaseCheck>("db", tags: ["ready"]);
        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
        app.Run();

        sealed class DatabaseCheck : IHealthCheck
        {
            public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            {
                await Task.Delay(1, cancellationToken);
                return HealthCheckResult.Healthy();
            }
        }
        """;

    public static AnalyzerTest Create(string ruleId, string? program, params Descriptor[] files)
        => Create(ruleId, program, projectName: "Ordering.API", serviceName: null, files);

    public static AnalyzerTest Create(string ruleId, string? program, string projectName, string? serviceName, params Descriptor[] files)
    {
        var config = new StringBuilder("is_global = true\n");
        config.Append("build_property.MSBuildProjectName = ").Append(projectName).Append('\n');
        if (serviceName is not null)
        {
            config.Append("build_property.ReadinessServiceName = ").Append(serviceName).Append('\n');
        }

        // RDY3013 stays on in every test: a look-alike that is silent only because its YAML or Dockerfile does not
        // parse would then fail the test with an unexpected RDY3013.
        foreach (var id in AllIds.Where(id => id != ruleId && id != RuleIdentifiers.DeploymentDescriptorUnreadable))
        {
            config.Append("dotnet_diagnostic.").Append(id).Append(".severity = none\n");
        }

        foreach (var file in files)
        {
            config.Append("\n[").Append(AnalyzerTest.AdditionalPath(file.Path)).Append("]\n");
            config.Append("build_metadata.AdditionalFiles.ReadinessDeployment = ").Append(file.Kind).Append('\n');
            if (file.InProjectFolder)
            {
                config.Append("build_metadata.AdditionalFiles.ReadinessDeploymentOwner = folder\n");
            }
        }

        var test = new AnalyzerTest(new HostStartupAnalyzer(), new DeploymentDescriptorAnalyzer())
        {
            DefaultDiagnosticId = ruleId,
            GlobalConfig = config.ToString(),
            TypingPass = false,
        };
        if (program is not null)
        {
            test.Sources.Add(program);
        }

        foreach (var file in files)
        {
            test.AdditionalFiles.Add((file.Path, file.Text));
        }

        return test;
    }
}
