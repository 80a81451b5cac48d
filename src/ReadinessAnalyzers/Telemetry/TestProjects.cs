using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Telemetry;

/// <summary>
/// Test projects create meters per test, write to the console and define silent fake handlers on purpose; the
/// rules about running services (RDY2002, RDY2004, RDY2005) stay silent there. Recognised by a reference to a
/// test framework assembly.
/// </summary>
internal static class TestProjects
{
    private static readonly ImmutableHashSet<string> TestFrameworkAssemblies = ImmutableHashSet.Create(
        System.StringComparer.OrdinalIgnoreCase,
        "xunit.core",
        "xunit.v3.core",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework",
        "TUnit.Core");

    public static bool IsTestProject(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (TestFrameworkAssemblies.Contains(assembly.Name))
            {
                return true;
            }
        }

        return false;
    }
}
