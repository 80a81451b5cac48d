using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ReadinessAnalyzers.HealthChecks.Startup;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>
/// The TCP ports the app listens on in one container, from everything that can set them: addresses in code
/// (<c>UseUrls</c>, Kestrel's <c>Listen*</c>, <c>app.Run(url)</c>), settings files (<c>urls</c>, <c>http_ports</c>,
/// <c>https_ports</c>, <c>Kestrel:Endpoints:*:Url</c>), the container's and the Dockerfile's environment
/// (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>HTTP_PORTS</c>, <c>Kestrel__Endpoints__*__Url</c>, …), and,
/// when none of them says anything, the .NET image's default (8080 from .NET 8, 80 before). Every explicit source
/// counts (their union), so a port is only called wrong when no source gives it. Unknown (no finding) when a value
/// is not a constant, comes from elsewhere (<c>valueFrom</c>, <c>envFrom</c>, <c>env_file</c>, <c>--urls</c>), or
/// nothing tells.
/// </summary>
internal sealed class AppPorts
{
    private readonly List<(int Port, string Source)> _ports = new();

    public bool Unknown { get; private set; }

    public bool Known => !Unknown && _ports.Count > 0;

    public bool Contains(int port) => _ports.Any(p => p.Port == port);

    /// <summary>"8080 (ASPNETCORE_HTTP_PORTS=8080 in the .NET 8 image)", "5000 and 5001 (ASPNETCORE_URLS of container 'api')".</summary>
    public string Describe()
        => string.Join(", ", _ports.GroupBy(p => p.Source).Select(g => string.Join(" and ", g.Select(p => p.Port.ToString(CultureInfo.InvariantCulture)).Distinct()) + " (" + g.Key + ")"));

    public static AppPorts Collect(StartupModel model, IEnumerable<(string Address, string Source)> settings, IEnumerable<(string Name, string Value, string Source)> environment, bool environmentUnknown, IEnumerable<ImageFacts> images)
    {
        var ports = new AppPorts { Unknown = environmentUnknown || model.ListenNotConstant };
        foreach (var address in model.ListenAddresses)
        {
            ports.AddUrl(address.Address, address.Source + " in code");
        }

        foreach (var (address, source) in settings)
        {
            ports.AddUrl(address, source);
        }

        foreach (var (name, value, source) in environment)
        {
            var key = ConfigurationKey(name);
            if (key is null)
            {
                continue;
            }

            foreach (var part in value.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var item = part.Trim();
                if (key.EndsWith("_ports", StringComparison.OrdinalIgnoreCase))
                {
                    ports.AddPort(item, name + "=" + value + " " + source);
                }
                else
                {
                    ports.AddUrl(item, name + "=" + value + " " + source);
                }
            }
        }

        if (ports._ports.Count == 0 && !ports.Unknown)
        {
            var defaults = images.Where(i => i.DefaultPort is not null).ToList();
            if (defaults.Count == 0)
            {
                ports.Unknown = true;
            }

            foreach (var image in defaults)
            {
                ports._ports.Add((image.DefaultPort!.Value, image.DefaultPortSource));
            }
        }

        return ports;
    }

    /// <summary>The configuration key an environment variable sets, when it is one that decides the addresses
    /// (<c>ASPNETCORE_URLS</c> → <c>urls</c>, <c>Kestrel__Endpoints__Http__Url</c> → <c>Kestrel:Endpoints:Http:Url</c>).</summary>
    public static string? ConfigurationKey(string name)
    {
        var key = name;
        if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
        {
            key = key.Substring("ASPNETCORE_".Length);
        }
        else if (key.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase))
        {
            key = key.Substring("DOTNET_".Length);
        }

        key = key.Replace("__", ":");
        return HostContract.IsAddressKey(key) ? key : null;
    }

    private void AddPort(string text, string source)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
        {
            _ports.Add((port, source));
        }
        else
        {
            Unknown = true;
        }
    }

    private void AddUrl(string url, string source)
    {
        if (ParseUrlPort(url) is { } port)
        {
            _ports.Add((port, source));
        }
        else
        {
            Unknown = true;
        }
    }

    /// <summary>The port of <c>http://+:80</c>, <c>https://[::]:8443</c>, <c>http://*</c> (80), <c>*:8080</c>; null when not a
    /// constant TCP address (a placeholder, <c>$PORT</c>, a Unix socket).</summary>
    public static int? ParseUrlPort(string url)
    {
        var text = url.Trim();
        if (text.Length == 0 || text.IndexOf('$') >= 0 || text.IndexOf('{') >= 0 || text.IndexOf('?') >= 0)
        {
            return null;
        }

        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var https = scheme >= 0 && text.Substring(0, scheme).Equals("https", StringComparison.OrdinalIgnoreCase);
        if (scheme >= 0 && !text.Substring(0, scheme).Equals("http", StringComparison.OrdinalIgnoreCase) && !https)
        {
            return null;
        }

        var authority = scheme >= 0 ? text.Substring(scheme + 3) : text;
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority.Substring(0, slash);
        }

        var bracket = authority.LastIndexOf(']');
        var colon = authority.LastIndexOf(':');
        if (colon > bracket)
        {
            return int.TryParse(authority.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
        }

        return scheme < 0 ? null : https ? 443 : 80;
    }
}
