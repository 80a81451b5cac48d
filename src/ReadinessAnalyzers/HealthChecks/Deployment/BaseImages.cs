using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ReadinessAnalyzers.HealthChecks.Deployment;

/// <summary>The distribution family of a base image, as far as it decides which tools are there.</summary>
internal enum ImageFamily
{
    /// <summary>Not an image we know (SDK, Azure Linux, Windows, anything else): no claim about its tools.</summary>
    Unknown,

    /// <summary>A .NET aspnet/runtime/runtime-deps image on Debian or Ubuntu: no curl, no wget.</summary>
    DebianOrUbuntu,

    /// <summary>A .NET aspnet/runtime/runtime-deps image on Alpine: no curl; busybox provides wget and sh.</summary>
    Alpine,

    /// <summary>Chiseled Ubuntu or a distroless image: no shell, no package manager, no tools.</summary>
    ShellLess,
}

/// <summary>What the .NET container images (mcr.microsoft.com/dotnet/aspnet, runtime, runtime-deps) and distroless images
/// bring: tools for a HEALTHCHECK, and the port ASP.NET Core listens on when nothing overrides it.</summary>
internal sealed class ImageFacts
{
    private static readonly string[] DotNetRepositories =
    [
        "mcr.microsoft.com/dotnet/aspnet", "mcr.microsoft.com/dotnet/runtime", "mcr.microsoft.com/dotnet/runtime-deps",
        "mcr.microsoft.com/dotnet/nightly/aspnet", "mcr.microsoft.com/dotnet/nightly/runtime", "mcr.microsoft.com/dotnet/nightly/runtime-deps",
        "mcr.microsoft.com/dotnet/core/aspnet", "mcr.microsoft.com/dotnet/core/runtime", "mcr.microsoft.com/dotnet/core/runtime-deps",
    ];

    private ImageFacts(string image, bool isDotNet, ImageFamily family, int? major)
    {
        Image = image;
        IsDotNet = isDotNet;
        Family = family;
        Major = major;
    }

    public string Image { get; }

    public bool IsDotNet { get; }

    public ImageFamily Family { get; }

    /// <summary>The .NET major version in the tag (<c>8.0-alpine</c> → 8), when there is one.</summary>
    public int? Major { get; }

    public static ImageFacts Describe(string image)
    {
        var reference = image.Trim();
        var at = reference.IndexOf('@');
        if (at >= 0)
        {
            reference = reference.Substring(0, at);
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        var repository = (colon > slash ? reference.Substring(0, colon) : reference).ToLowerInvariant();
        var tag = (colon > slash ? reference.Substring(colon + 1) : "latest").ToLowerInvariant();
        if (repository.StartsWith("gcr.io/distroless/", StringComparison.Ordinal))
        {
            return new ImageFacts(image, isDotNet: false, ImageFamily.ShellLess, major: null);
        }

        if (Array.IndexOf(DotNetRepositories, repository) < 0 || reference.IndexOf('$') >= 0)
        {
            return new ImageFacts(image, isDotNet: false, ImageFamily.Unknown, major: null);
        }

        int? major = null;
        var digits = new string(tag.TakeWhile(char.IsDigit).ToArray());
        if (digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            major = number;
        }

        var family = tag.Contains("chiseled") || tag.Contains("distroless") ? ImageFamily.ShellLess
            : tag.Contains("alpine") ? ImageFamily.Alpine
            : tag.Contains("nanoserver") || tag.Contains("windowsservercore") || tag.Contains("azurelinux") || tag.Contains("cbl-mariner") || tag.Contains("mariner") ? ImageFamily.Unknown
            : ImageFamily.DebianOrUbuntu;
        return new ImageFacts(image, isDotNet: true, family, major);
    }

    /// <summary>The port ASP.NET Core listens on in this image when nothing overrides it: 8080 from .NET 8
    /// (<c>ASPNETCORE_HTTP_PORTS=8080</c>), 80 before (<c>ASPNETCORE_URLS=http://+:80</c>); null when unknown.</summary>
    public int? DefaultPort => !IsDotNet || Major is null || Family == ImageFamily.Unknown ? null : Major >= 8 ? 8080 : Major >= 2 ? 80 : null;

    /// <summary>How the image sets that default, for messages.</summary>
    public string DefaultPortSource => Major >= 8 ? "ASPNETCORE_HTTP_PORTS=8080 in the .NET " + Major + " image" : "ASPNETCORE_URLS=http://+:80 in the .NET " + Major + " image";

    /// <summary>Why a tool is missing in this image, or null when it is there (or we do not know).</summary>
    public string? Lacks(string tool)
    {
        switch (Family)
        {
            case ImageFamily.ShellLess:
                return tool == "dotnet" ? null : "is chiseled/distroless and has no shell and no tools";
            case ImageFamily.DebianOrUbuntu:
                return tool is "curl" or "wget" ? "has no " + tool + " (the .NET aspnet and runtime images do not ship it)" : null;
            case ImageFamily.Alpine:
                return tool == "curl" ? "has no curl (the .NET Alpine images do not ship it; busybox wget is there)" : null;
            default:
                return null;
        }
    }

    /// <summary>The command that installs a tool in this image's family, for messages.</summary>
    public string InstallHint(string tool) => Family switch
    {
        ImageFamily.Alpine => "RUN apk add --no-cache " + tool,
        ImageFamily.DebianOrUbuntu => "RUN apt-get update && apt-get install -y --no-install-recommends " + tool + " && rm -rf /var/lib/apt/lists/*",
        _ => string.Empty,
    };

    /// <summary>A RUN that installs the tool with a package manager, or a COPY that brings a binary of that name.</summary>
    public static bool Installs(IEnumerable<string> runs, IEnumerable<string> copies, string tool)
    {
        foreach (var run in runs)
        {
            var words = run.Split(new[] { ' ', '\t', '\n', '\r', ';', '&', '|', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            var installs = false;
            for (var i = 0; i < words.Length; i++)
            {
                var word = words[i];
                if ((word is "apt-get" or "apt" or "dnf" or "tdnf" or "yum" or "microdnf") && i + 1 < words.Length && words.Skip(i + 1).Take(4).Contains("install"))
                {
                    installs = true;
                }
                else if (word == "apk" && i + 1 < words.Length && words[i + 1] == "add")
                {
                    installs = true;
                }
                else if (installs && (word == tool || word.StartsWith(tool + "=", StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        foreach (var copy in copies)
        {
            foreach (var word in copy.Split(new[] { ' ', '\t', '"', ',', '[', ']' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.EndsWith("/" + tool, StringComparison.Ordinal) || word == tool)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
