using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace ReadinessAnalyzers.Build;

/// <summary>
/// A machine-wide lock on one shared file, for the MSBuild nodes of a parallel (<c>-m</c>) build: separate processes
/// that share nothing else. It is a lock file opened with <see cref="FileShare.None"/> and held open: Windows enforces
/// the share mode, and .NET on Linux and macOS takes an exclusive <c>flock</c> on it, which excludes other processes
/// and other handles in the same process alike (a test proves both). The operating system releases it when a build
/// dies, so there is no abandoned state to recover, as there is with a named <see cref="Mutex"/> (which .NET also
/// shares between processes on Linux and macOS). The lock file lives in the temporary folder, named by a hash of the
/// shared file's full path, so nothing is added next to the shared file (a baseline in the repository, a report folder
/// uploaded as an artifact, the runner's step summary folder); it is never deleted, since deleting a lock file races
/// with the next opener.
/// </summary>
internal sealed class SharedFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SharedFileLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file for <paramref name="sharedFile"/>.</summary>
    public static string PathFor(string sharedFile)
    {
        // FNV-1a: string.GetHashCode differs between processes. Case-folded, so a path spelled with other casing on a
        // case-insensitive file system takes the same lock (on Linux two such paths merely share a lock).
        var hash = 14695981039346656037ul;
        foreach (var c in Path.GetFullPath(sharedFile).ToUpperInvariant())
        {
            hash = unchecked((hash ^ c) * 1099511628211ul);
        }

        // One folder per user: a folder another user created in a shared /tmp could not be written.
        return Path.Combine(Path.GetTempPath(), "ReadinessAnalyzers-" + Environment.UserName, hash.ToString("x16", CultureInfo.InvariantCulture) + ".lock");
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for the lock on <paramref name="sharedFile"/>; null when it stayed taken
    /// or the lock file cannot be created at all (no access to the temporary folder).
    /// </summary>
    public static SharedFileLock? TryAcquire(string sharedFile, TimeSpan timeout)
    {
        var lockPath = PathFor(sharedFile);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var waited = Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                return new SharedFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                // Taken (sharing violation / flock busy): retry with a growing pause, at most 100 ms.
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
