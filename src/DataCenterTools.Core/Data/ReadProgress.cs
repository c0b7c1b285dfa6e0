namespace DataCenterTools.Core.Data;

/// <summary>Bytes read so far out of the file's size (compressed bytes for .gz input).</summary>
public readonly record struct ReadProgress(long BytesRead, long TotalBytes, long Rows);
