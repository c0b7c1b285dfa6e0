namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a file through a temp file in the same folder, moved into place on Commit, so a crash or an error
/// never leaves a half-written output or harms an existing file. The temp file is owner-only while it is
/// written (it may hold decrypted or private data) and follows the <see cref="TempFiles"/> naming, so a temp
/// file left by a killed process is removed by the next write into that folder. Without overwrite the commit
/// never replaces a file, even one another process created meanwhile: it links the temp file to the target
/// name (link(2) fails when the name exists), so of two processes writing the same new path exactly one wins
/// and the other gets FileExists. Disposing without Commit, or any failure, deletes the temp file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly bool _overwrite;
    private readonly UnixFileMode? _finalMode;
    private bool _committed;
    private bool _deleted;

    private AtomicFile(string path, string tempPath, FileStream stream, bool overwrite, UnixFileMode? finalMode)
    {
        Path = path;
        TempPath = tempPath;
        Stream = stream;
        _overwrite = overwrite;
        _finalMode = finalMode;
    }

    public string Path { get; }
    public string TempPath { get; }
    public FileStream Stream { get; }

    /// <summary>
    /// Starts writing <paramref name="path"/>; refuses an existing file unless <paramref name="overwrite"/>.
    /// <paramref name="unixCreateMode"/> is the finished file's mode (e.g. owner-only for secrets); without it the
    /// file gets the mode of the file it replaces, else the default for new files (0666 less the umask).
    /// </summary>
    public static AtomicFile Create(string path, bool overwrite, UnixFileMode? unixCreateMode = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        EnsureWritable(full, overwrite);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DataException("DirectoryNotFound", DataErrorKind.ObjectNotFound,
                $"The folder '{dir}' does not exist.", "Create the folder first, or choose another path.", full);
        TempFiles.SweepStale(dir);
        var temp = TempFiles.NewPath(dir, System.IO.Path.GetFileName(full));
        var stream = TempFiles.Create(temp, full);
        return new AtomicFile(full, temp, stream, overwrite, unixCreateMode);
    }

    public static void EnsureWritable(string fullPath, bool overwrite)
    {
        if (Directory.Exists(fullPath))
            throw new DataException("PathIsDirectory", DataErrorKind.InvalidArgument,
                $"'{fullPath}' is a folder, not a file.", "Give a file path.", fullPath);
        if (!overwrite && (File.Exists(fullPath) || IsLink(fullPath)))
            throw Exists(fullPath);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temp file moved into place.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite, UnixFileMode? unixCreateMode = null)
    {
        using var file = Create(path, overwrite, unixCreateMode);
        try { file.Stream.Write(bytes); }
        catch (IOException e) { throw IoFailure.ForWrite(e, file.Path); }
        file.Commit();
    }

    /// <summary>Flushes to disk and moves the temp file into place. On failure the temp file is deleted and nothing changes at Path.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed || _deleted, this);
        try
        {
            Stream.Flush(flushToDisk: true);
            Stream.Dispose();
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(TempPath, FinalMode());
            if (_overwrite) File.Move(TempPath, Path, overwrite: true);
            else MoveNoReplace();
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Abandon();
            throw IoFailure.ForWrite(e, Path);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_committed) Abandon();
    }

    // Deletes the temp file even when closing it fails (a disk-full flush), so nothing is left behind.
    private void Abandon()
    {
        if (_deleted) return;
        _deleted = true;
        try { Stream.Dispose(); }
        catch (IOException) { }
        TempFiles.Delete(TempPath);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private UnixFileMode FinalMode()
    {
        if (_finalMode is { } mode) return mode;
        if (_overwrite && File.Exists(Path))
            try { return File.GetUnixFileMode(Path); } catch (IOException) { }
        return DefaultNewFileMode;
    }

    /// <summary>What a plain create would give a new file: 0666 less the process umask (read from /proc on Linux, else 022).</summary>
    internal static UnixFileMode DefaultNewFileMode { get; } = (UnixFileMode)(0b110_110_110 & ~ReadUmask());

    private static int ReadUmask()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("Umask:", StringComparison.Ordinal))
                    return Convert.ToInt32(line[6..].Trim(), 8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return 0b000_010_010;
    }

    // link(2) is atomic and fails when the name exists, so two racing writers can never both commit; file systems
    // without hard links (some FUSE and SMB mounts) fall back to File.Move without overwrite, which is what .NET does.
    private void MoveNoReplace()
    {
        if (!OperatingSystem.IsWindows())
        {
            var error = UnixNative.Link(TempPath, Path);
            if (error == 0)
            {
                File.Delete(TempPath);
                return;
            }
            if (error == UnixNative.EEXIST) throw ExistsAtCommit(Path);
        }
        // Windows' MoveFileEx without REPLACE_EXISTING fails on an existing name. An antivirus scanner may hold the
        // fresh temp file for a moment: retry a sharing violation a few times before giving up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(TempPath, Path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(Path) || IsLink(Path)) { throw ExistsAtCommit(Path); }
            catch (IOException e) when (OperatingSystem.IsWindows() && (e.HResult & 0xFFFF) == 32 && attempt < 5) { Thread.Sleep(50 * attempt); }
        }
    }

    private static bool IsLink(string path)
    {
        try { return new FileInfo(path).LinkTarget != null; }
        catch (IOException) { return false; }
    }

    private static DataException Exists(string fullPath) =>
        new("FileExists", DataErrorKind.ResourceExists,
            $"The file '{fullPath}' already exists.", "Use {option:Force} to replace it, or choose another path.", fullPath);

    private static DataException ExistsAtCommit(string fullPath) =>
        new("FileExists", DataErrorKind.ResourceExists,
            $"The file '{fullPath}' was created by someone else while this command was writing it; it was left as it is and this output was discarded.",
            "Use {option:Force} to replace it, or choose another path.", fullPath);
}
