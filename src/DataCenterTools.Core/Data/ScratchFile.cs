namespace DataCenterTools.Core.Data;

/// <summary>
/// A private working file that is never a result (a dataset reassembled from the version store, say): created
/// owner-only with the <see cref="TempFiles"/> naming in the folder given, so one left by a killed process is
/// removed by the next run that works there, and deleted on Dispose.
/// </summary>
public sealed class ScratchFile : IDisposable
{
    private ScratchFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates an empty scratch file in <paramref name="folder"/> (created if needed); <paramref name="name"/> only labels it.</summary>
    public static ScratchFile Create(string folder, string name)
    {
        folder = System.IO.Path.GetFullPath(folder);
        IoFailure.Write(folder, () => Directory.CreateDirectory(folder));
        TempFiles.SweepStale(folder);
        var path = TempFiles.NewPath(folder, name);
        TempFiles.Create(path, path).Dispose();
        return new ScratchFile(path);
    }

    /// <summary>Opens the file for writing from the start (exclusive while open).</summary>
    public FileStream OpenWrite() =>
        IoFailure.Write(Path, () => new FileStream(Path, FileMode.Truncate, FileAccess.Write, FileShare.None, 1 << 16));

    public void Dispose() => TempFiles.Delete(Path);
}
