using System;
using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/orders", () =>
{
    try { Work(); } catch (Exception) { }
    return "ok";
});

try
{
    Work();
}
catch (Exception)
{
}

app.MapGet("/raw", () => """
    raw { text } with braces
    """);

app.Run();

static void Work() => GC.KeepAlive(typeof(Startup));

internal sealed class Startup
{
    public void Configure()
    {
        try { GC.KeepAlive(this); } catch (Exception) { }
    }
}
