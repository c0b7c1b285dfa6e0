namespace DataCenterTools.Core.Management;

/// <summary>One saved version of a named dataset (its manifest).</summary>
public sealed record DatasetVersionInfo
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required DateTime TimeUtc { get; init; }
    public required string User { get; init; }
    public required string Host { get; init; }
    public string? Message { get; init; }
    public required string DatasetName { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public required IReadOnlyList<VersionColumn> Schema { get; init; }
    public required StoredFile File { get; init; }

    /// <summary>Chunks and bytes this save added to the store (0 when every chunk was already there); not kept in the manifest.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public int NewChunks { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public long NewBytes { get; init; }

    public override string ToString() => $"{Name} v{Version}";
}
