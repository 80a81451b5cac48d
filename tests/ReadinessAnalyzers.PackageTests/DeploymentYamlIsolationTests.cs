using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>
/// The package ships YamlDotNet 18.1.0 beside the analyzers. Another analyzer package in the same build may ship its own
/// YamlDotNet of another version: both analyzers must load (no AD0001, CS8032-CS8034) and both must report. The test packs a tiny analyzer that reads every .yaml additional file with YamlDotNet 16.3.0 and
/// reports the document count and the YamlDotNet version it ran with, then builds a web project with both packages.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DeploymentYamlIsolationTests(PackageFixture fixture)
{
    private const string OtherYamlVersion = "16.3.0";

    private const string OtherAnalyzer = """
        using System.Collections.Immutable;
        using System.IO;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.Diagnostics;
        using YamlDotNet.RepresentationModel;

        namespace OtherYaml;

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class YamlDocumentsAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new(
                "OTY0001", "YAML documents", "{0} has {1} YAML document(s), read by YamlDotNet {2}", "OtherYaml", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterCompilationAction(compilation =>
                {
                    foreach (var file in compilation.Options.AdditionalFiles)
                    {
                        if (!file.Path.EndsWith(".yaml") || file.GetText(compilation.CancellationToken) is not { } text)
                        {
                            continue;
                        }

                        var stream = new YamlStream();
                        try
                        {
                            stream.Load(new StringReader(text.ToString()));
                        }
                        catch (YamlDotNet.Core.YamlException)
                        {
                            continue;
                        }

                        compilation.ReportDiagnostic(Diagnostic.Create(Rule, Location.None, Path.GetFileName(file.Path), stream.Documents.Count, typeof(YamlStream).Assembly.GetName().Version));
                    }
                });
            }
        }
        """;

    [Fact]
    public async Task Another_analyzer_package_with_another_YamlDotNet_in_the_same_build_breaks_neither()
    {
        var otherYaml = Path.Combine(PackageFixture.MachinePackageRoot, "yamldotnet", OtherYamlVersion, "lib", "netstandard2.0", "YamlDotNet.dll");
        Assert.True(File.Exists(otherYaml), $"YamlDotNet {OtherYamlVersion} is not in the NuGet cache ({otherYaml}); the test project's restore downloads it.");

        // The other package: its analyzer against the SDK's own Roslyn, YamlDotNet 16.3.0 beside it, nothing under lib/.
        var other = new DeploymentRepository(fixture, "OtherYamlAnalyzer")
            .With("OtherYaml.Analyzers.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <NuGetAudit>false</NuGetAudit>
                    <PackageId>OtherYaml.Analyzers</PackageId>
                    <Version>1.0.0</Version>
                    <Authors>test</Authors>
                    <Description>A test analyzer that reads YAML with another YamlDotNet.</Description>
                    <IncludeBuildOutput>false</IncludeBuildOutput>
                    <SuppressDependenciesWhenPacking>true</SuppressDependenciesWhenPacking>
                    <DevelopmentDependency>true</DevelopmentDependency>
                    <NoWarn>$(NoWarn);NU5128;NU5100;RS1036;RS1038;RS2008</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="Microsoft.CodeAnalysis" HintPath="$(RoslynTargetsPath)/bincore/Microsoft.CodeAnalysis.dll" Private="false" />
                    <Reference Include="YamlDotNet" HintPath="{otherYaml}" Private="false" />
                    <None Include="$(TargetPath)" Pack="true" PackagePath="analyzers/dotnet/cs" Visible="false" />
                    <None Include="{otherYaml}" Pack="true" PackagePath="analyzers/dotnet/cs" Visible="false" />
                  </ItemGroup>
                </Project>
                """)
            .With("YamlDocumentsAnalyzer.cs", OtherAnalyzer);
        var pack = await DotNet.RunAsync(other.Directory, fixture.NuGetPackages, "pack", "OtherYaml.Analyzers.csproj", "-tl:off", "-o", fixture.Feed);
        Assert.True(pack.ExitCode == 0 && File.Exists(Path.Combine(fixture.Feed, "OtherYaml.Analyzers.1.0.0.nupkg")), pack.ToString());

        var repo = DeploymentFindingTests.Shop(fixture, "DeployTwoYamlDotNets")
            .WithWebProject("Ordering.API", DeploymentFindingTests.ServiceProgram, items: """<PackageReference Include="OtherYaml.Analyzers" Version="1.0.0" PrivateAssets="all" />""");

        var build = await repo.BuildAsync("src/Ordering.API/Ordering.API.csproj");

        Assert.True(build.Succeeded, build.ToString());
        foreach (var loadFailure in new[] { "AD0001", "CS8032", "CS8033", "CS8034" })
        {
            Assert.False(build.Command.Output.Contains(loadFailure, StringComparison.Ordinal), $"{loadFailure} in the build.\n{build}");
        }

        // Ours (YamlDotNet 18) reads the manifest: the readiness probe's port; theirs (YamlDotNet 16) reads it too.
        var readinessPort = File.ReadAllLines(repo.PathOf("deploy/ordering.yaml")).ToList().FindIndex(l => l.Trim() == "port: 80") + 1;
        Assert.Contains($"RDY3010 deploy/ordering.yaml({readinessPort})", build.Diagnostics("RDY3010"));
        // Which YamlDotNet the other analyzer runs with is the compiler's choice: csc on .NET resolves an analyzer's
        // dependency by name among all analyzer files of the compilation and takes the highest version at least the one
        // asked for, so today it runs with our 18.0.0.0 (the API it uses is the same); a loader that isolated each
        // folder would give it its own 16.0.0.0. Either way it loads and reports, and ours does too.
        Assert.True(
            System.Text.RegularExpressions.Regex.IsMatch(build.Command.Output, @"warning OTY0001: ordering\.yaml has 2 YAML document\(s\), read by YamlDotNet (16|18)\.0\.0\.0"),
            "The other package's analyzer did not report.\n" + build);
    }
}
