using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.FailureHandling.ExceptionSwallowedAnalyzer>;

namespace ReadinessAnalyzers.Tests.FailureHandling;

/// <summary>RDY1001 on the shapes of code where dropping an exception is deliberate or handled elsewhere, and their look-alikes.</summary>
public sealed partial class RDY1001_ExceptionSwallowedTests
{
    // ---- 1. Best-effort teardown, whatever the method is called ----

    [Fact]
    public Task A_try_that_only_tears_down_is_best_effort_cleanup_in_any_method()
        => Verify.VerifyAsync("""
            class Pool
            {
                private IDisposable? _driver;
                private System.Net.Sockets.Socket _socket = null!;
                private SemaphoreSlim _gate = new(0);
                private IAsyncDisposable _channel = null!;
                private CancellationTokenSource _cts = new();

                void Reset() { try { _driver?.Dispose(); } catch { } }
                bool TryClose() { try { _socket.Close(); _driver?.Dispose(); } catch (Exception) { } return true; }
                void Signal() { try { _ = _gate.Release(); } catch (ObjectDisposedException) { } }
                async Task ReconnectAsync() { try { await _channel.DisposeAsync().ConfigureAwait(false); } catch { } await Task.Yield(); }
                void Abandon() { try { _cts.Cancel(); } catch { } }
                void OnConstructionFailure() { try { Free(); } catch { } }
                void Free() { }
            }
            """);

    [Fact]
    public Task Teardown_mixed_with_work_a_file_or_record_delete_or_a_computed_receiver_is_reported()
        => Verify.VerifyAsync("""
            interface IOrders { void Delete(int id); }
            class Client
            {
                private System.Net.Sockets.Socket _socket = null!;
                void Reconnect() { try { _socket.Dispose(); Connect(); } [|catch|] { } }
                void RemoveSegment(string path) { try { File.Delete(path); } [|catch|] { } }
                void RemoveTemp(FileInfo file) { try { file.Delete(); } [|catch|] { } }
                void Forget(IOrders orders, int id) { try { orders.Delete(id); } [|catch|] { } }
                void Drop() { try { Open().Dispose(); } [|catch|] { } }
                void Connect() { }
                IDisposable Open() => _socket;
            }
            """);

    // ---- 2. The reason is written down ----

    [Fact]
    public Task The_member_documentation_saying_best_effort_never_throws_or_falls_back_excuses_the_catch()
        => Verify.VerifyAsync("""
            class Probe
            {
                /// <summary>Best-effort read of the limit; returns the default when unreadable.</summary>
                static long ReadLimit() { try { return long.Parse(File.ReadAllText("/proc/limit")); } catch { return 65536; } }

                /// <remarks>Never throws: on any failure returns 512.</remarks>
                static int SectorSize(string path) { try { return (int)new FileInfo(path).Length; } catch { return 512; } }

                // Falls back to the file name when the directory cannot be created.
                static string ProbePath(string path) { try { Directory.CreateDirectory(path); return path; } catch { } return "x"; }
            }
            """);

    [Fact]
    public Task Documentation_that_says_nothing_about_failure_does_not_excuse_the_catch()
        => Verify.VerifyAsync("""
            class Store
            {
                /// <summary>Gets the size of a segment file.</summary>
                static long Size(string path) { try { return new FileInfo(path).Length; } [|catch|] { return 0; } }
            }
            """);

    [Fact]
    public Task Native_library_load_probes_are_deliberate()
        => Verify.VerifyAsync("""
            static class Native
            {
                [System.Runtime.InteropServices.DllImport("native_device")]
                private static extern uint ProbeAlignment(string path);

                public static uint SectorSize(string path)
                {
                    try { return ProbeAlignment(path); }
                    catch (DllNotFoundException) { }
                    catch (EntryPointNotFoundException) { }
                    catch (BadImageFormatException) { }
                    return 512;
                }
            }
            """);

    // ---- 3. The failure is handled elsewhere in the method ----

