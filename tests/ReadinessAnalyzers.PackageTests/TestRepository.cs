using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>How a repository installs the package (the README's "Install" section, one value per way).</summary>
public enum InstallWay
{
    /// <summary>A <c>PackageReference</c> with a version in each project file.</summary>
    PerProject,

    /// <summary>Central package management: <c>GlobalPackageReference</c> in Directory.Packages.props.</summary>
    CentralGlobal,

    /// <summary>Central package management: a versionless <c>PackageReference</c> per project plus <c>PackageVersion</c>.</summary>
    CentralPerProject,

    /// <summary>No central package management: one <c>PackageReference</c> in Directory.Build.props.</summary>
    DirectoryBuildProps,
}

/// <summary>
/// A small multi-project repository as teams have them: <c>Lib</c>, a library multi-targeted net8.0;net10.0 with one
/// finding under both frameworks and one under net8.0 only, and <c>Web</c>, an ASP.NET Core app (net10.0, warnings as
/// errors) that references it and has one finding; a solution (<c>Adopt.slnx</c>) lists both. The package is installed
/// one of the <see cref="InstallWay"/>s. Builds run with the CI variables cleared unless given.
/// </summary>
internal sealed partial class TestRepository
{
    public const string LibraryStore = """
        namespace Lib;

        public static class Store
        {
            public static int? Find(string id)
            {
                try { return int.Parse(id); }
                catch (Exception) { return null; }
            }
        #if NET8_0
            public static void DeleteLegacyFiles()
            {
                try { File.Delete("legacy.txt"); }
                catch (Exception) { }
            }
        #endif
        }
        """;

    public const string WebProgram = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        try { File.Delete("startup.lock"); }
        catch (Exception) { }
        app.MapHealthChecks("/healthz");
        app.MapGet("/", () => Lib.Store.Find("1"));
        app.Run();
        """;

    /// <summary>A finding added after baselining: a new swallowing catch.</summary>
    public const string NewFinding = """

            public static void Forget()
            {
                try { File.Delete("cache.bin"); }
                catch (Exception) { }
            }
        """;

    private readonly PackageFixture _fixture;

    public TestRepository(PackageFixture fixture, string name, InstallWay way)
    {
        _fixture = fixture;
        Directory = Path.Combine(fixture.Projects, name);
        Way = way;
        Write();
    }

    public string Directory { get; }

    public InstallWay Way { get; }

    public string Solution => Path.Combine(Directory, "Adopt.slnx");

    public string LibraryProject => Path.Combine(Directory, "Lib", "Lib.csproj");

    public string WebProject => Path.Combine(Directory, "Web", "Web.csproj");

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public void WriteFile(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }

    /// <summary>Runs <c>dotnet build</c> on a project or solution of this repository (full path), in the repository folder.</summary>
    public async Task<RepositoryBuild> BuildAsync(string projectOrSolution, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var command = await DotNet.RunAsync(Directory, _fixture.NuGetPackages, environment ?? LocalMachine, "build", [projectOrSolution, "-tl:off", .. arguments]);
        return new RepositoryBuild(command);
    }

    public static IReadOnlyDictionary<string, string?> LocalMachine { get; } = new Dictionary<string, string?> { ["CI"] = null, ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    public static IReadOnlyDictionary<string, string?> ContinuousIntegration { get; } = new Dictionary<string, string?> { ["CI"] = "true", ["TF_BUILD"] = null, ["GITHUB_ACTIONS"] = null };

    /// <summary>The members of a project's baseline entries, sorted (one entry per fingerprint).</summary>
    public List<string> BaselineMembers(string project)
    {
        var path = PathOf(project + "/readiness.baseline.json");
        Assert.True(File.Exists(path), "No baseline at " + path);
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("ruleId").GetString() + " " + f.GetProperty("member").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private void Write()
    {
        var version = _fixture.Version;
        var reference = Way switch
        {
            InstallWay.PerProject => $"""<PackageReference Include="ReadinessAnalyzers" Version="{version}" PrivateAssets="all" />""",
            InstallWay.CentralPerProject => """<PackageReference Include="ReadinessAnalyzers" PrivateAssets="all" />""",
            _ => string.Empty,
        };

        WriteFile("Directory.Build.props", Way == InstallWay.DirectoryBuildProps
            ? $"""
                <Project>
                  <ItemGroup>
                    <PackageReference Include="ReadinessAnalyzers" Version="{version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """
            : "<Project />\n");
        WriteFile("Directory.Packages.props", Way switch
        {
            InstallWay.CentralGlobal => $"""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <GlobalPackageReference Include="ReadinessAnalyzers" Version="{version}" />
                  </ItemGroup>
                </Project>
                """,
            InstallWay.CentralPerProject => $"""
                <Project>
                  <PropertyGroup>
                    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="ReadinessAnalyzers" Version="{version}" />
                  </ItemGroup>
                </Project>
                """,
            _ => "<Project />\n",
        });
        WriteFile("Lib/Lib.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                {reference}
              </ItemGroup>
            </Project>
            """);
        WriteFile("Lib/Store.cs", LibraryStore);
        WriteFile("Web/Web.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <NuGetAudit>false</NuGetAudit>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Lib/Lib.csproj" />
                {reference}
              </ItemGroup>
            </Project>
            """);
        WriteFile("Web/Program.cs", WebProgram);
        WriteFile("Adopt.slnx", """
            <Solution>
              <Project Path="Lib/Lib.csproj" />
              <Project Path="Web/Web.csproj" />
            </Solution>
            """);
    }
}

/// <summary>One build of a <see cref="TestRepository"/>: its output, diagnostics and readiness lines.</summary>
internal sealed partial class RepositoryBuild(CommandResult command)
{
    public CommandResult Command { get; } = command;

    public bool Succeeded => Command.ExitCode == 0;

    /// <summary>Distinct diagnostics as <c>ID severity file-name</c>, e.g. <c>RDY1001 error Program.cs</c>.</summary>
    public List<string> Diagnostics(string id) => DiagnosticLine().Matches(Command.Output)
        .Where(m => m.Groups["id"].Value == id)
        .Select(m => $"{m.Groups["id"].Value} {m.Groups["severity"].Value} {Path.GetFileName(m.Groups["file"].Value.Trim())}({m.Groups["line"].Value})")
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every line that starts with "Readiness" (summary, total and baseline lines), in output order.</summary>
    public List<string> ReadinessLines => ReadinessLine().Matches(Command.Output).Select(m => m.Groups[1].Value.Trim()).ToList();

    public override string ToString() => Command.ToString();

    [GeneratedRegex(@"^\s*(?:\d+>)?(?<file>[^\r\n(]+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error) (?<id>[A-Za-z]+\d+):", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"^\s*(?:\d+>)?(Readiness[ :(][^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex ReadinessLine();
}
