using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Core;

/// <summary>
/// The shared type look-up gives the answer the compiler's own look-up gives, for the project's own types, the
/// framework's and types nobody declares, whichever assembly it asks first.
/// </summary>
public sealed class TypeLookupTests
{
    /// <summary>Every type name the analyzers ask for (collected from the sources), plus look-alikes.</summary>
    public static readonly TheoryData<string> Names = new(
        "Microsoft.AspNetCore.Builder.IApplicationBuilder", "Microsoft.AspNetCore.Builder.WebApplication", "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
        "Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions", "Microsoft.AspNetCore.Hosting.IWebHostBuilder", "Microsoft.AspNetCore.Mvc.ApiControllerAttribute",
        "Microsoft.AspNetCore.Mvc.ControllerAttribute", "Microsoft.AspNetCore.Mvc.ControllerBase", "Microsoft.AspNetCore.Mvc.NonActionAttribute",
        "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", "Microsoft.EntityFrameworkCore.DbContext",
        "Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory`1", "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute",
        "Microsoft.Extensions.Configuration.IConfiguration", "Microsoft.Extensions.Configuration.IConfigurationSection",
        "Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder", "Microsoft.Extensions.DependencyInjection.IServiceCollection",
        "Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult", "Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService",
        "Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport", "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck",
        "Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheckPublisher", "Microsoft.Extensions.Hosting.BackgroundService",
        "Microsoft.Extensions.Hosting.IHostApplicationBuilder", "Microsoft.Extensions.Hosting.IHostBuilder", "Microsoft.Extensions.Hosting.IHostedService",
        "Microsoft.Extensions.Logging.ILogger", "Microsoft.Extensions.Logging.ILogger`1", "Microsoft.Extensions.Logging.LoggerFactory", "Microsoft.Extensions.Options.OptionsBuilder`1",
        "System.BadImageFormatException", "System.ComponentModel.DataAnnotations.RequiredAttribute", "System.Console", "System.Diagnostics.Activity",
        "System.Diagnostics.ActivitySource", "System.Diagnostics.Debug", "System.Diagnostics.Metrics.IMeterFactory", "System.Diagnostics.Metrics.Meter",
        "System.Diagnostics.Metrics.MeterOptions", "System.Diagnostics.Trace", "System.DllNotFoundException", "System.EventArgs", "System.Exception",
        "System.Net.Http.HttpClient", "System.ObjectDisposedException", "System.OperationCanceledException",
        "System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1", "System.Threading.CancellationToken", "System.Threading.Tasks.Task",
        "System.Threading.Tasks.TaskFactory`1", "System.Threading.Tasks.ValueTask`1", "System.Threading.Thread", "System.Threading.ThreadPool",
        "System.Threading.Timer", "System.TimeSpan", "System.Timers.Timer", "System.Uri",
        "System.NoSuchType", "Microsoft.Extensions.Logging.NoSuchType", "Orders.Api.Program", "Xunit.FactAttribute", "NoNamespace");

    [Theory]
    [MemberData(nameof(Names))]
    public void Gives_the_compilers_answer_in_a_web_project(string metadataName)
    {
        var compilation = Web("public static class Program { public static void Main() { } }");
#pragma warning disable RS0030 // The reference answer.
        var expected = compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        Assert.Equal(expected, TypeLookup.Get(compilation, metadataName), SymbolEqualityComparer.Default);
    }

