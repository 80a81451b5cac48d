using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace ReadinessAnalyzers;

/// <summary>
/// What depends only on a compilation's references, shared by every compilation made with the same reference objects
/// and options. An editor makes a new compilation per keystroke with the references of the last one (the same
/// <see cref="MetadataReference"/> objects, bound to the same assembly symbols), so the references' file names and the
/// types they declare are worked out once per project, not once per keystroke. A compiler process builds one
/// compilation per project, and then every compilation has its own set (nothing is shared, nothing changes).
/// <para>
/// Nothing here holds a compilation: the set keeps its reference objects and options weakly (a reference to another
/// project of the solution holds that project's whole compilation), and only types of metadata files (not of another
/// project's compilation) are kept (<see cref="TypeLookup"/>).
/// </para>
/// </summary>
internal sealed class ReferenceSet
{
    /// <summary>Sets kept per first reference, before the oldest is dropped: an IDE shares one reference object per file
    /// across projects, so every project of a solution that starts with the same framework file is kept here (and each
    /// project whose references changed a few times). A set is a few tens of kilobytes.</summary>
    private const int Kept = 32;

    private static readonly ConditionalWeakTable<Compilation, ReferenceSet> ByCompilation = new();
    private static readonly ConditionalWeakTable<Compilation, ReferenceSet>.CreateValueCallback Find = FindOrCreate;
    private static readonly ConditionalWeakTable<MetadataReference, Recent> ByFirstReference = new();

    private readonly WeakReference<MetadataReference>[] _references;
    private readonly WeakReference<CompilationOptions> _options;
    private readonly string? _assemblyName;

    private ReferenceSet(Compilation compilation)
    {
        var references = compilation.ExternalReferences;
        _references = new WeakReference<MetadataReference>[references.Length];
        for (var i = 0; i < references.Length; i++)
        {
            _references[i] = new WeakReference<MetadataReference>(references[i]);
            if (ReferenceGate.FilePathOf(references[i]) is { } path)
            {
                Files.Add(ReferenceGate.FileNameWithoutExtension(path));
            }
            else
            {
                HasUnnamed = true;
            }
        }

        _options = new WeakReference<CompilationOptions>(compilation.Options);
        _assemblyName = compilation.AssemblyName;
    }

    /// <summary>The reference files' names without folder and extension (any case).</summary>
    public System.Collections.Generic.HashSet<string> Files { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when some reference is not a file: an assembly built in memory, another project of the IDE's solution.</summary>
    public bool HasUnnamed { get; }

    /// <summary>Answers of <see cref="TypeLookup"/> about the references' types, by metadata name.</summary>
    public ConcurrentDictionary<string, object> MetadataTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the references include a test framework (<see cref="TestProjects"/>); 0 unknown, 1 no, 2 yes.</summary>
    public int ReferencesTestFramework;

    /// <summary>The set of <paramref name="compilation"/>'s references. Reads only the reference list: nothing is bound.</summary>
    public static ReferenceSet Of(Compilation compilation) => ByCompilation.GetValue(compilation, Find);

    private static ReferenceSet FindOrCreate(Compilation compilation)
    {
        var references = compilation.ExternalReferences;
        if (references.IsEmpty)
        {
            return new ReferenceSet(compilation);
        }

        var recent = ByFirstReference.GetValue(references[0], static _ => new Recent());
        lock (recent)
        {
            foreach (var set in recent.Sets)
            {
                if (set.Matches(compilation, references))
                {
                    return set;
                }
            }

            var created = new ReferenceSet(compilation);
            recent.Sets = recent.Sets.Length < Kept ? recent.Sets.Add(created) : recent.Sets.RemoveAt(0).Add(created);
            return created;
        }
    }

    private bool Matches(Compilation compilation, ImmutableArray<MetadataReference> references)
    {
        if (references.Length != _references.Length
            || !string.Equals(compilation.AssemblyName, _assemblyName, StringComparison.Ordinal)
            || !_options.TryGetTarget(out var options) || !ReferenceEquals(options, compilation.Options))
        {
            return false;
        }

        for (var i = 0; i < references.Length; i++)
        {
            if (!_references[i].TryGetTarget(out var reference) || !ReferenceEquals(reference, references[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Recent
    {
        public ImmutableArray<ReferenceSet> Sets = ImmutableArray<ReferenceSet>.Empty;
    }
}
