namespace DataCenterTools.Core.Management;

/// <summary>One snapshot of a backup repository. Host, User, Files and sizes are known only when its manifest was read (with the key).</summary>
public sealed record BackupSnapshot
{
    public required string Id { get; init; }
    public required DateTime TimeUtc { get; init; }
    public string? Host { get; init; }
    public string? User { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<StoredFile>? Files { get; init; }
    public long? TotalBytes => Files?.Sum(f => f.Size);
    public int? FileCount => Files?.Count;

    /// <summary>Chunks and bytes this backup added to the repository; not kept in the manifest.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public int NewChunks { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public long NewBytes { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public string? Repository { get; init; }

    public override string ToString() => $"{Id} {TimeUtc:u}";
}
