using System.Buffers;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a Dataset as JSON Lines: one object per row, keys in column order, LF after each, UTF-8
/// without BOM (non-ASCII text is written as is, not \u-escaped). Missing cells are null; DateTime
/// is an ISO 8601 string (Z when UTC), which JsonLinesDatasetReader reads back as DateTime; a whole
/// Double is written 1.0 so it reads back as Double. JSON has no NaN or Infinity: NaN is written
/// null (it reads back missing) and ±Infinity as the strings "inf" and "-inf" (they read back as
/// ±Infinity in a column that holds numbers).
/// </summary>
public static class JsonLinesDatasetWriter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a data file, never embedded in HTML
        SkipValidation = false,
    };

    public static void Write(Dataset dataset, string path, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var file = AtomicFile.Create(path, options.Overwrite);
        var gzip = OutputFormat.IsGzip(path) ? new GZipStream(file.Stream, CompressionLevel.Optimal, leaveOpen: true) : null;
        var output = gzip ?? (Stream)file.Stream;
        var columns = dataset.Columns;
        var names = columns.Select(c => JsonEncodedText.Encode(c.Name, WriterOptions.Encoder)).ToArray();
        var progress = new WriteProgressReporter(options, dataset.RowCount);
        RowBlockWriter.Write(output, dataset.RowCount, (start, end, buffer) =>
        {
            using var json = new Utf8JsonWriter(buffer, WriterOptions);
            for (var row = start; row < end; row++)
            {
                json.WriteStartObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    json.WritePropertyName(names[c]);
                    WriteValue(json, columns[c], row);
                }
                json.WriteEndObject();
                json.Flush();
                json.Reset(); // each line is its own JSON document
                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
            }
        }, progress, options.Cancellation);
        gzip?.Dispose();
        progress.Done();
        file.Commit();
    }


    internal static void WriteValue(Utf8JsonWriter json, Column column, int row)
    {
        if (column.IsNull(row)) { json.WriteNullValue(); return; }
        switch (column)
        {
            case Int64Column c: json.WriteNumberValue(c[row]); break;
            case DoubleColumn c: WriteDouble(json, c[row]); break;
            case BooleanColumn c: json.WriteBooleanValue(c[row]); break;
            case DateTimeColumn c: json.WriteStringValue(CellParser.FormatDateTime(c[row])); break;
            case StringColumn c: json.WriteStringValue(c[row]); break;
            default: json.WriteStringValue(CellParser.Format(column.GetValue(row)!)); break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double d)
    {
        if (double.IsNaN(d)) { json.WriteNullValue(); return; }
        if (double.IsPositiveInfinity(d)) { json.WriteStringValue("inf"); return; }
        if (double.IsNegativeInfinity(d)) { json.WriteStringValue("-inf"); return; }
        // "R" text, with .0 when whole so the reader does not take it for an integer (and -0.0 keeps its sign).
        json.WriteRawValue(Encoding.ASCII.GetBytes(TextCellFormatter.FormatDouble(d)), skipInputValidation: true);
    }
}
