using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.ConsoleOutputInServiceAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2005_ConsoleOutputInServiceTests
{
    private const string WebSdk = """
        is_global = true
        build_property.UsingMicrosoftNETSdkWeb = true
        """;

    private const string PlainSdk = """
        is_global = true
        build_property.UsingMicrosoftNETSdkWeb =
        """;

    private static Task VerifyInWebProject(string source, string? editorConfig = null)
    {
        var test = Verify.Create(source);
        test.GlobalConfig = WebSdk;
        test.EditorConfig = editorConfig;
        return test.RunAsync();
    }

    [Fact]
    public Task Console_in_a_service_class_is_reported_with_a_message_naming_call_and_member()
    {
        var test = Verify.Create("""
            public class OrderHandler
            {
                public void Handle(string id)
                {
                    {|#0:Console.WriteLine|}($"Handling {id}");
                }
            }
            """);
        test.GlobalConfig = WebSdk;
        test.ExpectedMessages[0] = "'Console.WriteLine' in 'Handle' writes around the logging pipeline: the text has no level, no structure and no trace correlation, cannot be filtered, and is not exported to your log store; log through ILogger<T> instead";
        return test.RunAsync();
    }

    [Fact]
    public Task Console_Debug_and_Trace_writes_are_reported()
        => VerifyInWebProject("""
            using System.Diagnostics;
            public class Worker : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        [|Console.Write|]("tick");
                        [|Console.Error.WriteLine|]("oops");
                        [|Console.Out.WriteLineAsync|]("async");
                        [|Debug.WriteLine|]("debug");
                        [|Trace.TraceError|]("trace");
                        [|System.Console.WriteLine|]();
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);

    [Fact]
    public Task Debug_message_explains_that_it_is_compiled_out()
    {
        var test = Verify.Create("""
            public class C { void M() { {|#0:System.Diagnostics.Debug.WriteLine|}("x"); } }
            """);
        test.GlobalConfig = WebSdk;
        test.ExpectedMessages[0] = "'System.Diagnostics.Debug.WriteLine' in 'M' is compiled out of Release builds and otherwise reaches only an attached debugger, so production never sees it; log through ILogger<T> instead";
        return test.RunAsync();
    }

    [Fact]
    public Task Start_up_code_in_top_level_statements_is_not_reported_but_request_handlers_are()
        => VerifyInWebProject("""
            Console.WriteLine("Starting");
            var builder = WebApplication.CreateBuilder(args);
            AppDomain.CurrentDomain.UnhandledException += (_, e) => Console.Error.WriteLine(e.ExceptionObject);
            var app = builder.Build();
            app.MapGet("/", () => { [|Console.WriteLine|]("hit"); return "ok"; });
            app.Use(async (context, next) => { [|Console.WriteLine|](context.Request.Path); await next(context); });
            try { app.Run(); }
            catch (Exception ex) { Console.Error.WriteLine(ex); }
            """);

    [Fact]
    public Task Main_and_Startup_are_start_up_code()
        => VerifyInWebProject("""
            public static class Program
            {
                public static void Main(string[] args)
                {
                    Console.WriteLine("Starting");
                    PrintBanner();
                }
                static void PrintBanner() => Console.WriteLine("== Orders ==");
            }
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    Console.WriteLine("Configuring");
                    app.Run(async context => { [|Console.WriteLine|]("request"); await context.Response.WriteAsync("ok"); });
                }
            }
            """);

    [Fact]
    public Task Other_console_members_and_look_alikes_are_not_reported()
        => VerifyInWebProject("""
            public class C(ILogger<C> logger, TextWriter writer)
            {
                void M()
                {
                    Console.ForegroundColor = ConsoleColor.Red;
                    var line = Console.ReadLine();
                    writer.WriteLine("to a file");
                    logger.LogInformation("logged");
                    System.Diagnostics.Debug.Assert(line is not null);
                }
            }
            """);

    [Fact]
    public Task A_console_tool_or_library_is_not_reported()
    {
        var test = Verify.Create("""
            public class Reporter { public void Print(int count) => Console.WriteLine($"{count} orders"); }
            """);
        test.GlobalConfig = PlainSdk;
        return test.RunAsync();
    }

    [Fact]
    public Task An_executable_on_the_plain_SDK_is_not_a_service_even_when_it_references_ASP_NET_Core()
    {
        var test = Verify.Create("""
            Console.WriteLine("integration test host");
            class Printer { public void Print() => Console.WriteLine("x"); }
            """);
        test.GlobalConfig = PlainSdk;
        return test.RunAsync();
    }

    [Fact]
    public Task A_console_executable_without_ASP_NET_Core_and_without_SDK_properties_is_not_reported()
    {
        var test = Verify.Create("""
            Console.WriteLine("tool");
            static class Printer { public static void Print() => Console.WriteLine("x"); }
            """);
        test.AspNetCore = false;
        return test.RunAsync();
    }

    [Fact]
    public Task An_executable_referencing_ASP_NET_Core_is_a_service_without_SDK_properties()
        => Verify.VerifyAsync("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.Run();
            static class Printer { public static void Print() => [|Console.WriteLine|]("x"); }
            """.Replace("static class Printer", "class Printer", System.StringComparison.Ordinal).Replace("public static void", "public void", System.StringComparison.Ordinal));

    [Fact]
    public Task Treat_as_service_option_turns_the_rule_on_for_a_library_and_off_for_a_folder()
    {
        var test = Verify.Create(
            """
            public class Reporter { public void Print(int count) => [|Console.WriteLine|](count); }
            """);
        test.GlobalConfig = PlainSdk;
        test.EditorConfig = """
            [*.cs]
            RDY2005.treat_as_service = true
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Treat_as_service_false_silences_a_web_project()
        => VerifyInWebProject(
            """
            public class Reporter { public void Print(int count) => Console.WriteLine(count); }
            """,
            """
            [*.cs]
            RDY2005.treat_as_service = false
            """);
}
