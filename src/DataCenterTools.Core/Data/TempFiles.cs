using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Data;

/// <summary>
/// How the module names, creates and cleans up its temp files. Every temp file is created owner-only (0600) in
/// the folder of its final file and named <c>.&lt;name&gt;.dct-&lt;pid&gt;-&lt;random&gt;.tmp</c>; while it is
/// written its writer holds it open with an exclusive lock. Before a process first writes into a folder (and
/// every few minutes after) it deletes the temp files there whose writer is gone: no process with that pid runs,
/// or the one that does started after the file was last written (the pid was reused), and nobody holds the file
/// locked. So a temp file left by kill -9, a crash or a power cut is removed by the next run that writes there.
/// </summary>
public static partial class TempFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    // Temp files of versions before pids were in the name (.<name>.<guid>.tmp) have no pid to check:
    // they are removed once nobody holds them and they have not been written for this long.
    private static readonly TimeSpan LegacyAge = TimeSpan.FromHours(1);
    private static readonly ConcurrentDictionary<string, DateTime> LastSwept = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^\..+\.dct-(?<pid>[0-9]{1,10})-[0-9a-f]{12}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyTempName();

    /// <summary>A new temp file name in <paramref name="folder"/> for a file named <paramref name="name"/>.</summary>
    public static string NewPath(string folder, string name) =>
        System.IO.Path.Combine(folder, $".{name}.dct-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6))}.tmp");

    /// <summary>Whether <paramref name="fileName"/> is one of the module's temp files (never a finished file).</summary>
    public static bool IsTempName(string fileName) => TempName().IsMatch(fileName) || LegacyTempName().IsMatch(fileName);

    /// <summary>
    /// Creates a new temp file for writing: owner-only from the first byte, exclusive, locked against the
    /// stale-file sweep of other processes. IO failures are DataExceptions naming <paramref name="reportPath"/>.
    /// </summary>
    public static FileStream Create(string tempPath, string reportPath, FileAccess access = FileAccess.Write, FileOptions options = FileOptions.None)
    {
        var streamOptions = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = access, Share = FileShare.None, BufferSize = 1 << 16, Options = options,
        };
        if (!OperatingSystem.IsWindows()) streamOptions.UnixCreateMode = OwnerOnly;
        return IoFailure.Write(reportPath, () => new FileStream(tempPath, streamOptions));
    }

    /// <summary>Deletes a temp file, ignoring one that is already gone or cannot be deleted.</summary>
    public static void Delete(string tempPath)
    {
        try { File.Delete(tempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Deletes the stale temp files in <paramref name="folder"/>, at most once every few minutes per folder and process.</summary>
    public static int SweepStale(string folder)
    {
        var now = DateTime.UtcNow;
        if (LastSwept.TryGetValue(folder, out var last) && now - last < SweepInterval) return 0;
        LastSwept[folder] = now;
        return SweepStaleNow(folder);
    }

    /// <summary>Deletes the stale temp files in <paramref name="folder"/> now; returns how many.</summary>
    public static int SweepStaleNow(string folder)
    {
        var removed = 0;
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(folder, ".*.tmp").ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
        foreach (var path in candidates)
        {
            try
            {
                if (IsStale(path)) { File.Delete(path); removed++; }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another sweeper or an unreadable file: leave it
        }
        return removed;
    }

    /// <summary>Whether <paramref name="path"/> is a temp folder (named as temp files are) whose writer is gone (see <see cref="AtomicFolder"/>).</summary>
    internal static bool IsStaleFolder(string path)
    {
        var match = TempName().Match(System.IO.Path.GetFileName(path));
        return match.Success
            && int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && WriterIsGone(pid, Directory.GetLastWriteTimeUtc(path));
    }

    private static bool IsStale(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget != null) return false;
        var name = info.Name;
        var match = TempName().Match(name);
        if (match.Success)
        {
            if (!int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
            if (!WriterIsGone(pid, info.LastWriteTimeUtc)) return false;
        }
        else if (!LegacyTempName().IsMatch(name) || DateTime.UtcNow - info.LastWriteTimeUtc < LegacyAge) return false;
        return !IsLocked(path);
    }

    /// <summary>True when no process <paramref name="pid"/> runs, or the one that does started after the file was last written.</summary>
    internal static bool WriterIsGone(int pid, DateTime lastWriteUtc)
    {
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return true;
            // A process can only write a file after it started; a 2 s margin covers coarse file-system timestamps.
            return process.StartTime.ToUniversalTime() > lastWriteUtc + TimeSpan.FromSeconds(2);
        }
        catch (ArgumentException) { return true; } // no such process
        catch (InvalidOperationException) { return true; } // it exited meanwhile
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or NotSupportedException or UnauthorizedAccessException) { return false; } // cannot tell: keep
    }

    // A live writer holds its temp file with FileShare.None, which .NET takes as an exclusive flock on Unix.
    private static bool IsLocked(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException) { return true; } // gone already: nothing to delete
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return true; }
    }
}
