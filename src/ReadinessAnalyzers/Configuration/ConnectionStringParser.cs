using System;
using System.Collections.Generic;

namespace ReadinessAnalyzers.Configuration;

/// <summary>What a connection string connects to, as far as its keys tell.</summary>
internal sealed class ConnectionStringInfo
{
    public ConnectionStringInfo(string kind, string? target, string? credentialKey, bool isLocal, bool isInMemory)
    {
        Kind = kind;
        Target = target;
        CredentialKey = credentialKey;
        IsLocal = isLocal;
        IsInMemory = isInMemory;
    }

    /// <summary>A display name: "SQL Server", "PostgreSQL", "Azure Storage", …</summary>
    public string Kind { get; }

    /// <summary>The server, host or account (never a credential); null when the string names none.</summary>
    public string? Target { get; }

    /// <summary>The key that holds a real (non-placeholder) credential, e.g. <c>Password</c>; null when none.</summary>
    public string? CredentialKey { get; }

    /// <summary>Points at the developer's machine: localhost, 127.0.0.1, (localdb), the storage emulator, …</summary>
    public bool IsLocal { get; }

    /// <summary>An in-memory database (<c>Data Source=:memory:</c>): nothing to deploy.</summary>
    public bool IsInMemory { get; }
}

/// <summary>
/// Recognises connection strings by their keys (<c>Server=</c>, <c>Data Source=</c>, <c>Host=</c>,
/// <c>AccountKey=</c>, <c>Endpoint=sb://</c>, …), by database and broker URI schemes (<c>mongodb://</c>,
/// <c>redis://</c>, <c>amqp://</c>, …) and by the StackExchange.Redis option syntax (<c>host:6379,ssl=true,…</c>).
/// Pure string logic, thread-safe.
/// </summary>
internal static class ConnectionStringParser
{
    private enum KeyRole
    {
        Other,
        Location,
        Database,
        User,
        Credential,
        SqlServerHint,
    }

    private static readonly Dictionary<string, KeyRole> KnownKeys = new(StringComparer.Ordinal)
    {
        ["server"] = KeyRole.Location,
        ["datasource"] = KeyRole.Location,
        ["host"] = KeyRole.Location,
        ["address"] = KeyRole.Location,
        ["addr"] = KeyRole.Location,
        ["networkaddress"] = KeyRole.Location,
        ["accountname"] = KeyRole.Location,
        ["accountendpoint"] = KeyRole.Location,
        ["endpoint"] = KeyRole.Location,
        ["blobendpoint"] = KeyRole.Location,
        ["queueendpoint"] = KeyRole.Location,
        ["tableendpoint"] = KeyRole.Location,
        ["fileendpoint"] = KeyRole.Location,
        ["filename"] = KeyRole.Location,
        ["usedevelopmentstorage"] = KeyRole.Location,
        ["initialcatalog"] = KeyRole.Database,
        ["database"] = KeyRole.Database,
        ["userid"] = KeyRole.User,
        ["uid"] = KeyRole.User,
        ["username"] = KeyRole.User,
        ["user"] = KeyRole.User,
        ["password"] = KeyRole.Credential,
        ["pwd"] = KeyRole.Credential,
        ["accountkey"] = KeyRole.Credential,
        ["sharedaccesskey"] = KeyRole.Credential,
        ["sharedaccesssignature"] = KeyRole.Credential,
        ["integratedsecurity"] = KeyRole.SqlServerHint,
        ["trustedconnection"] = KeyRole.SqlServerHint,
        ["trustservercertificate"] = KeyRole.SqlServerHint,
        ["multipleactiveresultsets"] = KeyRole.SqlServerHint,
        ["persistsecurityinfo"] = KeyRole.SqlServerHint,
        ["encrypt"] = KeyRole.Other,
        ["port"] = KeyRole.Other,
        ["pooling"] = KeyRole.Other,
        ["maxpoolsize"] = KeyRole.Other,
        ["minpoolsize"] = KeyRole.Other,
        ["connecttimeout"] = KeyRole.Other,
        ["connectiontimeout"] = KeyRole.Other,
        ["timeout"] = KeyRole.Other,
        ["commandtimeout"] = KeyRole.Other,
        ["sslmode"] = KeyRole.Other,
        ["defaultendpointsprotocol"] = KeyRole.Other,
        ["endpointsuffix"] = KeyRole.Other,
        ["sharedaccesskeyname"] = KeyRole.Other,
        ["entitypath"] = KeyRole.Other,
        ["mode"] = KeyRole.Other,
        ["cache"] = KeyRole.Other,
        ["applicationname"] = KeyRole.Other,
        ["applicationintent"] = KeyRole.Other,
        ["searchpath"] = KeyRole.Other,
        ["includeerrordetail"] = KeyRole.Other,
    };

