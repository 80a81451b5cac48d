using System;
using System.Collections.Generic;
using System.Linq;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>What a HEALTHCHECK command asks for: the local URL it calls (<c>curl -f http://localhost:8080/healthz</c>),
/// and the tool it needs from the image.</summary>
internal static class HealthcheckCommand
{
    private static readonly string[] LocalHosts = ["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "[::]"];

    /// <summary>The path and port of the first http(s) URL on this container's own host, or null.</summary>
    public static (string Path, int Port)? LocalUrl(IEnumerable<string> words)
    {
        foreach (var raw in words)
        {
            var word = raw.Trim('"', '\'');
            var scheme = word.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0 || !(word.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || word.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var rest = word.Substring(scheme + 3);
            var slash = rest.IndexOf('/');
            var authority = slash < 0 ? rest : rest.Substring(0, slash);
            var path = slash < 0 ? "/" : rest.Substring(slash);
            var bracket = authority.LastIndexOf(']');
            var colon = authority.LastIndexOf(':');
            var host = colon > bracket ? authority.Substring(0, colon) : authority;
            if (!LocalHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || AppPorts.ParseUrlPort(word) is not { } port)
            {
                return null;
            }

            return (path, port);
        }

        return null;
    }

    /// <summary>The name of a program word (<c>/usr/bin/curl</c> → <c>curl</c>).</summary>
    public static string ProgramName(string word)
    {
        var trimmed = word.Trim('"', '\'');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed.Substring(slash + 1);
    }
}
