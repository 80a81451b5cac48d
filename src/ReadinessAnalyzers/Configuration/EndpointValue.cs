using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReadinessAnalyzers.Configuration;

/// <summary>Recognises network endpoints in string values: absolute URLs, IP addresses and <c>host:port</c>.</summary>
internal static class EndpointValue
{
    private static readonly string[] EndpointSchemes =
    [
        "http", "https", "ws", "wss", "tcp", "udp", "grpc", "grpcs", "net.tcp", "ftp", "ftps", "sftp", "mqtt", "mqtts", "opc.tcp", "ldap", "ldaps", "smtp", "smtps",
    ];

    /// <summary>Hosts that are names of documents, schemas and examples, never deployment endpoints.</summary>
    private static readonly string[] DocumentationHosts =
    [
        "schemas.microsoft.com", "schemas.xmlsoap.org", "schemas.openxmlformats.org", "www.w3.org", "w3.org", "json-schema.org", "schema.org", "purl.org", "tempuri.org",
        "xmlns.com", "ns.adobe.com", "docs.oasis-open.org", "aka.ms", "learn.microsoft.com", "docs.microsoft.com", "go.microsoft.com", "opensource.org", "spdx.org",
        "www.apache.org", "creativecommons.org", "example.com", "example.org", "example.net",
    ];

    /// <summary>
    /// A provider's single global endpoint, the same host for every customer, region and environment (the bucket,
    /// tenant or account goes in the path, the credentials or the configuration): writing it in code moves nothing
    /// between environments. Exact hosts only: per-account hosts (<c>x.blob.core.windows.net</c>) and regional ones
    /// (<c>s3.eu-west-1.amazonaws.com</c>) do vary and stay reported.
    /// </summary>
    private static readonly string[] GlobalProviderHosts =
    [
        "storage.googleapis.com", "www.googleapis.com", "oauth2.googleapis.com", "accounts.google.com",
        "s3.amazonaws.com", "sts.amazonaws.com", "iam.amazonaws.com",
        "login.microsoftonline.com", "login.windows.net", "graph.microsoft.com", "management.azure.com",
        "api.github.com", "github.com", "raw.githubusercontent.com", "api.nuget.org", "www.nuget.org",
        "api.stripe.com", "hooks.slack.com", "slack.com",
    ];

    /// <summary>The endpoint in <paramref name="text"/> as it may be shown (scheme, host and port; no user
    /// information, path or query), its host, or false when the value is not an endpoint with a literal host.</summary>
    public static bool TryParse(string text, char hole, out string display, out string host)
    {
        display = string.Empty;
        host = string.Empty;
        var value = text.Trim();
        if (value.Length < 4 || value.IndexOf(' ') >= 0)
        {
            return false;
        }

        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var scheme = value.Substring(0, schemeEnd).ToLowerInvariant();
            if (Array.IndexOf(EndpointSchemes, scheme) < 0)
            {
                return false;
            }

            var rest = value.Substring(schemeEnd + 3);
            var end = rest.IndexOfAny(['/', '?', '#']);
            var authority = end < 0 ? rest : rest.Substring(0, end);
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                authority = authority.Substring(at + 1);
            }

            if (authority.Length == 0 || authority.IndexOf(hole) >= 0 || authority.IndexOf('{') >= 0)
            {
                return false;
            }

            host = ConnectionStringParser.StripPort(authority);
            display = scheme + "://" + authority;
            return host.Length > 0 && !IsLogicalServiceName(host);
        }

        if (value.IndexOf(hole) >= 0 || value.IndexOf('/') >= 0 || value.IndexOf('=') >= 0)
        {
            return false;
        }

        // "2001:4860:4860::8888", "[fd00::17]:5672": an IPv6 literal is an address like its IPv4 twin.
        if (TryParseIPv6(value, out var address))
        {
            host = address;
            display = value;
            return true;
        }

        // "10.0.4.17", "10.0.4.17:5672", "kafka-1.internal:9092,kafka-2.internal:9092".
        foreach (var part in value.Split(','))
        {
            var item = part.Trim();
            var colon = item.LastIndexOf(':');
            var name = colon > 0 && item.IndexOf(':') == colon ? item.Substring(0, colon) : item;
            var hasPort = colon > 0 && item.IndexOf(':') == colon && IsPort(item.Substring(colon + 1));
            if (!(IsIPv4(name) || (hasPort && IsHostName(name))))
            {
                return false;
            }

            if (host.Length == 0)
            {
                host = name;
                display = item;
            }
        }

        return host.Length > 0 && !IsLogicalServiceName(host);
    }

    /// <summary>
    /// A single-label name (<c>http://catalog-api</c>, <c>kafka:9092</c>) is resolved by service discovery or cluster
    /// DNS and is the same in every environment. <c>localhost</c> is not one (it is loopback).
    /// </summary>
    private static bool IsLogicalServiceName(string host)
        => host.IndexOf('.') < 0 && host.IndexOf(':') < 0 && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && host is not ("*" or "+");

    public static bool IsLoopbackOrWildcard(string host)
    {
        var h = host.Trim().ToLowerInvariant();
        return ConnectionStringParser.IsLocalHost(h) || h is "*" or "+" or "0.0.0.0" or "::" or "[::]";
    }

    public static bool IsDocumentationHost(string host)
    {
        var h = host.ToLowerInvariant();
        foreach (var known in DocumentationHosts)
        {
            if (h == known || h.EndsWith("." + known, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // 2001:db8::/32 is the IPv6 documentation range (RFC 3849).
        return h.StartsWith("2001:db8:", StringComparison.Ordinal)
            || h.EndsWith(".example", StringComparison.Ordinal) || h.EndsWith(".test", StringComparison.Ordinal) || h.EndsWith(".invalid", StringComparison.Ordinal);
    }

    public static bool IsGlobalProviderHost(string host)
    {
        foreach (var known in GlobalProviderHosts)
        {
            if (string.Equals(host, known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An allow-list entry: a host (<c>api.github.com</c>) or a suffix (<c>*.corp.example</c>).</summary>
    public static bool MatchesAllowed(string host, string entry)
    {
        var h = host.ToLowerInvariant();
        var e = entry.Trim().ToLowerInvariant();
        return e.StartsWith("*.", StringComparison.Ordinal)
            ? h.EndsWith(e.Substring(1), StringComparison.Ordinal) || h == e.Substring(2)
            : h == e;
    }

    private static bool TryParseIPv6(string value, out string address)
    {
        address = value;
        if (value.StartsWith("[", StringComparison.Ordinal))
        {
            var close = value.IndexOf(']');
            if (close < 0 || (close != value.Length - 1 && !(value[close + 1] == ':' && IsPort(value.Substring(close + 2)))))
            {
                return false;
            }

            address = value.Substring(1, close - 1);
        }

        return address.IndexOf(':') != address.LastIndexOf(':')
               && IPAddress.TryParse(address, out var parsed)
               && parsed.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsPort(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port <= 65535;

    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length == 0 || part.Length > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHostName(string text)
    {
        if (text.Length == 0 || text.Length > 253 || !char.IsLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '-' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}