    private static readonly string[] DatabaseSchemes =
    [
        "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "postgres", "postgresql", "mysql", "sqlserver", "mssql", "kafka", "nats", "cassandra", "neo4j", "neo4j+s", "bolt",
    ];

    private static readonly HashSet<string> RedisOptions = new(StringComparer.Ordinal)
    {
        "abortconnect", "ssl", "password", "user", "connecttimeout", "synctimeout", "asynctimeout", "allowadmin", "defaultdatabase", "connectretry", "keepalive", "servicename", "sslhost", "tiebreaker", "resolvedns",
    };

    /// <summary>
    /// Recognises <paramref name="text"/> as a connection string on its own (without knowing where it is used).
    /// <paramref name="holeMarker"/> stands for interpolation holes; values containing it are not literal.
    /// </summary>
    public static ConnectionStringInfo? Parse(string text, char holeMarker = '\uFFFF')
    {
        // Cheapest test first: every form below needs '=' (key=value), "://" (a URI) or ',' (Redis options).
        if (text.IndexOf('=') < 0 && text.IndexOf(',') < 0 && text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length < 6)
        {
            return null;
        }

        return ParseUri(trimmed, holeMarker) ?? ParseKeyValue(trimmed, holeMarker) ?? ParseRedisOptions(trimmed, holeMarker);
    }

