using System.Threading.Tasks;

namespace ReadinessAnalyzers.Tests.HealthChecks.Deployment;

public sealed class RDY3012_HealthCheckToolMissingTests
{
    private static AnalyzerTest Create(params Descriptor[] files) => DeploymentTest.Create(RuleIdentifiers.HealthCheckToolMissing, program: null, files);

    [Fact]
    public Task Curl_on_the_Debian_aspnet_image_is_reported_on_the_command()
    {
        var test = Create(Descriptor.Dockerfile("""
            FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
            RUN apt-get update && apt-get install -y curl
            RUN dotnet publish -c Release -o /app

            FROM mcr.microsoft.com/dotnet/aspnet:8.0
            COPY --from=build /app .
            HEALTHCHECK CMD {|#0:curl -f http://localhost:8080/healthz || exit 1|}
            """));
        test.ExpectedMessages[0] = "The HEALTHCHECK runs 'curl', but the final image 'mcr.microsoft.com/dotnet/aspnet:8.0' has no curl (the .NET aspnet and runtime images do not ship it) and the Dockerfile does not install it; the check always fails, so the container is always reported unhealthy; install it in the final stage (RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)";
        return test.RunAsync();
    }

    [Fact]
    public Task Curl_on_Alpine_and_wget_on_Ubuntu_are_reported_but_wget_on_Alpine_is_not()
        => Create(
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:9.0-alpine\nHEALTHCHECK CMD [|[\"curl\", \"-f\", \"http://localhost:8080/healthz\"]|]\n"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/runtime:8.0-noble\nHEALTHCHECK --interval=10s CMD [|wget -q --spider http://localhost:8080/healthz|]\n", path: "/src/Dockerfile.ubuntu"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine3.20\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/healthz || exit 1\n", path: "/src/Dockerfile.alpine")).RunAsync();

    [Fact]
    public Task Message_for_curl_on_Alpine_names_busybox_wget()
    {
        var test = Create(Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:9.0-alpine\nHEALTHCHECK CMD {|#0:curl -f http://localhost:8080/healthz|}\n"));
        test.ExpectedMessages[0] = "The HEALTHCHECK runs 'curl', but the final image 'mcr.microsoft.com/dotnet/aspnet:9.0-alpine' has no curl (the .NET Alpine images do not ship it; busybox wget is there) and the Dockerfile does not install it; the check always fails, so the container is always reported unhealthy; install it in the final stage (RUN apk add --no-cache curl) or use busybox wget (wget -q --spider http://localhost:8080/healthz)";
        return test.RunAsync();
    }

    [Fact]
    public Task Tool_installed_in_the_final_stage_or_a_stage_it_is_built_on_is_silent()
        => Create(
            Descriptor.Dockerfile("""
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                RUN apt-get update \
                    && apt-get install -y --no-install-recommends \
                       ca-certificates \
                       curl \
                    && rm -rf /var/lib/apt/lists/*
                HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1
                """),
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/aspnet:8.0-alpine AS base
                RUN apk add --no-cache curl
                FROM base AS final
                HEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1
                """,
                path: "/src/Dockerfile.alpine"),
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled
                COPY --from=busybox:uclibc /bin/wget /bin/wget
                HEALTHCHECK CMD ["wget", "-q", "--spider", "http://localhost:8080/healthz"]
                """,
                path: "/src/Dockerfile.chiseled")).RunAsync();

    [Fact]
    public Task Tool_installed_only_in_the_build_stage_is_reported()
        => Create(Descriptor.Dockerfile("""
            FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
            RUN apt-get update && apt-get install -y curl
            FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS final
            HEALTHCHECK CMD [|curl --fail http://localhost:8080/healthz|]
            """)).RunAsync();

    [Fact]
    public Task Shell_form_on_a_chiseled_image_is_reported_and_exec_form_with_dotnet_is_silent()
    {
        var test = Create(
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nHEALTHCHECK CMD {|#0:dotnet /app/HealthProbe.dll|}\n"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled-extra\nHEALTHCHECK CMD [\"dotnet\", \"/app/HealthProbe.dll\"]\n", path: "/src/Dockerfile.exec"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\nHEALTHCHECK CMD [\"/app/probe\", \"--port\", \"8080\"]\n", path: "/src/Dockerfile.probe"));
        test.ExpectedMessages[0] = "The HEALTHCHECK runs a shell command (HEALTHCHECK CMD without a JSON array runs /bin/sh -c), but the final image 'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled' is chiseled/distroless and has no /bin/sh and the Dockerfile does not install it; the check always fails, so the container is always reported unhealthy; use the exec form with a program the image has (HEALTHCHECK CMD [\"dotnet\", \"/app/HealthProbe.dll\"]) or leave health checking to the orchestrator's probes";
        return test.RunAsync();
    }

    [Fact]
    public Task Curl_in_exec_form_on_a_distroless_image_is_reported()
        => Create(Descriptor.Dockerfile("FROM gcr.io/distroless/base-debian12\nHEALTHCHECK CMD [|[\"curl\", \"http://localhost:8080/healthz\"]|]\n")).RunAsync();

    [Fact]
    public Task Chiseled_image_without_healthcheck_and_HEALTHCHECK_NONE_are_silent()
        => Create(
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\nENTRYPOINT [\"dotnet\", \"Ordering.API.dll\"]\n"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nHEALTHCHECK NONE\n", path: "/src/Dockerfile.none")).RunAsync();

    [Fact]
    public Task Images_we_do_not_know_are_silent()
        => Create(
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/sdk:8.0\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\n"),
            Descriptor.Dockerfile("FROM ubuntu:24.04\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\n", path: "/src/Dockerfile.ubuntu"),
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\n", path: "/src/Dockerfile.azl"),
            Descriptor.Dockerfile("ARG IMAGE\nFROM $IMAGE\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\n", path: "/src/Dockerfile.arg")).RunAsync();

    [Fact]
    public Task Build_arguments_in_FROM_are_substituted()
        => Create(Descriptor.Dockerfile("""
            ARG DOTNET_VERSION=8.0
            ARG VARIANT
            FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}${VARIANT:-} AS final
            HEALTHCHECK CMD [|curl -f http://localhost:8080/healthz|]
            """)).RunAsync();

    [Fact]
    public Task Dockerfile_outside_the_project_folder_is_reported_only_when_it_builds_this_project()
        => Create(
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
                COPY ["src/Ordering.API/Ordering.API.csproj", "src/Ordering.API/"]
                COPY ["src/Ordering.Domain/Ordering.Domain.csproj", "src/Ordering.Domain/"]
                RUN dotnet publish "src/Ordering.API/Ordering.API.csproj" -c Release -o /app
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                HEALTHCHECK CMD [|curl -f http://localhost:8080/healthz|]
                """,
                path: "/repo/docker/Dockerfile.ordering",
                inProjectFolder: false),
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
                WORKDIR /src/Ordering.API
                RUN dotnet publish -c Release -o /app
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                HEALTHCHECK CMD [|curl -f http://localhost:8080/healthz|]
                """,
                path: "/repo/docker/Dockerfile.workdir",
                inProjectFolder: false),
            Descriptor.Dockerfile(
                """
                FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
                COPY ["src/Basket.API/Basket.API.csproj", "src/Basket.API/"]
                COPY ["src/Ordering.API/Ordering.API.csproj", "src/Ordering.API/"]
                RUN dotnet publish "src/Basket.API/Basket.API.csproj" -c Release -o /app
                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                HEALTHCHECK CMD curl -f http://localhost:8080/healthz
                """,
                path: "/repo/docker/Dockerfile.basket",
                inProjectFolder: false)).RunAsync();

    [Fact]
    public Task Test_projects_are_silent()
    {
        var test = DeploymentTest.Create(
            RuleIdentifiers.HealthCheckToolMissing,
            "public sealed class OrderingTests { [Xunit.Fact] public void Works() { } }",
            Descriptor.Dockerfile("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\n"));
        test.StubSources.Add(ReadinessAnalyzers.Tests.HealthChecks.StartupStubs.Xunit);
        return test.RunAsync();
    }
}
