namespace DataCenterTools.Core.Tests;

/// <summary>
/// A real, tiny file system for disk-full and read-only tests: a tmpfs of a given size mounted on a fresh folder
/// (the tests run as root, as CI does), unmounted when the test ends.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    public SmallFileSystem(int kilobytes, bool readOnly = false)
    {
        Directory.CreateDirectory(Path);
        var code = ChildProcess.Exec("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k{(readOnly ? ",ro" : "")}", "tmpfs", Path);
        if (code != 0) throw new InvalidOperationException($"mount -t tmpfs failed ({code}): the disk-full and read-only tests need root.");
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dct-fs-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every file left anywhere on the file system (temp files included).</summary>
    public string[] Files() => Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order().ToArray();

    public void Dispose()
    {
        ChildProcess.Exec("umount", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
