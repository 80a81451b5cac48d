// RDY3001: a worker service that offers no health signal at all. RDY2006 (info): no tracing or metrics.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddHostedService<OrderArchiver.ArchiveWorker>();
builder.Build().Run();
