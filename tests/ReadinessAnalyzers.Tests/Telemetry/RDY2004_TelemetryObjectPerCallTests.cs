using System.Threading.Tasks;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.TelemetryObjectPerCallAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2004_TelemetryObjectPerCallTests
{
    [Fact]
    public Task Meter_created_in_a_request_method_is_reported_with_a_message_naming_member_and_consequence()
    {
        var test = Verify.Create("""
            using System.Diagnostics.Metrics;
            public class CheckoutController
            {
                public void Checkout(int items)
                {
                    using var meter = {|#0:new Meter("Shop")|};
                    meter.CreateCounter<int>("checkout.items").Add(items);
                }
            }
            """);
        test.ExpectedMessages[0] = "'new Meter(…)' creates a new Meter every time 'Checkout' runs; each one stays registered with every listener until disposed, so memory and listener work grow with traffic: create it once (static readonly field, singleton, IMeterFactory) and reuse it";
        return test.RunAsync();
    }

    [Fact]
    public Task Sources_instruments_and_logger_factories_used_locally_are_reported()
        => Verify.VerifyAsync("""
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            public class OrderService(Meter meter)
            {
                public void Place()
                {
                    var source = [|new ActivitySource("Orders")|];
                    using var activity = source.StartActivity("Place");
                    var counter = [|meter.CreateCounter<long>("orders.placed")|];
                    counter.Add(1);
                    [|meter.CreateHistogram<double>("orders.value")|].Record(9.5);
                    var logger = [|LoggerFactory.Create(b => { })|].CreateLogger<OrderService>();
                    logger.LogInformation("placed");
                }
                public Counter<long> Failures => [|meter.CreateCounter<long>("orders.failed")|];
                public static ActivitySource Source => [|new("Orders")|];
                public void Chained(int n) => [|new Meter("x").CreateCounter<int>("n")|].Add(n);
            }
            """);

    [Fact]
    public Task Loops_in_a_background_service_are_reported_but_its_start_is_not()
        => Verify.VerifyAsync("""
            using System.Diagnostics.Metrics;
            public class Poller(IMeterFactory meters) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    var meter = meters.Create("Poller");
                    var polls = meter.CreateCounter<int>("polls");
                    var source = new System.Diagnostics.ActivitySource("Poller");
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var errors = [|meter.CreateCounter<int>("poll.errors")|];
                        polls.Add(1);
                        errors.Add(0);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);

    [Fact]
    public Task Fields_constructors_factories_caches_and_start_up_code_are_not_reported()
        => Verify.VerifyAsync("""
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            public class Telemetry
            {
                public static readonly ActivitySource Source = new("Orders");
                static readonly Meter StaticMeter;
                static Telemetry() { StaticMeter = new Meter("Orders"); }
                private readonly Meter _meter = new("Orders.Instance");
                private readonly Counter<long> _placed;
                private Histogram<double>? _value;
                private static ILoggerFactory? _factory;
                public Telemetry(IMeterFactory factory)
                {
                    var meter = factory.Create("Orders");
                    _placed = meter.CreateCounter<long>("orders.placed");
                }
                public Histogram<double> Value => _value ??= _meter.CreateHistogram<double>("orders.value");
                public Counter<int> CreateCounter(string name) => _meter.CreateCounter<int>(name);
                public static Meter CreateMeter() { var meter = new Meter("x"); return meter; }
                public void EnsureFactory() { if (_factory is null) { _factory = LoggerFactory.Create(b => { }); } }
                public void Register(Action<Meter> register) => register(new Meter("Registered"));
                public Meter? Current { get; set; }
                public void Reset() { Current = new Meter("Reset"); }
            }
            public static class TelemetryRegistration
            {
                public static IServiceCollection AddOrderTelemetry(this IServiceCollection services)
                {
                    var source = new ActivitySource("Orders");
                    services.AddSingleton(source);
                    services.AddSingleton(_ => new Meter("Orders"));
                    return services;
                }
            }
            public class Startup
            {
                public void Configure(IApplicationBuilder app)
                {
                    using var factory = LoggerFactory.Create(b => { });
                    factory.CreateLogger("Startup").LogInformation("Configuring");
                }
            }
            """);

    [Fact]
    public Task Top_level_start_up_is_not_reported_but_a_request_handler_there_is()
        => Verify.VerifyAsync("""
            using System.Diagnostics.Metrics;
            var startupMeter = new Meter("Startup");
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton(sp => new Meter("Orders"));
            var app = builder.Build();
            app.MapGet("/", () => { using var meter = [|new Meter("Request")|]; return "ok"; });
            app.Run();
            """);

    [Fact]
    public Task Run_once_methods_option_allows_named_methods()
        => Verify.VerifyAsync(
            """
            using System.Diagnostics.Metrics;
            public class Setup
            {
                public void Initialize() { var meter = new Meter("a"); meter.CreateCounter<int>("c").Add(1); }
                public void Handle() { var meter = [|new Meter("b")|]; meter.Dispose(); }
            }
            """,
            """
            [*.cs]
            RDY2004.run_once_methods = Initialize
            """);
}
