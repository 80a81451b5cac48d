using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Core;

/// <summary>
/// "Is this a test project?" is decided at compilation start from names only — the assembly's, and the file names of
/// its references (xunit.core.dll, nunit.framework.dll, …) — and, for an assembly built in memory, from its type table.
/// </summary>
public sealed class TestProjectsTests
{
    [Theory]
    [InlineData("xunit.core", true)]
    [InlineData("xunit.v3.core", true)]
    [InlineData("nunit.framework", true)]
    [InlineData("Microsoft.VisualStudio.TestPlatform.TestFramework", true)]
    [InlineData("TUnit.Core", true)]
    [InlineData("Microsoft.AspNetCore.Mvc.Testing", true)]
    [InlineData("Xunit.Extensions.Logging", false)]
    [InlineData("Orders.Testing.Fixtures", false)]
    public void A_reference_file_named_like_a_test_framework_makes_a_test_project(string fileName, bool expected)
    {
        var directory = Directory.CreateTempSubdirectory("readiness-testprojects-");
        try
        {
            var path = Path.Combine(directory.FullName, fileName + ".dll");
            var library = CSharpCompilation.Create(fileName, [CSharpSyntaxTree.ParseText("namespace Lib { public class Marker { } }")], ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: false), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.True(library.Emit(path).Success);

            var compilation = Service("Orders.Api").AddReferences(MetadataReference.CreateFromFile(path));
            Assert.Equal(expected, TestProjects.IsTestProject(compilation));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }", true)]
    [InlineData("namespace NUnit.Framework { public sealed class TestAttribute : System.Attribute { } }", true)]
    [InlineData("namespace Microsoft.AspNetCore.Mvc.Testing { public class WebApplicationFactory<T> where T : class { } }", true)]
    [InlineData("namespace Orders { public sealed class FactAttribute : System.Attribute { } }", false)]
    [InlineData("namespace Xunit { public sealed class TheoryData { } }", false)]
    public void An_assembly_built_in_memory_is_read_by_its_type_table(string stub, bool expected)
    {
        var references = ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: false);
        var compilation = Service("Orders.Api").AddReferences(ProjectLayer.CompileStubs([stub], references));
        Assert.Equal(expected, TestProjects.IsTestProject(compilation));
    }

    [Theory]
    [InlineData("Orders.Api.Tests", true)]
    [InlineData("Orders.IntegrationTest", true)]
    [InlineData("Orders.Specs", true)]
    [InlineData("Orders.Api", false)]
    [InlineData("Orders.Testing", false)]
    public void The_assembly_name_decides_first(string assemblyName, bool expected)
        => Assert.Equal(expected, TestProjects.IsTestProject(Service(assemblyName)));

    [Fact]
    public void The_project_declaring_a_test_attribute_itself_is_not_a_test_project()
    {
        // Without a test framework reference nothing runs the tests; asking the project's own declarations would also
        // build the declaration table at compilation start.
        var compilation = Service("Orders.Api").AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }"));
        Assert.False(TestProjects.IsTestProject(compilation));
    }

    private static CSharpCompilation Service(string assemblyName)
        => CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText("public static class Program { public static void Main() { } }")],
            ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: true),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
}
