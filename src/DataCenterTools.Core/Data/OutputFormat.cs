namespace DataCenterTools.Core.Data;

/// <summary>Decides an output file's format and compression from -Format and the path's extension.</summary>
public static class OutputFormat
{
    public const string KnownExtensions = ".csv, .tsv, .jsonl, .ndjson, .parquet (and .csv.gz, .tsv.gz, .jsonl.gz, .ndjson.gz)";

    /// <summary>True when the path ends in .gz: the text written is gzip-compressed.</summary>
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The format to write: the requested one, or for Auto the one the extension (before any .gz) names.</summary>
    public static DataFormat Resolve(string path, DataFormat requested)
    {
        var gzip = IsGzip(path);
        var format = requested;
        if (format == DataFormat.Auto)
        {
            var ext = Path.GetExtension(gzip ? path[..^3] : path).ToLowerInvariant();
            format = ext switch
            {
                ".csv" => DataFormat.Csv,
                ".tsv" or ".tab" => DataFormat.Tsv,
                ".jsonl" or ".ndjson" => DataFormat.JsonLines,
                ".parquet" => DataFormat.Parquet,
                _ => throw new DataException("UnknownFormat", DataErrorKind.InvalidArgument,
                    $"Cannot tell which format to write from the extension of '{path}'. Known extensions: {KnownExtensions}.",
                    "Use one of those extensions, or give {option:Format} Csv, Tsv, JsonLines or Parquet.", path),
            };
        }
        // Parquet compresses its pages itself; a gzip wrapper would make it unreadable to other tools.
        if (format == DataFormat.Parquet && gzip)
            throw new DataException("FormatNotSupported", DataErrorKind.NotSupported,
                $"'{path}': Parquet files cannot be gzip-wrapped (Parquet compresses its data internally).",
                "Drop the .gz suffix.", path);
        return format;
    }
}
