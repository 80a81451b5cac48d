using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ReadinessAnalyzers.Benchmarks;

/// <summary>
/// Deployment descriptors beside the large code base (issue 14's cost criterion): many realistic Kubernetes manifests
/// (a Service and a Deployment with ports, environment, resources and probes per file), a few of them for the
/// benchmark project itself ("large-service", with a wrong liveness path so the rules have something to report), one
/// Dockerfile in the project folder, and the global configuration the package's targets produce (a section per file
/// with <c>ReadinessDeployment</c>).
/// </summary>
internal static class DeploymentCorpus
{
    public const string ProjectName = "LargeService";

    /// <summary><paramref name="count"/> manifest files; every <paramref name="matchEvery"/>-th is the project's.</summary>
    public static List<(string Path, string Text, string Kind)> Manifests(int count, int matchEvery = 100)
    {
        var files = new List<(string, string, string)>();
        for (var i = 0; i < count; i++)
        {
            var name = i % matchEvery == 0 ? "large-service" : "service-" + i.ToString(CultureInfo.InvariantCulture);
            files.Add(("/repo/deploy/k8s/" + name + "-" + i.ToString(CultureInfo.InvariantCulture) + ".yaml", Manifest(name, i), "kubernetes"));
        }

        files.Add(("/src/Dockerfile", Dockerfile, "dockerfile"));
        return files;
    }

    /// <summary>One multi-document manifest of about <paramref name="bytes"/> characters.</summary>
    public static List<(string Path, string Text, string Kind)> OneLargeManifest(int bytes)
    {
        var text = new StringBuilder(bytes + 4096);
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append(Manifest(i % 500 == 0 ? "large-service" : "service-" + i.ToString(CultureInfo.InvariantCulture), i)).Append("---\n");
        }

        return [("/repo/deploy/k8s/all.yaml", text.ToString(), "kubernetes"), ("/src/Dockerfile", Dockerfile, "dockerfile")];
    }

    public static string GlobalConfig(IEnumerable<(string Path, string Text, string Kind)> files)
    {
        var config = new StringBuilder("is_global = true\nbuild_property.MSBuildProjectName = " + ProjectName + "\n");
        foreach (var (path, _, kind) in files)
        {
            config.Append('[').Append(path).Append("]\nbuild_metadata.AdditionalFiles.ReadinessDeployment = ").Append(kind).Append('\n');
            if (path.StartsWith("/src/", System.StringComparison.Ordinal))
            {
                config.Append("build_metadata.AdditionalFiles.ReadinessDeploymentOwner = folder\n");
            }
        }

        return config.ToString();
    }

    private const string Dockerfile = """
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        COPY ["LargeService.csproj", "./"]
        RUN dotnet restore "LargeService.csproj"
        COPY . .
        RUN dotnet publish "LargeService.csproj" -c Release -o /app/publish /p:UseAppHost=false

        FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
        WORKDIR /app
        EXPOSE 8080
        COPY --from=build /app/publish .
        HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8080/healthz || exit 1
        ENTRYPOINT ["dotnet", "LargeService.dll"]
        """;

    private static string Manifest(string name, int i)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var liveness = name == "large-service" ? "/health" : "/alive";
        return $$"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {{name}}
              labels:
                app: {{name}}
                tier: backend
            spec:
              selector:
                app: {{name}}
              ports:
                - name: http
                  port: 80
                  targetPort: http
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              labels:
                app: {{name}}
                release: "r{{n}}"
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: {{name}}
              template:
                metadata:
                  labels:
                    app: {{name}}
                  annotations:
                    prometheus.io/scrape: "true"
                    prometheus.io/port: "8080"
                spec:
                  serviceAccountName: {{name}}
                  containers:
                    - name: {{name}}
                      image: registry.example.com/shop/{{name}}:1.{{n}}.0
                      imagePullPolicy: IfNotPresent
                      ports:
                        - name: http
                          containerPort: 8080
                          protocol: TCP
                      env:
                        - name: ASPNETCORE_ENVIRONMENT
                          value: Production
                        - name: OTEL_SERVICE_NAME
                          value: {{name}}
                        - name: ConnectionStrings__Db
                          valueFrom:
                            secretKeyRef:
                              name: {{name}}-db
                              key: connection
                      resources:
                        requests: { cpu: 100m, memory: 128Mi }
                        limits: { cpu: "1", memory: 512Mi }
                      livenessProbe:
                        httpGet:
                          path: {{liveness}}
                          port: http
                        initialDelaySeconds: 10
                        periodSeconds: 15
                      readinessProbe:
                        httpGet:
                          path: /healthz
                          port: http
                        periodSeconds: 5
                    - name: log-shipper
                      image: fluent/fluent-bit:3.0
                      args: ["-c", "/fluent-bit/etc/fluent-bit.conf"]

            """;
    }
}
