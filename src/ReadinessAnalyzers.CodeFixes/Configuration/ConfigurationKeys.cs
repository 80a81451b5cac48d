using System;
using System.Linq;
using System.Net;
using System.Text;
using ReadinessAnalyzers.Configuration;

namespace ReadinessAnalyzers.CodeFixes.Configuration;

/// <summary>
/// The configuration key a value written in code moves to: a connection string is named after its database, else
/// its server, else the variable it is stored in (<c>ConnectionStrings:Orders</c>); an endpoint after its host, else
/// the variable (<c>Services:OrdersApi:Url</c>). And whether the value may move to a settings file at all: never a
/// credential (RDY4101 would report it there).
/// </summary>
internal static class ConfigurationKeys
{
    private static readonly string[] GenericNames =
    [
        "connectionstring", "connstring", "connection", "configuration", "value", "text", "uri", "uristring", "url", "requesturi",
        "address", "endpoint", "host", "hostname", "server", "servers", "baseaddress", "baseurl", "baseuri", "urls", "s", "cs",
    ];

    /// <summary>The key under <c>ConnectionStrings</c>, or null when the value holds a credential.</summary>
    public static string? ConnectionStringName(string value, string? variableName)
    {
        if (SecretDetector.FindByShape(value) is not null)
        {
            return null;
        }

        var info = ConnectionStringParser.Parse(value) ?? ConnectionStringParser.ParseAtSink(value, "database");
        if (info is null || info.CredentialKey is not null)
        {
            return null;
        }

        return Identifier(DatabaseName(value))
            ?? HostName(info.Target)
            ?? Meaningful(variableName)
            ?? Identifier(info.Kind)
            ?? "Default";
    }

    /// <summary>The key path of an endpoint (<c>Services</c>, name, <c>Url</c> or <c>Address</c>), or null when the
    /// value carries a credential (user information, a key or signature in the query).</summary>
    public static string[]? EndpointPath(string value, string? variableName)
    {
        if (SecretDetector.FindByShape(value) is not null || HasCredential(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        var authority = schemeEnd < 0 ? trimmed.Split(',')[0] : trimmed.Substring(schemeEnd + 3).Split('/', '?', '#')[0];
        var host = ConnectionStringParser.StripPort(authority);
        var name = HostName(host) ?? Meaningful(variableName) ?? "Dependency";
        return ["Services", name, schemeEnd < 0 ? "Address" : "Url"];
    }

    private static bool HasCredential(string value)
    {
        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var authority = value.Substring(schemeEnd + 3).Split('/', '?', '#')[0];
            if (authority.IndexOf('@') >= 0)
            {
                return true;
            }
        }

        var query = value.IndexOf('?');
        if (query < 0)
        {
            return false;
        }

        var lower = value.Substring(query).ToLowerInvariant();
        return new[] { "key=", "token=", "sig=", "secret=", "password=", "pwd=", "code=" }.Any(k => lower.Contains(k));
    }

    /// <summary><c>Database=</c>/<c>Initial Catalog=</c>, or the path of a database URI (<c>mongodb://h/orders</c>).</summary>
    private static string? DatabaseName(string value)
    {
        foreach (var part in value.Split(';'))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = part.Substring(0, equals).Replace(" ", string.Empty).Trim().ToLowerInvariant();
            if (key is "database" or "initialcatalog")
            {
                return part.Substring(equals + 1).Trim();
            }
        }

        var schemeEnd = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var rest = value.Substring(schemeEnd + 3);
            var slash = rest.IndexOf('/');
            if (slash > 0)
            {
                return rest.Substring(slash + 1).Split('?', '#', '/')[0];
            }
        }

        return null;
    }

    /// <summary>The first label of a host name (<c>orders-db.internal:5432</c> → <c>OrdersDb</c>), a file's name
    /// (<c>/var/data/orders.db</c> → <c>Orders</c>); null for addresses and the local machine.</summary>
    private static string? HostName(string? host)
    {
        if (host is null || host.Length == 0 || IPAddress.TryParse(host.Trim('[', ']'), out _) || ConnectionStringParser.IsLocalHost(host))
        {
            return null;
        }

        if (host.IndexOf('/') >= 0)
        {
            // A file (SQLite): its name.
            return Identifier(System.IO.Path.GetFileNameWithoutExtension(host.Replace('\\', '/')));
        }

        var label = ConnectionStringParser.StripPort(host).Split('.', '\\')[0];
        return Identifier(label);
    }

    private static string? Meaningful(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var trimmed = name.TrimStart('_');
        var compact = trimmed.Replace("_", string.Empty).ToLowerInvariant();
        if (Array.IndexOf(GenericNames, compact) >= 0)
        {
            return null;
        }

        foreach (var suffix in new[] { "ConnectionString", "ConnString", "BaseAddress", "BaseUrl", "BaseUri", "Endpoint", "Url", "Uri", "Address" })
        {
            if (trimmed.Length > suffix.Length && trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed.Substring(0, trimmed.Length - suffix.Length);
                break;
            }
        }

        return Identifier(trimmed);
    }

    /// <summary>Letters and digits in Pascal case (<c>orders-db</c> → <c>OrdersDb</c>, <c>SQL Server</c> → <c>SQLServer</c>).</summary>
    private static string? Identifier(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return builder.Length == 0 || char.IsDigit(builder[0]) ? null : builder.ToString();
    }
}
