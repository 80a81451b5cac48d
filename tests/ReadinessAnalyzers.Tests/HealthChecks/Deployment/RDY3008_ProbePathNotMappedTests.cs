using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3008_ProbePathNotMappedTests
{
    private static AnalyzerTest Create(string? program, params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.ProbePathNotMapped, program, files);

    private static string Deployment(string container, string image, string liveness, string readiness) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{container}}
        spec:
          template:
            spec:
              containers:
                - name: {{container}}
                  image: {{image}}
                  livenessProbe:
                    httpGet:
                      path: {{liveness}}
                      port: 8080
                  readinessProbe:
                    httpGet:
                      path: {{readiness}}
                      port: 8080
        """;

    [Fact]
    public Task Liveness_probe_on_a_path_the_app_does_not_map_is_reported_on_the_path_line()
    {
        var test = Create(DeploymentTest.WebApp, Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api:1.4", "{|#0:/health|}", "/healthz")));
        test.ExpectedMessages[0] = "The liveness probe of container 'ordering-api' calls '/health', but the app maps its health endpoints at '/healthz' and '/alive'; every check gets a 404, so Kubernetes restarts the container over and over; point it at one of them";

        // The editor's view while the program is typed: no crash on incomplete code with descriptors present.
        test.TypingPass = true;
        test.TypingStride = 7;
        return test.RunAsync();
    }

    [Fact]
    public Task Readiness_and_startup_probes_are_reported_with_their_consequence()
    {
        var test = Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: orders
            spec:
              containers:
                - name: web
                  image: registry.example.com/team/ordering-api:2.0
                  readinessProbe:
                    httpGet: { path: "{|#0:/ready|}", port: 8080 }
                  startupProbe:
                    httpGet:
                      path: {|#1:/startup|}
                      port: 8080
            """));
        test.ExpectedMessages[0] = "The readiness probe of container 'web' calls '/ready', but the app maps its health endpoints at '/healthz' and '/alive'; every check gets a 404, so the pod never becomes ready and gets no traffic; point it at one of them";
        test.ExpectedMessages[1] = "The startup probe of container 'web' calls '/startup', but the app maps its health endpoints at '/healthz' and '/alive'; every check gets a 404, so the container never passes its startup probe and is killed and restarted; point it at one of them";
        return test.RunAsync();
    }

    [Fact]
    public Task Probes_on_mapped_paths_are_silent_also_with_query_trailing_slash_other_case_and_a_path_base()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api", "/Alive/", "/api/orders/healthz?full=1"))).RunAsync();

    [Fact]
    public Task Workload_of_another_service_is_silent()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes(Deployment("basket-api", "eshop/basket.api:1.4", "/health", "/health"))).RunAsync();

    [Fact]
    public Task Multi_document_manifest_reports_in_the_right_document_and_line()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: v1
            kind: Service
            metadata:
              name: ordering-api
            spec:
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: ordering-config
            data:
              path: /health
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ordering
            spec:
              template:
                spec:
                  containers:
                    - name: ordering-api
                      image: eshop/ordering.api
                      livenessProbe:
                        httpGet:
                          path: [|/healthcheck|]
                          port: 8080
                      readinessProbe:
                        httpGet:
                          path: /healthz
                          port: 8080
            """)).RunAsync();

    [Fact]
    public Task Tcp_socket_exec_and_grpc_probes_are_silent()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: ordering-api
            spec:
              template:
                spec:
                  containers:
                    - name: ordering-api
                      livenessProbe:
                        tcpSocket:
                          port: 8080
                      readinessProbe:
                        exec:
                          command: ["curl", "-f", "http://localhost:8080/health"]
                      startupProbe:
                        grpc:
                          port: 8080
            """)).RunAsync();

    [Fact]
    public Task Health_endpoints_mapped_in_another_assembly_are_silent()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api", "/health", "/health")));
        test.StubSources.Add(ReadinessAnalyzers.Tests.HealthChecks.StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }

    [Fact]
    public Task Path_served_by_another_endpoint_of_the_app_is_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.MapGet("/health", () => "ok");
            app.Run();
            """,
            Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api", "/health", "/healthz"))).RunAsync();

    [Fact]
    public Task Health_path_built_at_run_time_is_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks(builder.Configuration["HealthPath"] ?? "/hc");
            app.Run();
            """,
            Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api", "/health", "/health"))).RunAsync();

    [Fact]
    public Task App_without_health_endpoints_is_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Run();
            """,
            Descriptor.Kubernetes(Deployment("ordering-api", "eshop/ordering.api", "/health", "/health"))).RunAsync();

    [Fact]
    public Task Workload_named_after_ReadinessServiceName_is_matched()
    {
        var test = DeploymentTest.Create(RuleIdentifiers.ProbePathNotMapped, DeploymentTest.WebApp, "Company.Orders.Host", "orders", Descriptor.Kubernetes(Deployment("orders", "registry/orders:1", "[|/health|]", "/healthz")));
        return test.RunAsync();
    }

    [Fact]
    public Task Project_name_in_other_spellings_is_matched_and_other_names_are_not()
        => DeploymentTest.Create(RuleIdentifiers.ProbePathNotMapped, DeploymentTest.WebApp, "OrderService", null, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: order-service
            spec:
              template:
                spec:
                  containers:
                    - name: order-service
                      readinessProbe:
                        httpGet: { path: "[|/ready|]", port: 8080 }
                    - name: orderservice
                      readinessProbe:
                        httpGet: { path: "[|/ready|]", port: 8080 }
                    - name: sidecar
                      image: envoyproxy/envoy:v1.30
                      readinessProbe:
                        httpGet: { path: "/ready", port: 9901 }
                    - name: order-service-migrator
                      readinessProbe:
                        httpGet: { path: "/ready", port: 8080 }
            """)).RunAsync();

    [Fact]
    public Task Dockerfile_healthcheck_on_an_unmapped_path_is_reported_on_its_line()
    {
        var test = Create(DeploymentTest.WebApp, Descriptor.Dockerfile("""
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            RUN apt-get update && apt-get install -y curl
            HEALTHCHECK --interval=30s \
              CMD {|#0:curl -f http://localhost:8080/health || exit 1|}
            ENTRYPOINT ["dotnet", "Ordering.API.dll"]
            """));
        test.ExpectedMessages[0] = "The HEALTHCHECK of 'Dockerfile' calls '/health', but the app maps its health endpoints at '/healthz' and '/alive'; every check gets a 404, so the container is always reported unhealthy; point it at one of them";
        return test.RunAsync();
    }

    [Fact]
    public Task Dockerfile_healthcheck_on_a_mapped_path_or_another_host_is_silent()
        => Create(
            DeploymentTest.WebApp,
            Descriptor.Dockerfile("""
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                RUN apt-get update && apt-get install -y curl
                HEALTHCHECK CMD curl -f http://localhost:8080/alive || exit 1
                """),
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                WORKDIR /app
                RUN dotnet publish Ordering.API.csproj
                HEALTHCHECK CMD ["curl", "-f", "http://gateway.internal/health"]
                """,
                path: "/repo/Dockerfile.gateway",
                inProjectFolder: false)).RunAsync();

    [Fact]
    public Task Compose_healthchecks_in_list_and_string_forms_are_reported()
        => Create(DeploymentTest.WebApp, Descriptor.Compose("""
            services:
              ordering-api:
                image: eshop/ordering.api:latest
                environment:
                  - ASPNETCORE_URLS=http://+:8080
                healthcheck:
                  test: ["CMD", "curl", "-f", "[|http://localhost:8080/health|]"]
              ordering.api:
                build:
                  context: .
                  dockerfile: src/Ordering.API/Dockerfile
                environment:
                  ASPNETCORE_HTTP_PORTS: "8080"
                healthcheck:
                  test: [|curl -f http://localhost:8080/hc || exit 1|]
              basket-api:
                image: eshop/basket.api
                healthcheck:
                  test: ["CMD-SHELL", "curl -f http://localhost:8080/health"]
              ordering-worker:
                healthcheck:
                  test: ["CMD-SHELL", "curl -f http://localhost:8080/health"]
            """)).RunAsync();

    [Fact]
    public Task Compose_healthcheck_on_a_mapped_path_or_disabled_is_silent()
        => Create(DeploymentTest.WebApp, Descriptor.Compose("""
            services:
              ordering-api:
                image: eshop/ordering.api
                healthcheck:
                  test: ["CMD-SHELL", "curl -f http://localhost:8080/healthz || exit 1"]
              orderingapi:
                healthcheck:
                  disable: true
                  test: ["CMD", "curl", "http://localhost:8080/nothing"]
            """)).RunAsync();
}
