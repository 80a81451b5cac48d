using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3010_ProbePortNotListenedTests
{
    private static AnalyzerTest Create(string? program, params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.ProbePortNotListened, program, files);

    private const string Net8Dockerfile = """
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        WORKDIR /src
        COPY . .
        RUN dotnet publish -c Release -o /app

        FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
        WORKDIR /app
        COPY --from=build /app .
        ENTRYPOINT ["dotnet", "Ordering.API.dll"]
        """;

    private static Descriptor Manifest(string port, string extra = "", string ports = "") => Descriptor.Kubernetes($$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: ordering-api
        spec:
          template:
            spec:
              containers:
                - name: ordering-api
                  image: eshop/ordering.api:1.4
        {{ports}}{{extra}}
                  readinessProbe:
                    httpGet:
                      path: /healthz
                      port: {{port}}
        """);

    [Fact]
    public Task Probe_on_port_80_of_a_NET_8_image_is_reported()
    {
        var test = Create(DeploymentTest.WebApp, Manifest("{|#0:80|}"), Descriptor.Dockerfile(Net8Dockerfile));
        test.ExpectedMessages[0] = "The readiness probe of container 'ordering-api' targets port 80, but the app listens on 8080 (ASPNETCORE_HTTP_PORTS=8080 in the .NET 8 image); the check can never connect, so the pod never becomes ready and gets no traffic; use the port the app listens on";
        return test.RunAsync();
    }

    [Fact]
    public Task Probe_on_8080_of_a_NET_8_image_is_silent()
        => Create(DeploymentTest.WebApp, Manifest("8080"), Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Probe_on_80_of_a_NET_6_image_is_silent()
        => Create(DeploymentTest.WebApp, Manifest("80"), Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:6.0\nENTRYPOINT [\"dotnet\", \"Ordering.API.dll\"]\n")).RunAsync();

    [Fact]
    public Task ASPNETCORE_URLS_in_the_container_overrides_the_image_default()
        => Create(
            DeploymentTest.WebApp,
            Manifest("80", extra: """
                          env:
                            - name: ASPNETCORE_URLS
                              value: http://+:80
                """),
            Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Port_set_in_the_container_environment_is_what_counts()
    {
        var test = Create(
            DeploymentTest.WebApp,
            Manifest("[|8080|]", extra: """
                          env:
                            - name: ASPNETCORE_HTTP_PORTS
                              value: "5000"
                """),
            Descriptor.Dockerfile(Net8Dockerfile));
        return test.RunAsync();
    }

    [Fact]
    public Task Named_ports_resolve_through_container_ports()
    {
        var test = Create(
            DeploymentTest.WebApp,
            Descriptor.Kubernetes("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ordering-api
                spec:
                  template:
                    spec:
                      containers:
                        - name: ordering-api
                          ports:
                            - name: http
                              containerPort: 8080
                            - name: legacy
                              containerPort: 80
                          livenessProbe:
                            httpGet:
                              path: /alive
                              port: http
                          readinessProbe:
                            httpGet:
                              path: /healthz
                              port: {|#0:legacy|}
                          startupProbe:
                            tcpSocket:
                              port: unknown-name
                """),
            Descriptor.Dockerfile(Net8Dockerfile));
        test.ExpectedMessages[0] = "The readiness probe of container 'ordering-api' targets port 'legacy' (80), but the app listens on 8080 (ASPNETCORE_HTTP_PORTS=8080 in the .NET 8 image); the check can never connect, so the pod never becomes ready and gets no traffic; use the port the app listens on";
        return test.RunAsync();
    }

    [Fact]
    public Task Tcp_socket_probe_is_checked_too()
        => Create(
            DeploymentTest.WebApp,
            Descriptor.Kubernetes("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ordering-api
                spec:
                  template:
                    spec:
                      containers:
                        - name: ordering-api
                          livenessProbe:
                            tcpSocket:
                              port: [|80|]
                          readinessProbe:
                            tcpSocket:
                              port: 8080
                """),
            Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Without_a_Dockerfile_or_an_explicit_address_the_port_is_unknown_and_silent()
        => Create(DeploymentTest.WebApp, Manifest("80")).RunAsync();

    [Fact]
    public Task Environment_from_a_config_map_or_secret_is_unknown_and_silent()
        => Create(
            DeploymentTest.WebApp,
            Manifest("80", extra: """
                          envFrom:
                            - configMapRef:
                                name: ordering-settings
                          env:
                            - name: Kestrel__Endpoints__Http__Url
                              valueFrom:
                                configMapKeyRef: { name: ordering, key: url }
                """),
            Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Urls_on_the_command_line_are_unknown_and_silent()
        => Create(
            DeploymentTest.WebApp,
            Manifest("80", extra: """
                          args: ["--urls", "http://+:80"]
                """),
            Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Address_in_code_counts_and_one_that_is_not_a_constant_is_unknown()
    {
        var constant = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls("http://*:5000");
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run();
            """,
            Manifest("[|8080|]"),
            Descriptor.Dockerfile(Net8Dockerfile));
        return constant.RunAsync();
    }

    [Fact]
    public Task Address_in_code_from_a_variable_is_silent()
        => Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            var port = Environment.GetEnvironmentVariable("PORT") ?? "8080";
            builder.Services.AddHealthChecks();
            var app = builder.Build();
            app.MapHealthChecks("/healthz");
            app.Run($"http://0.0.0.0:{port}");
            """,
            Manifest("80"),
            Descriptor.Dockerfile(Net8Dockerfile)).RunAsync();

    [Fact]
    public Task Kestrel_endpoint_in_appsettings_counts()
    {
        var test = Create(DeploymentTest.WebApp, Manifest("[|8080|]"), Descriptor.Dockerfile(Net8Dockerfile));
        test.AdditionalFiles.Add(("appsettings.json", """
            {
              "Kestrel": { "Endpoints": { "Http": { "Url": "http://0.0.0.0:5005" } } }
            }
            """));
        return test.RunAsync();
    }

    [Fact]
    public Task Dockerfile_environment_and_healthcheck_port_are_checked()
    {
        var test = Create(DeploymentTest.WebApp, Descriptor.Dockerfile("""
            FROM mcr.microsoft.com/dotnet/aspnet:9.0-alpine AS base
            ENV ASPNETCORE_HTTP_PORTS=5000
            FROM base AS final
            HEALTHCHECK CMD {|#0:wget -q --spider http://localhost:8080/healthz|}
            """));
        test.ExpectedMessages[0] = "The HEALTHCHECK of 'Dockerfile' targets port 8080, but the app listens on 5000 (ASPNETCORE_HTTP_PORTS=5000 in the Dockerfile); the check can never connect, so the container is always reported unhealthy; use the port the app listens on";
        return test.RunAsync();
    }

    [Fact]
    public Task Compose_healthcheck_on_the_default_port_is_reported_and_with_the_right_port_is_silent()
        => Create(
            DeploymentTest.WebApp,
            Descriptor.Dockerfile(Net8Dockerfile),
            Descriptor.Compose("""
                services:
                  ordering-api:
                    build: .
                    ports: ["5102:8080"]
                    healthcheck:
                      test: [|curl -f http://localhost/healthz|]
                  orderingapi:
                    environment:
                      - ASPNETCORE_URLS=http://+:80
                    healthcheck:
                      test: curl -f http://localhost/healthz
                  ordering.api:
                    environment:
                      ASPNETCORE_HTTP_PORTS: "80"
                    healthcheck:
                      test: ["CMD-SHELL", "curl -f http://127.0.0.1:80/healthz"]
                  Ordering_API:
                    environment:
                      ASPNETCORE_HTTP_PORTS: "80"
                    healthcheck:
                      test: ["CMD", "curl", "-f", "[|http://localhost:8080/healthz|]"]
                """)).RunAsync();

    [Fact]
    public Task Legacy_ENV_form_in_the_Dockerfile_sets_the_port()
        => Create(
            DeploymentTest.WebApp,
            Manifest("[|8080|]"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_URLS http://+:5000\n")).RunAsync();
}
