using System;
using System.Linq;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// Issue 14 end to end: a repository with two web services, their Dockerfiles, Kubernetes manifests and a compose file,
/// built with the packed analyzers. Ordering.API's deployment disagrees with its code in every way the rules
/// RDY3008–RDY3013 know; Catalog.API's matches its code and gives none. Each finding is checked at its file and line,
/// with the key parts of its message (the values named). YamlDotNet loads in the real compiler: no AD0001, CS8032 or
/// CS8034, and the YAML rules report.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DeploymentFindingTests(PackageFixture fixture)
{
    /// <summary>Liveness on a check-free endpoint, readiness on the one that checks the database.</summary>
    internal const string ServiceProgram = """
        using Microsoft.AspNetCore.Diagnostics.HealthChecks;
        using Microsoft.Extensions.Diagnostics.HealthChecks;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<DatabaseCheck>("database", tags: ["ready"]);
        var app = builder.Build();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGet("/", () => "ok");
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

    private const string OrderingDockerfile = """
        FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
        WORKDIR /src
        COPY . .
        RUN dotnet publish Ordering.API.csproj -c Release -o /app

        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        WORKDIR /app
        COPY --from=build /app .
        HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1
        ENTRYPOINT ["dotnet", "Ordering.API.dll"]
        """;

    private const string OrderingManifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ordering-api
        spec:
          template:
            spec:
              containers:
                - name: ordering-api
                  image: contoso/ordering-api:1.0
                  ports:
                    - containerPort: 8080
                  livenessProbe:
                    httpGet:
                      path: /health/ready
                      port: 8080
                  readinessProbe:
                    httpGet:
                      path: /health/ready
                      port: 80
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ordering-api-canary
        spec:
          template:
            spec:
              containers:
                - name: ordering-api
                  image: contoso/ordering-api:1.1
                  startupProbe:
                    httpGet:
                      path: /healthz
                      port: 8080
        """;

    /// <summary>Names the service, so the project gets it; <c>labels</c> is indented under a scalar, which YAML rejects.</summary>
    private const string BrokenManifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: ordering-api
            labels: ordering
        spec:
          ports:
            - port: 80
        """;

    /// <summary>Everything matches Catalog.API's code: ports, paths, a liveness endpoint without dependency checks, and a
    /// HEALTHCHECK whose tool the Dockerfile installs.</summary>
    private const string CatalogDockerfile = """
        FROM mcr.microsoft.com/dotnet/aspnet:10.0
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
        WORKDIR /app
        COPY publish/ .
        HEALTHCHECK CMD curl -f http://localhost:8080/health/live || exit 1
        ENTRYPOINT ["dotnet", "Catalog.API.dll"]
        """;

    private const string CatalogManifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: catalog-api
        spec:
          template:
            spec:
              containers:
                - name: catalog-api
                  image: contoso/catalog-api:1.0
                  ports:
                    - name: http
                      containerPort: 8080
                  livenessProbe:
                    httpGet:
                      path: /health/live
                      port: http
                  readinessProbe:
                    httpGet:
                      path: /health/ready
                      port: http
                  startupProbe:
                    httpGet:
                      path: /health/live
                      port: 8080
        """;

    private const string Compose = """
        services:
          ordering-api:
            build: { context: src/Ordering.API }
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost:8080/health/ready"]
          catalog-api:
            build: { context: src/Catalog.API }
            healthcheck:
              test: ["CMD", "curl", "-f", "http://localhost:8080/health/live"]
        """;

    private static readonly string[] DeploymentRules = ["RDY3008", "RDY3009", "RDY3010", "RDY3011", "RDY3012", "RDY3013"];

    internal static DeploymentRepository Shop(PackageFixture fixture, string name)
        => new DeploymentRepository(fixture, name)
            .WithWebProject("Ordering.API", ServiceProgram)
            .WithWebProject("Catalog.API", ServiceProgram)
            .With("src/Ordering.API/Dockerfile", OrderingDockerfile)
            .With("src/Catalog.API/Dockerfile", CatalogDockerfile)
            .With("deploy/ordering.yaml", OrderingManifest)
            .With("deploy/ordering-service.yaml", BrokenManifest)
            .With("deploy/catalog.yaml", CatalogManifest)
            .With("docker-compose.yml", Compose)
            .With("Shop.slnx", """
                <Solution>
                  <Project Path="src/Ordering.API/Ordering.API.csproj" />
                  <Project Path="src/Catalog.API/Catalog.API.csproj" />
                </Solution>
                """);

    [Fact]
    public async Task Each_rule_reports_at_the_descriptor_line_and_a_matching_deployment_gives_none()
    {
        var repo = Shop(fixture, "DeployFindings");

        var build = await repo.BuildAsync("Shop.slnx");

        Assert.True(build.Succeeded, build.ToString());
        Assert.DoesNotContain("AD0001", build.Command.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8032", build.Command.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8034", build.Command.Output, StringComparison.Ordinal);

        var healthcheck = repo.LineOf("src/Ordering.API/Dockerfile", "HEALTHCHECK");
        var livenessPath = repo.LineOf("deploy/ordering.yaml", "path: /health/ready");
        var readinessPort = FindLine(repo, "deploy/ordering.yaml", "port: 80", exact: true);
        var canaryContainer = FindLine(repo, "deploy/ordering.yaml", "- name: ordering-api", exact: false, occurrence: 2);
        var startupPath = repo.LineOf("deploy/ordering.yaml", "path: /healthz");
        var found = build.Diagnostics("RDY30").Where(d => DeploymentRules.Any(id => d.StartsWith(id + " ", StringComparison.Ordinal))).ToList();

        Assert.Equal(
            new[]
            {
                $"RDY3008 deploy/ordering.yaml({startupPath})",
                $"RDY3008 src/Ordering.API/Dockerfile({healthcheck})",
                $"RDY3009 deploy/ordering.yaml({livenessPath})",
                $"RDY3010 deploy/ordering.yaml({readinessPort})",
                $"RDY3011 deploy/ordering.yaml({canaryContainer})",
                $"RDY3012 src/Ordering.API/Dockerfile({healthcheck})",
                $"RDY3013 deploy/ordering-service.yaml({repo.LineOf("deploy/ordering-service.yaml", "labels:")})",
            }.Order(StringComparer.Ordinal),
            found);

        // The key parts of each message: the values found and the code's side.
        AssertMentions(build.Message("RDY3008", "src/Ordering.API/Dockerfile", healthcheck), "/healthz", "/health/live", "/health/ready");
        AssertMentions(build.Message("RDY3008", "deploy/ordering.yaml", startupPath), "startup", "ordering-api", "/healthz");
        AssertMentions(build.Message("RDY3009", "deploy/ordering.yaml", livenessPath), "liveness", "ordering-api", "/health/ready", "database");
        AssertMentions(build.Message("RDY3010", "deploy/ordering.yaml", readinessPort), "readiness", "80", "8080");
        AssertMentions(build.Message("RDY3011", "deploy/ordering.yaml", canaryContainer), "ordering-api", "ordering-api-canary", "readiness");
        AssertMentions(build.Message("RDY3012", "src/Ordering.API/Dockerfile", healthcheck), "curl", "mcr.microsoft.com/dotnet/aspnet:10.0");
        AssertMentions(build.Message("RDY3013", "deploy/ordering-service.yaml", repo.LineOf("deploy/ordering-service.yaml", "labels:")), "ordering-service.yaml");

        // Catalog.API: its Dockerfile, manifest and compose service match the code. Nothing of Ordering's reaches it.
        Assert.DoesNotContain(build.Command.Output.Split('\n'), l => l.Contains("catalog", StringComparison.OrdinalIgnoreCase) && DeploymentRules.Any(id => l.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(["deploy/catalog.yaml", "docker-compose.yml", "src/Catalog.API/Dockerfile"], build.AdditionalFiles("Catalog.API"));
    }

    private static void AssertMentions(string message, params string[] parts)
    {
        foreach (var part in parts)
        {
            Assert.True(message.Contains(part, StringComparison.Ordinal), $"The message does not name '{part}': {message}");
        }
    }

    private static int FindLine(DeploymentRepository repo, string relativePath, string text, bool exact, int occurrence = 1)
    {
        var lines = System.IO.File.ReadAllLines(repo.PathOf(relativePath));
        var seen = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if ((exact ? lines[i].Trim() == text : lines[i].Contains(text, StringComparison.Ordinal)) && ++seen == occurrence)
            {
                return i + 1;
            }
        }

        Assert.Fail($"'{text}' (occurrence {occurrence}) is not in {relativePath}");
        return 0;
    }
}
