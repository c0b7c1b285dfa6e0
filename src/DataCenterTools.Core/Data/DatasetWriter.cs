namespace DataCenterTools.Core.Data;

/// <summary>Writes a Dataset to any supported format, chosen by -Format or by the path's extension.</summary>
public static class DatasetWriter
{
    /// <summary>Writes through <see cref="AtomicFile"/>; a failed write (disk full, read-only) is a DataException and leaves nothing behind.</summary>
    public static void Write(Dataset dataset, string path, WriteOptions options) =>
        IoFailure.Write(Path.GetFullPath(path), () => WriteFormat(dataset, path, options));

    private static void WriteFormat(Dataset dataset, string path, WriteOptions options)
    {
        var format = OutputFormat.Resolve(path, options.Format);
        if (options.Compression != null && format != DataFormat.Parquet)
            throw new DataException("CompressionNotSupported", DataErrorKind.InvalidArgument,
                $"{{option:Compression}} applies to Parquet output; '{path}' is written as {format}.",
                "Drop {option:Compression}, or end the path in .gz to gzip-compress text output.", path);
        switch (format)
        {
            case DataFormat.JsonLines: JsonLinesDatasetWriter.Write(dataset, path, options); break;
            case DataFormat.Parquet: ParquetDatasetWriter.Write(dataset, path, options); break;
            default: CsvDatasetWriter.Write(dataset, path, options with { Format = format }); break;
        }
    }
}
