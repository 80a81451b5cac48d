using System;
using System.IO;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The code fixes as a real client applies them: <c>dotnet format analyzers</c> loads the packed analyzers and
/// code fixes from the package reference and rewrites the files.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CodeFixFormatTests(PackageFixture fixture)
{
    [Fact]
    public async Task Dotnet_format_applies_the_RDY1001_fix_from_the_package()
    {
        var project = SampleProject.Web(fixture, "FormatApp")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<OrderStore>();
                var app = builder.Build();
                app.MapGet("/{id}", (string id, OrderStore store) => store.Find(id));
                app.Run();
                """)
            .With("OrderStore.cs", """
                public sealed class OrderStore
                {
                    private readonly ILogger<OrderStore> _logger;

                    public OrderStore(ILogger<OrderStore> logger) => _logger = logger;

                    public int? Find(string id)
                    {
                        try
                        {
                            return int.Parse(id);
                        }
                        catch (Exception)
                        {
                            return null;
                        }
                    }
                }
                """);

        var build = await project.BuildAsync();
        Assert.True(build.Succeeded, build.ToString());
        Assert.Single(build.WithId("RDY1001"));

        var format = await DotNet.RunToolAsync(
            project.Directory,
            fixture.NuGetPackages,
            "format",
            "analyzers",
            project.Name + ".csproj",
            "--diagnostics",
            "RDY1001",
            "--severity",
            "warn",
            "--no-restore");
        Assert.True(format.ExitCode == 0, format.ToString());

        var fixedText = File.ReadAllText(project.PathOf("OrderStore.cs"));
        Assert.True(fixedText.Contains("catch (Exception ex)", StringComparison.Ordinal), fixedText + "\n" + format);
        Assert.True(fixedText.Contains("_logger.LogError(ex, \"Find failed\");", StringComparison.Ordinal), fixedText + "\n" + format);

        var rebuild = await DotNet.RunAsync(project.Directory, fixture.NuGetPackages, "build", project.Name + ".csproj", "-tl:off", "--no-restore");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("RDY1001", rebuild.Output, StringComparison.Ordinal);
    }
}
