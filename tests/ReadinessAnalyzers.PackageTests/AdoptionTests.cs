using System;
using System.Linq;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The README's "Install" section, each way on a small multi-project repository (<see cref="TestRepository"/>): a
/// library multi-targeted net8.0;net10.0 and a web app with warnings as errors that references it. Two ways carry the
/// baselining story (once from the solution, once from the entry project with <c>-m</c>); the other two prove that
/// the install reaches both projects and every framework. One repository per test, its builds in sequence.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class AdoptionTests(PackageFixture fixture)
{
    /// <summary>The library's findings: Find under both frameworks (one entry), DeleteLegacyFiles under net8.0 only.</summary>
    private static readonly string[] LibraryBaseline = ["RDY1001 Lib.Store.DeleteLegacyFiles", "RDY1001 Lib.Store.Find"];

    [Fact]
    public async Task Per_project_reference_baselined_from_the_solution_then_CI_passes_and_new_findings_fail()
    {
        var repo = new TestRepository(fixture, "AdoptPerProject", InstallWay.PerProject);

        var baseline = await repo.BuildAsync(repo.Solution, TestRepository.ContinuousIntegration, "-t:ReadinessBaseline");
        Assert.True(baseline.Succeeded, baseline.ToString());
        Assert.Equal(LibraryBaseline, repo.BaselineMembers("Lib"));
        Assert.Contains("RDY1001 <top-level>", repo.BaselineMembers("Web"));
        Assert.Contains(baseline.ReadinessLines, l => l.StartsWith("Readiness baseline (Lib, 2 target frameworks): 2 finding(s) accepted (2 added, 0 removed)", StringComparison.Ordinal));
        Assert.Contains(baseline.ReadinessLines, l => l.StartsWith("Readiness baseline (Web): ", StringComparison.Ordinal));
        Assert.Single(baseline.ReadinessLines, l => l.StartsWith("Readiness baseline (Lib", StringComparison.Ordinal));

        // CI on the solution: every finding of every project and framework is baselined.
        var ci = await repo.BuildAsync(repo.Solution, TestRepository.ContinuousIntegration, "-m");
        Assert.True(ci.Succeeded, ci.ToString());
        Assert.Empty(ci.Diagnostics("RDY1001"));
        Assert.Contains(ci.ReadinessLines, l => l.StartsWith("Readiness (1 project): 0 errors, 0 warnings; baselined 2", StringComparison.Ordinal));

        // A new finding in the library (warnings stay warnings there) fails the CI gate with RDY9001.
        repo.WriteFile("Lib/Store.cs", TestRepository.LibraryStore.Replace("#if NET8_0", TestRepository.NewFinding + "\n#if NET8_0", StringComparison.Ordinal));
        var newInLibrary = await repo.BuildAsync(repo.Solution, TestRepository.ContinuousIntegration);
        Assert.False(newInLibrary.Succeeded, newInLibrary.ToString());
        Assert.Contains("error RDY9001: Readiness gate failed: 1 finding(s)", newInLibrary.Command.Output, StringComparison.Ordinal);

        // A new finding in the web app (warnings as errors) fails its compilation.
        repo.WriteFile("Lib/Store.cs", TestRepository.LibraryStore);
        repo.WriteFile("Web/Program.cs", TestRepository.WebProgram + "\nstatic class Cleanup\n{\n    public static void Forget()\n    {\n        try { File.Delete(\"cache.bin\"); }\n        catch (Exception) { }\n    }\n}\n");
        var newInWeb = await repo.BuildAsync(repo.Solution, TestRepository.ContinuousIntegration);
        Assert.False(newInWeb.Succeeded, newInWeb.ToString());
        Assert.Equal(["RDY1001 error Program.cs(14)"], newInWeb.Diagnostics("RDY1001"));
    }

    [Fact]
    public async Task Global_package_reference_baselined_from_the_entry_project_covers_its_references_and_every_framework()
    {
        var repo = new TestRepository(fixture, "AdoptCentralGlobal", InstallWay.CentralGlobal);

        // Run on the entry project only, in parallel: the referenced library is baselined too, over both frameworks.
        var baseline = await repo.BuildAsync(repo.WebProject, TestRepository.LocalMachine, "-t:ReadinessBaseline", "-m");
        Assert.True(baseline.Succeeded, baseline.ToString());
        Assert.Equal(LibraryBaseline, repo.BaselineMembers("Lib"));
        Assert.Contains("RDY1001 <top-level>", repo.BaselineMembers("Web"));
        Assert.DoesNotContain(baseline.ReadinessLines, l => l.Contains(": 0 finding(s) accepted", StringComparison.Ordinal));

        // CI on the entry project: passes, and the last readiness line is the total of its graph (Web and Lib's net10.0).
        var ci = await repo.BuildAsync(repo.WebProject, TestRepository.ContinuousIntegration, "-m");
        Assert.True(ci.Succeeded, ci.ToString());
        var webBaselined = repo.BaselineMembers("Web").Count;
        Assert.Equal($"Readiness (2 projects): 0 errors, 0 warnings; baselined {webBaselined + 1}", ci.ReadinessLines[^1]);

        // The library's net8.0-only finding was baselined too: the per-project test builds the library's every
        // framework in CI and asserts the total there.
    }

    [Theory]
    [InlineData(InstallWay.CentralPerProject)]
    [InlineData(InstallWay.DirectoryBuildProps)]
    public async Task Install_reaches_every_project_and_framework(InstallWay way)
    {
        var repo = new TestRepository(fixture, "Adopt" + way, way);

        var build = await repo.BuildAsync(repo.Solution, TestRepository.LocalMachine);

        // The web app treats warnings as errors, so its finding fails the build; the library's show under both
        // frameworks (its net8.0-only one once).
        Assert.False(build.Succeeded, build.ToString());
        Assert.Equal(["RDY1001 error Program.cs(5)"], build.Diagnostics("RDY1001").Where(d => d.Contains("Program.cs", StringComparison.Ordinal)));
        Assert.Equal(["RDY1001 warning Store.cs(14)", "RDY1001 warning Store.cs(8)"], build.Diagnostics("RDY1001").Where(d => d.Contains("Store.cs", StringComparison.Ordinal)));
        Assert.Contains("[" + repo.LibraryProject + "::TargetFramework=net8.0]", build.Command.Output, StringComparison.Ordinal);
        Assert.Contains("[" + repo.LibraryProject + "::TargetFramework=net10.0]", build.Command.Output, StringComparison.Ordinal);
    }
}
