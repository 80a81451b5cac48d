using System.Diagnostics.Metrics;

namespace OrderService.Telemetry;

/// <summary>Records checkout figures. Shows RDY2004: the meter and its instrument are created on every call.</summary>
public sealed class CheckoutMetrics
{
    public void RecordCheckout(int itemCount, decimal total)
    {
        var meter = new Meter("OrderService.Checkout");
        meter.CreateCounter<int>("checkout.items").Add(itemCount);
        meter.CreateHistogram<double>("checkout.total").Record((double)total);
    }
}
