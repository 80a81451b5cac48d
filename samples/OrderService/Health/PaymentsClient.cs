namespace OrderService.Health;

/// <summary>Typed client of the payments API.</summary>
public sealed class PaymentsClient(HttpClient client)
{
    public Task<HttpResponseMessage> AuthorizeAsync(string orderId, CancellationToken cancellationToken)
        => client.PostAsync("/authorizations/" + Uri.EscapeDataString(orderId), content: null, cancellationToken);
}
