using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// Packs ReadinessAnalyzers once per test run into a temporary folder feed, under a version no earlier run
/// used (so no NuGet cache can serve a stale copy), and gives every test an isolated package folder.
/// The analyzer assemblies are packed as built by this test project's build (same configuration).
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private static readonly string Configuration = Metadata("Configuration");

    public PackageFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "readiness-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        NuGetPackages = Path.Combine(Root, "nuget-packages");
        Projects = Path.Combine(Root, "projects");
        Version = $"{Metadata("PackageVersionPrefix")}-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The NuGet package folder of the test project's own restore (packages it downloaded for the tests).</summary>
    public static string MachinePackageRoot { get; } = Metadata("NuGetPackageRoot");

    /// <summary>True on the hosts where the package carries the precompiled analyzer assembly (readytorun/linux-x64)
    /// and a build uses it: src/ReadinessAnalyzers/ReadyToRun.targets and build/ReadinessAnalyzers.ReadyToRun.targets
    /// both require the SDK's runtime identifier to be linux-x64 (not linux-musl-x64).</summary>
    public static bool PrecompiledHost { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64 && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

    /// <summary>The repository being tested (with a trailing separator).</summary>
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public string Root { get; }

    public string Feed { get; }

    public string NuGetPackages { get; }

    public string Projects { get; }

    /// <summary>The unique prerelease version packed for this run.</summary>
    public string Version { get; }

    public string PackagePath => Path.Combine(Feed, $"ReadinessAnalyzers.{Version}.nupkg");

    /// <summary>The <c>dotnet pack</c> run that produced <see cref="PackagePath"/>, with everything it printed.</summary>
    public CommandResult Pack { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(NuGetPackages);
        Directory.CreateDirectory(Projects);
        WriteIsolation();

        CopyNet8TargetingPacksToFeed();

        var packageProject = Path.Combine(RepoRoot, "src", "ReadinessAnalyzers.Package", "ReadinessAnalyzers.Package.csproj");
        var pack = Pack = await DotNet.RunAsync(
            Root,
            NuGetPackages,
            "pack",
            packageProject, "--no-build", "-c", Configuration, "-tl:off", "-o", Feed, "-p:PackageVersion=" + Version);
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Packing failed; expected {PackagePath}.\n{pack}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; never fail the run over it.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The temporary projects live outside the repository and see nothing of it or of the machine's NuGet
    /// set-up: empty Directory.Build.* files stop MSBuild's upward search, and nuget.config lists the folder
    /// feed as the only source (restore needs no network: the projects reference nothing else).
    /// </summary>
    private void WriteIsolation()
    {
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="readiness-e2e" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
              </fallbackPackageFolders>
              <config>
                <add key="globalPackagesFolder" value="{NuGetPackages}" />
              </config>
            </configuration>
            """);
    }

    /// <summary>
    /// The test repositories multi-target net8.0, whose reference packs (.NET and ASP.NET Core) are not part of the SDK.
    /// The test project restores the versions this SDK asks for into the NuGet cache; offering the cached 8.0 packs in
    /// the feed keeps the builds off the network.
    /// </summary>
    private void CopyNet8TargetingPacksToFeed()
    {
        foreach (var id in new[] { "microsoft.netcore.app.ref", "microsoft.aspnetcore.app.ref" })
        {
            var packs = Path.Combine(Metadata("NuGetPackageRoot"), id);
            if (!Directory.Exists(packs))
            {
                continue;
            }

            foreach (var nupkg in Directory.GetDirectories(packs, "8.0.*").SelectMany(d => Directory.GetFiles(d, "*.nupkg")))
            {
                File.Copy(nupkg, Path.Combine(Feed, Path.GetFileName(nupkg)), overwrite: true);
            }
        }
    }

    private static string Metadata(string key)
        => typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
           ?? throw new InvalidOperationException("Missing assembly metadata " + key);
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    /// <summary>One collection: the package is packed once and the builds run one at a time (2-core CI).</summary>
    public const string Name = "Package";
}
