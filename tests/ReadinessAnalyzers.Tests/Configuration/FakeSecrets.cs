using System.Text;

namespace ReadinessAnalyzers.Tests.Configuration;

/// <summary>
/// Token-shaped test values, assembled at run time from split prefixes and a deterministic pseudo-random body,
/// so that this repository contains no literal that a secret scanner would flag. None of them is a real credential.
/// </summary>
internal static class FakeSecrets
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string GitHubToken { get; } = "gh" + "p_" + Body(36, Alphanumeric, 11);

    public static string AwsAccessKeyId { get; } = "AK" + "IA" + Body(16, UpperAndDigits, 12);

    public static string SlackToken { get; } = "xo" + "xb-" + Body(12, "0123456789", 13) + "-" + Body(24, Alphanumeric, 14);

    public static string StripeKey { get; } = "sk" + "_li" + "ve_" + Body(24, Alphanumeric, 15);

    public static string Jwt { get; } = "ey" + "J" + Body(24, Alphanumeric, 16) + ".ey" + "J" + Body(40, Alphanumeric, 17) + "." + Body(43, Alphanumeric, 18);

    /// <summary>A PEM private key block as it appears inside a C# or JSON string literal (line breaks escaped).</summary>
    public static string PemPrivateKeyEscaped { get; } = "-----BEGIN " + "RSA PRI" + "VATE KEY-----\\n" + Body(64, Base64, 19) + "\\n" + Body(64, Base64, 20) + "\\n-----END RSA PRI" + "VATE KEY-----";

    /// <summary>A random-looking value for a member named like a secret.</summary>
    public static string RandomKey { get; } = Body(32, Base64, 21);

    public static string Body(int length, string alphabet, int seed)
    {
        var builder = new StringBuilder(length);
        var state = (uint)seed * 2654435761u;
        for (var i = 0; i < length; i++)
        {
            state = (state * 1664525u) + 1013904223u;
            builder.Append(alphabet[(int)((state >> 16) % (uint)alphabet.Length)]);
        }

        return builder.ToString();
    }
}
