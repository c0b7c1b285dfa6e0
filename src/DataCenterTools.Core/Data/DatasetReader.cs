namespace DataCenterTools.Core.Data;

/// <summary>Reads any supported file into a Dataset, choosing the reader by -Format or by the file itself.</summary>
public static class DatasetReader
{
    public static Dataset Read(string path, ReadOptions options)
    {
        var format = options.Format;
        if (format == DataFormat.Auto)
        {
            using var probe = FileInput.Open(path);
            format = probe.DetectFormat();
        }
        return format switch
        {
            DataFormat.JsonLines => JsonLinesDatasetReader.Read(path, options),
            DataFormat.Parquet => ParquetDatasetReader.Read(path, options),
            _ => CsvDatasetReader.Read(path, options with { Format = format }),
        };
    }
}
