using OrderWorker;

// RDY2006 (info): no tracing or metrics pipeline.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<OutboxPublisher>();

// RDY3002: the checks are registered, but nothing in this worker publishes them.
builder.Services.AddHealthChecks()
    .AddCheck<OutboxHealthCheck>("outbox");

var host = builder.Build();
host.Run();