    /// <summary>
    /// For a value passed where a connection string is expected (<c>UseSqlServer(…)</c>, <c>new SqlConnection(…)</c>):
    /// anything that is not empty, not a placeholder and not a reference to configuration (<c>Name=…</c>).
    /// </summary>
    public static ConnectionStringInfo? ParseAtSink(string text, string sinkKind, char holeMarker = '\uFFFF')
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || SecretDetector.IsPlaceholder(trimmed) || (trimmed.IndexOf(holeMarker) >= 0 && trimmed.IndexOf('=') < 0))
        {
            return null;
        }

        if (trimmed.StartsWith("name=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parsed = Parse(trimmed, holeMarker);
        if (parsed is not null)
        {
            return parsed;
        }

        if (trimmed.IndexOf(holeMarker) >= 0 || (trimmed.IndexOf(' ') >= 0 && trimmed.IndexOf('=') < 0))
        {
            return null;
        }

        // A single pair ("Data Source=orders.db") or a bare host ("redis-prod:6379") where only a connection string fits.
        var pairs = SplitPairs(trimmed);
        if (pairs is not null)
        {
            foreach (var (key, value) in pairs)
            {
                if (KnownKeys.TryGetValue(key, out var role) && role == KeyRole.Location)
                {
                    return Describe(pairs, holeMarker, sinkKind);
                }
            }

            return null;
        }

        if (trimmed.IndexOf('=') >= 0 || trimmed.IndexOf(';') >= 0)
        {
            return null;
        }

        var host = trimmed.Split(',')[0];
        return new ConnectionStringInfo(sinkKind, host, null, IsLocalHost(host), false);
    }

    private static ConnectionStringInfo? ParseUri(string text, char holeMarker)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var scheme = text.Substring(0, schemeEnd).ToLowerInvariant();
        if (Array.IndexOf(DatabaseSchemes, scheme) < 0)
        {
            return null;
        }

        var rest = text.Substring(schemeEnd + 3);
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest.Substring(0, authorityEnd);
        string? credentialKey = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority.Substring(0, at);
            var colon = userInfo.IndexOf(':');
            if (colon >= 0 && IsRealCredential(Uri.UnescapeDataString(userInfo.Substring(colon + 1)), holeMarker))
            {
                credentialKey = "the URL's user information";
            }

            authority = authority.Substring(at + 1);
        }

        var host = StripPort(authority.Split(',')[0]);
        if (host.Length == 0 || host.IndexOf(holeMarker) >= 0)
        {
            return null;
        }

        var kind = scheme switch
        {
            "mongodb" or "mongodb+srv" => "MongoDB",
            "redis" or "rediss" => "Redis",
            "amqp" or "amqps" => "AMQP (RabbitMQ)",
            "postgres" or "postgresql" => "PostgreSQL",
            "mysql" => "MySQL",
            "sqlserver" or "mssql" => "SQL Server",
            "kafka" => "Kafka",
            "nats" => "NATS",
            "cassandra" => "Cassandra",
            _ => "Neo4j",
        };
        return new ConnectionStringInfo(kind, host, credentialKey, IsLocalHost(host), false);
    }

    private static ConnectionStringInfo? ParseKeyValue(string text, char holeMarker)
    {
        if (text.IndexOf('=') < 0)
        {
            return null;
        }

        var pairs = SplitPairs(text);
        if (pairs is null)
        {
            return null;
        }

        var known = 0;
        var literalLocation = false;
        foreach (var (key, value) in pairs)
        {
            if (!KnownKeys.TryGetValue(key, out var role))
            {
                continue;
            }

            known++;
            if (role == KeyRole.Location && value.Length > 0 && value.IndexOf(holeMarker) < 0 && !SecretDetector.IsPlaceholder(value))
            {
                literalLocation = true;
            }
        }

        if (!literalLocation)
        {
            return null;
        }

        // One pair is enough only for an unmistakable SQLite file or the storage emulator.
        if (known < 2 && pairs.Count == 1)
        {
            var (key, value) = pairs[0];
            var isSqliteFile = (key == "datasource" || key == "filename") && IsSqliteFile(value);
            if (!isSqliteFile && !(key == "usedevelopmentstorage" && value.Equals("true", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }
        }
        else if (known < 2 || known * 2 < pairs.Count)
        {
            return null;
        }

        return Describe(pairs, holeMarker, null);
    }

    private static ConnectionStringInfo? ParseRedisOptions(string text, char holeMarker)
    {
        if (text.IndexOf(',') < 0 || text.IndexOf(';') >= 0 || text.IndexOf(' ') >= 0)
        {
            return null;
        }

        var parts = text.Split(',');
        var host = parts[0];
        if (host.IndexOf('=') >= 0 || host.IndexOf(holeMarker) >= 0 || host.IndexOf(':') <= 0)
        {
            return null;
        }

        string? credentialKey = null;
        var options = 0;
        for (var i = 1; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=');
            if (equals <= 0)
            {
                // Further endpoints ("host2:6379").
                continue;
            }

            var key = parts[i].Substring(0, equals).Trim().ToLowerInvariant();
            if (!RedisOptions.Contains(key))
            {
                return null;
            }

            options++;
            if (key == "password" && IsRealCredential(parts[i].Substring(equals + 1), holeMarker))
            {
                credentialKey = "password";
            }
        }

        if (options == 0)
        {
            return null;
        }

        var hostName = StripPort(host);
        return new ConnectionStringInfo("Redis", hostName, credentialKey, IsLocalHost(hostName), false);
    }

    private static ConnectionStringInfo Describe(List<(string Key, string Value)> pairs, char holeMarker, string? sinkKind)
    {
        string? location = null;
        string? locationKey = null;
        string? credentialKey = null;
        var hasHost = false;
        var sqlServerHint = false;
        var hasDatabase = false;
        var endpointIsServiceBus = false;
        var storage = false;
        var cosmos = false;
        var isLocal = false;
        foreach (var (key, value) in pairs)
        {
            KnownKeys.TryGetValue(key, out var role);
            switch (role)
            {
                case KeyRole.Location when location is null && value.IndexOf(holeMarker) < 0 && !SecretDetector.IsPlaceholder(value):
                    location = value;
                    locationKey = key;
                    break;
                case KeyRole.Credential when credentialKey is null && IsRealCredential(value, holeMarker):
                    credentialKey = key switch
                    {
                        "pwd" => "Pwd",
                        "accountkey" => "AccountKey",
                        "sharedaccesskey" => "SharedAccessKey",
                        "sharedaccesssignature" => "SharedAccessSignature",
                        _ => "Password",
                    };
                    break;
                case KeyRole.SqlServerHint:
                    sqlServerHint = true;
                    break;
                case KeyRole.Database:
                    hasDatabase = true;
                    sqlServerHint |= key == "initialcatalog";
                    break;
            }

            hasHost |= key == "host";
            storage |= key is "accountname" or "defaultendpointsprotocol" or "blobendpoint" or "queueendpoint" or "tableendpoint" or "usedevelopmentstorage";
            cosmos |= key == "accountendpoint";
            endpointIsServiceBus |= key == "endpoint" && value.StartsWith("sb://", StringComparison.OrdinalIgnoreCase);
            isLocal |= key == "usedevelopmentstorage" && value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        var isInMemory = false;
        string kind;
        if (endpointIsServiceBus)
        {
            kind = "Azure Service Bus/Event Hubs";
            location = StripScheme(location);
        }
        else if (cosmos)
        {
            kind = "Azure Cosmos DB";
            location = StripScheme(location);
        }
        else if (storage)
        {
            kind = "Azure Storage";
        }
        else if (locationKey is "datasource" or "filename" && location is not null && (IsSqliteFile(location) || IsInMemory(location, pairs)))
        {
            kind = "SQLite";
            isInMemory = IsInMemory(location, pairs);
            isLocal = true;
        }
        else if (sqlServerHint || (location?.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase) ?? false) || (location?.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            kind = "SQL Server";
        }
        else if (hasHost)
        {
            kind = "PostgreSQL";
        }
        else
        {
            kind = sinkKind ?? (hasDatabase ? "SQL database" : "database");
        }

        var target = location is null ? null : StripPort(location.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) ? location.Substring(4) : location);
        isLocal |= target is not null && IsLocalHost(target);
        return new ConnectionStringInfo(kind, target, credentialKey, isLocal, isInMemory);
    }

    private static List<(string Key, string Value)>? SplitPairs(string text)
    {
        var result = new List<(string, string)>();
        foreach (var part in text.Split(';'))
        {
            if (part.Trim().Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return null;
            }

            var rawKey = part.Substring(0, equals);
            var key = NormalizeKey(rawKey);
            if (key.Length == 0 || key.Length > 40)
            {
                return null;
            }

            var value = part.Substring(equals + 1).Trim().Trim('\'', '"');
            result.Add((key, value));
        }

        return result.Count == 0 ? null : result;
    }

    private static string NormalizeKey(string key)
    {
        var chars = new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars[length++] = char.ToLowerInvariant(c);
            }
            else if (c != ' ' && c != '_' && c != '\t')
            {
                return string.Empty;
            }
        }

        return new string(chars, 0, length);
    }

    private static bool IsRealCredential(string value, char holeMarker)
    {
        var trimmed = value.Trim().Trim('\'', '"');
        return trimmed.Length > 0 && trimmed.IndexOf(holeMarker) < 0 && !SecretDetector.IsPlaceholder(trimmed);
    }

    private static bool IsSqliteFile(string value)
    {
        var v = value.ToLowerInvariant();
        return v.EndsWith(".db", StringComparison.Ordinal) || v.EndsWith(".sqlite", StringComparison.Ordinal)
            || v.EndsWith(".sqlite3", StringComparison.Ordinal) || v.EndsWith(".db3", StringComparison.Ordinal) || v == ":memory:";
    }

    private static bool IsInMemory(string location, List<(string Key, string Value)> pairs)
    {
        if (location.Equals(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var (key, value) in pairs)
        {
            if (key == "mode" && value.Equals("memory", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string? StripScheme(string? location)
    {
        if (location is null)
        {
            return null;
        }

        var index = location.IndexOf("://", StringComparison.Ordinal);
        return (index < 0 ? location : location.Substring(index + 3)).TrimEnd('/');
    }

    internal static string StripPort(string host)
    {
        host = host.Trim();
        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            var close = host.IndexOf(']');
            return close > 0 ? host.Substring(1, close - 1) : host;
        }

        var comma = host.IndexOf(',');
        if (comma > 0)
        {
            host = host.Substring(0, comma);
        }

        var colon = host.IndexOf(':');
        return colon > 0 && host.IndexOf(':', colon + 1) < 0 ? host.Substring(0, colon) : host;
    }

    /// <summary>The developer's machine: localhost, loopback, the SQL Server local instances, Docker's host alias.</summary>
    public static bool IsLocalHost(string host)
    {
        var h = host.Trim().ToLowerInvariant();
        var backslash = h.IndexOf('\\');
        var instanceHost = backslash >= 0 ? h.Substring(0, backslash) : h;
        return instanceHost is "localhost" or "127.0.0.1" or "::1" or "." or "(local)" or "(localdb)" or "host.docker.internal"
            || instanceHost.StartsWith("127.", StringComparison.Ordinal)
            || instanceHost.EndsWith(".localhost", StringComparison.Ordinal);
    }
}
