using System.Threading.Tasks;
using Fix = ReadinessAnalyzers.Testing.CodeFixVerifier<ReadinessAnalyzers.Telemetry.ActivityNeverEndedAnalyzer, ReadinessAnalyzers.CodeFixes.Telemetry.ActivityNeverEndedCodeFix>;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.ActivityNeverEndedAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2003_ActivityNeverEndedTests
{
    [Fact]
    public Task Activity_in_a_local_that_is_never_ended_is_reported_with_a_message_naming_the_member()
    {
        var test = Verify.Create("""
            using System.Diagnostics;
            class OrderProcessor
            {
                static readonly ActivitySource Source = new("Orders");
                public void Process(string id)
                {
                    var activity = Source.{|#0:StartActivity|}("ProcessOrder");
                    activity?.SetTag("order.id", id);
                    if (activity is not null) { activity.AddEvent(new ActivityEvent("validated")); }
                }
            }
            """);
        test.ExpectedMessages[0] = "The activity started by 'StartActivity' in 'Process' is never disposed or stopped, so its span never ends: it is not exported, and it stays Activity.Current for the work that follows; declare it with 'using var'";
        return test.RunAsync();
    }

    [Fact]
    public Task Discarded_and_fluent_starts_are_reported()
        => Verify.VerifyAsync("""
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                void A() { Source.[|StartActivity|]("A"); }
                void B() { _ = Source.[|StartActivity|]("B"); }
                void D() { Source.[|StartActivity|](ActivityKind.Consumer, default(ActivityContext))?.SetTag("k", "v"); }
                void E() { var a = new Activity("E").[|Start|](); a.SetTag("k", 1); }
                async Task F() { var a = Source.[|StartActivity|]("F"); await Task.Delay(1); }
                void G() => Task.Run(() => { var a = Source.[|StartActivity|]("G"); });
            }
            """);

    [Fact]
    public Task Disposed_stopped_returned_or_handed_on_activities_are_not_reported()
        => Verify.VerifyAsync("""
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                Activity? _current;
                void A() { using var a = Source.StartActivity("A"); a?.SetTag("k", 1); }
                void B() { using (Source.StartActivity("B")) { } }
                void D() { using (var a = Source.StartActivity("D")) { a?.SetTag("k", 1); } }
                void E() { var a = Source.StartActivity("E"); try { } finally { a?.Dispose(); } }
                void F() { var a = Source.StartActivity("F"); a?.Stop(); }
                void G() { var a = new Activity("G").Start(); a.Stop(); }
                Activity? H() => Source.StartActivity("H");
                Activity? I() { var a = Source.StartActivity("I"); a?.SetTag("k", 1); return a; }
                void J() { _current = Source.StartActivity("J"); }
                void K() { Track(Source.StartActivity("K")); }
                void L() { var a = Source.StartActivity("L"); Track(a); }
                void M() { var a = Source.StartActivity("M"); var b = a; b?.Dispose(); }
                Activity? N() => Source.StartActivity("N")?.SetTag("k", 1);
                void O() { var a = Source.StartActivity("O"); using (a) { } }
                void P() { var a = new Activity("P"); a.Start(); a.Stop(); }
                void Q() { Activity? a = null; try { a = Source.StartActivity("Q"); } finally { a?.Dispose(); } }
                void R(HttpContext context) { var a = Source.StartActivity("R"); context.Response.OnCompleted(() => { a?.Stop(); return Task.CompletedTask; }); }
                static void Track(Activity? activity) => activity?.Dispose();
            }
            """);

    [Fact]
    public Task Without_System_Diagnostics_activities_nothing_is_reported()
        => Verify.VerifyAsync("""
            class ActivitySource { public object? StartActivity(string name) => null; }
            class C { void M(ActivitySource s) { s.StartActivity("x"); } }
            """);

    [Fact]
    public Task Fix_adds_using_to_the_declaration_and_declares_a_discarded_activity()
        => Fix.VerifyFixAsync(
            """
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                void A(string id)
                {
                    var activity = Source.[|StartActivity|]("A");
                    activity?.SetTag("order.id", id);
                }
                void B()
                {
                    // start the span
                    Source.[|StartActivity|]("B");
                    Work();
                }
                static void Work() { }
            }
            """,
            """
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                void A(string id)
                {
                    using var activity = Source.StartActivity("A");
                    activity?.SetTag("order.id", id);
                }
                void B()
                {
                    // start the span
                    using var activity = Source.StartActivity("B");
                    Work();
                }
                static void Work() { }
            }
            """);

    [Fact]
    public Task Fix_is_not_offered_when_the_local_is_reassigned_but_others_are_fixed()
        => Fix.VerifyFixAsync(
            """
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                void A()
                {
                    var activity = Source.[|StartActivity|]("A");
                    activity = null;
                }
                void B()
                {
                    var activity = Source.[|StartActivity|]("B");
                }
            }
            """,
            """
            using System.Diagnostics;
            class C
            {
                static readonly ActivitySource Source = new("Orders");
                void A()
                {
                    var activity = Source.[|StartActivity|]("A");
                    activity = null;
                }
                void B()
                {
                    using var activity = Source.StartActivity("B");
                }
            }
            """);
}
