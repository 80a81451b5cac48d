using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>The nupkg itself: exact layout, nuspec metadata, and what the shipped assemblies reference.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture fixture)
{
    /// <summary>The analyzer assembly precompiled for linux-x64 (ReadyToRun): packed when the package is built on a linux-x64
    /// host (src/ReadinessAnalyzers/ReadyToRun.targets), as in CI. Declared before ExpectedEntries, which uses it.</summary>
    private static readonly string[] PrecompiledEntries = PackageFixture.PrecompiledHost
        ? ["readytorun/linux-x64/ReadinessAnalyzers.dll"]
        : [];

    /// <summary>Every file the package ships (NuGet's own bookkeeping entries aside). Add a line here when a
    /// file is added to src/ReadinessAnalyzers.Package, so that nothing lands in the package by accident.</summary>
    private static readonly string[] ExpectedEntries =
    [
        .. PrecompiledEntries,
        "PACKAGE.md",
        "THIRD-PARTY-NOTICES.md",
        "analyzers/dotnet/cs/ReadinessAnalyzers.CodeFixes.dll",
        "analyzers/dotnet/cs/ReadinessAnalyzers.dll",
        "analyzers/dotnet/cs/YamlDotNet.dll",
        "build/ReadinessAnalyzers.Check.targets",
        "build/ReadinessAnalyzers.Deployment.targets",
        "build/ReadinessAnalyzers.Options.targets",
        "build/ReadinessAnalyzers.ReadyToRun.targets",
        "build/ReadinessAnalyzers.props",
        "build/ReadinessAnalyzers.targets",
        "build/levels/readiness.minimum.globalconfig",
        "build/levels/readiness.none.globalconfig",
        "build/levels/readiness.recommended.globalconfig",
        "build/levels/readiness.strict.globalconfig",
        "buildMultiTargeting/ReadinessAnalyzers.targets",
        "buildTransitive/ReadinessAnalyzers.props",
        "buildTransitive/ReadinessAnalyzers.targets",
        "tasks/netstandard2.0/ReadinessAnalyzers.Build.dll",
    ];

    /// <summary>Assemblies the compiler (csc, VBCSCompiler, the IDE) provides to analyzers; anything else
    /// referenced by a shipped assembly would fail to load (CS8034) unless it were shipped too.</summary>
    private static readonly string[] HostProvidedAssemblies =
    [
        "netstandard",
        "Microsoft.CodeAnalysis",
        "Microsoft.CodeAnalysis.CSharp",
        "Microsoft.CodeAnalysis.Workspaces",
        "Microsoft.CodeAnalysis.CSharp.Workspaces",
        "System.Collections.Immutable",
        "System.Composition.AttributedModel",
        "System.Reflection.Metadata",
        "ReadinessAnalyzers",
    ];

    /// <summary>Assemblies the package ships beside the analyzers (THIRD-PARTY-NOTICES.md lists them), with the assembly
    /// version the analyzers may reference: YamlDotNet 18.1.0's assembly is version 18.0.0.0.</summary>
    private static readonly (string Name, Version Version)[] ShippedDependencies =
    [
        ("YamlDotNet", new Version(18, 0, 0, 0)),
    ];

    /// <summary>The Roslyn in the .NET 8 SDK (the oldest we support): a higher reference fails to load there
    /// with CS8032/CS9057.</summary>
    private static readonly Version OldestSupportedRoslyn = new(4, 8, 0, 0);

    [Fact]
    public void Package_contains_exactly_the_analyzers_and_the_msbuild_files()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var entries = package.Entries
            .Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml"
                && name != "ReadinessAnalyzers.nuspec")
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ExpectedEntries.Order(StringComparer.Ordinal), entries);
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) || e.FullName.StartsWith("ref/", StringComparison.Ordinal));
    }

    [Fact]
    public void Nuspec_declares_a_development_dependency_without_dependencies()
    {
        var metadata = ReadNuspecMetadata();
        var nuspec = metadata.Document!;
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("ReadinessAnalyzers", Value("id"));
        Assert.Equal(fixture.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("PACKAGE.md", Value("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependencies" or "dependency" or "group" or "frameworkAssemblies" or "references");
    }

    [Fact]
    public void Nuspec_declares_the_MIT_license_as_an_expression()
    {
        var metadata = ReadNuspecMetadata();

        var license = Assert.Single(metadata.Elements(), e => e.Name.LocalName == "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("Copyright (c) 2026 ReadinessAnalyzers contributors", metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "copyright")?.Value);

        // NuGet writes licenseUrl itself for clients older than license expressions, pointing at the
        // expression's page; any other URL would come from the deprecated PackageLicenseUrl (NU5125).
        var licenseUrl = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "licenseUrl")?.Value;
        Assert.True(licenseUrl is null or "https://licenses.nuget.org/MIT", $"Unexpected licenseUrl '{licenseUrl}': declare the license only through PackageLicenseExpression.");
    }

    [Fact]
    public void Third_party_notices_ship_at_the_package_root_as_the_repository_file()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var entry = package.GetEntry(ThirdPartyNotices.FileName);
        Assert.True(entry is not null, $"{ThirdPartyNotices.FileName} is not at the package root.");

        using var reader = new StreamReader(entry.Open());
        Assert.Equal(File.ReadAllText(Path.Combine(PackageFixture.RepoRoot, ThirdPartyNotices.FileName)), reader.ReadToEnd());
    }

    [Fact]
    public void Pack_reports_no_warnings()
    {
        // Directory.Build.props turns pack warnings (e.g. NU5125 for a license URL) into errors, which fail the
        // fixture's pack; this catches any warning that a NoWarn, WarningsNotAsErrors or a project-level
        // TreatWarningsAsErrors=false would let through.
        Assert.False(Regex.IsMatch(fixture.Pack.Output, @"\bwarning\b", RegexOptions.IgnoreCase), $"dotnet pack reported a warning:\n{fixture.Pack}");
    }

    [Fact]
    public void BuildTransitive_files_import_the_build_files()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        foreach (var extension in new[] { "props", "targets" })
        {
            using var reader = new StreamReader(package.GetEntry($"buildTransitive/ReadinessAnalyzers.{extension}")!.Open());
            Assert.Contains($"$(MSBuildThisFileDirectory)../build/ReadinessAnalyzers.{extension}", reader.ReadToEnd(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/ReadinessAnalyzers.dll", true)]
    [InlineData("analyzers/dotnet/cs/ReadinessAnalyzers.CodeFixes.dll", false)]
    public void Shipped_assembly_references_a_Roslyn_that_the_NET_8_SDK_compiler_provides(string entry, bool mustReferenceRoslyn)
    {
        var references = ReadAssemblyReferences(entry);

        var roslyn = references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
        if (mustReferenceRoslyn)
        {
            // The code-fix assembly references Roslyn only once it contains a fix; the analyzers always do.
            Assert.Contains(roslyn, r => r.Name == "Microsoft.CodeAnalysis");
        }

        Assert.All(roslyn, r => Assert.True(
            r.Version <= OldestSupportedRoslyn,
            $"{entry} references {r.Name} {r.Version}; the .NET 8 SDK compiler provides {OldestSupportedRoslyn}, so the analyzers would not load there (CS8032/CS9057)."));
        Assert.All(references, r => Assert.True(
            HostProvidedAssemblies.Contains(r.Name, StringComparer.Ordinal) || ShippedDependencies.Contains((r.Name, r.Version)),
            $"{entry} references {r.Name} {r.Version}, which the compiler does not provide to analyzers and the package does not ship."));
    }

    [Fact]
    public void Precompiled_analyzer_assembly_is_the_IL_assembly_with_linux_x64_native_code()
    {
        if (PrecompiledEntries.Length == 0)
        {
            return; // packed on another host: the package has the IL assembly only (the layout test checks that)
        }

        using var il = new PEReader(ReadEntry("analyzers/dotnet/cs/ReadinessAnalyzers.dll"));
        using var native = new PEReader(ReadEntry(PrecompiledEntries[0]));

        // The native code (a ReadyToRun header), for Linux x64 (the machine field of a Linux image is AMD64 ^ 0x7B79).
        Assert.Equal(0, il.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.True(native.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "No ReadyToRun header: the assembly was not precompiled.");
        Assert.Equal((ushort)Machine.Amd64 ^ 0x7B79, (int)native.PEHeaders.CoffHeader.Machine);

        // The same assembly: identity, module version id, references, and every type and method of the IL one, so a
        // runtime that does not use the native code runs exactly the IL assembly.
        var ilMetadata = il.GetMetadataReader();
        var nativeMetadata = native.GetMetadataReader();
        Assert.Equal(ilMetadata.GetGuid(ilMetadata.GetModuleDefinition().Mvid), nativeMetadata.GetGuid(nativeMetadata.GetModuleDefinition().Mvid));
        Assert.Equal(ReadAssemblyReferences("analyzers/dotnet/cs/ReadinessAnalyzers.dll"), ReadAssemblyReferences(PrecompiledEntries[0]));
        Assert.Equal(ilMetadata.TypeDefinitions.Count, nativeMetadata.TypeDefinitions.Count);
        Assert.Equal(ilMetadata.MethodDefinitions.Count, nativeMetadata.MethodDefinitions.Count);
    }

    [Fact]
    public void YamlDotNet_ships_as_its_netstandard2_0_assembly_that_needs_nothing_but_netstandard()
    {
        // netstandard2.0 loads in every compiler host: csc on .NET and Visual Studio's on .NET Framework.
        var (name, version) = ReadAssemblyIdentity("analyzers/dotnet/cs/YamlDotNet.dll");
        Assert.Equal(ShippedDependencies.Single(), (name, version));
        Assert.All(ReadAssemblyReferences("analyzers/dotnet/cs/YamlDotNet.dll"), r => Assert.Equal("netstandard", r.Name));
        Assert.Contains(ReadAssemblyReferences("analyzers/dotnet/cs/ReadinessAnalyzers.dll"), r => r.Name == "YamlDotNet");
    }

    [Fact]
    public void Task_assembly_references_only_what_every_MSBuild_provides()
    {
        // netstandard2.0 plus MSBuild's own API (assembly version 15.1 in every MSBuild 15-17, .NET and .NET
        // Framework alike): the task loads in `dotnet build` and in Visual Studio, and ships nothing else.
        var references = ReadAssemblyReferences("tasks/netstandard2.0/ReadinessAnalyzers.Build.dll");
        Assert.All(references, r => Assert.True(
            r.Name == "netstandard" || ((r.Name is "Microsoft.Build.Framework" or "Microsoft.Build.Utilities.Core") && r.Version == new Version(15, 1, 0, 0)),
            $"The task references {r.Name} {r.Version}, which MSBuild does not provide."));
        Assert.Contains(references, r => r.Name == "Microsoft.Build.Utilities.Core");
    }

    private XElement ReadNuspecMetadata()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        using var stream = package.GetEntry("ReadinessAnalyzers.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private (string Name, Version Version) ReadAssemblyIdentity(string entry)
    {
        using var peReader = new PEReader(ReadEntry(entry));
        var reader = peReader.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        return (reader.GetString(definition.Name), definition.Version);
    }

    private MemoryStream ReadEntry(string entry)
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var bytes = new MemoryStream();
        using (var stream = package.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        return bytes;
    }

    private List<(string Name, Version Version)> ReadAssemblyReferences(string entry)
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var bytes = new MemoryStream();
        using (var stream = package.GetEntry(entry)!.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var peReader = new PEReader(bytes);
        var reader = peReader.GetMetadataReader();
        return reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => (reader.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
