namespace OrderService.FailureHandling;

/// <summary>Keeps a price list in memory and refreshes it from the pricing service every minute.</summary>
public sealed class PriceCacheRefresher : IDisposable
{
    private readonly HttpClient _pricing;
    private readonly ILogger<PriceCacheRefresher> _logger;
    private Timer? _timer;
    private string _prices = "{}";

    public PriceCacheRefresher(HttpClient pricing, ILogger<PriceCacheRefresher> logger)
    {
        _pricing = pricing;
        _logger = logger;
    }

    public string Prices => _prices;

    public void Start()
    {
        // RDY1006: a pricing-service outage throws on the timer thread and terminates the process.
        _timer = new Timer(_ => _prices = _pricing.GetStringAsync("/prices").GetAwaiter().GetResult(), null, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    public async Task<decimal> PriceOfAsync(string sku)
    {
        // RDY1004: blocks a request thread on every cache miss; under load the thread pool starves.
        var text = _pricing.GetStringAsync("/prices/" + sku).Result;
        await Task.Yield();
        return decimal.TryParse(text, out var price) ? price : 0m;
    }

    public void Dispose() => _timer?.Dispose();
}
