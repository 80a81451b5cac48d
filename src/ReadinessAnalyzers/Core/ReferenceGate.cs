using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// Whether a compilation can contain what a rule looks for, decided at compilation start without binding anything:
/// by the file names of its references. A rule about ASP.NET Core registers nothing in a project that references no
/// ASP.NET Core assembly (most projects of a large solution), so it costs nothing there, not even a callback that
/// returns at once. Type look-ups cannot decide this at compilation start: the first one binds every reference of the
/// compilation, paid by whichever analyzer asks first (see <see cref="FirstUse{T}"/>).
/// </summary>
internal static class ReferenceGate
{
    /// <summary>
    /// True when a reference file is named one of <paramref name="assemblyNames"/> (without extension), or when some
    /// reference is not a file — an assembly built in memory, another project of the IDE's solution — whose contents
    /// cannot be known without binding: then the rule runs and decides from symbols on its first callback.
    /// </summary>
    public static bool MayReference(Compilation compilation, params string[] assemblyNames)
        => ReferenceSet.Of(compilation).HasUnnamed || ReferencesFile(compilation, assemblyNames);

    /// <summary>True when a reference file is named one of <paramref name="assemblyNames"/> (without extension, any case).</summary>
    public static bool ReferencesFile(Compilation compilation, string[] assemblyNames)
    {
        var files = ReferenceSet.Of(compilation).Files;
        foreach (var name in assemblyNames)
        {
            if (files.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The references that are not files: assemblies built in memory, other projects of the IDE's solution.</summary>
    public static ImmutableArray<MetadataReference> UnnamedReferences(Compilation compilation)
    {
        if (!ReferenceSet.Of(compilation).HasUnnamed)
        {
            return ImmutableArray<MetadataReference>.Empty;
        }

        var unnamed = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var reference in compilation.ExternalReferences)
        {
            if (FilePathOf(reference) is null)
            {
                unnamed.Add(reference);
            }
        }

        return unnamed.ToImmutable();
    }

    /// <summary>The file of a reference read from disk; null for one that is not a file (built in memory, another project).</summary>
    public static string? FilePathOf(MetadataReference reference)
        => reference is PortableExecutableReference { FilePath: { Length: > 0 } path } ? path : null;

    /// <summary>The name of a reference file without its folder and its .dll/.exe extension.</summary>
    public static string FileNameWithoutExtension(string path)
    {
        var start = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\')) + 1;
        var end = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? path.Length - 4 : path.Length;
        return end > start ? path.Substring(start, end - start) : string.Empty;
    }
}
