using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
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

    /// <summary>
    /// <c>dotnet format</c> asks the first diagnostic it meets for the fix-all key. When that catch has no logger
    /// in scope it gets no action (a null key); fix-all must still fix every catch that has one.
    /// </summary>
    [Fact]
    public async Task Dotnet_format_fixes_every_fixable_catch_when_the_first_one_has_no_logger()
    {
        var project = SampleProject.Web(fixture, "FormatFirstWithoutLogger")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<OrderStore>();
                var app = builder.Build();
                Settings.Load(args.Length > 0 ? args[0] : "80");
                app.MapGet("/{id}", (string id, OrderStore store) => store.Find(id));
                app.Run();
                """)
            .With("OrderStore.cs", """
                public static class Settings
                {
                    public static int Port { get; private set; } = 80;

                    public static void Load(string text)
                    {
                        try
                        {
                            Port = int.Parse(text);
                        }
                        catch (Exception)
                        {
                        }
                    }
                }

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
        Assert.Equal(2, build.WithId("RDY1001").Count);

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
        Assert.DoesNotContain("Fix All action", format.Output, StringComparison.Ordinal);

        var fixedText = File.ReadAllText(project.PathOf("OrderStore.cs"));
        Assert.True(fixedText.Contains("_logger.LogError(ex, \"Find failed\");", StringComparison.Ordinal), fixedText + "\n" + format);
        Assert.True(Regex.Matches(fixedText, "LogError").Count == 1, "Only OrderStore has a logger:\n" + fixedText);

        var rebuild = await DotNet.RunAsync(project.Directory, fixture.NuGetPackages, "build", project.Name + ".csproj", "-tl:off", "--no-restore");
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Single(Regex.Matches(rebuild.Output, @"OrderStore\.cs\(\d+,\d+\): warning RDY1001").Select(m => m.Value).Distinct());
    }
}
