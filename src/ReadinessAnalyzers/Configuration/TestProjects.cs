using System;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Configuration;

/// <summary>Recognises test projects, whose credentials and endpoints are fixtures, not deployment configuration.</summary>
internal static class TestProjects
{
    private static readonly string[] TestFrameworkAssemblies =
    [
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework", "TUnit.Core",
    ];

    private static readonly string[] TestAttributeTypes =
    [
        "Xunit.FactAttribute", "NUnit.Framework.TestAttribute", "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute", "TUnit.Core.TestAttribute",
    ];

    /// <summary>The project name ends in Tests/Test (e.g. Api.IntegrationTest)/.Specs, or it references xUnit, NUnit, MSTest or TUnit.</summary>
    public static bool IsTestProject(Compilation compilation)
    {
        var name = compilation.AssemblyName ?? string.Empty;
        if (name.EndsWith("Tests", StringComparison.Ordinal) || name.EndsWith("Test", StringComparison.Ordinal)
            || name.EndsWith(".Specs", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var reference in compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(TestFrameworkAssemblies, reference.Name) >= 0)
            {
                return true;
            }
        }

        foreach (var attribute in TestAttributeTypes)
        {
            if (compilation.GetTypeByMetadataName(attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
