namespace DataCenterTools.Core.Tests;

/// <summary>A fresh folder under the temp path, deleted with everything in it when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dct-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    /// <summary>The path of a file in the folder; with <paramref name="text"/>, the file is written first (UTF-8 without BOM unless told).</summary>
    public string File(string name, string? text = null, System.Text.Encoding? encoding = null)
    {
        var full = System.IO.Path.Combine(Path, name);
        if (text != null) System.IO.File.WriteAllText(full, text, encoding ?? new System.Text.UTF8Encoding(false));
        return full;
    }

    public string Write(string name, string content) => File(name, content);

    public string Bytes(string name, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
