using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.FailureHandling;
using ReadinessAnalyzers.FailureHandling;
using Verify = ReadinessAnalyzers.Testing.CodeFixVerifier<
    ReadinessAnalyzers.FailureHandling.ExceptionSwallowedAnalyzer,
    ReadinessAnalyzers.CodeFixes.FailureHandling.ExceptionSwallowedCodeFixProvider>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed class RDY1001_ExceptionSwallowedCodeFixTests
{
    [Fact]
    public Task Logs_through_a_logger_field_and_names_the_exception()
        => Verify.VerifyFixAsync(
            """
            class OrderStore
            {
                private readonly ILogger<OrderStore> _logger;
                public OrderStore(ILogger<OrderStore> logger) => _logger = logger;

                public int? Find(string id)
                {
                    try { return int.Parse(id); }
                    [|catch (Exception)|]
                    {
                        return null;
                    }
                }
            }
            """,
            """
            class OrderStore
            {
                private readonly ILogger<OrderStore> _logger;
                public OrderStore(ILogger<OrderStore> logger) => _logger = logger;

                public int? Find(string id)
                {
                    try { return int.Parse(id); }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Find failed");
                        return null;
                    }
                }
            }
            """);

    [Fact]
    public Task Bare_catch_gets_an_exception_variable_and_a_primary_constructor_logger_is_used()
        => Verify.VerifyFixAsync(
            """
            class Poller(ILogger<Poller> logger)
            {
                void Poll()
                {
                    try { File.Delete("x"); }
                    [|catch|] { }
                }
            }
            """,
            """
            class Poller(ILogger<Poller> logger)
            {
                void Poll()
                {
                    try { File.Delete("x"); }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Poll failed");
                    }
                }
            }
            """);

    [Fact]
    public Task Adds_the_logging_using_when_it_is_missing_and_avoids_a_taken_name()
    {
        var test = Verify.Create(
            """
            class Cleaner
            {
                private readonly Microsoft.Extensions.Logging.ILogger _log;
                public Cleaner(Microsoft.Extensions.Logging.ILogger log) => _log = log;

                void Clean(string ex)
                {
                    try { System.IO.File.Delete(ex); }
                    [|catch (System.IO.IOException)|]
                    {
                    }
                }
            }
            """,
            """
            using Microsoft.Extensions.Logging;

            class Cleaner
            {
                private readonly Microsoft.Extensions.Logging.ILogger _log;
                public Cleaner(Microsoft.Extensions.Logging.ILogger log) => _log = log;

                void Clean(string ex)
                {
                    try { System.IO.File.Delete(ex); }
                    catch (System.IO.IOException exception)
                    {
                        _log.LogError(exception, "Clean failed");
                    }
                }
            }
            """);
        test.ImplicitUsings = false;
        return test.RunAsync();
    }

    [Fact]
    public Task Fix_all_logs_every_catch_of_the_document()
    {
        var test = Verify.Create(
            """
            class C(ILogger<C> logger)
            {
                void A() { try { } [|catch|] { } }
                void B() { try { } [|catch (Exception)|] { } }
            }
            """,
            """
            class C(ILogger<C> logger)
            {
                void A() { try { } catch (Exception ex) { logger.LogError(ex, "A failed"); } }
                void B() { try { } catch (Exception ex) { logger.LogError(ex, "B failed"); } }
            }
            """);
        test.NumberOfIterations = 2;
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_is_offered_without_a_logger_in_scope()
    {
        var test = Verify.Create(
            """
            class C
            {
                void M() { try { } [|catch|] { } }
            }
            """,
            """
            class C
            {
                void M() { try { } [|catch|] { } }
            }
            """);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task An_instance_logger_is_not_used_from_a_static_method()
    {
        var test = Verify.Create(
            """
            class C(ILogger<C> logger)
            {
                static void M() { try { } [|catch|] { } }
                void Use() => logger.LogDebug("x");
            }
            """,
            """
            class C(ILogger<C> logger)
            {
                static void M() { try { } [|catch|] { } }
                void Use() => logger.LogDebug("x");
            }
            """);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task A_disposed_object_is_logged_at_debug_level_not_as_an_error()
        => Verify.VerifyFixAsync(
            """
            class Writer(ILogger<Writer> logger)
            {
                private readonly Stream _stream = Stream.Null;
                void Write(byte[] data)
                {
                    try { _stream.Write(data); }
                    [|catch (ObjectDisposedException)|] { }
                }
            }
            """,
            """
            class Writer(ILogger<Writer> logger)
            {
                private readonly Stream _stream = Stream.Null;
                void Write(byte[] data)
                {
                    try { _stream.Write(data); }
                    catch (ObjectDisposedException ex)
                    {
                        logger.LogDebug(ex, "Write failed");
                    }
                }
            }
            """);
}
