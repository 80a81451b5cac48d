using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using ReadinessAnalyzers.Testing;

namespace ReadinessAnalyzers.Tests.Telemetry;

/// <summary>The shared definition of telemetry: which calls count, at which level, and which argument carries
/// the exception. Each case is one call in a method named after the case.</summary>
public sealed class TelemetryKnowledgeTests
{
    private const string Stubs = """
        namespace Serilog
        {
            public interface ILogger
            {
                void Warning(string messageTemplate, params object?[]? propertyValues);
                void Error(System.Exception? exception, string messageTemplate, params object?[]? propertyValues);
                void Write(Serilog.Events.LogEventLevel level, string messageTemplate);
            }
        }
        namespace Serilog.Events { public enum LogEventLevel { Verbose, Debug, Information, Warning, Error, Fatal } }
        namespace NLog { public class Logger { public void Fatal(string message) { } public void Info(string message) { } } }
        namespace Microsoft.ApplicationInsights { public class TelemetryClient { public void TrackException(System.Exception exception) { } } }
        namespace My.Ops { public class OpsLog { public void Error(string message) { } } }
        """;

    private const string Source = """
        using System.Diagnostics;
        using System.Diagnostics.Metrics;
        static partial class Log
        {
            [LoggerMessage(EventId = 1, Level = LogLevel.Critical, Message = "Down")]
            public static partial void Down(ILogger logger, Exception error);
            public static partial void Down(ILogger logger, Exception error) { }
            [LoggerMessage(EventId = 2, Message = "Dynamic")]
            public static partial void Dynamic(ILogger logger, LogLevel level);
            public static partial void Dynamic(ILogger logger, LogLevel level) { }
        }
        class Cases(ILogger<Cases> logger, Serilog.ILogger serilog, NLog.Logger nlog, Microsoft.ApplicationInsights.TelemetryClient ai, My.Ops.OpsLog ops, Counter<int> counter)
        {
            static readonly Exception Ex = new("x");
            void LogErrorWithException() => logger.LogError(Ex, "failed");
            void LogErrorNullException() => logger.LogError(null, "failed");
            void LogWarningMessage() => logger.LogWarning("retrying {Error}", Ex);
            void LogWithConstantLevel() => logger.Log(LogLevel.Information, "hello");
            void LogWithEventIdAndException() => logger.Log(LogLevel.Error, new EventId(1), Ex, "failed");
            void LoggerMessageCritical() => Log.Down(logger, Ex);
            void LoggerMessageLevelArgument() => Log.Dynamic(logger, LogLevel.Debug);
            void SerilogWarning() => serilog.Warning("retrying");
            void SerilogError() => serilog.Error(Ex, "failed");
            void SerilogWrite() => serilog.Write(Serilog.Events.LogEventLevel.Fatal, "down");
            void NLogFatal() => nlog.Fatal("down");
            void NLogInfo() => nlog.Info("up");
            void AppInsightsException() => ai.TrackException(Ex);
            void ActivityException() => Activity.Current?.AddException(Ex);
            void CounterAdd() => counter.Add(1);
            void CustomWrapper() => ops.Error("down");
            void Helper() => LogHelper();
            void LogHelper() => logger.LogInformation("helper");
            void ConsoleWrite() => Console.WriteLine("not telemetry");
            void ExceptionToString() => Ex.ToString();
        }
        """;

    private static readonly Dictionary<string, (bool Telemetry, TelemetryLevel Level, int? ExceptionArgument)> Expected = new()
    {
        ["LogErrorWithException"] = (true, TelemetryLevel.Error, 1),
        ["LogErrorNullException"] = (true, TelemetryLevel.Error, null),
        ["LogWarningMessage"] = (true, TelemetryLevel.Warning, null),
        ["LogWithConstantLevel"] = (true, TelemetryLevel.Information, null),
        ["LogWithEventIdAndException"] = (true, TelemetryLevel.Error, 3),
        ["LoggerMessageCritical"] = (true, TelemetryLevel.Critical, 1),
        ["LoggerMessageLevelArgument"] = (true, TelemetryLevel.Debug, null),
        ["SerilogWarning"] = (true, TelemetryLevel.Warning, null),
        ["SerilogError"] = (true, TelemetryLevel.Error, 0),
        ["SerilogWrite"] = (true, TelemetryLevel.Critical, null),
        ["NLogFatal"] = (true, TelemetryLevel.Critical, null),
        ["NLogInfo"] = (true, TelemetryLevel.Information, null),
        ["AppInsightsException"] = (true, TelemetryLevel.Error, 0),
        ["ActivityException"] = (true, TelemetryLevel.Unknown, 0),
        ["CounterAdd"] = (true, TelemetryLevel.Unknown, null),
        ["CustomWrapper"] = (true, TelemetryLevel.Error, null),
        ["Helper"] = (true, TelemetryLevel.Unknown, null),
        ["ConsoleWrite"] = (false, TelemetryLevel.Unknown, null),
        ["ExceptionToString"] = (false, TelemetryLevel.Unknown, null),
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classifies_the_call(string caseName)
    {
        var (knowledge, invocation) = Load(caseName);
        var (telemetry, level, exceptionArgument) = Expected[caseName];

        Assert.Equal(telemetry, knowledge.IsTelemetryCall(invocation));
        Assert.Equal(level, knowledge.GetLevel(invocation));
        var argument = knowledge.FindExceptionArgument(invocation);
        Assert.Equal(exceptionArgument, argument is null ? null : invocation.Arguments.IndexOf(argument));
    }

    [Fact]
    public void Helpers_count_only_when_following_helpers()
    {
        var (knowledge, invocation) = Load("Helper");
        Assert.False(knowledge.IsTelemetryCall(invocation, followHelpers: false));
        Assert.True(knowledge.IsTelemetryHelper(invocation.TargetMethod));
    }

    [Fact]
    public void One_knowledge_per_compilation_and_options_is_shared_by_the_analyzers()
    {
        var spec = new TestProjectSpec();
        spec.Sources.Add((TestProjectSpec.SourceFolder + "Cases.cs", Source));
        spec.StubSources.Add(Stubs);
        var project = TestProject.Create(spec);
        var shared = TelemetryKnowledge.Create(project.Compilation, project.AnalyzerOptions);
        Assert.Same(shared, TelemetryKnowledge.Create(project.Compilation, project.AnalyzerOptions));

        // Other options (another custom telemetry list) or another compilation: their own.
        var otherOptions = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles, project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        Assert.NotSame(shared, TelemetryKnowledge.Create(project.Compilation, otherOptions));
        Assert.NotSame(shared, TelemetryKnowledge.Create(project.Compilation.Clone(), project.AnalyzerOptions));
    }

    private static (TelemetryKnowledge Knowledge, IInvocationOperation Invocation) Load(string caseName)
    {
        var spec = new TestProjectSpec
        {
            EditorConfig = "root = true\n[*.cs]\nreadiness.telemetry_types = My.Ops.OpsLog\n",
        };
        spec.Sources.Add((TestProjectSpec.SourceFolder + "Cases.cs", Source));
        spec.StubSources.Add(Stubs);
        var project = TestProject.Create(spec);
        var errors = project.Compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var tree = project.Compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Cases.cs", System.StringComparison.Ordinal));
        var model = project.Compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == caseName);
        var call = method.DescendantNodes().OfType<InvocationExpressionSyntax>().First();
        var invocation = (IInvocationOperation)model.GetOperation(call)!;
        return (TelemetryKnowledge.Create(project.Compilation, project.AnalyzerOptions), invocation);
    }
}
