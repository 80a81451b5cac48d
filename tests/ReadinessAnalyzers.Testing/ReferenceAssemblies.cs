using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers.Testing;

/// <summary>The target a test compiles for. Reference assemblies always come from disk, never from a download.</summary>
public enum TargetFramework
{
    /// <summary>net10.0, from the SDK's own packs (the SDK running the tests).</summary>
    Net10,

    /// <summary>net8.0, from the Microsoft.NETCore.App.Ref / Microsoft.AspNetCore.App.Ref 8.0.28 packages restored by PackageDownload.</summary>
    Net8,
}

/// <summary>Real reference assemblies of .NET and ASP.NET Core, loaded once per process and shared by all tests.</summary>
public static class ReferenceAssemblies
{
    private static readonly ConcurrentDictionary<(TargetFramework, bool), ImmutableArray<MetadataReference>> Cache = new();

    public static ImmutableArray<MetadataReference> Get(TargetFramework framework, bool includeAspNetCore)
        => Cache.GetOrAdd((framework, includeAspNetCore), static key => Load(key.Item1, key.Item2));

    /// <summary>
    /// The library's reference set for a test: the target framework's name and no package. The assemblies themselves
    /// come from <see cref="Get"/> as additional references, so the library never downloads a pack while tests run
    /// (its own <c>Net.Net100</c> asks for a Microsoft.NETCore.App.Ref version the registry does not serve).
    /// </summary>
    public static Microsoft.CodeAnalysis.Testing.ReferenceAssemblies None(TargetFramework framework)
        => framework == TargetFramework.Net8 ? EmptyNet8 : EmptyNet10;

    private static readonly Microsoft.CodeAnalysis.Testing.ReferenceAssemblies EmptyNet10 = new("net10.0");

    private static readonly Microsoft.CodeAnalysis.Testing.ReferenceAssemblies EmptyNet8 = new("net8.0");

    private static ImmutableArray<MetadataReference> Load(TargetFramework framework, bool includeAspNetCore)
    {
        var directories = framework switch
        {
            TargetFramework.Net10 => SdkPackDirectories("net10.0", includeAspNetCore),
            TargetFramework.Net8 => NuGetPackDirectories("net8.0", includeAspNetCore),
            _ => throw new ArgumentOutOfRangeException(nameof(framework)),
        };

        return directories
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.dll"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    /// <summary>The dotnet installation that runs the tests: <c>DOTNET_ROOT</c> when set, else three folders above the runtime.</summary>
    public static string FindDotnetRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "packs")))
        {
            return fromEnvironment;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var root = Directory.GetParent(runtimeDirectory)?.Parent?.Parent?.FullName;
        if (root is null || !Directory.Exists(Path.Combine(root, "packs")))
        {
            throw new InvalidOperationException(
                $"Cannot find the .NET SDK's 'packs' folder next to the running runtime ({runtimeDirectory}). " +
                "Run the tests with the .NET 10 SDK's dotnet, or set DOTNET_ROOT to the folder that contains 'packs'.");
        }

        return root;
    }

    private static string[] SdkPackDirectories(string tfm, bool includeAspNetCore)
    {
        var root = FindDotnetRoot();
        var packs = includeAspNetCore
            ? new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" }
            : new[] { "Microsoft.NETCore.App.Ref" };
        return packs.Select(pack => NewestPackDirectory(Path.Combine(root, "packs", pack), tfm)).ToArray();
    }

    private static string NewestPackDirectory(string packFolder, string tfm)
    {
        var major = tfm.Substring(3, tfm.IndexOf('.') - 3) + ".";
        var candidates = Directory.Exists(packFolder)
            ? Directory.GetDirectories(packFolder)
                .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal) && Directory.Exists(Path.Combine(d, "ref", tfm)))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .ToArray()
            : Array.Empty<string>();
        if (candidates.Length == 0)
        {
            throw new InvalidOperationException(
                $"No reference assemblies for {tfm} under '{packFolder}'. The tests compile against the SDK's own packs: " +
                "install the .NET 10 SDK (see README), or set DOTNET_ROOT to an SDK that has them.");
        }

        return Path.Combine(candidates[0], "ref", tfm);
    }

    private static string[] NuGetPackDirectories(string tfm, bool includeAspNetCore)
    {
        var assembly = typeof(ReferenceAssemblies).Assembly;
        string? Metadata(string key) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        var version = Metadata("Net8ReferencePackVersion") ?? "8.0.28";
        var packageRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packageRoot))
        {
            packageRoot = Metadata("NuGetPackageRoot");
        }

        if (string.IsNullOrEmpty(packageRoot))
        {
            packageRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var packs = includeAspNetCore
            ? new[] { "microsoft.netcore.app.ref", "microsoft.aspnetcore.app.ref" }
            : new[] { "microsoft.netcore.app.ref" };
        return packs.Select(pack =>
        {
            var directory = Path.Combine(packageRoot, pack, version, "ref", tfm);
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException(
                    $"Reference assemblies for {tfm} are missing at '{directory}'. They arrive with 'dotnet restore' of " +
                    "tests/ReadinessAnalyzers.Testing (PackageDownload of " + pack + " " + version + ").");
            }

            return directory;
        }).ToArray();
    }
}
