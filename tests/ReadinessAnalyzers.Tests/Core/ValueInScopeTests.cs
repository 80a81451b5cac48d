using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ReadinessAnalyzers.Tests.Core;

/// <summary>
/// The value of a type that code at a position can use (the logger RDY1001, RDY2005 and their fixes offer): asked
/// of the compiler name by name, it must see what the compiler sees there — locals before fields, shadowing,
/// inherited and imported members, static code — and nothing more.
/// </summary>
public sealed class ValueInScopeTests
{
    private const string Types = """
        namespace Logs { public interface ILog { } public sealed class Log : ILog { } }
        namespace Shared { public static class Loggers { public static Logs.ILog Audit { get; } = new Logs.Log(); public static string Name = ""; } }
        """;

    private static string? Find(string code, string? hint = "log")
    {
        var marker = code.IndexOf("/*here*/", System.StringComparison.Ordinal);
        Assert.True(marker >= 0, "the source marks the position with /*here*/");
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText(code.Replace("/*here*/", "        "), options);
        var typesTree = CSharpSyntaxTree.ParseText(Types, options);
        var compilation = CSharpCompilation.Create(
            "Scope",
            [tree, typesTree],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var model = compilation.GetSemanticModel(tree);
        var type = compilation.GetTypeByMetadataName("Logs.ILog")!;
        return ValueInScope.Find(model, marker, model.GetEnclosingSymbol(marker), type, hint!)?.Name;
    }

    [Fact]
    public void A_local_or_parameter_comes_before_a_field_and_a_name_with_the_hint_before_one_without()
    {
        Assert.Equal("local", Find("""
            class C
            {
                private readonly Logs.ILog _log = new Logs.Log();
                void M(Logs.ILog other) { Logs.ILog local = other; if (local != null) { /*here*/ } }
            }
            """, hint: "loc"));
        Assert.Equal("_log", Find("""
            class C
            {
                private readonly Logs.ILog _other = new Logs.Log();
                private readonly Logs.ILog _log = new Logs.Log();
                void M() { /*here*/ }
            }
            """));
    }

    [Fact]
    public void Inherited_primary_constructor_lambda_and_top_level_values_are_found()
    {
        Assert.Equal("Logger", Find("""
            class Base { protected Logs.ILog Logger { get; } = new Logs.Log(); }
            class C : Base { void M() { /*here*/ } }
            """));
        Assert.Equal("log", Find("""
            class C(Logs.ILog log) { void M() { /*here*/ } }
            """));
        Assert.Equal("inner", Find("""
            class C { void M() { System.Action<Logs.ILog> a = inner => { /*here*/ }; } }
            """));
        Assert.Equal("log", Find("""
            Logs.ILog log = new Logs.Log();
            /*here*/
            System.GC.KeepAlive(log);
            """));
    }

    [Fact]
    public void A_static_member_imported_with_using_static_is_found()
    {
        Assert.Equal("Audit", Find("""
            using static Shared.Loggers;
            class C { void M() { /*here*/ } }
            """));
    }

    [Fact]
    public void Shadowed_out_of_scope_and_instance_values_from_static_code_are_not_offered()
    {
        // A local of another type hides the field of the same name.
        Assert.Null(Find("""
            class C
            {
                private readonly Logs.ILog log = new Logs.Log();
                void M() { string log = ""; /*here*/ System.GC.KeepAlive(log); }
            }
            """));

        // A local declared later in another block, or another method's parameter, is not in scope.
        Assert.Null(Find("""
            class C
            {
                void M() { { /*here*/ } { Logs.ILog later = new Logs.Log(); System.GC.KeepAlive(later); } }
                void N(Logs.ILog elsewhere) { }
            }
            """));

        // An instance field is not usable from static code.
        Assert.Null(Find("""
            class C
            {
                private readonly Logs.ILog _log = new Logs.Log();
                static void M() { /*here*/ }
            }
            """));
    }
}
