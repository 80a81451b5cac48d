using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3013_DeploymentDescriptorUnreadableTests
{
    private static AnalyzerTest Create(string? program, params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.DeploymentDescriptorUnreadable, program, files);

    [Fact]
    public Task Malformed_manifest_is_reported_once_at_the_error_with_line()
    {
        var test = Create(null, Descriptor.Kubernetes("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ordering-api
            spec:
              template:
                spec:
                  containers:
                    - name: ordering-api
                      image: eshop/ordering.api
                     {|#0:p|}orts: [8080
            """));
        test.ExpectedMessages[0] = "'ordering-api.yaml' cannot be read as a Kubernetes manifest: while parsing a block collection, did not find expected '-' indicator (line 11); the deployment checks skip this file, and kubectl rejects it too, so fix it";
        return test.RunAsync();
    }

    [Fact]
    public Task A_tab_in_the_indentation_is_reported_on_its_own_line()
    {
        // YamlDotNet marks this error at the start of the stream; the finding goes to the tab.
        var test = Create(null, Descriptor.Kubernetes(
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n{|#0:\t|}- name: ordering-api\n          image: eshop/ordering.api\n"));
        test.ExpectedMessages[0] = "'ordering-api.yaml' cannot be read as a Kubernetes manifest: while scanning a mapping, found invalid tab as indentation (line 7); the deployment checks skip this file, and kubectl rejects it too, so fix it";
        return test.RunAsync();
    }

    [Fact]
    public Task Malformed_compose_file_is_reported()
        => Create(null, Descriptor.Compose("""
            services:
              ordering-api:
                image: [|"|]eshop/ordering.api
                ports:
                  - "5102:8080"
            
            """)).RunAsync();

    [Fact]
    public Task Dockerfile_with_an_unknown_instruction_is_reported()
    {
        var test = Create(null, Descriptor.Dockerfile("""
            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            # a comment
            {|#0:C|}OPYY . /app
            ENTRYPOINT ["dotnet", "Ordering.API.dll"]
            """));
        test.ExpectedMessages[0] = "'Dockerfile' cannot be read as a Dockerfile: unknown instruction 'COPYY' (line 3); the deployment checks skip this file, and docker build rejects it too, so fix it";
        return test.RunAsync();
    }

    [Fact]
    public Task Dockerfile_with_an_instruction_before_FROM_or_without_FROM_is_reported()
        => Create(
            null,
            Descriptor.Dockerfile("ARG TAG=8.0\n[|R|]UN echo hi\nFROM mcr.microsoft.com/dotnet/aspnet:$TAG\n"),
            Descriptor.Dockerfile("[|#|] syntax=docker/dockerfile:1\n", path: "/src/Dockerfile.empty"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0\n[|H|]EALTHCHECK --interval=5s\n", path: "/src/Dockerfile.healthcheck")).RunAsync();

    [Fact]
    public Task Valid_Dockerfiles_with_continuations_heredocs_directives_and_exec_forms_are_silent()
        => Create(null, Descriptor.Dockerfile("""
            # syntax=docker/dockerfile:1.7
            # escape=`
            ARG DOTNET=8.0
            FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET} AS build
            RUN <<EOF
            apt-get update
            not-an-instruction here
            EOF
            RUN dotnet restore `
                # a comment inside a continuation
                "Ordering.API.csproj"
            FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET}
            ENV ASPNETCORE_HTTP_PORTS=8080 `
                DOTNET_gcServer=1
            ENV LEGACY value with spaces
            EXPOSE 8080/tcp 8081
            LABEL org.opencontainers.image.source="https://example.com"
            USER $APP_UID
            HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["dotnet", "probe.dll"]
            ENTRYPOINT ["dotnet", "Ordering.API.dll"]
            """)).RunAsync();

    [Fact]
    public Task Valid_yaml_that_is_not_a_manifest_and_templates_are_silent()
        => Create(
            null,
            Descriptor.Kubernetes("""
                # values.yaml of a chart
                replicaCount: 2
                image:
                  repository: eshop/ordering.api
                """),
            Descriptor.Kubernetes(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ include "ordering-api.fullname" . }}
                spec:
                  template:
                    spec:
                      containers:
                        - name: {{ .Chart.Name }}
                          image: "{{ .Values.image.repository }}:{{ .Values.image.tag
                """,
                path: "/repo/charts/ordering-api/templates/deployment.yaml"),
            Descriptor.Kubernetes(string.Empty, path: "/repo/deploy/empty.yaml")).RunAsync();

    [Fact]
    public Task Malformed_file_of_another_service_is_left_to_that_service()
        => Create(null, Descriptor.Kubernetes(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: basket-api
             spec: [
            """,
            path: "/repo/deploy/basket-api.yaml")).RunAsync();

    [Fact]
    public Task Other_files_are_still_checked_when_one_cannot_be_read()
    {
        var test = Create(
            DeploymentTest.WebApp,
            Descriptor.Kubernetes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: ordering-api\n  labels: {app: ordering-api\n[||]", path: "/repo/deploy/broken.yaml"),
            Descriptor.Kubernetes("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ordering-api
                spec:
                  containers:
                    - name: ordering-api
                      readinessProbe:
                        httpGet:
                          path: {|RDY3008:/health|}
                          port: 8080
                """),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nHEALTHCHECK CMD {|RDY3012:curl -f http://localhost:8080/healthz|}\n"));
        test.GlobalConfig = test.GlobalConfig!
            .Replace("dotnet_diagnostic.RDY3008.severity = none\n", string.Empty, System.StringComparison.Ordinal)
            .Replace("dotnet_diagnostic.RDY3012.severity = none\n", string.Empty, System.StringComparison.Ordinal);
        return test.RunAsync();
    }

    [Fact]
    public Task In_a_multi_document_manifest_only_the_documents_of_this_service_are_read_and_lines_are_the_files()
        => Create(
            DeploymentTest.WebApp,
            Descriptor.Kubernetes(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: basket-api
                 spec: [
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: ordering-api
                spec:
                  containers:
                    - name: ordering-api
                      readinessProbe: { httpGet: { path: /healthz, port: 8080 }
                [|-|]--
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: catalog
                data: {
                """,
                path: "/repo/deploy/all.yaml")).RunAsync();
}
