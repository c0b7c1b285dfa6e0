namespace DataCenterTools.Core.Data;

/// <summary>Reads any supported file into a Dataset, choosing the reader by -Format or by the file itself.</summary>
public static class DatasetReader
{
    public static Dataset Read(string path, ReadOptions options)
    {
        var format = ResolveFormat(path, options.Format);
        if (options.Header != null && format is DataFormat.JsonLines or DataFormat.Parquet)
            throw new DataException("OptionNotApplicable", DataErrorKind.InvalidArgument,
                $"{{option:Header}} names the columns of a delimited file, and '{path}' is {format}, whose columns are named in the file.",
                "Leave out {option:Header} for this file (rename columns afterwards), or give {option:Format} Csv if it is delimited text.", path);
        return format switch
        {
            DataFormat.JsonLines => JsonLinesDatasetReader.Read(path, options),
            DataFormat.Parquet => ParquetDatasetReader.Read(path, options),
            _ => CsvDatasetReader.Read(path, options with { Format = format }),
        };
    }

    /// <summary>The requested format, or with Auto the one the file's name and first bytes show.</summary>
    public static DataFormat ResolveFormat(string path, DataFormat requested)
    {
        if (requested != DataFormat.Auto) return requested;
        using var probe = FileInput.Open(path);
        return probe.DetectFormat();
    }

    /// <summary>Whether the file is delimited text (CSV, TSV), which <see cref="CsvDatasetReader.ReadChunks"/> can stream.</summary>
    public static bool IsDelimitedText(string path, DataFormat requested = DataFormat.Auto) =>
        ResolveFormat(path, requested) is DataFormat.Csv or DataFormat.Tsv;
}
