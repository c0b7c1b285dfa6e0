namespace DataCenterTools.Core.Data;

/// <summary>Where a dataset was read from: the file, its format, size and SHA-256 (hex) at read time.</summary>
public sealed record DataSource(string Path, string Format, long Size, string Sha256)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)} ({Format})";
}
