using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// Real <c>dotnet build</c> of small console and ASP.NET Core projects that reference the packed
/// ReadinessAnalyzers: what a user sees, and every standard way to configure or suppress a rule.
/// Each assertion message carries the full build output.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class EndToEndBuildTests(PackageFixture fixture)
{
    private const string HelpLink = "https://github.com/ReadinessAnalyzers/ReadinessAnalyzers/blob/main/rules/RDY1001.md";

    private const string ConsoleProgram = """
        namespace Sample;

        internal static class Program
        {
            private static void Main()
            {
                try
                {
                    File.Delete("missing.txt");
                }
                catch (Exception)
                {
                }
            }
        }
        """;

    private const string SwallowingCatch = "catch (Exception)";

    [Fact]
    public async Task Console_app_reports_RDY1001_with_file_and_line_in_the_build_and_the_SARIF_log()
    {
        var project = SampleProject.Console(fixture, "ConsoleApp").With("Program.cs", ConsoleProgram);
        var sarifPath = project.PathOf("build.sarif");

        var build = await project.BuildAsync("-p:ErrorLog=" + sarifPath);

        Assert.True(build.Succeeded, build.ToString());
        var (line, column) = project.PositionOf("Program.cs", SwallowingCatch);
        build.AssertSingle(new BuildDiagnostic(project.PathOf("Program.cs"), line, column, "warning", "RDY1001"));
        Assert.True(build.Command.Output.Contains("This catch of 'Exception' in 'Main' drops the failure", StringComparison.Ordinal), build.ToString());

        Assert.True(File.Exists(sarifPath), "No SARIF log was written.\n" + build);
        using var sarif = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var sarifText = File.ReadAllText(sarifPath);
        var rules = FindObjects(sarif.RootElement, e => StringProperty(e, "id") == "RDY1001" && e.TryGetProperty("helpUri", out _)).ToList();
        Assert.True(rules.Count > 0, "RDY1001 has no rule entry with a help link in the SARIF log:\n" + sarifText);
        Assert.True(rules.All(rule => StringProperty(rule, "helpUri") == HelpLink), $"RDY1001's help link is not {HelpLink}:\n{sarifText}");
        Assert.True(FindObjects(sarif.RootElement, e => StringProperty(e, "ruleId") == "RDY1001").Count() == 1, "Expected one RDY1001 result in the SARIF log:\n" + sarifText);
    }

    [Fact]
    public async Task Web_app_reports_RDY1001_and_passes_its_settings_files_to_the_compiler()
    {
        var project = SampleProject.Web(fixture, "WebApp")
            .With("Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();

                app.MapGet("/", () =>
                {
                    try
                    {
                        return Results.Ok(File.ReadAllText("motd.txt"));
                    }
                    catch (Exception)
                    {
                        return Results.Ok(string.Empty);
                    }
                });

                app.Run();
                """)
            .With("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }""")
            .With("appsettings.Development.json", """{ "Logging": { "LogLevel": { "Default": "Debug" } } }""")
            .With("Properties/launchSettings.json", """{ "profiles": {} }""");

        var build = await project.BuildAsync("-v:n");

        Assert.True(build.Succeeded, build.ToString());
        var (line, column) = project.PositionOf("Program.cs", SwallowingCatch);
        build.AssertSingle(new BuildDiagnostic(project.PathOf("Program.cs"), line, column, "warning", "RDY1001"));

        var compilerArguments = AdditionalFileArguments(build);
        var settingsFiles = compilerArguments.Where(f => Path.GetFileName(f).StartsWith("appsettings", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.True(
            settingsFiles.SequenceEqual([project.PathOf("appsettings.Development.json"), project.PathOf("appsettings.json")]),
            "Expected both settings files, each once, as /additionalfile:\n" + build);
        Assert.False(compilerArguments.Any(f => f.EndsWith("launchSettings.json", StringComparison.Ordinal)), build.ToString());

        // On a linux-x64 .NET SDK the compiler runs the precompiled (ReadyToRun) analyzer assembly, and the finding
        // above is its own; elsewhere the IL one (build/ReadinessAnalyzers.ReadyToRun.targets).
        Assert.True(
            AnalyzerArguments(build).Where(IsOurAnalyzerAssembly).SequenceEqual([ExpectedAnalyzerAssembly(precompiled: PackageFixture.PrecompiledHost)]),
            $"Expected {ExpectedAnalyzerAssembly(precompiled: PackageFixture.PrecompiledHost)} as our one /analyzer: assembly:\n{build}");

        var config = build.GeneratedEditorConfig;
        Assert.Contains("build_property.UsingMicrosoftNETSdkWeb = true", config, StringComparison.Ordinal);
        Assert.Contains("build_property.OutputType = Exe", config, StringComparison.Ordinal);
        Assert.Contains("build_property.ReadinessIncludeSettingsFiles = true", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opt_outs_keep_appsettings_and_the_precompiled_analyzers_away_from_the_compiler()
    {
        var project = SampleProject.Console(
                fixture,
                "ConsoleOptOut",
                "<ReadinessIncludeSettingsFiles>false</ReadinessIncludeSettingsFiles><ReadinessReadyToRun>false</ReadinessReadyToRun>")
            .With("Program.cs", ConsoleProgram)
            .With("appsettings.json", """{ "ConnectionStrings": { } }""");

        var build = await project.BuildAsync("-v:n");

        Assert.True(build.Succeeded, build.ToString());
        Assert.True(build.WithId("RDY1001").Count == 1, build.ToString());
        Assert.False(AdditionalFileArguments(build).Any(f => f.EndsWith("appsettings.json", StringComparison.Ordinal)), build.ToString());
        Assert.Contains("build_property.ReadinessIncludeSettingsFiles = false", build.GeneratedEditorConfig, StringComparison.Ordinal);
        Assert.Contains("build_property.OutputType = Exe", build.GeneratedEditorConfig, StringComparison.Ordinal);

        // ReadinessReadyToRun=false: the IL assembly on every host, and it finds the same.
        Assert.True(
            AnalyzerArguments(build).Where(IsOurAnalyzerAssembly).SequenceEqual([ExpectedAnalyzerAssembly(precompiled: false)]),
            $"Expected {ExpectedAnalyzerAssembly(precompiled: false)} as our one /analyzer: assembly:\n{build}");
    }

    [Fact]
    public async Task Editorconfig_severity_error_fails_the_build()
    {
        var project = SampleProject.Console(fixture, "SeverityError")
            .With("Program.cs", ConsoleProgram)
            .With(".editorconfig", """
                root = true

                [*.cs]
                dotnet_diagnostic.RDY1001.severity = error
                """);

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.ToString());
        var (line, column) = project.PositionOf("Program.cs", SwallowingCatch);
        build.AssertSingle(new BuildDiagnostic(project.PathOf("Program.cs"), line, column, "error", "RDY1001"));
    }

    [Fact]
    public async Task Editorconfig_severity_none_silences_the_rule()
    {
        var project = SampleProject.Console(fixture, "SeverityNone")
            .With("Program.cs", ConsoleProgram)
            .With(".editorconfig", """
                root = true

                [*.cs]
                dotnet_diagnostic.RDY1001.severity = none
                """);

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        Assert.False(build.Command.Output.Contains("RDY1001", StringComparison.Ordinal), build.ToString());
    }

    [Fact]
    public async Task Category_severity_applies_to_our_rules_and_not_to_an_SDK_rule_of_another_category()
    {
        var project = SampleProject.Console(fixture, "CategorySeverity")
            .With("Program.cs", ConsoleProgram)
            .With("Clock.cs", """
                namespace Sample;

                internal sealed class Clock
                {
                    private int Seconds(int minutes) => minutes * 60;

                    public int SecondsPerHour() => Seconds(60);
                }
                """)
            .With(".editorconfig", """
                root = true

                [*.cs]
                dotnet_analyzer_diagnostic.category-ReadinessFailureHandling.severity = error
                dotnet_diagnostic.CA1822.severity = warning
                """);

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.ToString());
        var (line, column) = project.PositionOf("Program.cs", SwallowingCatch);
        build.AssertSingle(new BuildDiagnostic(project.PathOf("Program.cs"), line, column, "error", "RDY1001"));
        var sdkRule = build.WithId("CA1822");
        Assert.True(sdkRule.Count > 0, "CA1822 (category Performance) was not reported; the control case proves nothing.\n" + build);
        Assert.True(sdkRule.All(d => d.Severity == "warning"), "CA1822 must stay a warning:\n" + build);
    }

    [Fact]
    public async Task Pragma_and_SuppressMessage_suppress_the_rule_where_they_apply()
    {
        const string Body = """
                {
                    try
                    {
                        File.Delete("missing.txt");
                    }
                    catch (Exception)
                    {
                    }
                }
            """;
        var project = SampleProject.Console(fixture, "Suppressions")
            .With("Program.cs", $$"""
                namespace Sample;

                internal static class Program
                {
                    private static void Main()
                    {
                        Pragma.Run();
                        Attributed.Run();
                        Unsuppressed.Run();
                    }
                }
                """)
            .With("Pragma.cs", $$"""
                namespace Sample;

                internal static class Pragma
                {
                #pragma warning disable RDY1001 // Deleting a file that may not exist.
                    public static void Run()
                {{Body}}
                #pragma warning restore RDY1001
                }
                """)
            .With("Attributed.cs", $$"""
                using System.Diagnostics.CodeAnalysis;

                namespace Sample;

                internal static class Attributed
                {
                    [SuppressMessage("ReadinessFailureHandling", "RDY1001:Exception swallowed", Justification = "Deleting a file that may not exist.")]
                    public static void Run()
                {{Body}}
                }
                """)
            .With("Unsuppressed.cs", $$"""
                namespace Sample;

                internal static class Unsuppressed
                {
                    public static void Run()
                {{Body}}
                }
                """);

        var build = await project.BuildAsync();

        Assert.True(build.Succeeded, build.ToString());
        var (line, column) = project.PositionOf("Unsuppressed.cs", SwallowingCatch);
        build.AssertSingle(new BuildDiagnostic(project.PathOf("Unsuppressed.cs"), line, column, "warning", "RDY1001"));
    }

    /// <summary>The files passed to csc with <c>/additionalfile:</c> in the logged compiler command line.</summary>
    private string ExpectedAnalyzerAssembly(bool precompiled)
        => Path.Combine(fixture.NuGetPackages, "readinessanalyzers", fixture.Version.ToLowerInvariant(), precompiled ? "readytorun/linux-x64" : "analyzers/dotnet/cs", "ReadinessAnalyzers.dll");

    private bool IsOurAnalyzerAssembly(string path)
        => path.StartsWith(Path.Combine(fixture.NuGetPackages, "readinessanalyzers") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Path.GetFileName(path) == "ReadinessAnalyzers.dll";

    private static string[] AnalyzerArguments(BuildResult build)
        => build.CompilerCommandLine
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(a => a.StartsWith("/analyzer:", StringComparison.Ordinal))
            .Select(a => Path.GetFullPath(a["/analyzer:".Length..].Trim('"')))
            .ToArray();

    private static string[] AdditionalFileArguments(BuildResult build)
        => build.CompilerCommandLine
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(a => a.StartsWith("/additionalfile:", StringComparison.Ordinal))
            .Select(a => a["/additionalfile:".Length..].Trim('"'))
            .ToArray();

    private static string? StringProperty(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static System.Collections.Generic.IEnumerable<JsonElement> FindObjects(JsonElement element, Func<JsonElement, bool> predicate)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (predicate(element))
            {
                yield return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var found in FindObjects(property.Value, predicate))
                {
                    yield return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in FindObjects(item, predicate))
                {
                    yield return found;
                }
            }
        }
    }
}