    [Fact]
    public Task A_catch_nested_in_a_handler_that_logs_or_catches_a_specific_failure_is_not_reported()
        => Verify.VerifyAsync("""
            class Checkpoints(ILogger<Checkpoints> logger)
            {
                async Task RunAsync(Task[] tasks)
                {
                    try { await Task.WhenAll(tasks); }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Checkpointing failed");
                        try { await Task.WhenAll(tasks); }
                        catch { }
                    }
                }

                static void DeleteDirectory(string path)
                {
                    try { Directory.Delete(path, true); }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        try { Directory.Delete(path, true); }
                        catch { }
                    }
                }
            }
            """);

    [Fact]
    public Task A_catch_nested_in_a_handler_that_drops_its_own_failure_is_reported()
        => Verify.VerifyAsync("""
            class Store
            {
                void Save(string path)
                {
                    try { File.WriteAllText(path, "x"); }
                    [|catch|]
                    {
                        try { File.Delete(path); }
                        [|catch|] { }
                    }
                }
            }
            """);

    [Fact]
    public Task A_flag_after_which_the_method_logs_each_failure_is_not_reported()
        => Verify.VerifyAsync("""
            class Aof(ILogger<Aof> logger)
            {
                async Task CommitAllAsync(Task[] tasks)
                {
                    var failed = false;
                    try { await Task.WhenAll(tasks); }
                    catch (Exception) { failed = true; }

                    foreach (var task in tasks)
                    {
                        if (task.IsFaulted) logger.LogError(task.Exception, "Commit failed");
                    }

                    if (failed) throw new InvalidOperationException("Commit failed; see the log.");
                }
            }
            """);

