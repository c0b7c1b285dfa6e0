namespace DataCenterTools.Core.Operations;

/// <summary>What a dataset, file, catalog name or group of files takes: on disk, in memory, as Parquet, in tokens, and how fast it grows.</summary>
public sealed record DataResourceMeasure
{
    public required string Name { get; init; }
    /// <summary>The file measured (the first one of a group), null for a Dataset that did not come from a file.</summary>
    public string? Path { get; init; }
    /// <summary>How many files the measure covers (0 for an in-memory Dataset).</summary>
    public int Files { get; init; }
    public long Rows { get; init; }
    public int Columns { get; init; }
    /// <summary>Bytes of the files as they are on disk; null for an in-memory Dataset.</summary>
    public long? DiskBytes { get; init; }
    /// <summary>The Dataset's estimated bytes in memory (typed arrays, validity bitmaps, strings).</summary>
    public long MemoryBytes { get; init; }
    /// <summary>Bytes of the data written as Parquet with the module's default compression (measured by writing a temp file); null with -SkipParquet.</summary>
    public long? ParquetBytes { get; init; }
    public IReadOnlyList<string> TextColumns { get; init; } = [];
    /// <summary>Tokens in the text columns' cells (null without text columns or with -SkipTokens).</summary>
    public long? Tokens { get; init; }
    public string? Tokenizer { get; init; }
    /// <summary>UTF-8 bytes of the text cells per token: what a training run reads per token of this text.</summary>
    public double? TextBytesPerToken { get; init; }
    public double? GrowthBytesPerDay { get; init; }
    public double? GrowthRowsPerDay { get; init; }
    /// <summary>Where the growth comes from: "catalog versions", "dataset versions", "file times"; null when unknown.</summary>
    public string? GrowthBasis { get; init; }

    public override string ToString() => $"{Name}: {Rows} rows, {DiskBytes?.ToString() ?? "-"} bytes on disk";
}
