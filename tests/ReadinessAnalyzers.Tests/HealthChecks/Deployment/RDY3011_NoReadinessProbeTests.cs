using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3011_NoReadinessProbeTests
{
    private static AnalyzerTest Create(string? program, params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.NoReadinessProbe, program, files);

    [Fact]
    public Task Container_without_readiness_probe_is_reported_on_its_name()
    {
        var test = Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ordering
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: {|#0:ordering-api|}
                      image: eshop/ordering.api:1.4
                      livenessProbe:
                        httpGet:
                          path: /alive
                          port: 8080
            """));
        test.ExpectedMessages[0] = "Container 'ordering-api' of Deployment 'ordering' has no readiness probe, although the app maps health endpoints ('/healthz' and '/alive'); Kubernetes sends it traffic from the moment the container starts, before the app is ready, and keeps sending it during shutdown; add a readinessProbe (httpGet path '/healthz')";
        return test.RunAsync();
    }

    [Fact]
    public Task Pods_and_every_workload_document_are_checked_but_jobs_are_not()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: ordering-debug
            spec:
              containers:
                - name: [|ordering-api|]
                  image: eshop/ordering.api
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: ordering-migrations
            spec:
              template:
                spec:
                  containers:
                    - name: ordering-api
                      image: eshop/ordering.api
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: ordering-cleanup
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: ordering-api
            """)).RunAsync();

    [Fact]
    public Task Container_with_a_readiness_probe_is_silent()
        => Create(DeploymentTest.WebApp, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ordering-api
            spec:
              template:
                spec:
                  containers:
                    - name: ordering-api
                      readinessProbe:
                        tcpSocket:
                          port: 8080
            """)).RunAsync();

    [Fact]
    public Task App_that_maps_no_health_endpoint_itself_is_silent()
    {
        var test = Create(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.AddServiceDefaults();
            var app = builder.Build();
            app.MapDefaultEndpoints();
            app.Run();
            """,
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
                """));
        test.StubSources.Add(ReadinessAnalyzers.Tests.HealthChecks.StartupStubs.AspireServiceDefaults);
        return test.RunAsync();
    }

    [Fact]
    public Task Worker_service_and_class_library_are_silent()
        => Create(
            """
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddHostedService<Worker>();
            builder.Build().Run();

            sealed class Worker : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """,
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
                """)).RunAsync();

    [Fact]
    public Task Yaml_that_is_not_a_manifest_and_a_kind_list_are_read_without_complaint()
        => Create(
            DeploymentTest.WebApp,
            Descriptor.Kubernetes(
                """
                name: build
                on: [push]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                """,
                path: "/repo/deploy/workflow.yaml"),
            Descriptor.Kubernetes("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: ordering-api
                    spec:
                      template:
                        spec:
                          containers:
                            - name: [|ordering-api|]
                """)).RunAsync();
}
