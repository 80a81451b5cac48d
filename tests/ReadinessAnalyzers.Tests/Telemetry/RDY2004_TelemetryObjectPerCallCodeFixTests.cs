using System.Threading.Tasks;
using ReadinessAnalyzers.CodeFixes.Telemetry;
using Verify = ReadinessAnalyzers.Testing.CodeFixVerifier<
    ReadinessAnalyzers.Telemetry.TelemetryObjectPerCallAnalyzer,
    ReadinessAnalyzers.CodeFixes.Telemetry.TelemetryObjectPerCallCodeFixProvider>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2004_TelemetryObjectPerCallCodeFixTests
{
    private static Task VerifyNoFixAsync(string source)
    {
        var test = Verify.Create(source, source);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }

    [Fact]
    public Task An_activity_source_in_a_local_becomes_a_static_readonly_field()
        => Verify.VerifyFixAsync(
            """
            using System.Diagnostics;
            public class OrderService
            {
                private readonly int _retries = 3;

                public void Place()
                {
                    var source = [|new ActivitySource("Contoso.Orders", "1.0")|];
                    using var activity = source.StartActivity("Place");
                }
            }
            """,
            """
            using System.Diagnostics;
            public class OrderService
            {
                private readonly int _retries = 3;
                private static readonly ActivitySource ContosoOrdersActivitySource = new ActivitySource("Contoso.Orders", "1.0");

                public void Place()
                {
                    var source = ContosoOrdersActivitySource;
                    using var activity = source.StartActivity("Place");
                }
            }
            """);

    [Fact]
    public Task A_using_on_the_meter_is_dropped_and_the_instrument_left_for_its_own_finding()
        => Verify.VerifyFixAsync(
            """
            using System.Diagnostics.Metrics;
            public class CheckoutController
            {
                public void Checkout(int items)
                {
                    using var meter = [|new Meter(Names.Shop)|];
                    meter.CreateCounter<int>("checkout.items").Add(items);
                }
            }
            static class Names { public const string Shop = "Shop"; }
            """,
            """
            using System.Diagnostics.Metrics;
            public class CheckoutController
            {
                private static readonly Meter ShopMeter = new Meter(Names.Shop);

                public void Checkout(int items)
                {
                    var meter = ShopMeter;
                    [|meter.CreateCounter<int>("checkout.items")|].Add(items);
                }
            }
            static class Names { public const string Shop = "Shop"; }
            """);

    [Fact]
    public Task A_property_getter_gets_a_field_with_an_explicit_type_and_static_values_are_accepted()
        => Verify.VerifyFixAsync(
            """
            using System.Diagnostics;
            public static class Tracing
            {
                public static ActivitySource Source => [|new(typeof(Tracing).Assembly.GetName().Name!)|];
            }
            """,
            """
            using System.Diagnostics;
            public static class Tracing
            {
                private static readonly ActivitySource SharedActivitySource = new(typeof(Tracing).Assembly.GetName().Name!);

                public static ActivitySource Source => SharedActivitySource;
            }
            """);

    [Fact]
    public Task Fix_all_shares_one_field_between_creations_with_the_same_arguments_and_avoids_taken_names()
    {
        var test = Verify.Create(
            """
            using System.Diagnostics;
            public class Handlers
            {
                private static readonly string OrdersActivitySource = "taken";

                public void A() { var s = [|new ActivitySource("Orders")|]; s.StartActivity("a")?.Dispose(); }
                public void B() { var s = [|new ActivitySource("Orders")|]; s.StartActivity("b")?.Dispose(); }
                public void C(string name) { var s = [|new ActivitySource(name)|]; s.StartActivity("c")?.Dispose(); }
            }
            """,
            """
            using System.Diagnostics;
            public class Handlers
            {
                private static readonly string OrdersActivitySource = "taken";
                private static readonly ActivitySource OrdersActivitySource2 = new ActivitySource("Orders");

                public void A() { var s = OrdersActivitySource2; s.StartActivity("a")?.Dispose(); }
                public void B() { var s = OrdersActivitySource2; s.StartActivity("b")?.Dispose(); }
                public void C(string name) { var s = [|new ActivitySource(name)|]; s.StartActivity("c")?.Dispose(); }
            }
            """);
        test.NumberOfIterations = 2;
        return test.RunAsync();
    }

    [Fact]
    public Task With_an_IMeterFactory_in_scope_the_meter_can_come_from_the_factory()
    {
        var test = Verify.Create(
            """
            using System.Diagnostics.Metrics;
            public class Checkout(IMeterFactory meterFactory)
            {
                public void Run(int items)
                {
                    using var meter = [|new Meter("Shop")|];
                    meter.CreateCounter<int>("checkout.items").Add(items);
                }
            }
            """,
            """
            using System.Diagnostics.Metrics;
            public class Checkout(IMeterFactory meterFactory)
            {
                public void Run(int items)
                {
                    var meter = meterFactory.Create("Shop");
                    [|meter.CreateCounter<int>("checkout.items")|].Add(items);
                }
            }
            """);
        test.CodeActionEquivalenceKey = TelemetryObjectPerCallCodeFixProvider.MeterFactoryKey;
        test.CodeActionIndex = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_when_an_argument_is_per_call_or_the_object_is_disposed_explicitly()
        => VerifyNoFixAsync("""
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            public class C
            {
                private readonly string _name = "x";
                public void FromParameter(string name) { using var m = [|new Meter(name)|]; }
                public void FromLocal() { var name = "x"; using var m = [|new Meter(name)|]; }
                public void FromInstance() { using var m = [|new Meter(_name)|]; }
                public void FromClock() { using var m = [|new Meter(DateTime.Now.ToString())|]; }
                public void Disposed() { var m = [|new Meter("d")|]; m.Dispose(); }
                public void UsingStatement() { using (var m = [|new Meter("u")|]) { } }
                public void Two() { using Meter a = [|new Meter("a")|], b = [|new Meter("b")|]; }
            }
            """);

    [Fact]
    public Task No_fix_for_instruments_logger_factories_or_top_level_handlers()
    {
        var test = Verify.Create(
            """
            using System.Diagnostics.Metrics;
            var app = WebApplication.Create();
            app.MapGet("/", () => { using var meter = [|new Meter("Request")|]; return "ok"; });
            app.Run();
            public class OrderService(Meter meter)
            {
                public void Place()
                {
                    [|meter.CreateCounter<long>("orders.placed")|].Add(1);
                    var logger = [|LoggerFactory.Create(b => { })|].CreateLogger<OrderService>();
                    logger.LogInformation("placed");
                }
            }
            """,
            """
            using System.Diagnostics.Metrics;
            var app = WebApplication.Create();
            app.MapGet("/", () => { using var meter = [|new Meter("Request")|]; return "ok"; });
            app.Run();
            public class OrderService(Meter meter)
            {
                public void Place()
                {
                    [|meter.CreateCounter<long>("orders.placed")|].Add(1);
                    var logger = [|LoggerFactory.Create(b => { })|].CreateLogger<OrderService>();
                    logger.LogInformation("placed");
                }
            }
            """);
        test.NumberOfIterations = 0;
        test.FixAll = false;
        return test.RunAsync();
    }
}
