using System.IO.Compression;
using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a Dataset as RFC 4180 delimited text: a header row, UTF-8 without BOM, LF line ends,
/// fields quoted when they hold the delimiter, a quote, CR or LF (quotes doubled). Missing cells are
/// empty. Values are written so CsvDatasetReader reads them back as the same values and types,
/// with the limits of the format itself: an empty string and a missing cell look the same, text
/// such as "42" or "NA" reads back as a number or missing, NaN is written "NaN" (a NaN value again,
/// or missing under -NonFinite Missing), and a column with no values at all reads back as String.
/// </summary>
public static class CsvDatasetWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(false);

    public static void Write(Dataset dataset, string path, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var delimiter = options.Delimiter ?? (IsTabSeparated(path, options.Format) ? '\t' : ',');
        if (delimiter is '"' or '\r' or '\n')
            throw new DataException("InvalidDelimiter", DataErrorKind.InvalidArgument,
                $"'{Escape(delimiter)}' cannot be a field delimiter.", "Use , ; | or tab.", path);

        var escape = dataset.Columns.Select(c => (options.EscapeFormula ?? false) && c.Type == ColumnType.String
            && !(options.FormulaSafeColumns?.Contains(c.Name) ?? false)).ToArray();
        using var file = AtomicFile.Create(path, options.Overwrite);
        var gzip = OutputFormat.IsGzip(path) ? new GZipStream(file.Stream, CompressionLevel.Optimal, leaveOpen: true) : null;
        var output = gzip ?? (Stream)file.Stream;
        var columns = dataset.Columns;
        using (var header = new StreamWriter(output, Utf8NoBom, 1 << 16, leaveOpen: true))
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) header.Write(delimiter);
                WriteField(header, columns[c].Name, delimiter);
            }
            header.Write('\n');
        }
        var progress = new WriteProgressReporter(options, dataset.RowCount);
        RowBlockWriter.Write(output, dataset.RowCount, (start, end, buffer) =>
        {
            using var bytes = new BufferWriterStream(buffer);
            using var writer = new StreamWriter(bytes, Utf8NoBom, 1 << 16);
            for (var row = start; row < end; row++)
            {
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0) writer.Write(delimiter);
                    var text = TextCellFormatter.Format(columns[c], row);
                    if (escape[c]) text = FormulaEscaping.Escape(text);
                    if (text != null) WriteField(writer, text, delimiter);
                }
                writer.Write('\n');
            }
        }, progress, options.Cancellation);
        progress.Done();
        gzip?.Dispose();
        file.Commit();
    }

    private static bool IsTabSeparated(string path, DataFormat format)
    {
        if (format == DataFormat.Tsv) return true;
        if (format != DataFormat.Auto) return false;
        var name = OutputFormat.IsGzip(path) ? path[..^3] : path;
        var ext = Path.GetExtension(name);
        return ext.Equals(".tsv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".tab", StringComparison.OrdinalIgnoreCase);
    }

    private static void WriteField(StreamWriter writer, string text, char delimiter)
    {
        var span = text.AsSpan();
        if (span.IndexOfAny(delimiter, '"', '\r') < 0 && span.IndexOf('\n') < 0)
        {
            writer.Write(span);
            return;
        }
        writer.Write('"');
        foreach (var ch in span)
        {
            if (ch == '"') writer.Write('"');
            writer.Write(ch);
        }
        writer.Write('"');
    }

    private static string Escape(char c) => c switch { '\r' => "\\r", '\n' => "\\n", _ => c.ToString() };
}
