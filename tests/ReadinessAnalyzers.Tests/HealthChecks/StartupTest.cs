using System.Linq;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.Tests.HealthChecks;

/// <summary>Tests of one start-up rule: the shared analyzer reports six rules, the others are switched off
/// through real global configuration text, so each test class sees only its own rule.</summary>
internal static class StartupTest
{
    private static readonly string[] StartupRuleIds = new HostStartupAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToArray();

    public static AnalyzerTest Create(string ruleId, params string[] sources)
    {
        var test = new AnalyzerTest(new HostStartupAnalyzer())
        {
            DefaultDiagnosticId = ruleId,
            GlobalConfig = string.Concat(StartupRuleIds.Where(id => id != ruleId).Select(id => $"dotnet_diagnostic.{id}.severity = none\n")),
            TypingStride = 5,
        };
        test.Sources.AddRange(sources);
        return test;
    }

    public static CodeFixTest CreateFix(string ruleId, Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider fix, string source, string fixedSource)
    {
        var test = new CodeFixTest(fix, new HostStartupAnalyzer())
        {
            DefaultDiagnosticId = ruleId,
            GlobalConfig = string.Concat(StartupRuleIds.Where(id => id != ruleId).Select(id => $"dotnet_diagnostic.{id}.severity = none\n")),
            TypingStride = 5,
        };
        test.Sources.Add(source);
        test.FixedSources.Add(fixedSource);
        return test;
    }

    /// <summary>A typical worker: the template's Worker class.</summary>
    public const string Worker = """
        namespace OrderWorker;

        public sealed class Worker(ILogger<Worker> logger) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogInformation("Working");
                    await Task.Delay(1000, stoppingToken);
                }
            }
        }
        """;
}
