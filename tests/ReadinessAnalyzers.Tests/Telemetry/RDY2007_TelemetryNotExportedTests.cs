using System.Threading.Tasks;
using ReadinessAnalyzers.Testing;
using Verify = ReadinessAnalyzers.Testing.AnalyzerVerifier<ReadinessAnalyzers.Telemetry.TelemetryNotExportedAnalyzer>;

namespace ReadinessAnalyzers.Tests.Telemetry;

public sealed class RDY2007_TelemetryNotExportedTests
{
    /// <summary>The OpenTelemetry API shapes the rule reads (compiled as a separate reference, like the real packages).</summary>
    internal const string OpenTelemetry = """
        namespace OpenTelemetry.Trace
        {
            public abstract class TracerProviderBuilder
            {
                public abstract TracerProviderBuilder AddSource(params string[] names);
            }

            public static class AspNetCoreInstrumentationExtensions
            {
                public static TracerProviderBuilder AddAspNetCoreInstrumentation(this TracerProviderBuilder builder) => builder;
            }
        }

        namespace OpenTelemetry.Metrics
        {
            public abstract class MeterProviderBuilder
            {
                public abstract MeterProviderBuilder AddMeter(params string[] names);
            }

            public static class RuntimeInstrumentationExtensions
            {
                public static MeterProviderBuilder AddRuntimeInstrumentation(this MeterProviderBuilder builder) => builder;
            }
        }

        namespace OpenTelemetry
        {
            public sealed class OpenTelemetryBuilder
            {
                public OpenTelemetryBuilder WithTracing(System.Action<OpenTelemetry.Trace.TracerProviderBuilder> configure) => this;
                public OpenTelemetryBuilder WithMetrics(System.Action<OpenTelemetry.Metrics.MeterProviderBuilder> configure) => this;
            }

            public static class Sdk
            {
                public static OpenTelemetry.Trace.TracerProviderBuilder CreateTracerProviderBuilder() => null!;
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class OpenTelemetryServiceCollectionExtensions
            {
                public static OpenTelemetry.OpenTelemetryBuilder AddOpenTelemetry(this IServiceCollection services) => new();
            }

            public static class OpenTelemetryDependencyInjectionTracerProviderBuilderExtensions
            {
                public static IServiceCollection ConfigureOpenTelemetryTracerProvider(this IServiceCollection services, System.Action<System.IServiceProvider, OpenTelemetry.Trace.TracerProviderBuilder> configure) => services;
            }

            public static class ApplicationInsightsExtensions
            {
                public static IServiceCollection AddApplicationInsightsTelemetry(this IServiceCollection services) => services;
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public static class ServiceDefaultsExtensions
            {
                public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder => builder;
            }
        }

        namespace Platform
        {
            public static class TelemetrySetup
            {
                public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddPlatformTelemetry(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;
            }
        }
        """;

    private static AnalyzerTest Create(params string[] sources)
    {
        var test = Verify.Create(sources);
        test.StubSources.Add(OpenTelemetry);
        return test;
    }

    private const string Telemetry = """
        using System.Diagnostics;
        using System.Diagnostics.Metrics;

        public static class Telemetry
        {
            public const string ServiceName = "Orders";
            public static readonly ActivitySource Source = new(ServiceName + ".Checkout");
            public static readonly Meter Meter = new("Orders");
        }
        """;

    [Fact]
    public Task A_source_and_a_meter_the_pipeline_does_not_list_are_reported_with_the_call_to_add()
    {
        var test = Create(
            """
            using OpenTelemetry.Trace;
            using OpenTelemetry.Metrics;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddSource("Payments"))
                .WithMetrics(metrics => metrics.AddRuntimeInstrumentation());
            builder.Build().Run();
            """,
            """
            using System.Diagnostics;
            using System.Diagnostics.Metrics;

            public static class Telemetry
            {
                public const string ServiceName = "Orders";
                public static readonly ActivitySource Source = {|#0:new(ServiceName + ".Checkout")|};
                public static readonly Meter Meter = {|#1:new("Orders")|};
            }
            """);
        test.ExpectedMessages[0] = "ActivitySource 'Orders.Checkout' is never added to the tracing pipeline configured at Test0.cs:6, so every span it records is dropped and nobody sees it; add .AddSource(\"Orders.Checkout\") to that pipeline";
        test.ExpectedMessages[1] = "Meter 'Orders' is never added to the metrics pipeline configured at Test0.cs:7, so every measurement it records is dropped and nobody sees it; add .AddMeter(\"Orders\") to that pipeline";
        return test.RunAsync();
    }

