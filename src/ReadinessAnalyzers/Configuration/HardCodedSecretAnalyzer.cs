using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ReadinessAnalyzers.Configuration;

/// <summary>
/// RDY4002: a credential written in code — a well-known token format, a private key block, a password in a
/// connection string or URL, or a random-looking value stored under a secret-like name. Detection is
/// <see cref="SecretDetector"/>, shared with RDY4101.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedSecretAnalyzer : DiagnosticAnalyzer
{
    public static readonly RuleOption<bool> IncludeTestProjectsOption = RuleOptions.Boolean(
        OptionCatalog.HardCodedSecret.IncludeTestProjects,
        "When true, test projects (xUnit/NUnit/MSTest/TUnit references, or a project name ending in Tests) are checked too.");

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardCodedSecret,
        title: "Hard-coded secret",
        messageFormat: "This {0} is a hard-coded credential ('{1}'): everyone with the source or the binary can use it and it cannot be rotated without a rebuild; load it from configuration backed by a secret store (user secrets, environment variables, Key Vault) and rotate it",
        category: RuleCategories.Configuration,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Credentials in source code reach source control, build servers, packages and decompilers. A leaked key has to be rotated, and a key that is compiled in can only be rotated by a new release.",
        customTags: RuleTags.Default);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var isTestProject = TestProjects.IsTestProject(start.Compilation);
            var includeTests = new PerTreeOptions<bool>(start.Options, IncludeTestProjectsOption.GetValue);
            start.RegisterOperationAction(
                context =>
                {
                    if (isTestProject && !includeTests.For(context.Operation.Syntax.SyntaxTree))
                    {
                        return;
                    }

                    Analyze(context);
                },
                HardCodedStrings.Kinds);
        });
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        // Cheapest test first: a constant shorter than the shortest secret (most literals: numbers, names, short
        // keys) is not read further.
        if (context.Operation.ConstantValue is { HasValue: true } constant && constant.Value is not string { Length: >= 8 })
        {
            return;
        }

        if (!HardCodedStrings.TryGetText(context.Operation, out var text) || text.Length < 8)
        {
            return;
        }

        var finding = SecretDetector.FindByShape(text);
        if (finding is null && text.IndexOf(HardCodedStrings.Hole) < 0 && HardCodedStrings.TargetName(context.Operation, context.ContainingSymbol) is { } target)
        {
            var (name, parent) = HardCodedStrings.SplitKey(target);
            finding = SecretDetector.FindNamed(name, parent, text);
        }

        if (finding is { } secret)
        {
            context.ReportDiagnostic(ReadinessDiagnostic.Create(Rule, context.Operation.Syntax.GetLocation(), secret.Description, secret.Preview));
        }
    }
}
