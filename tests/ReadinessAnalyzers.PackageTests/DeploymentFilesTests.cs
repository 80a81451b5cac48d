using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// Issue 14, the package side: which deployment descriptors reach a project's compiler, with which metadata, the
/// opt-out and the extra-file item, and that a manifest of another service is no compile input of this one (editing
/// it does not recompile). The findings themselves are in <see cref="DeploymentFindingTests"/>.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DeploymentFilesTests(PackageFixture fixture)
{
    internal const string HealthyProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.MapGet("/", () => "ok");
        app.Run();
        """;

    /// <summary>Two services in one repository, each with its own folder, a shared compose file and shared manifests.</summary>
    private static DeploymentRepository TwoServices(PackageFixture fixture, string name)
        => new DeploymentRepository(fixture, name)
            .WithWebProject("Ordering.API", HealthyProgram)
            .WithWebProject("Catalog.API", HealthyProgram)
            .With("src/Ordering.API/Dockerfile", """
                FROM mcr.microsoft.com/dotnet/aspnet:10.0
                COPY publish/ /app
                ENTRYPOINT ["dotnet", "/app/Ordering.API.dll"]
                """)
            .With("deploy/ordering.yaml", Manifest("ordering-api"))
            .With("deploy/catalog.yaml", Manifest("catalog-api"))
            .With("deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
            .With("docker-compose.yml", """
                services:
                  ordering-api:
                    build: { context: ., dockerfile: src/Ordering.API/Dockerfile }
                  catalog-api:
                    image: contoso/catalog-api
                """)
            .With("charts/catalog-api/Chart.yaml", "apiVersion: v2\nname: catalog-api\nversion: 1.0.0\n")
            .With("charts/catalog-api/templates/deployment.yaml", Manifest("{{ .Chart.Name }}"))
            .With("Shop.slnx", """
                <Solution>
                  <Project Path="src/Ordering.API/Ordering.API.csproj" />
                  <Project Path="src/Catalog.API/Catalog.API.csproj" />
                </Solution>
                """);

    /// <summary>A Deployment of one container that matches <see cref="HealthyProgram"/>: port 8080, readiness on /healthz.</summary>
    internal static string Manifest(string name) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          template:
            spec:
              containers:
                - name: {name}
                  image: contoso/{name}:1.0
                  ports:
                    - containerPort: 8080
                  readinessProbe:
                    httpGet:
                      path: /healthz
                      port: 8080

        """;

    [Fact]
    public async Task Each_project_gets_its_own_and_the_shared_descriptors_that_name_it_with_the_contract_metadata()
    {
        var repo = TwoServices(fixture, "DeployTwoServices");

        var build = await repo.BuildAsync("Shop.slnx");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(["deploy/ordering.yaml", "docker-compose.yml", "src/Ordering.API/Dockerfile"], build.AdditionalFiles("Ordering.API"));
        Assert.Equal(["deploy/catalog.yaml", "docker-compose.yml"], build.AdditionalFiles("Catalog.API"));
        Assert.Equal(
            ["deploy/ordering.yaml kubernetes", "docker-compose.yml compose", "src/Ordering.API/Dockerfile dockerfile folder"],
            repo.DeploymentMetadata("Ordering.API"));

        var config = repo.GeneratedEditorConfig("Ordering.API");
        Assert.Contains("build_property.MSBuildProjectName = Ordering.API", config, StringComparison.Ordinal);
        Assert.Contains("build_property.ReadinessServiceName = ", config, StringComparison.Ordinal);
        // The descriptors match the code: no finding, and the search itself never warns.
        Assert.Contains("    0 Warning(s)", build.Command.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_another_services_manifest_does_not_recompile_and_editing_its_own_does()
    {
        var repo = TwoServices(fixture, "DeployIncremental");
        var first = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");
        Assert.True(first.Succeeded, first.ToString());
        var compiled = repo.CompiledAt("Ordering.API");

        // Another service's manifest, a shared file that names no service, and a Helm template: no compile input here.
        await Task.Delay(1100);
        repo.With("deploy/catalog.yaml", Manifest("catalog-api") + "# scaled up\n")
            .With("deploy/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-2\n")
            .With("charts/catalog-api/templates/deployment.yaml", Manifest("{{ .Chart.Name }}") + "# edited\n");
        var unrelated = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");
        Assert.True(unrelated.Succeeded, unrelated.ToString());
        Assert.True(repo.CompiledAt("Ordering.API") == compiled, "Editing another service's manifest recompiled Ordering.API.\n" + unrelated);

        // Its own manifest is a compile input: the analyzers must see the change.
        repo.With("deploy/ordering.yaml", Manifest("ordering-api") + "# scaled up\n");
        var own = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");
        Assert.True(own.Succeeded, own.ToString());
        Assert.True(repo.CompiledAt("Ordering.API") > compiled, "Editing Ordering.API's own manifest did not recompile it.\n" + own);

        // A shared file that starts to name the service becomes an input; one that stops naming it stops being one.
        var beforeRename = repo.CompiledAt("Ordering.API");
        await Task.Delay(1100);
        repo.With("deploy/catalog.yaml", Manifest("catalog-api") + "# calls ordering-api\n");
        var named = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");
        Assert.Contains("deploy/catalog.yaml", named.AdditionalFiles("Ordering.API"));
        Assert.True(repo.CompiledAt("Ordering.API") > beforeRename, named.ToString());
    }

    [Fact]
    public async Task ReadinessDeploymentFiles_false_gives_no_descriptors_and_the_item_and_search_properties_add_and_replace()
    {
        var repo = TwoServices(fixture, "DeployOptions")
            .With("ops/ordering.containerfile.txt", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\n")
            .With("ops/k8s/ordering.yaml", Manifest("ordering-api"));

        var optOut = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj", "-p:ReadinessDeploymentFiles=false");
        Assert.True(optOut.Succeeded, optOut.ToString());
        Assert.Empty(optOut.AdditionalFiles("Ordering.API"));
        Assert.Empty(repo.DeploymentMetadata("Ordering.API"));

        repo.WithWebProject("Ordering.API", HealthyProgram,
            properties: "<ReadinessDeploymentSearch>ops</ReadinessDeploymentSearch>",
            items: """
                <ReadinessDeploymentFile Include="../../ops/ordering.containerfile.txt" ReadinessDeployment="dockerfile" />
                <AdditionalFiles Include="Dockerfile" />
                """);
        var configured = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");
        Assert.True(configured.Succeeded, configured.ToString());
        // deploy/ is no longer searched; ops/ is, under the root; the Dockerfile the project listed itself is there once.
        Assert.Equal(
            ["docker-compose.yml", "ops/k8s/ordering.yaml", "ops/ordering.containerfile.txt", "src/Ordering.API/Dockerfile"],
            configured.AdditionalFiles("Ordering.API"));
        Assert.Equal(
            ["docker-compose.yml compose", "ops/k8s/ordering.yaml kubernetes", "ops/ordering.containerfile.txt dockerfile", "src/Ordering.API/Dockerfile dockerfile folder"],
            repo.DeploymentMetadata("Ordering.API"));
    }

    [Fact]
    public async Task ReadinessServiceName_brings_in_what_names_the_service_and_reaches_the_analyzers()
    {
        var repo = new DeploymentRepository(fixture, "DeployServiceName")
            .WithWebProject("Shop.Orders.Host", HealthyProgram, properties: "<ReadinessServiceName>orders</ReadinessServiceName>")
            .With("k8s/orders.yaml", Manifest("orders"))
            .With("k8s/orders-worker.yaml", Manifest("orders-worker"));

        var build = await repo.BuildAsync("src/Shop.Orders.Host/Shop.Orders.Host.csproj");

        Assert.True(build.Succeeded, build.ToString());
        Assert.Equal(["k8s/orders.yaml"], build.AdditionalFiles("Shop.Orders.Host"));
        Assert.Contains("build_property.ReadinessServiceName = orders", repo.GeneratedEditorConfig("Shop.Orders.Host"), StringComparison.Ordinal);
    }
}