    [Fact]
    public Task A_flag_followed_only_by_a_new_exception_is_reported_and_the_message_says_the_exception_is_lost()
    {
        var test = Verify.Create("""
            class Compaction
            {
                async Task CompactAllAsync(Func<Task>[] steps)
                {
                    var failed = false;
                    foreach (var step in steps)
                    {
                        try { await step(); }
                        {|#0:catch (Exception)|} { failed = true; }
                    }

                    if (failed) throw new InvalidOperationException("Compaction failed; see previous log messages.");
                }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'Exception' in 'CompactAllAsync' drops the failure: it only sets 'failed', so the exception itself is never logged or passed on and its cause leaves no trace; keep the exception: log it through this type's logging or pass it as the inner exception of the error you raise";
        return test.RunAsync();
    }

    [Fact]
    public Task A_fallback_that_feeds_the_exception_thrown_on_the_next_statement_is_not_reported()
        => Verify.VerifyAsync("""
            class Sandbox
            {
                void Start(Func<string> readError)
                {
                    string message;
                    try { message = readError(); }
                    catch { message = "Error when fetching the error"; }
                    throw new InvalidOperationException($"Could not start: {message}");
                }
            }
            """);

    [Fact]
    public Task A_fallback_followed_by_other_work_before_a_throw_is_reported()
        => Verify.VerifyAsync("""
            class Sandbox
            {
                int _attempts;
                void Start(Func<string> readError)
                {
                    string message;
                    try { message = readError(); }
                    [|catch|] { message = "unknown"; }
                    _attempts++;
                    throw new InvalidOperationException(message);
                }
            }
            """);

    [Fact]
    public Task A_handler_that_throws_through_a_throw_helper_is_not_reported()
        => Verify.VerifyAsync("""
            class Client
            {
                private bool _disposed;
                private readonly Exception _disposeException = new ObjectDisposedException("Client");

                async Task WaitForSlotAsync(Task previous)
                {
                    try { await previous; }
                    catch { if (_disposed) ThrowException(_disposeException); }
                }

                static void ThrowException(Exception e) => throw e;
            }
            """);

    [Fact]
    public Task A_helper_that_does_more_than_throw_is_not_a_throw_helper()
        => Verify.VerifyAsync("""
            class Client
            {
                private int _failures;

                async Task WaitForSlotAsync(Task previous)
                {
                    try { await previous; }
                    [|catch|] { Count(new InvalidOperationException()); }
                }

                void Count(Exception e) { _failures++; if (_failures > 3) throw e; }
            }
            """);

    // ---- 4. A filter on a disposed/closing/stopping flag: a shutdown race ----

    [Fact]
    public Task A_filter_on_a_shutdown_flag_is_a_shutdown_race()
        => Verify.VerifyAsync("""
            enum State { Running, Stopping }
            class Writer
            {
                private bool disposed;
                private bool _isDisposing;
                private int _closing;
                private State _state;

                void FlushCallback(Action flush) { try { flush(); } catch when (disposed) { } }
                void Skip(Action flush) { try { flush(); } catch (Exception) when (_isDisposing) { } }
                void Read(Action read) { try { read(); } catch when (Volatile.Read(ref _closing) != 0) { } }
                void Pump(Action pump) { try { pump(); } catch when (_state == State.Stopping) { } }
            }
            """);

    [Fact]
    public Task A_filter_on_another_flag_or_on_not_disposed_is_reported_and_the_message_names_the_filter()
    {
        var test = Verify.Create("""
            class Writer
            {
                private bool _retrying;
                private bool _disposed;
                private int _stopped;

                void A(Action flush) { try { flush(); } {|#0:catch when (_retrying)|} { } }
                void B(Action flush) { try { flush(); } [|catch when (!_disposed)|] { } }
                void D(Action flush) { try { flush(); } [|catch when (_stopped == 0)|] { } }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'Exception when (_retrying)' in 'A' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; log it with the exception object through this type's logging, let it propagate, or catch only what you expect";
        return test.RunAsync();
    }

    // ---- 5. Try-pattern variants ----

    [Fact]
    public Task Try_pattern_variants_are_results_not_swallowed_failures()
        => Verify.VerifyAsync("""
            struct Output { public int Flags; }
            class Connector
            {
                async Task<bool> TryConnectAsync(System.Net.Sockets.Socket socket, System.Net.EndPoint endpoint, CancellationToken token)
                {
                    try { await socket.ConnectAsync(endpoint, token); return socket.Connected; }
                    catch { socket.Dispose(); return false; }
                }

                static bool TryAdd(ref Output output, long value, long input)
                {
                    try { checked { value += input; } }
                    catch { output.Flags |= 1; return false; }
                    return true;
                }

                static string? TryGetCurrentDirectory()
                {
                    try { return Directory.GetCurrentDirectory(); }
                    catch (Exception) { return null; }
                }
            }
            """);

    [Fact]
    public Task Returning_null_outside_a_Try_method_or_counting_before_return_false_is_reported()
        => Verify.VerifyAsync("""
            class Connector
            {
                private int _failures;

                static string? GetCurrentDirectory()
                {
                    try { return Directory.GetCurrentDirectory(); }
                    [|catch (Exception)|] { return null; }
                }

                bool TryConnect(System.Net.Sockets.Socket socket, System.Net.EndPoint endpoint)
                {
                    try { socket.Connect(endpoint); return true; }
                    [|catch|] { socket.Dispose(); _failures++; return false; }
                }
            }
            """);

    // ---- 6. ObjectDisposedException at teardown ----

    [Fact]
    public Task ObjectDisposedException_around_a_release_or_in_an_accept_loop_is_a_shutdown_race()
        => Verify.VerifyAsync("""
            class Server
            {
                private readonly SemaphoreSlim _signal = new(0);
                private readonly System.Net.Sockets.Socket _listener = null!;

                void OnIoCompleted(uint error, Action<uint> record)
                {
                    record(error);
                    try { _ = _signal.Release(); }
                    catch (ObjectDisposedException) { }
                }

                void AcceptLoop(Action<System.Net.Sockets.Socket> handle)
                {
                    try
                    {
                        while (true) handle(_listener.Accept());
                    }
                    catch (ObjectDisposedException) { }
                }
            }
            """);

    [Fact]
    public Task ObjectDisposedException_around_other_work_is_reported_without_advising_error_logging()
    {
        var test = Verify.Create("""
            class Writer(ILogger<Writer> logger)
            {
                private readonly Stream _stream = Stream.Null;
                void Write(byte[] data)
                {
                    try { _stream.Write(data); }
                    {|#0:catch (ObjectDisposedException)|} { }
                }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'ObjectDisposedException' in 'Write' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; if the object may already be disposed at shutdown, say so in the catch or filter on the disposed state (log it at Debug level at most); otherwise let it propagate";
        return test.RunAsync();
    }

    // ---- 7. A wait that only cancellation ends ----

    [Fact]
    public Task A_try_that_only_awaits_a_cancellable_wait_is_cancellation()
        => Verify.VerifyAsync("""
            class Replication
            {
                async Task WaitForStopAsync(CancellationToken token, SemaphoreSlim gate)
                {
                    try { await Task.Delay(Timeout.InfiniteTimeSpan, token).ConfigureAwait(false); }
                    catch { }
                    try { await gate.WaitAsync(token); }
                    catch (Exception) { }
                }
            }
            """);

    [Fact]
    public Task A_cancellable_wait_with_other_awaited_work_or_without_a_token_is_reported()
        => Verify.VerifyAsync("""
            class Replication
            {
                async Task PollAsync(CancellationToken token, Func<Task> send)
                {
                    try { await Task.Delay(1000, token); await send(); }
                    [|catch|] { }
                    try { await Task.Delay(1000, CancellationToken.None); }
                    [|catch|] { }
                }
            }
            """);

    // ---- 8. A try body that cannot fail ----

    [Fact]
    public Task A_try_body_that_cannot_fail_is_not_reported()
        => Verify.VerifyAsync("""
            class Info
            {
                private object? _tail;
                private string _name = "";
                private int _count;

                string Latest()
                {
                    try
                    {
                        var tail = _tail;
                        if (tail == null) return "(empty)";
                        return tail.ToString() ?? "";
                    }
                    catch { return "(empty)"; }
                }

                string Describe() { try { return $"{_name}:{_count}"; } catch { return ""; } }
            }
            """);

    [Fact]
    public Task A_try_body_that_calls_or_divides_can_fail_and_is_reported()
        => Verify.VerifyAsync("""
            class Info
            {
                private int _count;
                string Latest()
                {
                    try { var entry = Load(); return entry.ToString() ?? ""; }
                    [|catch|] { return "(empty)"; }
                }

                int Ratio(int total) { try { return total / _count; } [|catch|] { return 0; } }

                object Load() => File.ReadAllText("x");
            }
            """);

    private const string BuildInfoReader = """
        using System.Globalization;
        using System.Reflection;

        sealed record BuildInfo(Uri? Source, string Text, string Version, string Revision, DateTime BuiltAt)
        {
            public static BuildInfo Unknown { get; } = new(null, "", "", "", DateTime.MinValue);
        }

        static class BuildInfoReader
        {
            private static readonly string[] Names = { "a", "b" };

            public static BuildInfo Read()
            {
                try
                {
                    var assembly = typeof(BuildInfoReader).Assembly;
                    var values = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                        .ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase);
                    var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
                    var text = informational?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? string.Empty;
                    var version = text.Split('+').First();
                    var revision = Value(values, "Revision");
                    if (!DateTime.TryParse(Value(values, "BuiltAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var builtAt)) builtAt = DateTime.MinValue;
                    if (!Uri.TryCreate(Value(values, "Source"), UriKind.Absolute, out var source)) source = null;
                    /*EXTRA*/
                    return new BuildInfo(source, text, version, revision, builtAt);
                }
                CATCH { return BuildInfo.Unknown; }
            }

            private static string Value(Dictionary<string, string?> values, string key)
                => values.TryGetValue(key, out var value) && value is not null ? value : string.Empty;
        }

        static class Remote { public static string Fetch(string key) => key; }
        sealed class Payload { public string? Name { get; set; } }
        """;

    [Fact]
    public Task A_try_that_only_reads_the_programs_own_metadata_is_not_reported()
        => Verify.VerifyAsync(BuildInfoReader.Replace("CATCH", "catch"));

    [Theory]
    [InlineData("_ = File.ReadAllText(\"build.txt\");")]
    [InlineData("_ = Assembly.LoadFrom(\"plugin.dll\");")]
    [InlineData("var build = int.Parse(values[\"Build\"] ?? \"0\");")]
    [InlineData("_ = Remote.Fetch(version);")]
    [InlineData("_ = System.Text.Json.JsonSerializer.Deserialize<Payload>(text);")]
    [InlineData("_ = assembly.GetManifestResourceStream(\"notes.txt\");")]
    [InlineData("_ = Names[3];")]
    public Task A_metadata_read_mixed_with_work_that_can_fail_is_reported(string work)
        => Verify.VerifyAsync(BuildInfoReader.Replace("/*EXTRA*/", work).Replace("CATCH", "[|catch|]"));

    [Fact]
    public Task Construction_or_helpers_that_do_more_than_assign_or_read_keep_a_metadata_read_reported()
        => Verify.VerifyAsync("""
            using System.Reflection;

            sealed class Checked
            {
                public Checked(string text) { Text = text.Length > 0 ? text : throw new ArgumentException("empty"); }
                public string Text { get; }
            }

            sealed class Plain
            {
                public Plain(string text) { Text = text; }
                public string Text { get; }
            }

            class Reader
            {
                private readonly Func<string, string> _transform = s => s;

                Checked ViaValidatingConstructor()
                {
                    try { return new Checked(typeof(Reader).Assembly.GetName().Name ?? ""); }
                    [|catch|] { return new Checked("x"); }
                }

                string ViaHelperThatReadsAFile()
                {
                    try { return Normalise(typeof(Reader).Assembly.GetName().Name ?? ""); }
                    [|catch|] { return ""; }
                }

                string ViaDelegate()
                {
                    try { return _transform(typeof(Reader).Assembly.GetName().Name ?? ""); }
                    [|catch|] { return ""; }
                }

                Plain ViaAssigningConstructor()
                {
                    try { return new Plain(typeof(Reader).Assembly.GetName().Name ?? ""); }
                    catch { return new Plain(""); }
                }

                private static string Normalise(string name) => File.Exists(name) ? name : name.Trim();
            }
            """);

    private const string ShapingConstructor = """
        using System.Reflection;

        sealed class VersionText
        {
            public VersionText(Uri? source, string version, string revision)
            {
                Version = version;
                Revision = revision;
                ShortRevision = string.IsNullOrEmpty(Revision) ? string.Empty : Revision.Substring(0, Math.Min(8, Revision.Length));
                if (source != null)
                {
                    RevisionLink = Combine(source, "commit/" + ShortRevision);
                }
                /*EXTRA*/
            }

            public string Version { get; private set; }
            public string Revision { get; private set; }
            public string ShortRevision { get; private set; }
            public Uri? RevisionLink { get; private set; }

            private static Uri Combine(Uri source, string relative)
            {
                var builder = new UriBuilder(source);
                if (!builder.Path.EndsWith('/'))
                {
                    builder.Path += "/";
                }

                builder.Path += relative;
                return builder.Uri;
            }
        }

        static class Probe { public static bool Reachable(Uri uri) => uri.IsAbsoluteUri; }

        static class VersionReader
        {
            public static VersionText? Read()
            {
                try
                {
                    var assembly = typeof(VersionReader).Assembly;
                    var text = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
                    Uri.TryCreate(assembly.GetCustomAttribute<AssemblyMetadataAttribute>()?.Value, UriKind.Absolute, out var source);
                    return new VersionText(source, text.Split('+').First(), text.Split('+').Last());
                }
                CATCH { return null; }
            }
        }
        """;

    [Fact]
    public Task A_metadata_read_built_into_a_value_by_a_constructor_that_shapes_it_in_memory_is_not_reported()
        => Verify.VerifyAsync(ShapingConstructor.Replace("CATCH", "catch"));

    [Theory]
    [InlineData("_ = File.Exists(Version);")]
    [InlineData("if (Version.Length == 0) throw new ArgumentException(\"empty\");")]
    [InlineData("_ = Probe.Reachable(RevisionLink!);")]
    [InlineData("_ = int.Parse(Revision);")]
    public Task A_constructor_that_validates_calls_out_or_parses_keeps_the_metadata_read_reported(string work)
        => Verify.VerifyAsync(ShapingConstructor.Replace("/*EXTRA*/", work).Replace("CATCH", "[|catch|]"));

    [Fact]
    public Task A_try_of_in_memory_work_without_a_metadata_read_is_reported()
        => Verify.VerifyAsync("""
            class Names
            {
                private readonly List<string> _names = new();

                string Longest()
                {
                    try { return _names.OrderByDescending(n => n.Length).First(); }
                    [|catch|] { return ""; }
                }
            }
            """);

    // ---- catch when (!token.IsCancellationRequested): everything but cancellation ----

    [Fact]
    public Task A_negated_cancellation_filter_swallows_everything_else_and_is_reported()
    {
        var test = Verify.Create("""
            class Log
            {
                private readonly SemaphoreSlim _flushed = new(0);

                static async Task<long> EnqueueAsync(Log log, Func<bool> tryEnqueue, CancellationToken token)
                {
                    while (!tryEnqueue())
                    {
                        // Wait for some flush; failures are ignored unless the token was signalled.
                        try { await log._flushed.WaitAsync(token).ConfigureAwait(false); }
                        {|#0:catch when (!token.IsCancellationRequested)|} { }
                    }

                    return 0;
                }

                async Task RetryAsync(Func<Task> work, CancellationToken token)
                {
                    var retries = 0;
                    try { await work(); }
                    [|catch (Exception) when (!token.IsCancellationRequested)|] { retries++; }
                }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'Exception when (!token.IsCancellationRequested)' in 'EnqueueAsync' drops the failure: its filter lets only cancellation through, so every other failure is swallowed without a trace; log the other failures with the exception object through this type's logging or let them propagate; if they are expected here, say why in the catch";
        return test.RunAsync();
    }

    [Fact]
    public Task A_negated_cancellation_filter_whose_catch_says_why_is_deliberate()
        => Verify.VerifyAsync("""
            class Log
            {
                async Task WaitAsync(Task commit, CancellationToken token)
                {
                    try { await commit.WaitAsync(token); }
                    catch when (!token.IsCancellationRequested)
                    {
                        // A failed commit is reported to its own awaiter; here we only wait for progress.
                    }
                }
            }
            """);

    // ---- Comments on adjacent lines are one comment; a request for logging is no reason ----

    [Fact]
    public Task A_todo_note_continued_on_the_next_lines_or_a_request_for_logging_is_no_reason()
        => Verify.VerifyAsync("""
            class Symbols
            {
                List<string>? PdbPaths(Func<List<string>> validate)
                {
                    try { return validate(); }
                    [|catch (Exception)|]
                    {
                        // TODO: the validator throws a packaging exception for bad entries.
                        // Add better logging.
                        return null;
                    }
                }

                void A() { try { File.Delete("x"); } [|catch|] { /* Add logging for the locked-file case */ } }

                void B()
                {
                    try { File.Delete("x"); }
                    [|catch|]
                    {
                        // We should log this somewhere, the cleaner may leave files behind.
                    }
                }

                void D()
                {
                    try { File.Delete("x"); }
                    [|catch (Exception)|]
                    {
                        // Log the error once the logger is wired in.
                    }
                }

                void E()
                {
                    try { File.Delete("x"); }
                    [|catch|]
                    {
                        // The cleaner leaves files behind. Better logging would show which.
                    }
                }
            }
            """);

    [Fact]
    public Task A_reason_written_over_several_lines_or_after_a_separate_note_or_saying_not_to_log_is_a_reason()
        => Verify.VerifyAsync("""
            class Symbols
            {
                void A()
                {
                    try { File.Delete("x"); }
                    catch
                    {
                        // The cleaner job deletes the same files,
                        // so losing the race here leaves nothing behind.
                    }
                }

                void B()
                {
                    try { File.Delete("x"); }
                    catch
                    {
                        // TODO: move this into the cleaner.

                        // Already deleted by the cleaner when this fails.
                    }
                }

                void D()
                {
                    try { File.Delete("x"); }
                    catch
                    {
                        // No need to log: the caller reports a leftover file on its next pass.
                    }
                }

                void E()
                {
                    try { File.Delete("x"); }
                    catch
                    {
                        // More log segments follow from the retry loop, which deletes this one too.
                    }
                }
            }
            """);

    // ---- Deleting what is already gone ----

    [Fact]
    public Task A_not_found_catch_around_a_delete_is_an_idempotent_delete()
        => Verify.VerifyAsync("""
            using System.Net;
            class StoreException : Exception
            {
                public HttpStatusCode StatusCode { get; init; }
                public int Status { get; init; }
            }
            interface IBucket { Task<object> GetObjectAsync(string path); Task DeleteObjectAsync(object item); Task RemoveAsync(string path); }
            class Storage(IBucket bucket)
            {
                void DeleteFile(string path)
                {
                    try { File.Delete(path); }
                    catch (DirectoryNotFoundException) { }
                }

                void DeleteTree(string path)
                {
                    try { Directory.Delete(path, recursive: true); }
                    catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException) { }
                }

                async Task DeleteAsync(string path)
                {
                    try
                    {
                        var item = await bucket.GetObjectAsync(path);
                        await bucket.DeleteObjectAsync(item);
                    }
                    catch (StoreException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
                }

                async Task RemoveAsync(string path)
                {
                    try { await bucket.RemoveAsync(path); }
                    catch (StoreException e) when (e.Status == 404) { }
                    try { await bucket.RemoveAsync(path + ".sha512"); }
                    catch (StoreException e) when (e is { StatusCode: HttpStatusCode.NotFound }) { }
                }
            }
            """);

    [Fact]
    public Task A_not_found_catch_around_a_read_or_a_broader_catch_around_a_delete_is_reported()
        => Verify.VerifyAsync("""
            using System.Net;
            class StoreException : Exception { public HttpStatusCode StatusCode { get; init; } }
            interface IBucket { Task<string> GetAsync(string path); Task DeleteAsync(string path); }
            class Storage(IBucket bucket)
            {
                string? text;

                void Read(string path)
                {
                    try { text = File.ReadAllText(path); }
                    [|catch (FileNotFoundException)|] { }
                }

                async Task ReadAsync(string path)
                {
                    try { text = await bucket.GetAsync(path); }
                    [|catch (StoreException e) when (e.StatusCode == HttpStatusCode.NotFound)|] { }
                }

                async Task DeleteAsync(string path)
                {
                    try { await bucket.DeleteAsync(path); }
                    [|catch (StoreException e) when (e.StatusCode == HttpStatusCode.NotFound || e.StatusCode == HttpStatusCode.Forbidden)|] { }
                    try { await bucket.DeleteAsync(path); }
                    [|catch (StoreException e) when (e.StatusCode != HttpStatusCode.NotFound)|] { }
                    try { await bucket.DeleteAsync(path); }
                    [|catch (StoreException)|] { }
                    try { await bucket.DeleteAsync(path); }
                    [|catch (Exception)|] { }
                }
            }
            """);

    [Fact]
    public Task In_strict_mode_a_not_found_fallback_around_a_read_is_reported_and_around_a_delete_is_not()
        => Verify.VerifyAsync(
            """
            class Storage
            {
                static string? Read(string path)
                {
                    try { return File.ReadAllText(path); }
                    [|catch (FileNotFoundException)|] { return null; }
                }

                static bool Delete(string path)
                {
                    try { File.Delete(path); return true; }
                    catch (DirectoryNotFoundException) { return true; }
                }
            }
            """,
            """
            [*.cs]
            RDY1001.report_specific_exceptions = true
            """);

    // ---- The failure is delivered as a failed result ----

    [Fact]
    public Task Returning_a_failed_result_delivers_the_failure()
        => Verify.VerifyAsync("""
            using Microsoft.AspNetCore.Authentication;
            sealed class Result
            {
                public static Result Failure(string error) => new();
                public static Result Failed(params string[] errors) => new();
            }
            class BasicAuth
            {
                Task<AuthenticateResult> AuthenticateAsync(string header)
                {
                    try { var bytes = Convert.FromBase64String(header); Check(bytes); }
                    catch { return Task.FromResult(AuthenticateResult.Fail("Invalid Authorization Header")); }
                    return Task.FromResult(AuthenticateResult.NoResult());
                }

                AuthenticateResult Authenticate(string header)
                {
                    try { Check(Convert.FromBase64String(header)); return AuthenticateResult.NoResult(); }
                    catch (Exception) { return AuthenticateResult.Fail("Invalid Authorization Header"); }
                }

                Result Register(string name) { try { Save(name); return new Result(); } catch { return Result.Failure("Could not register"); } }
                ValueTask<Result> RegisterAsync(string name) { try { Save(name); } catch { return new ValueTask<Result>(Result.Failed("x")); } return default; }

                static void Check(byte[] bytes) { }
                static void Save(string name) => File.WriteAllText(name, name);
            }
            """);

    [Fact]
    public Task Returning_null_false_after_work_a_success_or_an_empty_result_is_reported()
        => Verify.VerifyAsync("""
            sealed class Result
            {
                public static Result Ok(string value) => new();
                public static Result Empty { get; } = new();
                public static Result Failure(string error) => new();
            }
            class Registration
            {
                private int _failures;
                Result? A(string name) { try { Save(name); return Result.Ok(name); } [|catch|] { return null; } }
                bool B(string name) { try { Save(name); return true; } [|catch|] { _failures++; return false; } }
                Result D(string name) { try { Save(name); } [|catch|] { return Result.Ok(name); } return Result.Ok(name); }
                Result E(string name) { try { Save(name); } [|catch|] { return Result.Empty; } return Result.Ok(name); }
                Result F(string name) { try { Save(name); } [|catch (Exception)|] { return default!; } return Result.Ok(name); }
                Result G(string name) { try { Save(name); } [|catch|] { return new Result(); } return Result.Ok(name); }

                static void Save(string name) => File.WriteAllText(name, name);
            }
            """);

    // ---- Format if possible: the input comes back unchanged ----

    [Fact]
    public Task Returning_the_input_of_a_failed_parse_unchanged_is_format_if_possible()
        => Verify.VerifyAsync("""
            using System.Globalization;
            class Display
            {
                static string Framework(string text)
                {
                    Version version;
                    try { version = Version.Parse(text); }
                    catch (Exception) { return text; }
                    return $"v{version.Major}";
                }

                static string Date(string text)
                {
                    try { return DateTime.ParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture).ToString("D"); }
                    catch { return text; }
                }

                static object Number(object value)
                {
                    try { return Convert.ToInt32(value); }
                    catch { return value; }
                }
            }
            """);

    [Fact]
    public Task Returning_null_after_a_parse_or_the_input_after_other_work_is_reported()
        => Verify.VerifyAsync("""
            class Display
            {
                static Version? Framework(string text)
                {
                    try { return Version.Parse(text); }
                    [|catch (Exception)|] { return null; }
                }

                static string Reveal(string secret)
                {
                    try { return Decrypt(secret); }
                    [|catch|] { return secret; }
                }

                static string Limit(string path)
                {
                    try { return int.Parse(File.ReadAllText(path)).ToString(); }
                    [|catch|] { return path; }
                }

                static string Other(string text, string fallback)
                {
                    try { return int.Parse(text).ToString(); }
                    [|catch|] { return fallback; }
                }

                static string Decrypt(string text) => text;
            }
            """);

    // ---- Messages fit the place ----

    [Fact]
    public Task The_advice_names_a_logger_only_where_one_is_in_scope()
    {
        var test = Verify.Create("""
            class Store(ILogger<Store> logger)
            {
                void Save(string path)
                {
                    try { File.WriteAllText(path, "x"); }
                    {|#0:catch (IOException e)|} { }
                }

                static void Touch(string path)
                {
                    try { File.WriteAllText(path, ""); }
                    {|#1:catch|} { }
                }
            }
            """);
        test.ExpectedMessages[0] = "This catch of 'IOException' in 'Save' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; log it with the exception object (logger.LogError(e, …)), rethrow, or catch only what you expect";
        test.ExpectedMessages[1] = "This catch of 'everything' in 'Touch' drops the failure: it neither rethrows, logs, nor uses the exception, so the failure leaves no trace in production; log it with the exception object through this type's logging, let it propagate, or catch only what you expect";
        return test.RunAsync();
    }
}