    [Fact]
    public Task Names_through_constants_nameof_typeof_and_a_static_Name_member_are_resolved()
        => Create(
            """
            using System.Diagnostics;
            using System.Diagnostics.Metrics;
            using OpenTelemetry.Trace;
            using OpenTelemetry.Metrics;

            namespace Shop;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddOpenTelemetry()
                        .WithTracing(t => t.AddSource(Catalog.Name, nameof(Basket), typeof(Checkout).FullName!, Shipping.Source.Name))
                        .WithMetrics(m => m.AddMeter(typeof(Checkout).Name));
                    builder.Build().Run();
                }
            }

            public static class Catalog
            {
                public static readonly string Name = "Shop.Catalog";
                public static readonly ActivitySource Source = new(Name);
            }

            public sealed class Basket { private static readonly ActivitySource Source = new(nameof(Basket)); }

            public sealed class Checkout
            {
                private static readonly ActivitySource Source = new(typeof(Checkout).FullName!);
                private static readonly Meter Meter = new(nameof(Checkout));
                private static readonly ActivitySource Forgotten = [|new("Shop.Checkout.Internal")|];
            }

            public static class Shipping
            {
                public static readonly ActivitySource Source = new($"{nameof(Shop)}.Shipping");
            }
            """).RunAsync();

    [Fact]
    public Task Wildcards_match_case_insensitively_like_OpenTelemetry()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            var provider = OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource("Orders.*", "billing");

            static class Sources
            {
                public static readonly ActivitySource A = new("Orders.Checkout");
                public static readonly ActivitySource B = new("orders.payment.capture");
                public static readonly ActivitySource C = new("Billing");
                public static readonly ActivitySource D = [|new("Ordering")|];
            }
            """).RunAsync();

    [Fact]
    public Task A_meter_from_IMeterFactory_is_checked_like_new_Meter()
        => Create(
            """
            using System.Diagnostics.Metrics;
            using OpenTelemetry.Metrics;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Orders"));
            builder.Build().Run();

