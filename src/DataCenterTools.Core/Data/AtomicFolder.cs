namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a whole folder (a partitioned dataset) through a temp folder beside it, renamed into place on Commit, so
/// readers never see a half-written folder and a failure or a stop leaves nothing behind. The temp folder follows the
/// <see cref="TempFiles"/> naming, and a temp folder left by a killed process is removed by the next folder write
/// beside it. Without overwrite the target must not exist; a folder someone creates meanwhile is never merged into:
/// rename(2) only replaces an empty folder, and a non-empty one makes the commit fail with FolderExists. With
/// overwrite the old folder is moved aside first, the new one moved in, then the old one deleted (moved back if the
/// move in fails).
/// </summary>
public sealed class AtomicFolder : IDisposable
{
    private readonly bool _overwrite;
    private bool _done;

    private AtomicFolder(string path, string tempPath, bool overwrite)
    {
        Path = path;
        TempPath = tempPath;
        _overwrite = overwrite;
    }

    public string Path { get; }
    /// <summary>The folder to write into; it becomes <see cref="Path"/> on Commit.</summary>
    public string TempPath { get; }

    public static AtomicFolder Create(string path, bool overwrite)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        EnsureWritable(full, overwrite);
        var parent = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
            throw new DataException("DirectoryNotFound", DataErrorKind.ObjectNotFound,
                $"The folder '{parent}' does not exist.", "Create the folder first, or choose another path.", full);
        SweepStale(parent);
        var temp = TempFiles.NewPath(parent, System.IO.Path.GetFileName(full));
        IoFailure.Write(full, () => Directory.CreateDirectory(temp));
        return new AtomicFolder(full, temp, overwrite);
    }

    /// <summary>Refuses a path that is a file, or an existing folder without <paramref name="overwrite"/>.</summary>
    public static void EnsureWritable(string fullPath, bool overwrite)
    {
        if (File.Exists(fullPath))
            throw new DataException("PathIsFile", DataErrorKind.InvalidArgument,
                $"'{fullPath}' is a file; a partitioned dataset is written as a folder.", "Give a folder path that does not exist yet, or remove the file.", fullPath);
        if (!overwrite && Directory.Exists(fullPath)) throw Exists(fullPath, meanwhile: false);
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            if (_overwrite && Directory.Exists(Path)) Replace();
            else MoveIn();
            _done = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw IoFailure.ForWrite(e, Path);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void MoveIn()
    {
        try { Directory.Move(TempPath, Path); }
        catch (IOException) when (Directory.Exists(Path) || File.Exists(Path)) { throw Exists(Path, meanwhile: true); }
    }

    private void Replace()
    {
        var aside = TempFiles.NewPath(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path));
        Directory.Move(Path, aside);
        try { MoveIn(); }
        catch
        {
            Directory.Move(aside, Path);
            throw;
        }
        DeleteTree(aside);
    }

    /// <summary>Without Commit: deletes the temp folder and everything written into it.</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        DeleteTree(TempPath);
    }

    private static void DeleteTree(string path)
    {
        try { Directory.Delete(path, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void SweepStale(string parent)
    {
        string[] candidates;
        try { candidates = Directory.GetDirectories(parent, ".*.tmp"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var folder in candidates)
            if (TempFiles.IsStaleFolder(folder)) DeleteTree(folder);
    }

    private static DataException Exists(string fullPath, bool meanwhile) =>
        new("FolderExists", DataErrorKind.ResourceExists,
            meanwhile
                ? $"The folder '{fullPath}' was created by someone else while this command was writing it; it was left as it is and this output was discarded."
                : $"The folder '{fullPath}' already exists.",
            "Use {option:Force} to replace it, or choose another path.", fullPath);
}
