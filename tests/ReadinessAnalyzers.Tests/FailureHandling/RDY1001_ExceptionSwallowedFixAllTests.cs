using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ReadinessAnalyzers.CodeFixes.FailureHandling;
using ReadinessAnalyzers.FailureHandling;

namespace ReadinessAnalyzers.Tests.FailureHandling;

/// <summary>
/// Fix-all as <c>dotnet format</c> asks for it: the equivalence key comes from the first diagnostic it meets, which
/// is null when that catch has no logger in scope. The library's fix-all check starts from the first diagnostic
/// that has a fix, so it cannot show this; the package test runs the real <c>dotnet format</c>.
/// </summary>
public sealed class RDY1001_ExceptionSwallowedFixAllTests
{
    private const string Source = """
        static class Settings
        {
            public static int Port { get; private set; } = 80;

            public static void Load(string text)
            {
                try { Port = int.Parse(text); }
                catch (Exception) { }
            }
        }

        sealed class OrderStore(ILogger<OrderStore> logger)
        {
            public int? Find(string id)
            {
                try { return int.Parse(id); }
                catch (Exception) { return null; }
            }

            public int? Count(string id)
            {
                try { return int.Parse(id); }
                catch { return null; }
            }
        }
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("RDY1001.LogException")]
    public async Task Fix_all_fixes_every_catch_with_a_logger_whatever_the_first_diagnostic(string? equivalenceKey)
    {
        using var workspace = new AdhocWorkspace();
        var document = CreateDocument(workspace);
        var diagnostics = await AnalyzeAsync(document);
        Assert.Equal(3, diagnostics.Length);

        var fix = new ExceptionSwallowedCodeFixProvider();
        var context = new FixAllContext(
            document,
            fix,
            FixAllScope.Solution,
            equivalenceKey!,
            fix.FixableDiagnosticIds,
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var action = await fix.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(action);

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString();
        Assert.Equal(2, Regex.Matches(text, "logger.LogError").Count);
        Assert.Contains("catch (Exception) { }", text, System.StringComparison.Ordinal);
        Assert.Single(await AnalyzeAsync(changed));
    }

    private static Document CreateDocument(AdhocWorkspace workspace)
    {
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "FixAll",
            "FixAll",
            LanguageNames.CSharp,
            compilationOptions: ProjectLayer.CompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: ProjectLayer.ParseOptions(),
            metadataReferences: ReferenceAssemblies.Get(TargetFramework.Net10, includeAspNetCore: true)));
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(ProjectLayer.ImplicitUsings(aspNetCore: true)), filePath: ProjectLayer.ImplicitUsingsPath);
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Test0.cs", SourceText.From(Source), filePath: ProjectLayer.SourcePath(0));
        return solution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var result = await TestProject.AnalyzeAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ExceptionSwallowedAnalyzer()), document.Project.AnalyzerOptions);
        result.ThrowOnAnalyzerExceptions("in the fix-all test");
        return result.Diagnostics.Where(d => d.Id == RuleIdentifiers.ExceptionSwallowed).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree?.FilePath);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
