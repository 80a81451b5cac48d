using System.Threading.Tasks;
using ReadinessAnalyzers.FailureHandling;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.ExceptionSwallowedAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

public sealed partial class RDY1001_ExceptionSwallowedTests
{
    [Fact]
    public Task Empty_catch_of_everything_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    try { System.IO.File.Delete("x"); }
                    [|catch|] { }
                }
            }
            """);

    [Fact]
    public Task Empty_catch_of_a_specific_exception_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    try { System.IO.File.Delete("x"); }
                    [|catch (System.IO.IOException)|] { }
                }
            }
            """);

    [Fact]
    public Task Catch_exception_returning_a_default_is_reported_with_a_message_naming_type_and_member()
    {
        var test = Verify.Create("""
            class Repository
            {
                public int? Load(string id)
                {
                    try { return int.Parse(id); }
                    {|#0:catch (Exception ex)|}
                    {
                        return null;
                    }
                }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'Exception' in 'Load' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; log it with the exception object through this type's logging, let it propagate, or catch only what you expect";
        return test.RunAsync();
    }

    [Fact]
    public Task Empty_catch_inside_a_loop_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                async Task Poll(IEnumerable<string> urls, HttpClient client)
                {
                    foreach (var url in urls)
                    {
                        try { await client.GetStringAsync(url); }
                        [|catch (Exception)|] { continue; }
                    }
                }
            }
            """);

    [Fact]
    public Task Discarding_the_exception_is_still_swallowing()
        => Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    try { System.IO.File.Delete("x"); }
                    [|catch (Exception ex)|] { _ = ex; }
                }
            }
            """);

    [Fact]
    public Task Catch_with_a_filter_that_does_not_log_and_an_empty_body_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void M(int attempt)
                {
                    try { System.IO.File.Delete("x"); }
                    [|catch (Exception) when (attempt > 1)|] { }
                }
            }
            """);

    [Fact]
    public Task Cancellation_caught_without_any_token_in_scope_is_reported()
        => Verify.VerifyAsync("""
            class C
            {
                async Task<string?> Fetch(HttpClient client)
                {
                    try { return await client.GetStringAsync("/x"); }
                    [|catch (TaskCanceledException)|] { }
                    return null;
                }
            }
            """);

    [Fact]
    public Task Catch_in_a_lambda_and_in_top_level_statements_is_reported()
        => Verify.VerifyAsync("""
            Action a = () =>
            {
                try { File.Delete("x"); }
                [|catch|] { }
            };
            try { a(); }
            [|catch (Exception)|] { Environment.ExitCode = 1; }
            """);

    [Fact]
    public Task Throw_inside_a_nested_lambda_does_not_count_as_rethrow()
        => Verify.VerifyAsync("""
            class C
            {
                Func<int> M()
                {
                    try { return () => 1; }
                    [|catch (Exception)|] { return () => throw new InvalidOperationException(); }
                }
            }
            """);

    // ---- Negative cases: look-alikes that must stay silent ----

    [Fact]
    public Task Rethrow_throw_and_wrapping_are_not_reported()
        => Verify.VerifyAsync("""
            class C
            {
                void A() { try { } catch { throw; } }
                void B() { try { } catch (Exception ex) { throw new InvalidOperationException("wrapped", ex); } }
                void D() { try { } catch (Exception) { throw new InvalidOperationException("replaced"); } }
                int E() { try { return 1; } catch (Exception ex) when (ex is ArgumentException) { throw; } }
            }
            """);

    [Fact]
    public Task Logged_exceptions_are_not_reported()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                void A() { try { } catch (Exception ex) { logger.LogError(ex, "Failed"); } }
                void B() { try { } catch (Exception) { logger.LogWarning("Failed without the exception object"); } }
                void D() { try { } catch { logger.Log(LogLevel.Error, "Failed"); } }
            }
            """);

    [Fact]
    public Task Tracing_and_metrics_count_as_recording_the_failure()
        => Verify.VerifyAsync("""
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            class C
            {
                private static readonly Meter Meter = new("Orders");
                private static readonly Counter<int> Failures = Meter.CreateCounter<int>("orders.failed");
                void A() { try { } catch { Failures.Add(1); } }
                void B() { try { } catch { Activity.Current?.SetStatus(ActivityStatusCode.Error); } }
            }
            """);

    [Fact]
    public Task A_filter_that_logs_is_not_reported()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                void M()
                {
                    try { }
                    catch (Exception ex) when (Log(ex)) { }
                }

                bool Log(Exception ex) { logger.LogError(ex, "Failed"); return true; }
            }
            """);

    [Fact]
    public Task Using_the_exception_is_not_reported()
        => Verify.VerifyAsync("""
            class Result { public Exception? Error { get; set; } public string? Message { get; set; } }
            class C
            {
                Result A() { var r = new Result(); try { } catch (Exception ex) { r.Error = ex; } return r; }
                string B() { try { return ""; } catch (Exception ex) { return ex.Message; } }
                Task D() { try { return Task.CompletedTask; } catch (Exception ex) { return Task.FromException(ex); } }
                void E(TaskCompletionSource tcs) { try { } catch (Exception ex) { tcs.SetException(ex); } }
            }
            """);

    [Fact]
    public Task A_helper_of_the_same_project_that_logs_counts_one_level_deep()
        => Verify.VerifyAsync("""
            class C(ILogger<C> logger)
            {
                void M()
                {
                    try { }
                    catch { RecordFailure(); }
                }

                void RecordFailure() => logger.LogError("Operation failed");
            }
            """);

    [Fact]
    public Task A_helper_that_does_not_log_does_not_count()
        => Verify.VerifyAsync("""
            class C
            {
                private int _failures;
                void M()
                {
                    try { }
                    [|catch|] { CountFailure(); }
                }

                void CountFailure() => _failures++;
            }
            """);

    [Fact]
    public Task Cancellation_with_a_token_in_scope_is_expected()
        => Verify.VerifyAsync("""
            class Worker : Microsoft.Extensions.Hosting.BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    try { await Task.Delay(1000, stoppingToken); }
                    catch (OperationCanceledException) { }
                    try { await Task.Delay(1000, stoppingToken); }
                    catch (TaskCanceledException) { }
                }
            }
            """);

    [Fact]
    public Task Cancellation_with_a_token_source_field_is_expected()
        => Verify.VerifyAsync("""
            class Pump
            {
                private readonly CancellationTokenSource _cts = new();
                async Task Run()
                {
                    try { await Task.Delay(1000, _cts.Token); }
                    catch (OperationCanceledException) { }
                }
            }
            """);

    [Fact]
    public Task Non_empty_catch_of_a_specific_exception_is_a_deliberate_fallback_by_default()
        => Verify.VerifyAsync("""
            class C
            {
                static int? TryRead(string text)
                {
                    try { return int.Parse(text); }
                    catch (FormatException) { return null; }
                }
            }
            """);

    [Fact]
    public Task Empty_catch_of_a_specific_exception_with_a_comment_saying_why_is_deliberate()
        => Verify.VerifyAsync("""
            class C
            {
                void DeleteCache(string path)
                {
                    try { Directory.Delete(path, recursive: true); }
                    catch (DirectoryNotFoundException)
                    {
                        // Already gone: nothing to delete.
                    }
                }
            }
            """);

    [Fact]
    public Task A_comment_that_only_restates_the_catch_or_is_a_todo_does_not_excuse_catching_everything()
        => Verify.VerifyAsync("""
            class C
            {
                void A()
                {
                    try { File.Delete("x"); }
                    [|catch (Exception)|]
                    {
                        // Ignore exceptions
                    }
                }

                void B()
                {
                    try { File.Delete("x"); }
                    [|catch|] { /* TODO: log this, the delete can fail because the file is locked */ }
                }

                void D()
                {
                    try { File.Delete("x"); }
                    [|catch|]
                    {
                        //
                    }
                }

                void E()
                {
                    try { File.Delete("x"); }
                    // do nothing
                    [|catch|] { }
                }

                int? G(string id)
                {
                    try { return int.Parse(id); }
                    [|catch (Exception)|]
                    {
                        // RDY1001: callers see "not found" while the parser is broken.
                        return null;
                    }
                }

                long F()
                {
                    // Best effort: the comment is above the try, not at the catch.
                    try { return new FileInfo("x").Length; }
                    [|catch|] { return 0; }
                }
            }
            """);

    [Fact]
    public Task A_comment_that_gives_a_reason_inside_or_above_a_general_catch_is_deliberate()
        => Verify.VerifyAsync("""
            class C
            {
                void A()
                {
                    try { File.Delete("x"); }
                    catch (Exception)
                    {
                        // Already logged at lower levels
                    }
                }

                void B(Queue<string> queue, string path)
                {
                    try { foreach (var line in File.ReadLines(path)) queue.Enqueue(line); }
                    catch
                    {
                        // If the list cannot be read we still load the main file below.
                    }
                }

                void D()
                {
                    try { File.Delete("x"); }
                    // Best effort: a leftover temp file is harmless.
                    catch { }
                }

                void E()
                {
                    try { File.Delete("x"); }
                    catch { /* races with the cleaner job, which deletes it too */ }
                }
            }
            """);

    [Fact]
    public Task A_filter_that_checks_for_cancellation_is_expected()
        => Verify.VerifyAsync("""
            class Job { public CancellationToken Stopping { get; init; } }
            class C
            {
                async Task Run(Job job, Func<Task> work)
                {
                    try { await work(); }
                    catch (OperationCanceledException) when (job.Stopping.IsCancellationRequested) { }
                }
            }
            """);

    [Fact]
    public Task The_try_pattern_returning_false_is_a_result_not_a_swallowed_failure()
        => Verify.VerifyAsync("""
            class C
            {
                static bool TryDecode(string text, out byte[]? bytes)
                {
                    try { bytes = Convert.FromBase64String(text); return true; }
                    catch { bytes = null; return false; }
                }

                static bool IsValidJson(string text)
                {
                    try { System.Text.Json.JsonDocument.Parse(text).Dispose(); return true; }
                    catch (Exception) { return false; }
                }

                static IEnumerable<string> Readable(IEnumerable<string> paths)
                    => paths.Where(p => { try { return File.Exists(p); } catch { return false; } });
            }
            """);

    [Fact]
    public Task Returning_false_after_other_work_is_still_reported()
        => Verify.VerifyAsync("""
            class C
            {
                private int _failures;
                bool Save(string path)
                {
                    try { File.WriteAllText(path, "x"); return true; }
                    [|catch (Exception)|] { _failures++; return false; }
                }
            }
            """);

    [Fact]
    public Task Cleanup_in_Dispose_is_not_reported()
        => Verify.VerifyAsync("""
            class C : IDisposable, IAsyncDisposable
            {
                private readonly Stream _stream = Stream.Null;
                public void Dispose() { try { _stream.Dispose(); } catch { } }
                public async ValueTask DisposeAsync() { try { await _stream.DisposeAsync(); } catch { } }
                ~C() { try { _stream.Dispose(); } catch { } }
            }
            """);

    [Fact]
    public Task Failing_fast_is_not_swallowing()
        => Verify.VerifyAsync("""
            class C
            {
                void M()
                {
                    try { }
                    catch (Exception) { throw new InvalidOperationException(); }
                }
            }
            """);

    [Fact]
    public Task Third_party_loggers_are_recognised_by_name()
    {
        var test = Verify.Create("""
            class C(Serilog.ILogger log, NLog.Logger nlog)
            {
                void A() { try { } catch { log.Error("failed"); } }
                void B() { try { } catch { nlog.Error("failed"); } }
                void D() { try { } catch { Serilog.Log.Warning("failed"); } }
            }
            """);
        test.StubSources.Add("""
            namespace Serilog { public interface ILogger { void Error(string m); } public static class Log { public static void Warning(string m) { } } }
            namespace NLog { public class Logger { public void Error(string m) { } } }
            """);
        return test.RunAsync();
    }

    [Fact]
    public Task LoggerMessage_methods_and_delegates_count_as_telemetry()
        => Verify.VerifyAsync("""
            static partial class Log
            {
                [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Order {Id} failed")]
                public static partial void OrderFailed(ILogger logger, string id);

                public static readonly Action<ILogger, string, Exception?> Failed =
                    LoggerMessage.Define<string>(LogLevel.Error, new EventId(2), "Failed {Id}");
            }

            partial class Log
            {
                public static partial void OrderFailed(ILogger logger, string id) { }
            }

            class C(ILogger<C> logger)
            {
                void A() { try { } catch { Log.OrderFailed(logger, "1"); } }
                void B() { try { } catch { Log.Failed(logger, "1", null); } }
            }
            """);

    // ---- Options ----

    [Fact]
    public Task Expected_exceptions_option_allows_listed_types_and_subclasses()
        => Verify.VerifyAsync(
            """
            class C
            {
                void A() { try { } catch (System.IO.IOException) { } }
                void B() { try { } catch (System.IO.FileNotFoundException) { } }
                void D() { try { } [|catch (FormatException)|] { } }
            }
            """,
            """
            [*.cs]
            RDY1001.expected_exceptions = System.IO.IOException, System.UnauthorizedAccessException
            """);

    [Fact]
    public Task Report_specific_exceptions_option_reports_fallbacks_too()
        => Verify.VerifyAsync(
            """
            class C
            {
                static int? TryRead(string text)
                {
                    try { return int.Parse(text); }
                    [|catch (FormatException)|] { return null; }
                }
            }
            """,
            """
            [*.cs]
            rdy1001.report_specific_exceptions = true
            """);

    [Fact]
    public Task Report_specific_exceptions_option_also_reports_commented_empty_catches()
        => Verify.VerifyAsync(
            """
            class C
            {
                void DeleteCache(string path)
                {
                    try { Directory.Delete(path, recursive: true); }
                    [|catch (IOException)|]
                    {
                        // Already gone.
                    }
                }
            }
            """,
            """
            [*.cs]
            RDY1001.report_specific_exceptions = true
            """);

    [Fact]
    public Task Telemetry_methods_option_recognises_a_team_wrapper()
        => Verify.VerifyAsync(
            """
            static class Audit { public static void Failure(string what) { } }
            class C
            {
                void M() { try { } catch { Audit.Failure("M"); } }
            }
            """,
            """
            [*.cs]
            readiness.telemetry_methods = Audit.Failure
            """);

    [Fact]
    public Task Telemetry_types_option_recognises_a_team_wrapper_type()
    {
        var test = Verify.Create("""
            class C(My.Diagnostics.IOpsLog log)
            {
                void M() { try { } catch { log.Write("failed"); } }
            }
            """);
        test.StubSources.Add("namespace My.Diagnostics { public interface IOpsLog { void Write(string m); } }");
        test.GlobalConfig = "readiness.telemetry_types = My.Diagnostics.IOpsLog";
        return test.RunAsync();
    }

    [Fact]
    public Task Options_apply_per_folder_through_editorconfig_sections()
        => Verify.VerifyAsync(
            """
            class C
            {
                void D() { try { } [|catch (FormatException)|] { } }
            }
            """,
            """
            [/other/**.cs]
            RDY1001.expected_exceptions = System.FormatException
            """);

    [Fact]
    public Task Generated_code_is_skipped()
        => Verify.VerifyAsync(
            """
            class C { void M() { try { } catch { } } }
            """,
            """
            [*.cs]
            generated_code = true
            """);

    [Fact]
    public Task Also_analyses_net8_projects()
    {
        var test = Verify.Create("""
            class C { void M() { try { } [|catch|] { } } }
            """);
        test.Framework = TargetFramework.Net8;
        return test.RunAsync();
    }
}
