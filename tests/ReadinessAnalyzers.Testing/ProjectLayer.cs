using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace ReadinessAnalyzers.Testing;

/// <summary>
/// What a test project of ours has that Microsoft.CodeAnalysis.Testing does not know: files under <c>/src/</c> like a
/// real service, the usings the Web SDK adds, real .NET/ASP.NET Core reference assemblies read from disk (never a
/// download while tests run), third-party stubs compiled into their own reference, and options as real
/// <c>.editorconfig</c>/<c>.globalconfig</c> files. Both test kinds and <see cref="TestProject"/> build on it.
/// </summary>
public static class ProjectLayer
{
    public const string SourceFolder = "/src/";

    /// <summary>The file that carries the implicit usings; <c>.g.cs</c>, so analyzers treat it as generated, as in a build.</summary>
    public const string ImplicitUsingsPath = SourceFolder + "obj/GlobalUsings.g.cs";

    /// <summary>The usings the SDK adds to every file (ImplicitUsings=enable).</summary>
    public const string ImplicitUsingsSource = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>The usings the Web SDK adds on top.</summary>
    public const string WebImplicitUsingsSource = """
        global using global::System.Net.Http.Json;
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        """;

    private static readonly ConcurrentDictionary<string, MetadataReference> StubCache = new();

    private static readonly Regex MarkupTokens = new(@"\[\||\|\]|\|\}|\{\|(#\d+:)?([A-Za-z]+\d+:)?", RegexOptions.Compiled);

    private static readonly Regex IndexedSpanStarts = new(@"\{\|#(\d+):", RegexOptions.Compiled);

    public static string SourcePath(int index) => SourceFolder + "Test" + index.ToString(CultureInfo.InvariantCulture) + ".cs";

    public static string AdditionalPath(string path) => path.StartsWith('/') ? path : SourceFolder + path;

    public static string ImplicitUsings(bool aspNetCore)
        => aspNetCore ? ImplicitUsingsSource + "\n" + WebImplicitUsingsSource : ImplicitUsingsSource;

    public static CSharpParseOptions ParseOptions(LanguageVersion languageVersion = LanguageVersion.Latest)
        => new(languageVersion, DocumentationMode.Parse);

    public static CSharpCompilationOptions CompilationOptions(OutputKind outputKind)
        => new(outputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);

    /// <summary>A library, unless a source has top-level statements (then a program, as the SDK decides).</summary>
    public static OutputKind DetectOutputKind(IEnumerable<string> sources)
        => sources.Any(s => CSharpSyntaxTree.ParseText(StripMarkup(s), ParseOptions()).GetRoot()
                .DescendantNodes(n => n is CompilationUnitSyntax).OfType<GlobalStatementSyntax>().Any())
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;

    /// <summary>The text without span markup (<c>[|…|]</c>, <c>{|ID:…|}</c>, <c>{|#0:…|}</c>).</summary>
    public static string StripMarkup(string markup) => MarkupTokens.Replace(markup, string.Empty);

    /// <summary>The indices <c>n</c> of the spans marked <c>{|#n:…|}</c>.</summary>
    public static IEnumerable<int> IndexedSpans(string markup)
        => IndexedSpanStarts.Matches(markup).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    /// <summary><c>root = true</c> is added to an .editorconfig without it, <c>is_global = true</c> to a .globalconfig.</summary>
    public static IEnumerable<(string Path, string Text)> ConfigFiles(string? editorConfig, string? globalConfig)
    {
        if (editorConfig is not null)
        {
            yield return (SourceFolder + ".editorconfig", editorConfig.Contains("root", StringComparison.Ordinal) ? editorConfig : "root = true\n" + editorConfig);
        }

        if (globalConfig is not null)
        {
            yield return (SourceFolder + ".globalconfig", globalConfig.Contains("is_global", StringComparison.Ordinal) ? globalConfig : "is_global = true\n" + globalConfig);
        }
    }

    /// <summary>Third-party API shapes (real namespaces and names) compiled into their own reference assembly, so
    /// they are metadata like the real package and never analysed as test source. Cached per distinct set.</summary>
    public static MetadataReference CompileStubs(IReadOnlyList<string> stubSources, ImmutableArray<MetadataReference> references)
    {
        var key = string.Join("\u0001", stubSources) + "\u0002" + references.Length;
        return StubCache.GetOrAdd(key, _ =>
        {
            var trees = stubSources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions(), $"/stubs/Stub{i}.cs"));
            var compilation = CSharpCompilation.Create(
                "ThirdPartyStubs" + Math.Abs(key.GetHashCode(StringComparison.Ordinal)),
                trees,
                references,
                CompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                throw new VerificationException("Stub sources do not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }

            return MetadataReference.CreateFromImage(stream.ToArray());
        });
    }

    /// <summary>Fills a Microsoft.CodeAnalysis.Testing state with our project: sources under /src/ (markup kept for
    /// the library to read), the implicit usings, additional files, config files, references and stubs.</summary>
    internal static void Apply(SolutionState state, IReadinessTest test, IReadOnlyList<string> sources, bool includeNonSourceFiles)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            state.Sources.Add((SourcePath(i), SourceText.From(sources[i])));
        }

        if (test.ImplicitUsings)
        {
            state.Sources.Add((ImplicitUsingsPath, SourceText.From(ImplicitUsings(test.AspNetCore))));
        }

        state.DocumentationMode = DocumentationMode.Parse;
        if (!includeNonSourceFiles)
        {
            return;
        }

        state.OutputKind = test.OutputKind ?? DetectOutputKind(sources);
        foreach (var (path, markup) in test.AdditionalFiles)
        {
            state.AdditionalFiles.Add((AdditionalPath(path), SourceText.From(markup)));
        }

        foreach (var (path, text) in ConfigFiles(test.EditorConfig, test.GlobalConfig))
        {
            state.AnalyzerConfigFiles.Add((path, SourceText.From(text)));
        }

        var references = ReferenceAssemblies.Get(test.Framework, test.AspNetCore);
        state.AdditionalReferences.AddRange(references);
        if (test.StubSources.Count > 0)
        {
            state.AdditionalReferences.Add(CompileStubs(test.StubSources, references));
        }
    }
}

/// <summary>The settings both test kinds share (they derive from different library bases).</summary>
internal interface IReadinessTest
{
    List<(string Path, string Markup)> AdditionalFiles { get; }

    List<string> StubSources { get; }

    string? EditorConfig { get; }

    string? GlobalConfig { get; }

    TargetFramework Framework { get; }

    bool AspNetCore { get; }

    bool ImplicitUsings { get; }

    OutputKind? OutputKind { get; }
}

/// <summary>For tests that need the plain text of a marked-up case (e.g. the same case with an option that silences it).</summary>
public static class Markup
{
    /// <summary>Removes span markup and returns the plain text.</summary>
    public static string Strip(string markup) => ProjectLayer.StripMarkup(markup);
}
