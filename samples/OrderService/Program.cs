using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OrderService.Configuration;
using OrderService.Health;
using OrderService.Orders;

// RDY2006 (info): no tracing or metrics pipeline is configured for this web app.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<OrderStore>();

// RDY3004: the payments API is a dependency of every checkout, but no health check covers it.
builder.Services.AddHttpClient<PaymentsClient>(client => client.BaseAddress = new Uri(builder.Configuration["Payments:BaseUrl"] ?? "https://payments.internal"));

// RDY4007: ValidateOnStart stops the host when Payments:MerchantId is missing, and no settings file lists it.
builder.Services.AddOptions<PaymentsOptions>()
    .BindConfiguration("Payments")
    .ValidateDataAnnotations()
    .ValidateOnStart();

// RDY4006 (info): no settings file lists Payments:WebhookSecret; only an environment variable could provide it.
var webhookSecret = builder.Configuration["Payments:WebhookSecret"];

builder.Services.AddHealthChecks()
    .AddCheck<InventoryHealthCheck>("inventory");

var app = builder.Build();

app.MapPost("/payments/webhook", (HttpRequest request) => request.Headers["X-Webhook-Secret"] == webhookSecret ? Results.Ok() : Results.Unauthorized());

app.MapGet("/orders/{id}", (string id, OrderStore store) => store.Find(id) is { } order ? Results.Ok(order) : Results.NotFound());

// RDY3003 (info): the only health endpoint runs every check, so liveness and readiness are the same probe.
// RDY3006: the response writer publishes exception messages on an endpoint anyone can reach.
app.MapHealthChecks("/healthz", new HealthCheckOptions
{
    ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        checks = report.Entries.Select(entry => new { name = entry.Key, status = entry.Value.Status.ToString(), error = entry.Value.Exception?.Message }),
    }),
});

app.Run();
