using System.Diagnostics;

namespace OrderService.Telemetry;

/// <summary>Calls the payment provider. Shows RDY2001 (error logged without the exception) and
/// RDY2003 (an activity that is started and never ended).</summary>
public sealed class PaymentGateway(HttpClient http, ILogger<PaymentGateway> logger)
{
    private static readonly ActivitySource Source = new("OrderService.Payments");

    public async Task<bool> ChargeAsync(string orderId, decimal amount, CancellationToken cancellationToken)
    {
        var activity = Source.StartActivity("ChargePayment");
        activity?.SetTag("order.id", orderId);

        try
        {
            using var response = await http.PostAsJsonAsync("/charges", new { orderId, amount }, cancellationToken);
            response.EnsureSuccessStatusCode();
            return true;
        }
        catch (HttpRequestException ex)
        {
            logger.LogError("Charging order {OrderId} failed: {Reason}", orderId, ex.Message);
            return false;
        }
    }
}
