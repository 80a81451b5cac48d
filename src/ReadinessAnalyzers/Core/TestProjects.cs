using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
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
    // decision is then made once while the others wait, not once per analyzer. The answer is kept boxed: a Lazy<bool>
    // cannot ship precompiled and would be compiled just in time in every compiler process.
    private static readonly ConditionalWeakTable<Compilation, Lazy<object>> Cache = new();
    private static readonly object Yes = true;
    private static readonly object No = false;

    private static readonly string[] TestFrameworkAssemblies =
    [
        "xunit.core", "xunit.v3.core", "xunit.assert", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "Microsoft.VisualStudio.QualityTools.UnitTestFramework", "MSTest.TestFramework", "TUnit.Core",
        "Microsoft.AspNetCore.Mvc.Testing",
    ];

    private static readonly string[] TestTypes =
    [
        "Xunit.FactAttribute", "NUnit.Framework.TestAttribute", "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute", "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1",
    ];

    // The same types split for reading a metadata table: name (with arity) and namespace.
    private static readonly string[] TestTypeMetadataNames = [.. TestTypes.Select(t => t.Substring(t.LastIndexOf('.') + 1))];
    private static readonly string[] TestTypeNamespaces = [.. TestTypes.Select(t => t.Substring(0, t.LastIndexOf('.')))];

    /// <summary>The assembly name ends in Tests/Test (e.g. Api.IntegrationTest) or .Specs, or the project references
    /// xUnit, NUnit, MSTest, TUnit or the ASP.NET Core testing host. Decided without binding anything (see
    /// <see cref="Decide"/>): it is asked at compilation start.</summary>
    public static bool IsTestProject(Compilation compilation)
        => (bool)Cache.GetValue(compilation, static c => new Lazy<object>(() => Decide(c) ? Yes : No, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static bool Decide(Compilation compilation)
    {
        var name = compilation.AssemblyName ?? string.Empty;
        if (name.EndsWith("Tests", StringComparison.Ordinal) || name.EndsWith("Test", StringComparison.Ordinal)
            || name.EndsWith(".Specs", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Decided once per set of references (an editor's compilations per keystroke share theirs).
        var references = ReferenceSet.Of(compilation);
        var known = Volatile.Read(ref references.ReferencesTestFramework);
        if (known == 0)
        {
            known = ReferencesTestFramework(compilation) ? 2 : 1;
            Volatile.Write(ref references.ReferencesTestFramework, known);
        }

        // Not the project's own declarations: a project that declares Xunit.FactAttribute itself references no test
        // framework, and asking would build the declaration table before the compiler does (paid here, not there).
        return known == 2;
    }

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        // By the references' file names, not their assembly symbols: asking for References, ReferencedAssemblyNames or an
        // assembly symbol binds every reference of the compilation (the reference manager, tens of milliseconds for a
        // web project's ~200), and the first analyzer to ask in a fresh compiler process pays for it. A test
        // framework's assembly is always its file (xunit.core.dll, nunit.framework.dll, …).
        if (ReferenceGate.ReferencesFile(compilation, TestFrameworkAssemblies))
        {
            return true;
        }

        foreach (var reference in ReferenceGate.UnnamedReferences(compilation))
        {
            switch (reference)
            {
                case PortableExecutableReference image when DeclaresTestType(image):
                    // An assembly built in memory (a test harness's stubs): read its type table.
                    return true;
                case CompilationReference project when Array.IndexOf(TestFrameworkAssemblies, project.Compilation.AssemblyName) >= 0:
                    return true;
            }
        }

        return false;
    }

    private static bool DeclaresTestType(PortableExecutableReference reference)
    {
        try
        {
            if (reference.GetMetadata() is not AssemblyMetadata assembly)
            {
                return false;
            }

            foreach (var module in assembly.GetModules())
            {
                var reader = module.GetMetadataReader();
                foreach (var handle in reader.TypeDefinitions)
                {
                    var type = reader.GetTypeDefinition(handle);
                    for (var i = 0; i < TestTypes.Length; i++)
                    {
                        if (reader.StringComparer.Equals(type.Name, TestTypeMetadataNames[i]) && reader.StringComparer.Equals(type.Namespace, TestTypeNamespaces[i]))
                        {
                            return true;
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or System.IO.IOException)
        {
            // Unreadable metadata is the compiler's error to report, not a reason to call the project a test project.
        }

        return false;
    }
}
