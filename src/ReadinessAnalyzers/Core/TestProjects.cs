using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// The product's one answer to "is this a test project?". Test projects build hosts, create meters per test,
/// write to the console and hold fixture credentials and endpoints on purpose, so the rules about running
/// services stay silent there. Decided once per compilation and cached.
/// </summary>
internal static class TestProjects
{
    private static readonly ConditionalWeakTable<Compilation, object> Cache = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    private static readonly string[] TestFrameworkAssemblies =
    [
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework", "TUnit.Core", "Microsoft.AspNetCore.Mvc.Testing",
    ];

    private static readonly string[] TestTypes =
    [
        "Xunit.FactAttribute", "NUnit.Framework.TestAttribute", "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute", "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1",
    ];

    /// <summary>The assembly name ends in Tests/Test (e.g. Api.IntegrationTest) or .Specs, or the project references
    /// xUnit, NUnit, MSTest, TUnit or the ASP.NET Core testing host.</summary>
    public static bool IsTestProject(Compilation compilation)
        => Cache.GetValue(compilation, static c => Decide(c) ? Yes : No) == Yes;

    private static bool Decide(Compilation compilation)
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

        foreach (var type in TestTypes)
        {
            if (compilation.GetTypeByMetadataName(type) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