    [Fact]
    public void The_projects_own_declaration_wins_over_a_reference()
    {
        var compilation = Web("namespace Microsoft.Extensions.Logging { public interface ILogger { } }");
        var found = TypeLookup.Get(compilation, "Microsoft.Extensions.Logging.ILogger");
        Assert.NotNull(found);
        Assert.Equal(compilation.Assembly, found!.ContainingAssembly, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void A_type_only_a_differently_named_reference_declares_is_found_by_the_full_look_up()
    {
        var references = ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: false);
        var stubs = ProjectLayer.CompileStubs(["namespace Microsoft.Extensions.Hosting { public abstract class BackgroundService { } }"], references);
        var compilation = CSharpCompilation.Create("Orders.Worker", [CSharpSyntaxTree.ParseText("class C { }")], references.Add(stubs), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var found = TypeLookup.Get(compilation, "Microsoft.Extensions.Hosting.BackgroundService");
        Assert.NotNull(found);
        Assert.StartsWith("ThirdPartyStubs", found!.ContainingAssembly.Name);
    }

    [Fact]
    public void Asked_twice_in_a_compilation_gives_the_same_symbol()
    {
        var compilation = Web("class C { }");
        Assert.Same(TypeLookup.Get(compilation, "Microsoft.Extensions.Logging.ILogger"), TypeLookup.Get(compilation, "Microsoft.Extensions.Logging.ILogger"));
        Assert.Null(TypeLookup.Get(compilation, "Orders.Missing"));
        Assert.Null(TypeLookup.Get(compilation, "Orders.Missing"));
    }

    [Fact]
    public void An_editors_next_compilation_reuses_the_references_answer()
    {
        // An editor replaces the edited tree and keeps the references and options: the set is shared, and so is the
        // metadata symbol the compiler binds for both compilations.
        var first = Web("class C { }");
        var logger = TypeLookup.Get(first, "Microsoft.Extensions.Logging.ILogger");
        var next = first.ReplaceSyntaxTree(first.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class D { }"));
        Assert.Same(ReferenceSet.Of(first), ReferenceSet.Of(next));
        Assert.NotNull(logger);
        Assert.Same(logger, TypeLookup.Get(next, "Microsoft.Extensions.Logging.ILogger"));
#pragma warning disable RS0030 // The reference answer.
        Assert.Equal(next.GetTypeByMetadataName("Microsoft.Extensions.Logging.ILogger"), TypeLookup.Get(next, "Microsoft.Extensions.Logging.ILogger"), SymbolEqualityComparer.Default);
#pragma warning restore RS0030
    }

    [Fact]
    public void The_next_compilations_own_declaration_wins_over_the_shared_answer()
    {
        var first = Web("class C { }");
        Assert.NotEqual(first.Assembly, TypeLookup.Get(first, "Microsoft.Extensions.Logging.ILogger")!.ContainingAssembly, SymbolEqualityComparer.Default);
        Assert.Null(TypeLookup.Get(first, "Orders.Missing"));

        var next = first.ReplaceSyntaxTree(
            first.SyntaxTrees[0],
            CSharpSyntaxTree.ParseText("namespace Microsoft.Extensions.Logging { public interface ILogger { } } namespace Orders { public class Missing { } }"));
        Assert.Equal(next.Assembly, TypeLookup.Get(next, "Microsoft.Extensions.Logging.ILogger")!.ContainingAssembly, SymbolEqualityComparer.Default);
        Assert.Equal(next.Assembly, TypeLookup.Get(next, "Orders.Missing")!.ContainingAssembly, SymbolEqualityComparer.Default);
    }

    [Fact]
    public void Other_references_or_options_get_their_own_answers()
    {
        var web = Web("class C { }");
        Assert.NotNull(TypeLookup.Get(web, "Microsoft.AspNetCore.Builder.WebApplication"));

        var library = web.WithReferences(ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: false));
        Assert.NotSame(ReferenceSet.Of(web), ReferenceSet.Of(library));
        Assert.Null(TypeLookup.Get(library, "Microsoft.AspNetCore.Builder.WebApplication"));

        var otherOptions = web.WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.NotSame(ReferenceSet.Of(web), ReferenceSet.Of(otherOptions));
#pragma warning disable RS0030 // The reference answer.
        Assert.Equal(otherOptions.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.WebApplication"), TypeLookup.Get(otherOptions, "Microsoft.AspNetCore.Builder.WebApplication"), SymbolEqualityComparer.Default);
#pragma warning restore RS0030
    }

    private static CSharpCompilation Web(string source)
        => CSharpCompilation.Create(
            "Orders.Api",
            [CSharpSyntaxTree.ParseText(source)],
            ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: true),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
}
