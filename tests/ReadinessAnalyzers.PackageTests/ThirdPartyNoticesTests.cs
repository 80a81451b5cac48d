using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace ReadinessAnalyzers.PackageTests;

/// <summary>Every assembly the package ships beside ours is listed, with its license, in the packed notices.</summary>
[Collection(PackageCollection.Name)]
public sealed class ThirdPartyNoticesTests(PackageFixture fixture)
{
    [Fact]
    public void Every_assembly_in_the_package_is_ours_or_listed_in_the_third_party_notices()
    {
        var (entries, components) = ReadPackage();

        var unlisted = ThirdPartyNotices.UnlistedAssemblies(entries, components);

        Assert.True(unlisted.Count == 0, $"The package ships {string.Join(", ", unlisted)}, which is not ours and not listed in {ThirdPartyNotices.FileName}: add an entry with its license (the format is in that file).");
        Assert.Contains(entries, e => e.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_assembly_listed_in_the_third_party_notices_is_in_the_package()
    {
        var (entries, components) = ReadPackage();

        var stale = ThirdPartyNotices.ListedButNotShipped(entries, components);

        Assert.True(stale.Count == 0, $"{ThirdPartyNotices.FileName} lists {string.Join(", ", stale)}, which the package does not ship: remove or correct the entry.");
    }

    [Fact]
    public void Every_third_party_component_names_its_assemblies_license_copyright_and_license_text()
    {
        var (_, components) = ReadPackage();

        Assert.All(components, c =>
        {
            Assert.True(c.Assemblies.Count > 0, $"'{c.Heading}' has no '- Assemblies:' line.");
            Assert.False(string.IsNullOrWhiteSpace(c.License), $"'{c.Heading}' has no '- License:' line.");
            Assert.False(string.IsNullOrWhiteSpace(c.Copyright), $"'{c.Heading}' has no '- Copyright:' line.");
            Assert.True(c.LicenseText is not null, $"'{c.Heading}' has no fenced license text.");
        });
    }

    private (List<string> Entries, IReadOnlyList<ThirdPartyComponent> Components) ReadPackage()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var notices = package.GetEntry(ThirdPartyNotices.FileName);
        Assert.True(notices is not null, $"{ThirdPartyNotices.FileName} is not at the package root.");
        using var reader = new StreamReader(notices.Open());
        return (package.Entries.Select(e => e.FullName).ToList(), ThirdPartyNotices.Parse(reader.ReadToEnd()));
    }
}

/// <summary>The notices format and the ours-or-listed rule, on small texts: proves the package tests can fail.</summary>
public sealed class ThirdPartyNoticesFormatTests
{
    private const string OneComponent = """
        # Third-party notices

        ## Components

        ### YamlDotNet 16.3.0

        - Assemblies: `YamlDotNet.dll`, `YamlDotNet.Extra.dll`
        - License: MIT
        - Copyright: Copyright (c) The YamlDotNet authors
        - Source: https://example.org/yamldotnet

        ```text
        Permission is hereby granted ...
        ### Not a heading
        - Assemblies: `NotAnEntry.dll`
        ```

        ## Adding a component

        ````markdown
        ### Example.Library 1.2.3

        - Assemblies: `Example.Library.dll`
        ````

        ### Outside.Components 1.0.0

        - Assemblies: `Outside.dll`
        """;

    private static readonly string[] OurEntries =
    [
        "analyzers/dotnet/cs/ReadinessAnalyzers.dll",
        "analyzers/dotnet/cs/ReadinessAnalyzers.CodeFixes.dll",
        "tasks/netstandard2.0/ReadinessAnalyzers.Build.dll",
        "build/ReadinessAnalyzers.props",
    ];

    [Fact]
    public void Parse_reads_the_entries_of_the_components_section_only()
    {
        var component = Assert.Single(ThirdPartyNotices.Parse(OneComponent));

        Assert.Equal("YamlDotNet 16.3.0", component.Heading);
        Assert.Equal(["YamlDotNet.dll", "YamlDotNet.Extra.dll"], component.Assemblies);
        Assert.Equal("MIT", component.License);
        Assert.Equal("Copyright (c) The YamlDotNet authors", component.Copyright);
        Assert.StartsWith("Permission is hereby granted", component.LicenseText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reports_an_entry_without_license_text_or_fields()
    {
        var component = Assert.Single(ThirdPartyNotices.Parse("""
            ## Components

            ### Bare 1.0.0

            - Assemblies: `Bare.dll`
            """));

        Assert.Null(component.License);
        Assert.Null(component.Copyright);
        Assert.Null(component.LicenseText);
    }

    [Fact]
    public void The_format_example_in_the_repository_notices_is_not_an_entry()
    {
        var components = ThirdPartyNotices.Parse(File.ReadAllText(Path.Combine(PackageFixture.RepoRoot, ThirdPartyNotices.FileName)));

        Assert.DoesNotContain(components, c => c.Heading.StartsWith("Example.Library", StringComparison.Ordinal));
        Assert.Empty(ThirdPartyNotices.UnlistedAssemblies(OurEntries, components));
    }

    [Theory]
    [InlineData("tasks/netstandard2.0/Newtonsoft.Json.dll")]
    [InlineData("tools/Newtonsoft.Json.exe")]
    [InlineData("analyzers/dotnet/cs/Readiness.Helpers.dll")]
    [InlineData("analyzers/dotnet/cs/NotAnEntry.dll")] // named only inside a license text block
    [InlineData("analyzers/dotnet/cs/Example.Library.dll")] // named only in the format example
    [InlineData("analyzers/dotnet/cs/Outside.dll")] // named only outside the Components section
    public void An_assembly_that_is_not_ours_and_not_listed_is_reported(string entry)
    {
        var components = ThirdPartyNotices.Parse(OneComponent);

        Assert.Equal([entry], ThirdPartyNotices.UnlistedAssemblies([.. OurEntries, entry], components));
    }

    [Theory]
    [InlineData("analyzers/dotnet/cs/YamlDotNet.dll")]
    [InlineData("tasks/netstandard2.0/yamldotnet.extra.dll")]
    public void An_assembly_listed_in_the_notices_is_accepted(string entry)
    {
        var components = ThirdPartyNotices.Parse(OneComponent);

        Assert.Empty(ThirdPartyNotices.UnlistedAssemblies([.. OurEntries, entry], components));
    }

    [Fact]
    public void A_listed_assembly_the_package_does_not_ship_is_reported()
    {
        var components = ThirdPartyNotices.Parse(OneComponent);

        Assert.Equal(["YamlDotNet.Extra.dll"], ThirdPartyNotices.ListedButNotShipped([.. OurEntries, "analyzers/dotnet/cs/YamlDotNet.dll"], components));
    }
}