            sealed class OrderMetrics(IMeterFactory factory)
            {
                private readonly Meter _orders = factory.Create("Orders");
                private readonly Meter _stock = [|factory.Create(new MeterOptions("Stock"))|];
            }
            """).RunAsync();

    [Fact]
    public Task A_helper_that_passes_its_parameter_to_AddSource_is_followed_to_its_callers()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTracing("Orders", "Payments");
            builder.Build().Run();

            static class TelemetrySetup
            {
                public static IServiceCollection AddTracing(this IServiceCollection services, params string[] sources)
                {
                    services.AddOpenTelemetry().WithTracing(t => t.AddSource(sources));
                    return services;
                }
            }

            static class Sources
            {
                public static readonly ActivitySource Orders = new("Orders");
                public static readonly ActivitySource Payments = new("Payments");
                public static readonly ActivitySource Stock = [|new("Stock")|];
            }
            """).RunAsync();

    // ---- Look-alikes that must stay silent ----

    [Fact]
    public Task No_pipeline_in_the_compilation_is_silent()
        => Create(Telemetry).RunAsync();

    [Fact]
    public Task A_tracing_pipeline_says_nothing_about_meters()
        => Create(
            Telemetry,
            """
            using OpenTelemetry.Trace;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Orders.Checkout"));
            builder.Build().Run();
            """).RunAsync();

    [Theory]
    [InlineData("builder.AddServiceDefaults();")]
    [InlineData("builder.Services.AddApplicationInsightsTelemetry();")]
    public Task A_pipeline_set_up_by_a_method_of_another_assembly_is_not_visible_and_silences_the_rule(string call)
        => Create(
            Telemetry,
            $$"""
            using OpenTelemetry.Trace;
            using OpenTelemetry.Metrics;

            var builder = WebApplication.CreateBuilder(args);
            {{call}}
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation()).WithMetrics(m => m.AddRuntimeInstrumentation());
            builder.Build().Run();
            """).RunAsync();

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("builder.Environment.ApplicationName")]
    [InlineData("Environment.GetEnvironmentVariable(\"SOURCES\")!")]
    public Task A_subscription_to_everything_or_to_a_name_known_only_at_run_time_is_silent(string name)
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            public static class Telemetry { public static readonly ActivitySource Source = new("Orders.Checkout"); }
            """,
            $$"""
            using OpenTelemetry.Trace;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource({{name}}));
            builder.Build().Run();
            """).RunAsync();

    [Fact]
    public Task A_helper_whose_callers_are_not_in_the_compilation_is_silent()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            public static class TelemetrySetup
            {
                public static readonly ActivitySource Source = new("Library.Work");

                public static TracerProviderBuilder AddLibrarySources(this TracerProviderBuilder builder, string name) => builder.AddSource(name);
            }
            """).RunAsync();

    [Fact]
    public Task A_library_that_only_offers_instrumentation_extensions_configures_no_pipeline()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            public static class QueueInstrumentation
            {
                public static readonly ActivitySource Publish = new("Queue.Publish");
                public static readonly ActivitySource Internal = new("Queue.Internal");

                public static TracerProviderBuilder AddQueueInstrumentation(this TracerProviderBuilder builder) => builder.AddSource(Publish.Name);
            }
            """).RunAsync();

    [Fact]
    public Task A_pipeline_configured_through_a_provider_callback_counts()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            public static class Setup
            {
                public static readonly ActivitySource Orders = new("Orders");
                public static readonly ActivitySource Stock = [|new("Stock")|];

                public static void Configure(IServiceCollection services)
                    => services.ConfigureOpenTelemetryTracerProvider((_, t) => t.AddSource("Orders"));
            }
            """).RunAsync();

    [Fact]
    public Task A_name_computed_at_run_time_is_not_reported()
        => Create(
            """
            using System.Diagnostics;
            using OpenTelemetry.Trace;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Orders"));
            builder.Build().Run();

            sealed class PerTenant(string tenant)
            {
                private readonly ActivitySource _source = new("Tenant." + tenant);
            }
            """).RunAsync();

    [Fact]
    public Task A_test_project_is_not_analysed()
    {
        var test = Create(
            Telemetry,
            """
            using OpenTelemetry.Trace;

            public static class Setup { public static void Configure(IServiceCollection services) => services.AddOpenTelemetry().WithTracing(t => t.AddSource("Other")); }
            """);
        test.StubSources.Add("namespace Xunit { public sealed class FactAttribute : System.Attribute { } }");
        return test.RunAsync();
    }

    // ---- Options ----

    [Fact]
    public Task Exported_names_declares_sources_exported_another_way_with_wildcards()
    {
        var test = Create(
            Telemetry,
            """
            using OpenTelemetry.Trace;
            using OpenTelemetry.Metrics;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Other")).WithMetrics(m => m.AddMeter("Other"));
            builder.Build().Run();
            """);
        test.EditorConfig = """
            [*.cs]
            RDY2007.exported_names = Orders.*, orders
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task RDY2006_pipeline_methods_names_a_platform_helper_that_hides_the_pipeline()
    {
        var test = Create(
            Telemetry,
            """
            using OpenTelemetry.Trace;
            using Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddPlatformTelemetry();
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Other"));
            builder.Build().Run();
            """);
        test.EditorConfig = """
            [*.cs]
            RDY2006.pipeline_methods = AddPlatformTelemetry
            """;
        return test.RunAsync();
    }

    [Fact]
    public Task Without_the_option_the_platform_helper_is_not_trusted()
        => Create(
            """
            using System.Diagnostics;

            public static class Telemetry { public static readonly ActivitySource Source = [|new("Orders.Checkout")|]; }
            """,
            """
            using OpenTelemetry.Trace;
            using Platform;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddPlatformTelemetry();
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource("Other"));
            builder.Build().Run();
            """).RunAsync();
}
