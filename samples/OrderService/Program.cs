using OrderService.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<OrderStore>();

var app = builder.Build();

app.MapGet("/orders/{id}", (string id, OrderStore store) => store.Find(id) is { } order ? Results.Ok(order) : Results.NotFound());

app.Run();
