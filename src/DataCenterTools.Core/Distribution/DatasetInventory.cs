using System.IO.Compression;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Distribution;

/// <summary>One data file found by Get-DatasetInventory.</summary>
public sealed record DatasetFileInfo
{
    public required string Path { get; init; }
    public string Name => System.IO.Path.GetFileName(Path);
    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? "";
    /// <summary>Csv, Tsv, JsonLines or Parquet.</summary>
    public required string Format { get; init; }
    public bool Compressed { get; init; }
    public long Length { get; init; }
    /// <summary>Data rows: a newline count (less the header) for text formats, the footer's row count for Parquet.</summary>
    public long RowCount { get; init; }
    /// <summary>True when a text file holds quotes, so a quoted field may span lines and the newline count may overstate the rows.</summary>
    public bool RowCountIsApproximate { get; init; }
    public int ColumnCount { get; init; }
    public DateTime LastWriteTime { get; init; }
    public string? Owner { get; init; }
}

/// <summary>The totals of one group of inventoried files.</summary>
public sealed record DatasetInventoryGroup(string GroupBy, string Name, int Files, long Length, long RowCount, IReadOnlyList<DatasetFileInfo> Group);

/// <summary>
/// Lists the data files under folders with their format, size, rows and columns, without loading them:
/// text files are scanned once for newlines (gzip decompressed on the fly), Parquet files are read
/// from their footer metadata only.
/// </summary>
public static class DatasetInventory
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".jsonl", ".ndjson", ".parquet"];

    /// <summary>The data format a file name says (Csv, Tsv, JsonLines, Parquet) and whether it ends in .gz; null for other files.</summary>
    public static (string Format, bool Compressed)? FormatOf(string path)
    {
        var name = System.IO.Path.GetFileName(path).ToLowerInvariant();
        var compressed = name.EndsWith(".gz", StringComparison.Ordinal);
        if (compressed) name = name[..^3];
        var extension = System.IO.Path.GetExtension(name);
        if (!Extensions.Contains(extension)) return null;
        var format = extension switch { ".csv" => "Csv", ".tsv" => "Tsv", ".parquet" => "Parquet", _ => "JsonLines" };
        return (format, compressed);
    }

    /// <summary>The data files in <paramref name="folder"/> (and below it with <paramref name="recurse"/>), in path order.</summary>
    public static IEnumerable<string> FindFiles(string folder, bool recurse) =>
        System.IO.Directory.EnumerateFiles(folder, "*", recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => FormatOf(f) != null)
            .Order(StringComparer.Ordinal);

    /// <summary>Describes one data file; <paramref name="owner"/> looks up its owner (null when unknown).</summary>
    public static DatasetFileInfo Describe(string path, string? owner = null, CancellationToken cancellation = default)
    {
        var (format, compressed) = FormatOf(path) ?? throw new DataException("NotADataFile", DataErrorKind.InvalidArgument,
            $"'{path}' is not a data file (csv, tsv, jsonl, parquet, optionally .gz).", "Give a folder or a data file.", path);
        var info = new FileInfo(path);
        long rows;
        int columns;
        var approximate = false;
        try
        {
            if (format == "Parquet")
            {
                if (compressed) throw new DataException("ParquetInvalid", DataErrorKind.InvalidData, $"'{path}' is gzip-compressed Parquet, which cannot be read without decompressing it.", "Decompress it first (gunzip).", path);
                (rows, columns) = ParquetDatasetReader.ReadShape(path);
            }
            else (rows, columns, approximate) = TextShape(path, format, compressed, cancellation);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException and not FileNotFoundException)
        {
            throw new DataException("InventoryUnreadable", DataErrorKind.ReadError, $"'{path}' cannot be read as {format}{(compressed ? " (gzip)" : "")}: {e.Message}",
                "Check that the file was copied completely.", path, inner: e);
        }
        return new DatasetFileInfo
        {
            Path = info.FullName,
            Format = format,
            Compressed = compressed,
            Length = info.Length,
            RowCount = rows,
            RowCountIsApproximate = approximate,
            ColumnCount = columns,
            LastWriteTime = info.LastWriteTime,
            Owner = owner,
        };
    }

    /// <summary>Counts newlines (and whether any quote occurs) in one pass; columns from the header or first JSON object.</summary>
    private static (long Rows, int Columns, bool Approximate) TextShape(string path, string format, bool compressed, CancellationToken cancellation)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using Stream content = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        var buffer = new byte[1 << 16];
        var firstLine = new List<byte>();
        var firstLineDone = false;
        long newlines = 0, nonEmptyLines = 0;
        var sawQuote = false;
        var lineHasContent = false;
        byte last = (byte)'\n';
        int read;
        while ((read = content.Read(buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            var span = buffer.AsSpan(0, read);
            if (!sawQuote && span.Contains((byte)'"')) sawQuote = true;
            foreach (var b in span)
            {
                if (b == '\n')
                {
                    newlines++;
                    if (lineHasContent) nonEmptyLines++;
                    lineHasContent = false;
                    firstLineDone = true;
                }
                else
                {
                    if (b != '\r') lineHasContent = true;
                    if (!firstLineDone && firstLine.Count < 1 << 20) firstLine.Add(b);
                }
            }
            last = span[^1];
        }
        if (last != '\n') { newlines++; if (lineHasContent) nonEmptyLines++; }
        var header = System.Text.Encoding.UTF8.GetString(firstLine.ToArray()).TrimStart('\uFEFF').TrimEnd('\r');
        if (format == "JsonLines")
        {
            using var first = header.Length == 0 ? null : JsonDocument.Parse(header);
            var columns = first?.RootElement.ValueKind == JsonValueKind.Object ? first.RootElement.EnumerateObject().Count() : 0;
            return (nonEmptyLines, columns, false);
        }
        var delimiter = format == "Tsv" ? '\t' : ',';
        return (Math.Max(0, newlines - 1), header.Length == 0 ? 0 : CountFields(header, delimiter), sawQuote && format != "JsonLines");
    }

    /// <summary>The number of fields in a header line, ignoring delimiters inside double quotes.</summary>
    private static int CountFields(string line, char delimiter)
    {
        var fields = 1;
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == delimiter && !quoted) fields++;
        }
        return fields;
    }

    /// <summary>Totals per Format, Directory or Owner.</summary>
    public static IReadOnlyList<DatasetInventoryGroup> Summarize(IEnumerable<DatasetFileInfo> files, string groupBy)
    {
        Func<DatasetFileInfo, string> key = groupBy.ToLowerInvariant() switch
        {
            "format" => f => f.Format + (f.Compressed ? " (gz)" : ""),
            "directory" => f => f.Directory,
            "owner" => f => f.Owner ?? "(unknown)",
            _ => throw new DataException("InvalidGroupBy", DataErrorKind.InvalidArgument, $"Cannot group the inventory by '{groupBy}'.", "Use Format, Directory or Owner."),
        };
        var label = char.ToUpperInvariant(groupBy[0]) + groupBy[1..].ToLowerInvariant();
        return files.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DatasetInventoryGroup(label, g.Key, g.Count(), g.Sum(f => f.Length), g.Sum(f => f.RowCount), g.ToArray()))
            .ToArray();
    }
}
