using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Tests.Verifier;

/// <summary>The verifier must fail when the markup and the analyzer disagree; these tests prove it can.</summary>
public sealed class VerifierBehaviourTests
{
    private const string OneClass = """
        class [|Flagged|] { }
        """;

    [Fact]
    public Task Matching_markup_passes()
        => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync(OneClass);

    [Fact]
    public async Task A_missing_diagnostic_fails_and_prints_the_actual_markup()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class [|Other|] { }"));
        Assert.Contains("Mismatch between number of diagnostics returned, expected \"1\" actual \"0\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual findings as markup (ready to paste):\nclass Other { }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_diagnostic_fails_and_prints_the_actual_markup()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class Flagged { }"));
        Assert.Contains("Mismatch between number of diagnostics returned, expected \"0\" actual \"1\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("class {|TEST0001:Flagged|} { }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_span_fails()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("[|class Flagged|] { }"));
        Assert.Contains("Expected diagnostic to start at column \"1\" was actually at column \"7\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("class {|TEST0001:Flagged|} { }", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_message_fails()
    {
        var test = AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.Create("class {|#0:Flagged|} { }");
        test.ExpectedMessages[0] = "something else";
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("Expected diagnostic message to be \"something else\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Class 'Flagged' is flagged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compiler_error_in_test_source_fails()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class [|Flagged|] { int M() { } }"));
        Assert.Contains("error CS0161", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mismatch between number of diagnostics returned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task An_expected_compiler_error_can_be_marked()
        => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class [|Flagged|] { int {|CS0161:M|}() { } }");

    [Fact]
    public async Task An_analyzer_exception_fails_with_its_stack()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("class C { }"));
        Assert.Contains("AD0001", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowingAnalyzer), error.Message, StringComparison.Ordinal);
        Assert.Contains("at ReadinessAnalyzers.Tests.Verifier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_typing_pass_finds_an_exception_that_only_incomplete_code_triggers()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<ThrowsOnMissingBodyAnalyzer>.VerifyAsync("class [|C|] { void M() { } }"));
        Assert.Contains("typing pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyzer_that_ignores_generated_code_flags_fails_the_generated_pass()
    {
        var error = await Assert.ThrowsAsync<VerificationException>(() => AnalyzerVerifier<AnalyzesGeneratedCodeAnalyzer>.VerifyAsync("class [|Flagged|] { }"));
        Assert.Contains("auto-generated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task Editorconfig_severity_none_silences_a_rule()
        => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class Flagged { }", "[*.cs]\ndotnet_diagnostic.TEST0001.severity = none");

    [Fact]
    public Task Additional_files_carry_markup()
    {
        var test = new AnalyzerTest(new AdditionalFileAnalyzer());
        test.AdditionalFiles.Add(("appsettings.json", "{ [|\"Flagged\"|]: 1 }"));
        return test.RunAsync();
    }

    [Fact]
    public Task A_code_fix_is_applied_until_no_diagnostic_is_left()
    {
        var test = new CodeFixTest(new RenameFlaggedCodeFix(), new ClassNamedFlaggedAnalyzer());
        test.Sources.Add("class [|Flagged|] { }\nclass [|Flagged2|] { }".Replace("Flagged2", "Flagged", StringComparison.Ordinal).Replace("class [|Flagged|] { }\nclass [|Flagged|] { }", "class [|Flagged|] { }\nnamespace N { class [|Flagged|] { } }", StringComparison.Ordinal));
        test.FixedSources.Add("class Renamed { }\nnamespace N { class Renamed { } }");
        test.NumberOfIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public async Task A_wrong_fixed_text_fails()
    {
        var test = new CodeFixTest(new RenameFlaggedCodeFix(), new ClassNamedFlaggedAnalyzer());
        test.Sources.Add("class [|Flagged|] { }");
        test.FixedSources.Add("class Other { }");
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("content of '/src/Test0.cs' did not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_iteration_count_fails()
    {
        var test = new CodeFixTest(new RenameFlaggedCodeFix(), new ClassNamedFlaggedAnalyzer());
        test.Sources.Add("class [|Flagged|] { }");
        test.FixedSources.Add("class Renamed { }");
        test.NumberOfIterations = 2;
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("Expected '2' iterations but found '1' iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fix_that_changes_nothing_fails()
    {
        var test = new CodeFixTest(new NoOpCodeFix(), new ClassNamedFlaggedAnalyzer());
        test.Sources.Add("class [|Flagged|] { }");
        test.FixedSources.Add("class Flagged { }");
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("a fix was offered that made no changes to the code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fix_whose_result_does_not_compile_fails()
    {
        var test = new CodeFixTest(new BreakingCodeFix(), new ClassNamedFlaggedAnalyzer());
        test.Sources.Add("class [|Flagged|] { }");
        test.FixedSources.Add("class Renamed { int M() { } }");
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("Diagnostics of fixed state", error.Message, StringComparison.Ordinal);
        Assert.Contains("error CS0161", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task An_indexed_span_expects_the_default_diagnostic_even_without_a_message()
        => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class {|#0:Flagged|} { }");

    [Fact]
    public async Task A_message_for_an_index_no_span_has_fails()
    {
        var test = AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.Create("class [|Flagged|] { }");
        test.ExpectedMessages[3] = "Class 'Flagged' is flagged";
        var error = await Assert.ThrowsAsync<VerificationException>(test.RunAsync);
        Assert.Contains("{|#3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unbalanced_markup_is_a_test_error()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class [|Flagged { }"));
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<ClassNamedFlaggedAnalyzer>.VerifyAsync("class Flagged|] { }"));
    }

    [Fact]
    public void Markup_strip_leaves_the_plain_text()
        => Assert.Equal("abcde", Markup.Strip("a{|#1:b[|c|]|}d{|CS0161:e|}"));

    [Fact]
    public void Reference_assemblies_include_AspNetCore_for_both_frameworks()
    {
        foreach (var framework in new[] { TargetFramework.Net10, TargetFramework.Net8 })
        {
            var references = ReferenceAssemblies.Get(framework, includeAspNetCore: true);
            Assert.Contains(references, r => r.Display!.EndsWith("Microsoft.AspNetCore.Diagnostics.HealthChecks.dll", StringComparison.Ordinal));
            Assert.Contains(references, r => r.Display!.EndsWith("Microsoft.Extensions.Logging.Abstractions.dll", StringComparison.Ordinal));
        }
    }

    // ---- Test analyzers ----

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class ClassNamedFlaggedAnalyzer : DiagnosticAnalyzer
    {
        internal static readonly DiagnosticDescriptor Rule = new("TEST0001", "Flagged", "Class '{0}' is flagged", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.Name == "Flagged")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, c.Symbol.Locations[0], c.Symbol.Name));
                    }
                },
                SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class AnalyzesGeneratedCodeAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNamedFlaggedAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(
                c =>
                {
                    if (c.Symbol.Name == "Flagged")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(ClassNamedFlaggedAnalyzer.Rule, c.Symbol.Locations[0], c.Symbol.Name));
                    }
                },
                SymbolKind.NamedType);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNamedFlaggedAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => throw new InvalidOperationException("boom"), SymbolKind.NamedType);
        }
    }

    /// <summary>Reports every class, but crashes on a method without a body — as code looks mid-typing.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class ThrowsOnMissingBodyAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNamedFlaggedAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                c => c.ReportDiagnostic(Diagnostic.Create(ClassNamedFlaggedAnalyzer.Rule, ((ClassDeclarationSyntax)c.Node).Identifier.GetLocation(), "C")),
                SyntaxKind.ClassDeclaration);
            context.RegisterSyntaxNodeAction(
                c => _ = ((MethodDeclarationSyntax)c.Node).Body!.Statements.Count,
                SyntaxKind.MethodDeclaration);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class AdditionalFileAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(ClassNamedFlaggedAnalyzer.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterAdditionalFileAction(c =>
            {
                var text = c.AdditionalFile.GetText()!;
                var index = text.ToString().IndexOf("\"Flagged\"", StringComparison.Ordinal);
                var span = new Microsoft.CodeAnalysis.Text.TextSpan(index, "\"Flagged\"".Length);
                c.ReportDiagnostic(Diagnostic.Create(ClassNamedFlaggedAnalyzer.Rule, Location.Create(c.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span)), "json"));
            });
        }
    }

    internal sealed class RenameFlaggedCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST0001");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Rename", async ct =>
                {
                    var root = (await context.Document.GetSyntaxRootAsync(ct))!;
                    var token = root.FindToken(context.Span.Start);
                    return context.Document.WithSyntaxRoot(root.ReplaceToken(token, SyntaxFactory.Identifier(token.LeadingTrivia, "Renamed", token.TrailingTrivia)));
                }, "Rename"),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }

    internal sealed class NoOpCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST0001");

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(CodeAction.Create("Nothing", _ => Task.FromResult(context.Document), "Nothing"), context.Diagnostics);
            return Task.CompletedTask;
        }
    }

    internal sealed class BreakingCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST0001");

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Break", async ct =>
                {
                    var text = await context.Document.GetTextAsync(ct);
                    return context.Document.WithText(Microsoft.CodeAnalysis.Text.SourceText.From("class Renamed { int M() { } }"));
                }, "Break"),
                context.Diagnostics);
            return Task.CompletedTask;
        }
    }
}
