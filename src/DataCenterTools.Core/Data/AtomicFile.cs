namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a file through a temp file in the same folder, renamed into place on Commit, so a
/// crash or an error never leaves a half-written output or harms an existing file.
/// Disposing without Commit deletes the temp file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private bool _committed;

    private AtomicFile(string path, string tempPath, FileStream stream)
    {
        Path = path;
        TempPath = tempPath;
        Stream = stream;
    }

    public string Path { get; }
    public string TempPath { get; }
    public FileStream Stream { get; }

    /// <summary>
    /// Starts writing <paramref name="path"/>; refuses an existing file unless <paramref name="overwrite"/>.
    /// <paramref name="unixCreateMode"/> sets the temp file's permissions at creation (e.g. owner-only for
    /// secrets), so there is no moment when others could open it.
    /// </summary>
    public static AtomicFile Create(string path, bool overwrite, UnixFileMode? unixCreateMode = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        EnsureWritable(full, overwrite);
        var dir = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir))
            throw new DataException("DirectoryNotFound", DataErrorKind.ObjectNotFound,
                $"The folder '{dir}' does not exist.", "Create the folder first, or choose another path.", full);
        var temp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16,
        };
        if (unixCreateMode is { } mode && !OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        var stream = new FileStream(temp, options);
        return new AtomicFile(full, temp, stream);
    }

    public static void EnsureWritable(string fullPath, bool overwrite)
    {
        if (Directory.Exists(fullPath))
            throw new DataException("PathIsDirectory", DataErrorKind.InvalidArgument,
                $"'{fullPath}' is a folder, not a file.", "Give a file path.", fullPath);
        if (!overwrite && File.Exists(fullPath))
            throw new DataException("FileExists", DataErrorKind.ResourceExists,
                $"The file '{fullPath}' already exists.", "Use -Force to replace it, or choose another path.", fullPath);
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temp file renamed into place.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes, bool overwrite, UnixFileMode? unixCreateMode = null)
    {
        using var file = Create(path, overwrite, unixCreateMode);
        file.Stream.Write(bytes);
        file.Commit();
    }

    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TempPath, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        Stream.Dispose();
        try { File.Delete(TempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
