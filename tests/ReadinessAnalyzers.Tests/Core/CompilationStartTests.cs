using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ReadinessAnalyzers.Testing;
using ReadinessAnalyzers.Tests.Catalog;

namespace ReadinessAnalyzers.Tests.Core;

/// <summary>
/// Issue 11: no analyzer's compilation-start action binds the compilation's references. In a fresh compiler process
/// the first analyzer to look a type up pays for (or waits on) the binding of every reference — tens of milliseconds
/// per project, charged to it — so the start actions only read options and register, and symbols are resolved on the
/// first callback (<see cref="FirstUse{T}"/>). A reference counts how often its metadata is read: binding reads all.
/// </summary>
public sealed class CompilationStartTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_compilation_start_action_binds_the_references(bool contract)
    {
        var spec = new TestProjectSpec { OutputKind = OutputKind.ConsoleApplication };
        spec.Sources.Add(("/src/Program.cs", "var builder = WebApplication.CreateBuilder(args); var app = builder.Build(); app.MapHealthChecks(\"/health\"); app.Run();"));
        spec.AdditionalFiles.Add(("/src/appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }"));
        // A deployment descriptor (issue 14), so the deployment analyzers' start actions do their work too.
        spec.AdditionalFiles.Add(("/src/Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n"));
        spec.GlobalConfig = "is_global = true\n"
            + (contract ? "build_property.ReadinessContract = true\n" : string.Empty)
            + "[/src/Dockerfile]\nbuild_metadata.AdditionalFiles.ReadinessDeployment = dockerfile\n";

        var project = TestProject.Create(spec);
        var counting = project.Compilation.ExternalReferences
            .Select(r => r is PortableExecutableReference { FilePath.Length: > 0 } file ? new CountingReference(file) : r)
            .ToList();
        Assert.NotEmpty(counting.OfType<CountingReference>());

        // A new compilation over the same trees: its references are not bound until something asks.
        var compilation = project.Compilation.WithReferences(counting);
        var registered = 0;
        foreach (var analyzer in RuleCatalog.Analyzers)
        {
            var context = new RecordingAnalysisContext();
            analyzer.Initialize(context);
            foreach (var startAction in context.StartActions)
            {
                var start = new RecordingStartContext(compilation, project.AnalyzerOptions);
                startAction(start);
                registered += start.Registrations;
                var read = counting.OfType<CountingReference>().Where(r => r.Reads > 0).Select(r => r.Display).FirstOrDefault();
                Assert.True(read is null, $"{analyzer.GetType().Name}'s compilation-start action bound the references (read {read}); resolve symbols on the first callback instead.");
            }
        }

        // The start actions did run and register their callbacks (a web host: every family has something to do).
        Assert.True(registered > 20, $"only {registered} callbacks registered");
    }

    /// <summary>A rule about a framework registers nothing where no reference file of that framework is present, and
    /// registers where one is (decided from file names, see <see cref="ReferenceGate"/>).</summary>
    [Theory]
    [InlineData("HostStartupAnalyzer")]
    [InlineData("HealthEndpointOnlyOutsideProductionAnalyzer")]
    [InlineData("HealthCheckCannotFailAnalyzer")]
    [InlineData("UnprotectedBackgroundWorkAnalyzer")]
    [InlineData("MissingConfigurationKeyAnalyzer")]
    public void A_rule_about_a_framework_registers_nothing_in_a_project_without_it(string analyzerName)
    {
        var analyzer = RuleCatalog.Analyzers.Single(a => a.GetType().Name == analyzerName);
        Assert.Equal(0, Registrations(analyzer, aspNetCore: false));
        Assert.True(Registrations(analyzer, aspNetCore: true) > 0, $"{analyzerName} registered nothing in a web project");
    }

    private static int Registrations(DiagnosticAnalyzer analyzer, bool aspNetCore)
    {
        var spec = new TestProjectSpec { AspNetCore = aspNetCore, OutputKind = OutputKind.ConsoleApplication };
        spec.Sources.Add(("/src/Program.cs", "public static class Program { public static void Main() { } }"));
        spec.AdditionalFiles.Add(("/src/appsettings.json", "{ }"));
        var project = TestProject.Create(spec);
        var context = new RecordingAnalysisContext();
        analyzer.Initialize(context);
        var registered = 0;
        foreach (var startAction in context.StartActions)
        {
            var start = new RecordingStartContext(project.Compilation, project.AnalyzerOptions);
            startAction(start);
            registered += start.Registrations;
        }

        return registered;
    }

    private sealed class CountingReference : PortableExecutableReference
    {
        private readonly PortableExecutableReference _inner;
        private int _reads;

        public CountingReference(PortableExecutableReference inner)
            : base(inner.Properties, inner.FilePath)
            => _inner = inner;

        public int Reads => Volatile.Read(ref _reads);

        protected override Metadata GetMetadataImpl()
        {
            Interlocked.Increment(ref _reads);
            return _inner.GetMetadata();
        }

        protected override DocumentationProvider CreateDocumentationProvider() => DocumentationProvider.Default;

        protected override PortableExecutableReference WithPropertiesImpl(MetadataReferenceProperties properties)
            => new CountingReference((PortableExecutableReference)_inner.WithProperties(properties));
    }

    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> StartActions { get; } = new();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartActions.Add(action);

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
        {
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        {
        }

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        {
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
        }

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
        {
        }

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
        {
        }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        {
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        {
        }

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        {
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
        {
        }
    }

    private sealed class RecordingStartContext(Compilation compilation, AnalyzerOptions options)
        : CompilationStartAnalysisContext(compilation, options, CancellationToken.None)
    {
        public int Registrations { get; private set; }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => Registrations++;

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Registrations++;

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Registrations++;

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Registrations++;

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Registrations++;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Registrations++;

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Registrations++;

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Registrations++;

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Registrations++;

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Registrations++;

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Registrations++;

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Registrations++;
    }
}
