using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// A repository with deployment descriptors as services have them: a <c>.git</c> folder at its root, web projects under
/// <c>src/&lt;Name&gt;/</c> that reference the packed ReadinessAnalyzers, and whatever Dockerfiles, manifests and compose
/// files a test writes. Builds run with <c>-v:n</c>, so the compiler's command line (its <c>/additionalfile:</c>
/// arguments) is in the output.
/// </summary>
internal sealed partial class DeploymentRepository
{
    private readonly PackageFixture _fixture;

    public DeploymentRepository(PackageFixture fixture, string name)
    {
        _fixture = fixture;
        Directory = Path.Combine(fixture.Projects, name);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, ".git"));
    }

    public string Directory { get; }

    public string PathOf(string relativePath) => Path.Combine(Directory, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes a file unless it already has this content (unchanged files keep their time stamps).</summary>
    public DeploymentRepository With(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != content)
        {
            File.WriteAllText(path, content);
        }

        return this;
    }

    /// <summary>A web project <c>src/{name}/{name}.csproj</c> with the package and a Program.cs.</summary>
    public DeploymentRepository WithWebProject(string name, string program, string properties = "", string items = "")
        => With($"src/{name}/{name}.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <NuGetAudit>false</NuGetAudit>
                    {properties}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="ReadinessAnalyzers" Version="{_fixture.Version}" PrivateAssets="all" />
                    {items}
                  </ItemGroup>
                </Project>
                """)
            .With($"src/{name}/Program.cs", program);

    public string ProjectPath(string name) => PathOf($"src/{name}/{name}.csproj");

    /// <summary>1-based line of the first line of a file that contains <paramref name="text"/>.</summary>
    public int LineOf(string relativePath, string text)
    {
        var lines = File.ReadAllLines(PathOf(relativePath));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {relativePath}");
        return index + 1;
    }

    /// <summary><c>dotnet build</c> of a project or solution of this repository (path relative to it), with <c>-v:n</c>.</summary>
    public async Task<DeploymentBuild> BuildAsync(string relativePath, params string[] arguments)
    {
        var command = await DotNet.RunAsync(Directory, _fixture.NuGetPackages, TestRepository.LocalMachine, "build", [PathOf(relativePath), "-tl:off", "-v:n", .. arguments]);
        return new DeploymentBuild(this, command);
    }

    /// <summary>The compiled assembly of a project under obj/ (CoreCompile writes it only when it runs).</summary>
    public DateTime CompiledAt(string name) => File.GetLastWriteTimeUtc(PathOf($"src/{name}/obj/Debug/net10.0/{name}.dll"));

    /// <summary>The analyzer config MSBuild generated for a project's compiler (build_property.*, build_metadata.*).</summary>
    public string GeneratedEditorConfig(string name) => File.ReadAllText(PathOf($"src/{name}/obj/Debug/net10.0/{name}.GeneratedMSBuildEditorConfig.editorconfig"));

    /// <summary>
    /// The <c>build_metadata.AdditionalFiles.ReadinessDeployment</c> value of each file section of a project's generated
    /// config that has one, as "path-relative-to-the-repository kind[ folder]", sorted.
    /// </summary>
    public List<string> DeploymentMetadata(string name)
    {
        var result = new List<string>();
        foreach (Match section in EditorConfigSection().Matches(GeneratedEditorConfig(name)))
        {
            var body = section.Groups["body"].Value;
            var kind = Regex.Match(body, @"build_metadata\.AdditionalFiles\.ReadinessDeployment = (\S*)").Groups[1].Value;
            if (kind.Length == 0)
            {
                continue;
            }

            var owner = Regex.Match(body, @"build_metadata\.AdditionalFiles\.ReadinessDeploymentOwner = (\S*)").Groups[1].Value;
            result.Add($"{Relative(section.Groups["path"].Value)} {kind}{(owner.Length > 0 ? " " + owner : string.Empty)}");
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    public string Relative(string path) => Path.GetRelativePath(Directory, path).Replace('\\', '/');

    [GeneratedRegex(@"^\[(?<path>[^\]\r\n]+)\]\r?\n(?<body>(?:(?!\[)[^\r\n]*\r?\n?)*)", RegexOptions.Multiline)]
    private static partial Regex EditorConfigSection();
}

/// <summary>One build of a <see cref="DeploymentRepository"/>.</summary>
internal sealed partial class DeploymentBuild(DeploymentRepository repository, CommandResult command)
{
    public CommandResult Command { get; } = command;

    public bool Succeeded => Command.ExitCode == 0;

    /// <summary>Distinct diagnostics as <c>ID relative-path(line)</c>, sorted, for the given ID prefix (e.g. <c>RDY30</c>).</summary>
    public List<string> Diagnostics(string idPrefix) => DiagnosticLine().Matches(Command.Output)
        .Where(m => m.Groups["id"].Value.StartsWith(idPrefix, StringComparison.Ordinal))
        .Select(m => $"{m.Groups["id"].Value} {repository.Relative(m.Groups["file"].Value.Trim())}({m.Groups["line"].Value})")
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The message of the first diagnostic with this ID at this file (relative path) and line.</summary>
    public string Message(string id, string relativePath, int line)
    {
        var match = DiagnosticLine().Matches(Command.Output).FirstOrDefault(m => m.Groups["id"].Value == id
            && repository.Relative(m.Groups["file"].Value.Trim()) == relativePath
            && m.Groups["line"].Value == line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(match is not null, $"No {id} at {relativePath}({line}).\n{this}");
        return match!.Groups["message"].Value;
    }

    /// <summary>The <c>/additionalfile:</c> arguments of the compiler run that wrote <c>{project}.dll</c>, relative, sorted.</summary>
    public List<string> AdditionalFiles(string project)
    {
        var line = Command.Output.Split('\n').FirstOrDefault(l => CompilerInvocation().IsMatch(l) && l.Contains($"/out:obj/Debug/net10.0/{project}.dll", StringComparison.Ordinal));
        Assert.True(line is not null, $"No compiler command line for {project} in the output.\n{this}");
        return line!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(a => a.StartsWith("/additionalfile:", StringComparison.Ordinal))
            .Select(a => a["/additionalfile:".Length..].Trim('"'))
            .Select(f => repository.Relative(Path.IsPathRooted(f) ? f : Path.Combine(repository.PathOf($"src/{project}"), f)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public override string ToString() => Command.ToString();

    [GeneratedRegex(@"[/\\]csc(\.dll|\.exe)?\s")]
    private static partial Regex CompilerInvocation();

    [GeneratedRegex(@"^\s*(?:\d+>)?(?<file>[^\r\n(]+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error) (?<id>[A-Za-z]+\d+): (?<message>[^\r\n]*?)(?: \[[^\r\n\]]+\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
