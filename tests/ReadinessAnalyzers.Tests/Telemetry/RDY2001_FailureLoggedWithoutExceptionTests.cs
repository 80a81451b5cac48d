using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.Telemetry;
using ReadinessAnalyzers.Telemetry;
using Fix = ReadinessAnalyzers.Testing.CodeFixVerifier<ReadinessAnalyzers.Telemetry.FailureLoggedWithoutExceptionAnalyzer, ReadinessAnalyzers.CodeFixes.Telemetry.FailureLoggedWithoutExceptionCodeFix>;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.FailureLoggedWithoutExceptionAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2001_FailureLoggedWithoutExceptionTests
{
    private const string SerilogStub = """
        namespace Serilog
        {
            public interface ILogger
            {
                void Error(string messageTemplate, params object?[]? propertyValues);
                void Error(System.Exception? exception, string messageTemplate, params object?[]? propertyValues);
                void Warning(string messageTemplate, params object?[]? propertyValues);
            }
        }
        namespace log4net
        {
            public interface ILog
            {
                void Error(object message);
                void Error(object message, System.Exception exception);
            }
        }
        """;

    [Fact]
    public Task LogError_with_only_a_message_is_reported_with_a_message_naming_call_catch_and_variable()
    {
        var test = Verify.Create("""
            class OrderService(ILogger<OrderService> logger)
            {
                public void Save()
                {
                    try { File.WriteAllText("orders.json", "{}"); }
                    catch (IOException ex)
                    {
                        logger.{|#0:LogError|}("Saving orders failed");
                    }
                }
            }
            """);
        test.ExpectedMessages[0] = "'LogError' records a failure in this catch of 'IOException' without the exception object, so the log store gets no exception type, stack trace or inner exceptions to group and search by; pass 'ex' as the call's exception argument";
        return test.RunAsync();
    }

    [Fact]
    public Task Message_tells_how_to_name_an_unnamed_exception()
    {
        var test = Verify.Create("""
            class Store(ILogger<Store> logger)
            {
                public void Save()
                {
                    try { File.WriteAllText("orders.json", "{}"); }
                    catch
                    {
                        logger.{|#0:LogError|}("Saving orders failed");
                    }
                }
            }
            """);
        test.ExpectedMessages[0] = "'LogError' records a failure in this catch of 'everything' without the exception object, so the log store gets no exception type, stack trace or inner exceptions to group and search by; pass the caught exception (name it: catch (Exception ex)) as the call's exception argument";
        return test.RunAsync();
    }

    [Fact]
    public Task Message_text_interpolation_and_params_argument_do_not_count_as_passing_the_exception()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                void A() { try { Work(); } catch (Exception ex) { logger.[|LogError|](ex.Message); } }
                void B() { try { Work(); } catch (Exception ex) { logger.[|LogError|]($"Work failed: {ex}"); } }
                void D() { try { Work(); } catch (Exception ex) { logger.[|LogCritical|]("Work failed: {Error}", ex); } }
                void E() { try { Work(); } catch (Exception) { logger.[|Log|](LogLevel.Error, "Work failed"); } }
                void F() { try { Work(); } catch { logger.[|LogError|]("Work failed"); } }
                void G() { try { Work(); } catch (Exception ex) { logger.[|LogError|](null, "Work failed {Message}", ex.Message); } }
                static void Work() { }
            }
            """);

    [Fact]
    public Task LoggerMessage_method_at_error_level_without_an_exception_parameter_is_reported()
        => Verify.VerifyAsync("""
            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Payment {Id} failed")]
                public static partial void PaymentFailed(this ILogger logger, string id);
            }
            static partial class Log
            {
                public static partial void PaymentFailed(this ILogger logger, string id) { }
            }
            class C(ILogger<C> logger)
            {
                void Pay(string id)
                {
                    try { Charge(); }
                    catch (InvalidOperationException) { logger.[|PaymentFailed|](id); }
                }
                static void Charge() { }
            }
            """);

    [Fact]
    public Task Serilog_and_log4net_errors_without_the_exception_are_reported()
    {
        var test = Verify.Create("""
            class C(Serilog.ILogger serilog, log4net.ILog log4)
            {
                void M()
                {
                    try { Work(); }
                    catch (Exception ex) { serilog.[|Error|]("Work failed: {Message}", ex.Message); log4.[|Error|]("Work failed"); }
                }
                static void Work() { }
            }
            """);
        test.StubSources.Add(SerilogStub);
        return test.RunAsync();
    }

    [Fact]
    public Task Exception_passed_through_any_overload_is_accepted()
    {
        var test = Verify.Create("""
            static partial class Log
            {
                [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Payment {Id} failed")]
                public static partial void PaymentFailed(this ILogger logger, Exception error, string id);
            }
            static partial class Log
            {
                public static partial void PaymentFailed(this ILogger logger, Exception error, string id) { }
            }
            class C(ILogger<C> logger, Serilog.ILogger serilog, log4net.ILog log4)
            {
                static readonly Action<ILogger, string, Exception?> Failed = LoggerMessage.Define<string>(LogLevel.Error, new EventId(3), "Failed {Id}");
                void A() { try { Work(); } catch (Exception ex) { logger.LogError(ex, "Work failed"); } }
                void B() { try { Work(); } catch (Exception ex) { logger.Log(LogLevel.Error, new EventId(1), ex, "Work failed"); } }
                void D() { try { Work(); } catch (Exception ex) { logger.PaymentFailed(ex, "42"); } }
                void E() { try { Work(); } catch (Exception ex) { serilog.Error(ex, "Work failed"); } }
                void F() { try { Work(); } catch (Exception ex) { log4.Error("Work failed", ex); } }
                void G() { try { Work(); } catch (Exception ex) { Failed(logger, "42", ex); } }
                void H() { try { Work(); } catch (AggregateException ex) { logger.LogError(ex.InnerException, "Work failed"); } }
                void I() { try { Work(); } catch (Exception ex) { System.Diagnostics.Activity.Current?.AddException(ex); logger.LogError("Work failed"); } }
                void J() { try { Work(); } catch (Exception ex) { logger.LogError(ex, "Work failed"); logger.LogError("Compensation started"); } }
                static void Work() { }
            }
            """);
        test.StubSources.Add(SerilogStub);
        return test.RunAsync();
    }

    [Fact]
    public Task Lower_levels_rethrows_expected_exceptions_and_kept_exceptions_are_not_reported()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                Exception? _last;
                void B() { try { Work(); } catch (Exception) { logger.LogInformation("Falling back to cache"); } }
                void D() { try { Work(); } catch (Exception ex) { logger.LogError("Work failed: {Message}", ex.Message); throw; } }
                void E() { try { Work(); } catch (Exception ex) { logger.LogError("Work failed"); throw new InvalidOperationException("Work failed", ex); } }
                void F(CancellationToken ct) { try { Work(); } catch (OperationCanceledException) { logger.LogError("Cancelled"); } }
                void G() { try { Work(); } catch (Exception ex) { logger.LogError("Work failed"); _last = ex; } }
                Exception? H() { try { Work(); return null; } catch (Exception ex) { logger.LogError("Work failed"); return ex; } }
                void I() { logger.LogError("Not in a catch"); }
                void J() { try { Work(); } catch (Exception) { logger.Log(LogLevel.Debug, "Ignored"); } }
                void K(LogLevel level) { try { Work(); } catch (Exception) { logger.Log(level, "Level decided elsewhere"); } }
                void L() { try { Work(); } catch (Exception) { LogFailure(); } }
                void LogFailure() => logger.LogError("Helper");
                static void Work() { }
            }
            """);

    [Fact]
    public Task A_nested_catch_is_judged_on_its_own()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                void M()
                {
                    try { Work(); }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Work failed");
                        try { Work(); }
                        catch (IOException) { logger.[|LogError|]("Compensation failed"); }
                    }
                }
                static void Work() { }
            }
            """);

    [Fact]
    public Task Warnings_are_reported_by_default_including_a_type_name_without_the_exception()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger, HttpClient client)
            {
                void A() { try { Work(); } catch (Exception) { logger.[|LogWarning|]("Retrying"); } }
                async Task<bool> B(string url)
                {
                    try { return (await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, url))).IsSuccessStatusCode; }
                    catch (Exception ex)
                    {
                        logger.[|LogWarning|]("Exception {TypeName} when sending OPTIONS request", ex.GetType().Name);
                        return false;
                    }
                }
                void D() { try { Work(); } catch (Exception) { logger.LogInformation("Falling back"); } }
                void E() { try { Work(); } catch (Exception ex) { logger.LogWarning(ex, "Retrying"); } }
                static void Work() { }
            }
            """);

    [Fact]
    public Task Minimum_level_option_error_leaves_warnings_alone()
        => Verify.VerifyAsync(
            """
            class C(ILogger<C> logger)
            {
                void A() { try { Work(); } catch (Exception) { logger.LogWarning("Retrying"); } }
                void B() { try { Work(); } catch (Exception) { logger.[|LogError|]("Failed"); } }
                static void Work() { }
            }
            """,
            """
            [*.cs]
            RDY2001.minimum_level = error
            """);

    [Fact]
    public Task A_project_logging_helper_without_an_exception_parameter_is_told_to_get_one_and_gets_no_fix()
    {
        var test = Fix.Create(
            """
            static class CheckpointLog
            {
                public static void LogCheckpointEntry(this ILogger logger, LogLevel level, string message, string entry)
                    => logger.Log(level, "{Message}: {Entry}", message, entry);
            }
            class C(ILogger<C> logger)
            {
                void M(string entry)
                {
                    try { Work(); }
                    catch (Exception ex) { logger.{|#0:LogCheckpointEntry|}(LogLevel.Error, ex.Message, entry); }
                }
                static void Work() { }
            }
            """,
            """
            static class CheckpointLog
            {
                public static void LogCheckpointEntry(this ILogger logger, LogLevel level, string message, string entry)
                    => logger.Log(level, "{Message}: {Entry}", message, entry);
            }
            class C(ILogger<C> logger)
            {
                void M(string entry)
                {
                    try { Work(); }
                    catch (Exception ex) { logger.{|#0:LogCheckpointEntry|}(LogLevel.Error, ex.Message, entry); }
                }
                static void Work() { }
            }
            """);
        test.ExpectedMessages[0] = "'LogCheckpointEntry' records a failure in this catch of 'Exception' without the exception object, so the log store gets no exception type, stack trace or inner exceptions to group and search by; add an Exception parameter to 'LogCheckpointEntry' and pass 'ex' to it";
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task A_third_party_method_without_an_exception_overload_is_told_to_log_through_another_method()
    {
        var test = Verify.Create("""
            class C(Serilog.ILogger serilog)
            {
                void M()
                {
                    try { Work(); }
                    catch (Exception ex) { serilog.{|#0:Warning|}("Work failed: {Message}", ex.Message); }
                }
                static void Work() { }
            }
            """);
        test.StubSources.Add(SerilogStub);
        test.ExpectedMessages[0] = "'Warning' records a failure in this catch of 'Exception' without the exception object, so the log store gets no exception type, stack trace or inner exceptions to group and search by; log 'ex' through a method that takes the exception object";
        return test.RunAsync();
    }

    [Fact]
    public Task Expected_exceptions_option_replaces_the_default_list()
        => Verify.VerifyAsync(
            """
            class C(ILogger<C> logger)
            {
                void A() { try { Work(); } catch (FormatException) { logger.LogError("Bad input"); } }
                void B(CancellationToken ct) { try { Work(); } catch (OperationCanceledException) { logger.[|LogError|]("Cancelled"); } }
                static void Work() { }
            }
            """,
            """
            [*.cs]
            RDY2001.expected_exceptions = System.FormatException
            """);

    [Fact]
    public Task Fix_inserts_the_exception_as_the_exception_argument()
        => Fix.VerifyFixAsync(
            """
            class C(ILogger<C> logger)
            {
                void A() { try { Work(); } catch (Exception ex) { logger.[|LogError|]("Work failed: {Message}", ex.Message); } }
                void B() { try { Work(); } catch (Exception ex) { logger.[|Log|](LogLevel.Critical, "Work failed"); } }
                static void Work() { }
            }
            """,
            """
            class C(ILogger<C> logger)
            {
                void A() { try { Work(); } catch (Exception ex) { logger.LogError(ex, "Work failed: {Message}", ex.Message); } }
                void B() { try { Work(); } catch (Exception ex) { logger.Log(LogLevel.Critical, ex, "Work failed"); } }
                static void Work() { }
            }
            """);

    [Fact]
    public Task Fix_names_the_caught_exception_when_the_catch_has_no_variable()
        => Fix.VerifyFixAsync(
            """
            class C(ILogger<C> logger)
            {
                void A()
                {
                    try { Work(); }
                    catch (IOException)
                    {
                        logger.[|LogError|]("Work failed");
                    }
                }
                void B()
                {
                    try { Work(); }
                    catch
                    {
                        logger.[|LogError|]("Work failed");
                    }
                }
                static void Work() { }
            }
            """,
            """
            class C(ILogger<C> logger)
            {
                void A()
                {
                    try { Work(); }
                    catch (IOException ex)
                    {
                        logger.LogError(ex, "Work failed");
                    }
                }
                void B()
                {
                    try { Work(); }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Work failed");
                    }
                }
                static void Work() { }
            }
            """);

    [Fact]
    public Task Fix_uses_the_third_party_overload_with_an_exception()
    {
        var test = Fix.Create(
            """
            class C(Serilog.ILogger serilog, log4net.ILog log4)
            {
                void M()
                {
                    try { Work(); }
                    catch (Exception ex) { serilog.[|Error|]("Work failed"); }
                    try { Work(); }
                    catch (Exception ex) { log4.[|Error|]("Work failed"); }
                }
                static void Work() { }
            }
            """,
            """
            class C(Serilog.ILogger serilog, log4net.ILog log4)
            {
                void M()
                {
                    try { Work(); }
                    catch (Exception ex) { serilog.Error(ex, "Work failed"); }
                    try { Work(); }
                    catch (Exception ex) { log4.Error("Work failed", ex); }
                }
                static void Work() { }
            }
            """);
        test.StubSources.Add(SerilogStub);
        test.NumberOfIterations = 2;
        return test.RunAsync();
    }
}
