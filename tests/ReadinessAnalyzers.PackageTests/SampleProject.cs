using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// A small real project in the fixture's temporary folder that references the packed ReadinessAnalyzers
/// and nothing else, built with <c>dotnet build</c>.
/// </summary>
internal sealed partial class SampleProject
{
    private readonly PackageFixture _fixture;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly string _sdk;
    private readonly string _extraProperties;

    private SampleProject(PackageFixture fixture, string name, string sdk, string outputType, string extraProperties)
    {
        _fixture = fixture;
        Name = name;
        _sdk = sdk;
        _extraProperties = (outputType.Length > 0 ? $"<OutputType>{outputType}</OutputType>" : "") + extraProperties;
        Directory = Path.Combine(fixture.Projects, name);
    }

    public string Name { get; }

    public string Directory { get; }

    public static SampleProject Console(PackageFixture fixture, string name, string extraProperties = "")
        => new(fixture, name, "Microsoft.NET.Sdk", "Exe", extraProperties);

    public static SampleProject Web(PackageFixture fixture, string name, string extraProperties = "")
        => new(fixture, name, "Microsoft.NET.Sdk.Web", "", extraProperties);

    public SampleProject With(string relativePath, string content)
    {
        _files[relativePath] = content;
        return this;
    }

    /// <summary>Writes the project and runs <c>dotnet build</c> (with restore) on it.</summary>
    public Task<BuildResult> BuildAsync(params string[] extraArguments) => BuildAsync(environment: null, extraArguments);

    /// <summary>As above, with environment variables set or (null value) removed for the build.</summary>
    public async Task<BuildResult> BuildAsync(IReadOnlyDictionary<string, string?>? environment, params string[] extraArguments)
    {
        WriteFiles();
        var result = await DotNet.RunAsync(
            Directory,
            _fixture.NuGetPackages,
            environment,
            "build",
            [Name + ".csproj", "-tl:off", .. extraArguments]);
        return new BuildResult(this, result);
    }

    /// <summary>Builds a solution file of several sample projects (written with <see cref="WriteFiles"/>).</summary>
    public static async Task<BuildResult> BuildSolutionAsync(PackageFixture fixture, string solutionPath, IReadOnlyDictionary<string, string?>? environment, params string[] extraArguments)
    {
        var result = await DotNet.RunAsync(
            Path.GetDirectoryName(solutionPath)!,
            fixture.NuGetPackages,
            environment,
            "build",
            [Path.GetFileName(solutionPath), "-tl:off", .. extraArguments]);
        return new BuildResult(new SampleProject(fixture, Path.GetFileNameWithoutExtension(solutionPath), "Microsoft.NET.Sdk", "", ""), result);
    }

    /// <summary>Writes the project file and the sources, without building.</summary>
    public void WriteFiles()
    {
        System.IO.Directory.CreateDirectory(Directory);
        WriteIfChanged(Path.Combine(Directory, Name + ".csproj"), $"""
            <Project Sdk="{_sdk}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <!-- The only source is the local feed; there is no vulnerability data to ask for. -->
                <NuGetAudit>false</NuGetAudit>
                {_extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ReadinessAnalyzers" Version="{_fixture.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        foreach (var (path, content) in _files)
        {
            var fullPath = Path.Combine(Directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            WriteIfChanged(fullPath, content);
        }
    }

    /// <summary>Unchanged files keep their timestamps, so a rebuild is incremental (no recompile) as for a user.</summary>
    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }
    }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>1-based line and column of the first occurrence of <paramref name="text"/> in a file.</summary>
    public (int Line, int Column) PositionOf(string relativePath, string text)
    {
        var content = _files[relativePath];
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in {relativePath}");
        var line = content.AsSpan(0, index).Count('\n') + 1;
        var lineStart = index == 0 ? 0 : content.LastIndexOf('\n', index - 1) + 1;
        var column = index - lineStart + 1;
        return (line, column);
    }
}

/// <summary>A diagnostic as MSBuild prints it: <c>path(line,col): warning ID: message [project]</c>.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id);

internal sealed partial class BuildResult
{
    public BuildResult(SampleProject project, CommandResult command)
    {
        Project = project;
        Command = command;
        Diagnostics = DiagnosticLine().Matches(command.Output)
            .Select(m => new BuildDiagnostic(
                m.Groups["file"].Value.Trim(),
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["severity"].Value,
                m.Groups["id"].Value))
            .Distinct()
            .ToList();
    }

    public SampleProject Project { get; }

    public CommandResult Command { get; }

    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

    public bool Succeeded => Command.ExitCode == 0;

    public IReadOnlyList<BuildDiagnostic> WithId(string id) => Diagnostics.Where(d => d.Id == id).ToList();

    /// <summary>Asserts that the build reported exactly this one diagnostic with its ID; prints the build output otherwise.</summary>
    public void AssertSingle(BuildDiagnostic expected)
    {
        var found = WithId(expected.Id);
        Assert.True(
            found.Count == 1 && found[0] == expected,
            $"Expected exactly {expected}\nbut found {found.Count}:\n{string.Join('\n', found)}\n\n{this}");
    }

    /// <summary>The compiler's command line for this build (needs <c>-v:n</c>): the line naming csc with /additionalfile etc.</summary>
    public string CompilerCommandLine
    {
        get
        {
            var line = Command.Output.Split('\n').FirstOrDefault(l => CompilerInvocation().IsMatch(l) && l.Contains(" /out:", StringComparison.Ordinal));
            Assert.True(line is not null, "The compiler command line is not in the output (build with -v:n).\n" + this);
            return line!;
        }
    }

    /// <summary>The analyzer config MSBuild generated for the compiler (build_property.* values).</summary>
    public string GeneratedEditorConfig
    {
        get
        {
            var file = System.IO.Directory.GetFiles(Path.Combine(Project.Directory, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single();
            return File.ReadAllText(file);
        }
    }

    public override string ToString() => Command.ToString();

    [GeneratedRegex(@"[/\\]csc(\.dll|\.exe)?\s")]
    private static partial Regex CompilerInvocation();

    [GeneratedRegex(@"^\s*(\d+>)?(?<file>[^\r\n(]+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error) (?<id>[A-Za-z]+\d+):", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
