using System.Threading.Tasks;
using ReadinessAnalyzers.Testing;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.UnitOfWorkWithoutTelemetryAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2002_UnitOfWorkWithoutTelemetryTests
{
    private const string Stubs = """
        namespace MediatR
        {
            public interface IRequest<out TResponse> { }
            public interface INotification { }
            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                System.Threading.Tasks.Task<TResponse> Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
            }
            public interface INotificationHandler<in TNotification> where TNotification : INotification
            {
                System.Threading.Tasks.Task Handle(TNotification notification, System.Threading.CancellationToken cancellationToken);
            }
            public delegate System.Threading.Tasks.Task<TResponse> RequestHandlerDelegate<TResponse>();
            public interface IPipelineBehavior<in TRequest, TResponse>
            {
                System.Threading.Tasks.Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, System.Threading.CancellationToken cancellationToken);
            }
        }
        namespace MassTransit
        {
            public interface ConsumeContext<out T> where T : class { T Message { get; } }
            public interface IConsumer<in TMessage> where TMessage : class { System.Threading.Tasks.Task Consume(ConsumeContext<TMessage> context); }
        }
        namespace Microsoft.Azure.Functions.Worker
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string name) { } }
        }
        namespace Vendor.Messaging
        {
            public abstract class InstrumentedConsumer<T> : MassTransit.IConsumer<T> where T : class
            {
                public abstract System.Threading.Tasks.Task Consume(MassTransit.ConsumeContext<T> context);
            }
        }
        """;

    private const string Messages = """
        public record PlaceOrder(string Id) : MediatR.IRequest<bool>;
        public record OrderPlaced(string Id) : MediatR.INotification;
        public record PaymentRequested(string OrderId);
        public interface IOrderStore { Task SaveAsync(string id); }
        """;

    private static AnalyzerTest Create(string source)
    {
        var test = Verify.Create(source, Messages);
        test.StubSources.Add(Stubs);
        return test;
    }

    [Fact]
    public Task Silent_background_service_is_reported_once_on_its_name_with_a_message()
    {
        var test = Create("""
            public class {|#0:OutboxPublisher|}(IOrderStore store) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await store.SaveAsync("outbox");
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);
        test.ExpectedMessages[0] = "'OutboxPublisher' (a hosted service) records no telemetry — no log, trace or metric — so when its work fails, stalls or slows down in production nothing shows it; inject ILogger<OutboxPublisher> and log its failures and progress, or start an Activity";
        return test.RunAsync();
    }

    [Fact]
    public Task Silent_handlers_consumers_and_functions_are_reported()
        => Create("""
            public class [|PlaceOrderHandler|](IOrderStore store) : MediatR.IRequestHandler<PlaceOrder, bool>
            {
                public async Task<bool> Handle(PlaceOrder request, CancellationToken cancellationToken)
                {
                    await store.SaveAsync(request.Id);
                    return true;
                }
            }
            public partial class [|PaymentConsumer|](IOrderStore store) : MassTransit.IConsumer<PaymentRequested>
            {
                public Task Consume(MassTransit.ConsumeContext<PaymentRequested> context) => store.SaveAsync(context.Message.OrderId);
            }
            public partial class PaymentConsumer { }
            public class [|CleanupFunction|](IOrderStore store)
            {
                [Microsoft.Azure.Functions.Worker.Function("cleanup")]
                public Task Run() => store.SaveAsync("cleanup");
            }
            """).RunAsync();

    [Fact]
    public Task A_nested_types_code_is_its_own_and_counts_only_as_a_helper()
        => Create("""
            public class [|OutboxWorker|](IOrderStore store) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken ct) => await new Batch(store).RunAsync(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

                private sealed class Batch(IOrderStore store)
                {
                    // Two calls deep from ExecuteAsync, and helpers are followed one level: the worker records nothing itself.
                    public async Task RunAsync(ILogger logger) { await store.SaveAsync("batch"); Saved(logger); }

                    private static void Saved(ILogger logger) => logger.LogInformation("batch saved");
                }
            }
            public class [|SilentWorker|](IOrderStore store) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken ct) => await new Batch(store).RunAsync();

                private sealed class Batch(IOrderStore store)
                {
                    public Task RunAsync() => store.SaveAsync("batch");
                }
            }
            """).RunAsync();

    [Fact]
    public Task Telemetry_in_own_code_helpers_base_dependencies_or_fields_counts()
        => Create("""
            using System.Diagnostics;
            public class LoggingWorker(ILogger<LoggingWorker> logger) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken ct) { logger.LogInformation("started"); return Task.CompletedTask; }
            }
            public class TracingHandler : MediatR.INotificationHandler<OrderPlaced>
            {
                static readonly ActivitySource Source = new("Orders");
                public async Task Handle(OrderPlaced n, CancellationToken ct) { using var a = Source.StartActivity("OrderPlaced"); await Task.Yield(); }
            }
            public class HelperHandler : MediatR.IRequestHandler<PlaceOrder, bool>
            {
                public async Task<bool> Handle(PlaceOrder r, CancellationToken ct) { await Task.Yield(); Audit.Record(r.Id); return true; }
            }
            public static class Audit { public static void Record(string id) => Activity.Current?.AddEvent(new ActivityEvent(id)); }
            public abstract class WorkerBase(ILogger logger) : BackgroundService
            {
                protected void Report(string s) => logger.LogInformation(s);
            }
            public class DerivedWorker(ILogger<DerivedWorker> l) : WorkerBase(l)
            {
                protected override async Task ExecuteAsync(CancellationToken ct) => await Task.Delay(10, ct);
            }
            public class SilentBase : BackgroundService { protected override Task ExecuteAsync(CancellationToken ct) { Audit.Record("x"); return Task.CompletedTask; } }
            public class FromSilentBase : SilentBase { public void Work() { Audit.Record("y"); } }
            public class LoggingStore(ILogger<LoggingStore> logger) : IOrderStore
            {
                public Task SaveAsync(string id) { logger.LogInformation("saved {Id}", id); return Task.CompletedTask; }
            }
            public class DelegatingConsumer(IOrderStore store) : MassTransit.IConsumer<PaymentRequested>
            {
                public Task Consume(MassTransit.ConsumeContext<PaymentRequested> context) => store.SaveAsync(context.Message.OrderId);
            }
            public class VendorConsumer(IOrderStore store) : Vendor.Messaging.InstrumentedConsumer<PaymentRequested>
            {
                public override Task Consume(MassTransit.ConsumeContext<PaymentRequested> context) => store.SaveAsync("x");
            }
            """).RunAsync();

    [Fact]
    public Task Abstract_types_empty_handlers_and_other_classes_are_not_reported()
        => Create("""
            public abstract class HandlerBase<T> : MediatR.INotificationHandler<T> where T : MediatR.INotification
            {
                public abstract Task Handle(T n, CancellationToken ct);
            }
            public class NoopHandler : MediatR.INotificationHandler<OrderPlaced>
            {
                public Task Handle(OrderPlaced n, CancellationToken ct) => Task.CompletedTask;
            }
            public class OrderCalculator(IOrderStore store) { public Task Save() => store.SaveAsync("x"); }
            [Microsoft.AspNetCore.Mvc.ApiController]
            public class OrdersController(IOrderStore store) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpPost]
                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Post(string id) { await store.SaveAsync(id); return Ok(); }
            }
            """).RunAsync();

    [Fact]
    public Task A_logging_pipeline_behavior_covers_handlers_but_not_hosted_services()
        => Create("""
            public class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger) : MediatR.IPipelineBehavior<TRequest, TResponse>
            {
                public async Task<TResponse> Handle(TRequest request, MediatR.RequestHandlerDelegate<TResponse> next, CancellationToken ct)
                {
                    logger.LogInformation("Handling {Request}", typeof(TRequest).Name);
                    return await next();
                }
            }
            public class PlaceOrderHandler(IOrderStore store) : MediatR.IRequestHandler<PlaceOrder, bool>
            {
                public async Task<bool> Handle(PlaceOrder request, CancellationToken ct) { await store.SaveAsync(request.Id); return true; }
            }
            public class [|Poller|](IOrderStore store) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken ct) => store.SaveAsync("poll");
            }
            """).RunAsync();

    [Fact]
    public Task Include_controllers_option_reports_silent_controllers()
    {
        var test = Create("""
            public class [|OrdersController|](IOrderStore store) : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public async Task<Microsoft.AspNetCore.Mvc.IActionResult> Post(string id) { await store.SaveAsync(id); return Ok(); }
            }
            public class HealthController : Microsoft.AspNetCore.Mvc.ControllerBase { }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY2002.include_controllers = true
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Entry_point_types_option_replaces_the_defaults()
    {
        var test = Create("""
            public interface IJobStep { Task RunAsync(); }
            public class [|ExportStep|](IOrderStore store) : IJobStep { public Task RunAsync() => store.SaveAsync("export"); }
            public class Poller(IOrderStore store) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken ct) => store.SaveAsync("poll");
            }
            """);
        test.EditorConfig = """
            [*.cs]
            RDY2002.entry_point_types = IJobStep
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Telemetry_wrapper_from_options_counts()
    {
        var test = Create("""
            public class Poller(My.Ops.IOpsLog ops) : BackgroundService
            {
                protected override Task ExecuteAsync(CancellationToken ct) { ops.Write("tick"); return Task.CompletedTask; }
            }
            """);
        test.StubSources.Add("namespace My.Ops { public interface IOpsLog { void Write(string m); } }");
        test.EditorConfig = """
            [*.cs]
            readiness.telemetry_types = My.Ops.IOpsLog
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task A_sealed_implementation_of_a_project_interface_that_records_telemetry_covers_its_callers()
        => Create("""
            public interface IAuditTrail { void Write(string id); }
            public sealed class ActivityAuditTrail : IAuditTrail
            {
                public void Write(string id) => System.Diagnostics.Activity.Current?.AddEvent(new System.Diagnostics.ActivityEvent(id));
            }
            public sealed class AuditedHandler(IAuditTrail audit) : MediatR.IRequestHandler<PlaceOrder, bool>
            {
                public async Task<bool> Handle(PlaceOrder r, CancellationToken ct) { await Task.Yield(); audit.Write(r.Id); return true; }
            }
            public sealed class [|UnauditedHandler|](IOrderStore store) : MediatR.INotificationHandler<OrderPlaced>
            {
                public Task Handle(OrderPlaced n, CancellationToken ct) => store.SaveAsync(n.Id);
            }
            public sealed record Unrelated(string Name) { public string Upper() => Name.ToUpperInvariant(); }
            """).RunAsync();

    [Fact]
    public Task Without_the_hosting_assemblies_handlers_of_a_referenced_framework_are_still_reported()
    {
        var test = Create("""
            public class [|PlaceOrderHandler|](IOrderStore store) : MediatR.IRequestHandler<PlaceOrder, bool>
            {
                public async Task<bool> Handle(PlaceOrder request, CancellationToken cancellationToken) { await store.SaveAsync(request.Id); return true; }
            }
            """);
        test.AspNetCore = false;
        return test.RunAsync();
    }

    [Fact]
    public Task Without_any_entry_point_framework_only_project_types_named_in_options_are_units_of_work()
    {
        var test = Verify.Create("""
            public interface IOrderStore { Task SaveAsync(string id); }
            public interface IJobStep { Task RunAsync(); }
            public class [|ExportStep|](IOrderStore store) : IJobStep { public Task RunAsync() => store.SaveAsync("export"); }
            public class Exporter(IOrderStore store) { public Task RunAsync() => store.SaveAsync("export"); }
            """);
        test.AspNetCore = false;
        test.EditorConfig = """
            [*.cs]
            RDY2002.entry_point_types = IJobStep
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Without_any_entry_point_framework_nothing_is_reported()
    {
        var test = Verify.Create("""
            public interface IOrderStore { Task SaveAsync(string id); }
            public class Exporter(IOrderStore store) { public async Task RunAsync() { await store.SaveAsync("export"); } }
            """);
        test.AspNetCore = false;
        return test.RunAsync();
    }
}
