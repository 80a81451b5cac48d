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
    // A Lazy per compilation: the analyzers' compilation-start actions run concurrently and all ask at once; the
    // decision (type look-ups across the references) is then made once while the others wait, not once per analyzer.
    private static readonly ConditionalWeakTable<Compilation, Lazy<bool>> Cache = new();

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

    private static readonly byte[][] FrameworkKeyTokens =
    [
        [0xb0, 0x3f, 0x5f, 0x7f, 0x11, 0xd5, 0x0a, 0x3a], // b03f5f7f11d50a3a: .NET reference assemblies
        [0xcc, 0x7b, 0x13, 0xff, 0xcd, 0x2d, 0xdd, 0x51], // cc7b13ffcd2ddd51: .NET (netstandard, System.*)
        [0x7c, 0xec, 0x85, 0xd7, 0xbe, 0xa7, 0x79, 0x8e], // 7cec85d7bea7798e: System.Private.*
        [0xad, 0xb9, 0x79, 0x38, 0x29, 0xdd, 0xae, 0x60], // adb9793829ddae60: ASP.NET Core, Microsoft.Extensions.*
        [0xb7, 0x7a, 0x5c, 0x56, 0x19, 0x34, 0xe0, 0x89], // b77a5c561934e089: .NET Framework, System.Collections.Immutable
    ];

    /// <summary>The assembly name ends in Tests/Test (e.g. Api.IntegrationTest) or .Specs, or the project references
    /// xUnit, NUnit, MSTest, TUnit or the ASP.NET Core testing host.</summary>
    public static bool IsTestProject(Compilation compilation)
        => Cache.GetValue(compilation, static c => new Lazy<bool>(() => Decide(c), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication)).Value;

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

        // The test types themselves, declared in this project or in a reference that is not part of .NET or ASP.NET
        // Core (Microsoft's test frameworks are found by assembly name above). Asked per assembly: a look-up across
        // all of a web project's ~200 framework references costs more than the rest of some analyzers.
        if (DeclaresTestType(compilation.Assembly))
        {
            return true;
        }

        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly && !IsFrameworkAssembly(assembly.Identity) && DeclaresTestType(assembly))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DeclaresTestType(IAssemblySymbol assembly)
    {
        foreach (var type in TestTypes)
        {
            if (assembly.GetTypeByMetadataName(type) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Signed with one of the keys of .NET, ASP.NET Core and the Microsoft.Extensions packages.</summary>
    private static bool IsFrameworkAssembly(AssemblyIdentity identity)
    {
        var token = identity.PublicKeyToken;
        if (token.Length != 8)
        {
            return false;
        }

        foreach (var framework in FrameworkKeyTokens)
        {
            var same = true;
            for (var i = 0; i < 8 && same; i++)
            {
                same = token[i] == framework[i];
            }

            if (same)
            {
                return true;
            }
        }

        return false;
    }
}
