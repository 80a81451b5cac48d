using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ReadinessAnalyzers.Build.Tests;

/// <summary>
/// Which deployment descriptors a project gets (issue 14, the package side of the contract): its own folder's
/// Dockerfiles and compose files, its deployment folders, and the repository root's files that name it; nothing that
/// names another service, no Helm template with expressions, and the ReadinessDeploymentFile/-Search settings.
/// </summary>
public sealed class DeploymentFilesTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "readiness-deploy-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly ReadinessCheckTaskTests.RecordingEngine _engine = new();

    public DeploymentFilesTests() => Directory.CreateDirectory(Path.Combine(_repo, ".git"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_repo, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Project => Path.Combine(_repo, "src", "Ordering.API");

    private string Write(string relativePath, string content = "kind: Deployment\n")
    {
        var path = Path.Combine(_repo, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private List<string> Found(IReadOnlyList<string>? folders = null, string serviceName = "", IReadOnlyList<(string, string?, string?)>? extra = null, string? root = null)
    {
        Directory.CreateDirectory(Project);
        var (kept, _) = DeploymentDescriptors.Find(new DeploymentSearch
        {
            ProjectDirectory = Project,
            RepositoryRoot = root ?? _repo,
            Folders = folders ?? DeploymentSearch.DefaultFolders,
            Names = ["Ordering.API", "Ordering.API", serviceName],
            ExtraFiles = extra ?? [],
        });
        return kept.Select(d => $"{Path.GetRelativePath(_repo, d.Path).Replace('\\', '/')} {d.Kind}{(d.OwnedByFolder ? " folder" : string.Empty)}").ToList();
    }

    [Theory]
    [InlineData("Dockerfile", "dockerfile")]
    [InlineData("dockerfile", "dockerfile")]
    [InlineData("Dockerfile.prod", "dockerfile")]
    [InlineData("api.dockerfile", "dockerfile")]
    [InlineData("docker-compose.yml", "compose")]
    [InlineData("docker-compose.override.yaml", "compose")]
    [InlineData("compose.yaml", "compose")]
    [InlineData("compose.prod.yml", "compose")]
    [InlineData("deployment.yaml", "kubernetes")]
    [InlineData("service.YML", "kubernetes")]
    [InlineData("Dockerfile.dockerignore", null)]
    [InlineData(".dockerignore", null)]
    [InlineData("appsettings.json", null)]
    [InlineData("Dockerfiles.md", null)]
    [InlineData("yaml", null)]
    public void Kind_comes_from_the_file_name(string fileName, string? kind)
        => Assert.Equal(kind, DeploymentDescriptors.KindOf(fileName));

    [Theory]
    [InlineData("OrderService", "order-service")]
    [InlineData("Ordering.API", "ordering-api")]
    [InlineData("HTTPGateway", "http-gateway")]
    [InlineData("eShop.WebApp", "e-shop-web-app")]
    [InlineData("Catalog_Api2", "catalog-api2")]
    [InlineData("webapp", "webapp")]
    public void Kebab_case_splits_words_at_case_changes_and_separators(string name, string kebab)
        => Assert.Equal(kebab, DeploymentDescriptors.Kebab(name));

    [Fact]
    public void Name_forms_are_lower_and_kebab_case_with_dots_as_hyphens_underscores_or_nothing()
        => Assert.Equal(
            ["ordering-api", "ordering.api", "ordering_api", "orderingapi", "orders"],
            DeploymentDescriptors.NameForms(["Ordering.API", "", "  ", "Orders"]));

    [Theory]
    [InlineData("image: contoso/ordering-api:1.4", true)]
    [InlineData("COPY [\"src/Ordering.API/Ordering.API.csproj\", \"src/Ordering.API/\"]", true)]
    [InlineData("  - name: ORDERING-API", true)]
    [InlineData("services:\n  orderingapi:\n", true)]
    [InlineData("image: contoso/ordering-api-worker:1.4", false)]
    [InlineData("name: legacy-ordering-api", false)]
    [InlineData("name: ordering_api_v2", false)]
    [InlineData("image: contoso/catalog-api", false)]
    public void A_name_counts_only_as_a_whole_name(string text, bool mentioned)
        => Assert.Equal(mentioned, DeploymentDescriptors.Mentions(text, DeploymentDescriptors.NameForms(["Ordering.API"])));

    [Theory]
    [InlineData("services:\n  ordering_api:\n", true)]
    [InlineData("containers:\n  - name: Ordering-Api\n", true)]
    [InlineData("image: registry.local:5000/orderingapi@sha256:abc", true)]
    [InlineData("image: ordering-apiv2", false)]
    [InlineData("name: ordering-api-2", false)]
    public void A_word_with_the_names_letters_and_digits_names_it_as_the_analyzers_compare_names(string text, bool named)
        => Assert.Equal(named, DeploymentDescriptors.NamesProject(text, DeploymentDescriptors.NameForms(["Ordering.API"]), new HashSet<string> { DeploymentDescriptors.NameKey("Ordering.API") }));

    [Fact]
    public void The_project_folder_gives_its_Dockerfiles_and_compose_files_as_its_own_without_reading_them()
    {
        Write("src/Ordering.API/Dockerfile", "FROM scratch\n");
        Write("src/Ordering.API/Dockerfile.dev", "FROM scratch\n");
        Write("src/Ordering.API/docker-compose.yml", "services: {}\n");
        Write("src/Ordering.API/openapi.yaml", "openapi: 3.0.0\n");
        Write("src/Ordering.API/Dockerfile.dockerignore", "bin\n");
        Write("src/Ordering.API/appsettings.json", "{}");

        Assert.Equal(
            ["src/Ordering.API/Dockerfile dockerfile folder", "src/Ordering.API/Dockerfile.dev dockerfile folder", "src/Ordering.API/docker-compose.yml compose folder"],
            Found());
    }

    [Fact]
    public void The_projects_deployment_folders_are_searched_recursively_and_kept_without_a_name()
    {
        Write("src/Ordering.API/deploy/deployment.yaml", "kind: Deployment\nmetadata: { name: something-else }\n");
        Write("src/Ordering.API/k8s/overlays/prod/patch.yml");
        Write("src/Ordering.API/kubernetes/Dockerfile.k8s", "FROM scratch\n");
        Write("src/Ordering.API/manifests/compose.yaml", "services: {}\n");
        Write("src/Ordering.API/deploy/README.md", "# not a descriptor");
        Write("src/Ordering.API/deploy/bin/copy.yaml");
        Write("src/Ordering.API/deploy/.hidden/x.yaml");
        Write("src/Ordering.API/other/deployment.yaml");

        Assert.Equal(
            [
                "src/Ordering.API/deploy/deployment.yaml kubernetes",
                "src/Ordering.API/k8s/overlays/prod/patch.yml kubernetes",
                "src/Ordering.API/kubernetes/Dockerfile.k8s dockerfile",
                "src/Ordering.API/manifests/compose.yaml compose",
            ],
            Found());
    }

    [Fact]
    public void Repository_root_files_are_kept_only_when_they_name_the_project()
    {
        Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY src/Ordering.API/Ordering.API.csproj src/Ordering.API/\nRUN dotnet publish src/Ordering.API\n");
        Write("Catalog.dockerfile", "COPY src/Catalog.API/Catalog.API.csproj .\n");
        Write("docker-compose.yml", "services:\n  ordering-api:\n    image: ordering-api\n  catalog-api:\n    image: catalog-api\n");
        Write("compose.override.yaml", "services:\n  catalog-api:\n    ports: [\"80\"]\n");
        Write("deploy/ordering.yaml", "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: ordering-api\n");
        Write("deploy/ordering-compose.yaml", "services:\n  ordering_api:\n    image: x\n");
        Write("deploy/catalog.yaml", "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: catalog-api\n");
        Write("k8s/shared/ingress.yaml", "kind: Ingress\n");
        Write("manifests/worker.yaml", "containers:\n  - name: ordering-api-worker\n");
        Write("other/ordering.yaml", "name: ordering-api\n");

        Assert.Equal(
            ["Dockerfile dockerfile", "docker-compose.yml compose", "deploy/ordering-compose.yaml kubernetes", "deploy/ordering.yaml kubernetes"],
            Found());
    }

    [Fact]
    public void Dockerfiles_and_compose_files_between_the_project_and_the_root_are_kept_when_they_name_the_project()
    {
        // src/ is the parent of the project folder: a Dockerfile there that copies the project builds it.
        Write("src/Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:10.0\nCOPY Ordering.API/*.csproj Ordering.API/\nRUN dotnet publish Ordering.API\n");
        Write("src/Dockerfile.catalog", "COPY Catalog.API/*.csproj Catalog.API/\n");
        Write("src/compose.yaml", "services:\n  ordering-api:\n    build: .\n");
        Write("src/deployment.yaml", "containers:\n  - name: ordering-api\n");

        // Kubernetes files are searched in the deployment folders only, not in every folder on the way up.
        Assert.Equal(["src/Dockerfile dockerfile", "src/compose.yaml compose"], Found());
    }

    [Fact]
    public void ReadinessServiceName_is_a_name_form_too()
    {
        Write("deploy/orders.yaml", "containers:\n  - name: orders\n    image: contoso/orders-backend\n");

        Assert.Empty(Found());
        Assert.Equal(["deploy/orders.yaml kubernetes"], Found(serviceName: "orders"));
    }

    [Fact]
    public void Helm_charts_give_only_templates_without_expressions()
    {
        Write("charts/ordering-api/Chart.yaml", "name: ordering-api\n");
        Write("charts/ordering-api/values.yaml", "image: ordering-api\n");
        Write("charts/ordering-api/templates/plain.yaml", "containers:\n  - name: ordering-api\n");
        Write("charts/ordering-api/templates/templated.yaml", "containers:\n  - name: {{ .Values.name }}\n    image: ordering-api\n");
        Write("src/Ordering.API/deploy/helm/Chart.yaml", "name: x\n");
        Write("src/Ordering.API/deploy/helm/values.yaml", "x: 1\n");
        Write("src/Ordering.API/deploy/helm/templates/deployment.yaml", "name: {{ .Release.Name }}\n");
        Write("src/Ordering.API/deploy/helm/templates/service.yaml", "kind: Service\n");
        // Under charts/ without a Chart.yaml: the chart rule holds all the same.
        Write("src/Ordering.API/charts/api/values.yaml", "x: 1\n");
        Write("src/Ordering.API/charts/api/templates/pdb.yaml", "kind: PodDisruptionBudget\n");

        Assert.Equal(
            [
                "src/Ordering.API/deploy/helm/templates/service.yaml kubernetes",
                "src/Ordering.API/charts/api/templates/pdb.yaml kubernetes",
                "charts/ordering-api/templates/plain.yaml kubernetes",
            ],
            Found());
    }

    [Fact]
    public void ReadinessDeploymentSearch_replaces_the_folders_under_the_project_and_the_root()
    {
        Write("src/Ordering.API/deploy/a.yaml");
        Write("src/Ordering.API/ops/b.yaml");
        Write("ops/k/c.yaml", "image: ordering-api\n");
        Write("deploy/d.yaml", "image: ordering-api\n");
        Write("src/Ordering.API/Dockerfile", "FROM scratch\n");

        Assert.Equal(
            ["src/Ordering.API/Dockerfile dockerfile folder", "src/Ordering.API/ops/b.yaml kubernetes", "ops/k/c.yaml kubernetes"],
            Found(folders: ["ops"]));
        Assert.Equal(["src/Ordering.API/Dockerfile dockerfile folder"], Found(folders: []));
    }

    [Fact]
    public void ReadinessDeploymentFile_items_are_always_given_with_their_kind_and_owner()
    {
        Write("ops/app.Containerfile", "FROM scratch\n");
        Write("ops/catalog.yaml", "image: catalog-api\n");
        Write("src/Ordering.API/Dockerfile", "FROM scratch\n");
        Write("src/Ordering.API/local.yml", "services: {}\n");

        var found = Found(extra:
        [
            ("../../ops/app.Containerfile", "dockerfile", "folder"),
            ("../../ops/catalog.yaml", null, null),
            ("local.yml", "compose", null),
            ("Dockerfile", null, null),
            ("../../ops/missing.yaml", null, null),
            ("../../ops/notes.txt", null, null),
        ]);

        Assert.Equal(
            ["ops/app.Containerfile dockerfile folder", "ops/catalog.yaml kubernetes", "src/Ordering.API/local.yml compose folder", "src/Ordering.API/Dockerfile dockerfile folder"],
            found);
    }

    [Fact]
    public void Without_a_repository_root_only_the_project_folders_are_searched()
    {
        Write("deploy/ordering.yaml", "image: ordering-api\n");
        Write("src/Ordering.API/k8s/app.yaml");

        Assert.Equal(["src/Ordering.API/k8s/app.yaml kubernetes"], Found(root: string.Empty));
    }

    [Fact]
    public void A_project_at_the_repository_root_keeps_its_folders_without_a_name_and_each_file_once()
    {
        Write("Dockerfile", "FROM scratch\n");
        Write("deploy/x.yaml", "image: other\n");

        var (kept, _) = DeploymentDescriptors.Find(new DeploymentSearch { ProjectDirectory = _repo, RepositoryRoot = _repo + Path.DirectorySeparatorChar, Names = ["Single"] });

        Assert.Equal([Path.Combine(_repo, "Dockerfile"), Path.Combine(_repo, "deploy", "x.yaml")], kept.Select(d => d.Path));
        Assert.True(kept[0].OwnedByFolder);
        Assert.False(kept[1].OwnedByFolder);
    }

    [Fact]
    public void The_task_returns_items_with_the_contract_metadata_and_logs_each_decision_quietly()
    {
        Write("src/Ordering.API/Dockerfile", "FROM scratch\n");
        Write("deploy/catalog.yaml", "image: catalog-api\n");
        Write("deploy/ordering.yaml", "image: ordering-api\n");
        var task = new ReadinessDeploymentFiles
        {
            BuildEngine = _engine,
            ProjectDirectory = Project,
            RepositoryRoot = _repo,
            SearchFolders = ["deploy", " "],
            Names = ["Ordering.API", "Ordering.API", ""],
            ExtraFiles = [new TaskItem("../../deploy/catalog.yaml", new Dictionary<string, string> { ["ReadinessDeployment"] = "compose" })],
        };

        Assert.True(task.Execute());

        Assert.Equal(
            [
                $"{Path.Combine(_repo, "deploy", "catalog.yaml")} compose ",
                $"{Path.Combine(Project, "Dockerfile")} dockerfile folder",
                $"{Path.Combine(_repo, "deploy", "ordering.yaml")} kubernetes ",
            ],
            task.Files.Select(i => $"{i.ItemSpec} {i.GetMetadata("ReadinessDeployment")} {i.GetMetadata("ReadinessDeploymentOwner")}"));
        Assert.Empty(_engine.Warnings);
        Assert.Empty(_engine.Errors);
        Assert.All(_engine.Messages, m => Assert.Equal(MessageImportance.Low, m.Importance));
    }

    [Fact]
    public void Without_ReadinessRepositoryRoot_the_task_finds_the_nearest_git_folder_or_file_above_the_project()
    {
        Write("deploy/ordering.yaml", "image: ordering-api\n");
        Directory.CreateDirectory(Project);
        var task = new ReadinessDeploymentFiles { BuildEngine = _engine, ProjectDirectory = Project, Names = ["Ordering.API"] };
        Assert.True(task.Execute());
        Assert.Equal([Path.Combine(_repo, "deploy", "ordering.yaml")], task.Files.Select(i => i.ItemSpec));

        // A worktree's .git is a file; the nearer one wins.
        Write("src/.git", "gitdir: elsewhere\n");
        Assert.Equal(Path.Combine(_repo, "src"), DeploymentDescriptors.RepositoryRootAbove(Project));
        Assert.Null(DeploymentDescriptors.RepositoryRootAbove(Path.GetPathRoot(_repo)!));
    }

    [Fact]
    public void AdditionalFiles_the_project_lists_itself_are_replaced_by_the_descriptor_items()
    {
        Write("src/Ordering.API/Dockerfile", "FROM scratch\n");
        Write("src/Ordering.API/appsettings.json", "{}");
        var task = new ReadinessDeploymentFiles
        {
            BuildEngine = _engine,
            ProjectDirectory = Project,
            RepositoryRoot = _repo,
            Names = ["Ordering.API"],
            AdditionalFiles = [new TaskItem("Dockerfile"), new TaskItem("appsettings.json"), new TaskItem(Path.Combine(Project, "Dockerfile"))],
        };

        Assert.True(task.Execute());

        Assert.Equal(["Dockerfile", Path.Combine(Project, "Dockerfile")], task.ReplacedAdditionalFiles.Select(i => i.ItemSpec));
        Assert.Single(task.Files);
    }

    [Fact]
    public void The_task_never_fails_on_a_missing_or_invalid_project_folder()
    {
        var task = new ReadinessDeploymentFiles { BuildEngine = _engine, ProjectDirectory = Path.Combine(_repo, "nowhere"), RepositoryRoot = "", Names = ["X"] };
        Assert.True(task.Execute());
        Assert.Empty(task.Files);

        task = new ReadinessDeploymentFiles { BuildEngine = _engine, ProjectDirectory = "\0bad", Names = ["X"] };
        Assert.True(task.Execute());
        Assert.Empty(task.Files);
        Assert.Empty(_engine.Warnings);
        Assert.Empty(_engine.Errors);
    }
}
