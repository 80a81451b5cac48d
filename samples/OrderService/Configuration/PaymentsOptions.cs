using System.ComponentModel.DataAnnotations;

namespace OrderService.Configuration;

/// <summary>
/// Bound to the "Payments" section and validated on start (Program.cs). Shows RDY4007: appsettings.Production.json
/// lists Payments:ApiKey, but no settings file lists Payments:MerchantId, so every environment that does not set
/// Payments__MerchantId fails to start.
/// </summary>
public sealed class PaymentsOptions
{
    [Required]
    public string ApiKey { get; set; } = string.Empty;

    [Required]
    public string MerchantId { get; set; } = string.Empty;
}
