using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrderWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<OutboxPublisher>();

// RDY3002: the checks are registered, but nothing in this worker publishes them.
builder.Services.AddHealthChecks()
    .AddCheck<OutboxHealthCheck>("outbox");

// The pipeline exports the outbox's traces, but its metrics pipeline subscribes to "OrderWorker" only:
// RDY2007 reports the meter "OrderWorker.Outbox" (OutboxPublisher.cs), whose measurements are dropped.
builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(OutboxPublisher.ActivitySourceName))
    .WithMetrics(metrics => metrics.AddMeter("OrderWorker"));

var host = builder.Build();
host.Run();
