using System;

namespace ReadinessAnalyzers.Configuration;

/// <summary>A setting that is unsafe where production reads it, and why.</summary>
internal sealed class UnsafeSetting
{
    public UnsafeSetting(string consequence, bool isSuggestion = false)
    {
        Consequence = consequence;
        IsSuggestion = isSuggestion;
    }

    public string Consequence { get; }

    /// <summary>Reported with severity Info rather than the rule's default.</summary>
    public bool IsSuggestion { get; }
}

/// <summary>The settings RDY4102 knows to be unsafe in production (keys compared case-insensitively, as configuration does).</summary>
internal static class ProductionSafety
{
    private static readonly UnsafeSetting VerboseLogging = new(
        "debug and trace logging in production floods the log pipeline, costs money and can write request data and secrets; use 'Information' or higher and raise detail per category only while diagnosing");

    private static readonly UnsafeSetting DetailedErrors = new(
        "detailed errors send exception messages and stack traces to clients (Blazor circuits, SignalR hubs, gRPC calls); set it to false and keep the details in the logs");

    private static readonly UnsafeSetting DeveloperDiagnostics = new(
        "it exposes exception details or personal data that only developers should see; set it to false outside Development");

    private static readonly UnsafeSetting AnyHost = new(
        "host filtering is off, so the app answers for any Host header, which enables host-header poisoning of generated links; list the production host names, unless a proxy in front already filters them",
        isSuggestion: true);

    private static readonly UnsafeSetting PlainHttp = new(
        "this Kestrel endpoint serves unencrypted HTTP; serve HTTPS, or suppress this where TLS terminates at a proxy in front of the service");

    public static UnsafeSetting? Check(SettingValue setting, bool reportAllowedHosts)
    {
        var path = setting.Path;
        var value = setting.Value;
        var text = value.Text;
        if (value.Kind == JsonKind.String && text is not null)
        {
            if (IsDefaultLogLevel(path) && (Is(text, "Debug") || Is(text, "Trace") || Is(text, "Verbose")))
            {
                return VerboseLogging;
            }

            if (reportAllowedHosts && Is(path, "AllowedHosts") && text.Trim() == "*")
            {
                return AnyHost;
            }

            if (IsKestrelUrl(path) && HasPublicHttpUrl(text))
            {
                return PlainHttp;
            }
        }

        var isTrue = value.Kind == JsonKind.True || (value.Kind == JsonKind.String && text is not null && Is(text.Trim(), "true"));
        if (isTrue)
        {
            if (Is(setting.Name, "DetailedErrors") || Is(setting.Name, "EnableDetailedErrors"))
            {
                return DetailedErrors;
            }

            if (Is(setting.Name, "UseDeveloperExceptionPage") || Is(setting.Name, "ShowExceptionDetails") || Is(setting.Name, "IncludeExceptionDetails")
                || Is(setting.Name, "EnableSensitiveDataLogging") || Is(setting.Name, "ShowPII"))
            {
                return DeveloperDiagnostics;
            }
        }

        return null;
    }

    private static bool IsDefaultLogLevel(string path)
    {
        var segments = path.Split(':');
        if (segments.Length >= 3 && Is(segments[0], "Logging") && Is(segments[segments.Length - 1], "Default") && Is(segments[segments.Length - 2], "LogLevel"))
        {
            // Logging:LogLevel:Default or Logging:{Provider}:LogLevel:Default.
            return segments.Length <= 4;
        }

        // Serilog: "MinimumLevel": "Debug" or "MinimumLevel": { "Default": "Debug" }.
        return segments.Length >= 2 && Is(segments[0], "Serilog") && Is(segments[1], "MinimumLevel")
            && (segments.Length == 2 || (segments.Length == 3 && Is(segments[2], "Default")));
    }

    private static bool IsKestrelUrl(string path)
    {
        var segments = path.Split(':');
        return (segments.Length == 4 && Is(segments[0], "Kestrel") && Is(segments[1], "Endpoints") && Is(segments[3], "Url"))
            || (segments.Length == 1 && Is(segments[0], "Urls"));
    }

    private static bool HasPublicHttpUrl(string text)
    {
        foreach (var part in text.Split(';'))
        {
            var url = part.Trim();
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var authority = url.Substring("http://".Length);
            var slash = authority.IndexOf('/');
            var host = ConnectionStringParser.StripPort(slash < 0 ? authority : authority.Substring(0, slash));
            if (!ConnectionStringParser.IsLocalHost(host))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
