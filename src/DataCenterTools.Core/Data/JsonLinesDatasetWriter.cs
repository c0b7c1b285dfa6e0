using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

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
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // a data file, never embedded in HTML

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = Encoder,
        SkipValidation = false,
    };

    public static void Write(Dataset dataset, string path, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var file = AtomicFile.Create(path, options.Overwrite);
        var gzip = OutputFormat.IsGzip(path) ? new GZipStream(file.Stream, CompressionLevel.Optimal, leaveOpen: true) : null;
        var output = gzip ?? (Stream)file.Stream;
        var progress = new WriteProgressReporter(options, dataset.RowCount);
        RowBlockWriter.Write(output, dataset.RowCount, new RowFormatter(dataset.Columns).Format, progress, options.Cancellation);
        gzip?.Dispose();
        progress.Done();
        file.Commit();
    }

    /// <summary>Writes one cell with a Utf8JsonWriter, as <see cref="Write"/> writes it (for writers of other JSON documents).</summary>
    internal static void WriteValue(Utf8JsonWriter json, Column column, int row)
    {
        if (column.IsNull(row)) { json.WriteNullValue(); return; }
        switch (column)
        {
            case Int64Column c: json.WriteNumberValue(c[row]); break;
            case DoubleColumn c: WriteDouble(json, c[row]); break;
            case BooleanColumn c: json.WriteBooleanValue(c[row]); break;
            case DateTimeColumn c: json.WriteStringValue(CellParser.FormatDateTime(c[row])); break;
            case StringColumn c: json.WriteStringValue(c.GetSpan(row)); break;
            default: json.WriteStringValue(CellParser.Format(column.GetValue(row)!)); break;
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double d)
    {
        if (double.IsNaN(d)) { json.WriteNullValue(); return; }
        Span<byte> text = stackalloc byte[TextCellFormatter.MaxUtf8Bytes];
        var n = TextCellFormatter.FormatDouble(d, text); // "R" text, with .0 when whole so the reader does not take it for an integer
        if (double.IsInfinity(d)) json.WriteStringValue(text[..n]); // "inf" / "-inf"
        else json.WriteRawValue(text[..n], skipInputValidation: true);
    }

    /// <summary>
    /// Formats blocks of rows straight into UTF-8: the keys are encoded once, numbers and timestamps are formatted
    /// into the buffer, a dictionary-encoded string column's values are escaped once, and other strings are copied as
    /// UTF-8 when the encoder finds nothing to escape (nearly always). What needs escaping goes through a
    /// Utf8JsonWriter with the same encoder, so the bytes are those of a Utf8JsonWriter writing every cell
    /// (<see cref="WriteValue"/>), at a fraction of its per-call cost.
    /// </summary>
    private sealed class RowFormatter
    {
        private readonly Column[] _columns; // an array: the cell loop indexes it without an interface call per cell
        private readonly byte[][] _prefixes; // {"key": for the first column, ,"key": for the others
        private readonly EncodedStringCells?[] _strings;

        public RowFormatter(IReadOnlyList<Column> columns)
        {
            _columns = [.. columns];
            _prefixes = new byte[columns.Count][];
            _strings = new EncodedStringCells?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var key = JsonEncodedText.Encode(columns[c].Name, Encoder).EncodedUtf8Bytes;
                var prefix = new byte[key.Length + 4];
                prefix[0] = c == 0 ? (byte)'{' : (byte)',';
                prefix[1] = (byte)'"';
                key.CopyTo(prefix.AsSpan(2));
                prefix[^2] = (byte)'"';
                prefix[^1] = (byte)':';
                _prefixes[c] = prefix;
                if (columns[c] is StringColumn s) _strings[c] = new EncodedStringCells(s, EncodeString);
            }
        }

        // Called once per block of 16,384 rows, a few dozen times per file: left to tiering, its loop would run as
        // ReadyToRun code (which cannot inline across assemblies) and then PGO-instrumented code for most of the first
        // export in a process (the old writer: 8.5 s CPU on the first call, 4.3 s on the second). Compiled fully
        // optimized at its first call instead, with the cell formatters inlined.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Format(int start, int end, ArrayBufferWriter<byte> buffer)
        {
            var runs = new int[_columns.Length];
            var sink = new BlockSink(buffer);
            Utf8JsonWriter? escaper = null;
            try
            {
                for (var row = start; row < end; row++)
                {
                    if (_columns.Length == 0) sink.Write("{"u8);
                    for (var c = 0; c < _columns.Length; c++)
                    {
                        var prefix = _prefixes[c];
                        var column = _columns[c];
                        var span = sink.Reserve(prefix.Length + TextCellFormatter.MaxUtf8Bytes + 2);
                        prefix.CopyTo(span);
                        var value = span[prefix.Length..];
                        if (column.IsNull(row))
                        {
                            "null"u8.CopyTo(value);
                            sink.Advance(prefix.Length + 4);
                            continue;
                        }
                        switch (column)
                        {
                            case Int64Column i:
                                sink.Advance(prefix.Length + TextCellFormatter.FormatInt64(i[row], value));
                                break;
                            case DoubleColumn d:
                                sink.Advance(prefix.Length + FormatDouble(d[row], value));
                                break;
                            case BooleanColumn b:
                                var flag = b[row] ? "true"u8 : "false"u8;
                                flag.CopyTo(value);
                                sink.Advance(prefix.Length + flag.Length);
                                break;
                            case DateTimeColumn t:
                                value[0] = (byte)'"';
                                var n = 1 + TextCellFormatter.FormatDateTime(t[row], value[1..]);
                                value[n] = (byte)'"'; // ISO 8601 text has nothing to escape
                                sink.Advance(prefix.Length + n + 1);
                                break;
                            case StringColumn:
                                sink.Advance(prefix.Length);
                                if (_strings[c]!.TryGetEncoded(row, ref runs[c], out var encoded, out var text)) sink.Write(encoded);
                                else WriteString(ref sink, text, buffer, ref escaper);
                                break;
                            default:
                                sink.Advance(prefix.Length);
                                WriteString(ref sink, CellParser.Format(column.GetValue(row)!), buffer, ref escaper);
                                break;
                        }
                    }
                    sink.Write("}\n"u8);
                }
                sink.Flush();
            }
            finally { escaper?.Dispose(); }
        }

        /// <summary>A JSON number, null for NaN, or the string "inf" / "-inf"; returns the bytes written.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int FormatDouble(double d, Span<byte> destination)
        {
            if (double.IsFinite(d)) return TextCellFormatter.FormatDouble(d, destination);
            var text = double.IsNaN(d) ? "null"u8 : d > 0 ? "\"inf\""u8 : "\"-inf\""u8;
            text.CopyTo(destination);
            return text.Length;
        }

        /// <summary>The string: copied as UTF-8 when the encoder would escape nothing, else through a Utf8JsonWriter.</summary>
        private static void WriteString(ref BlockSink sink, ReadOnlySpan<char> text, ArrayBufferWriter<byte> buffer, ref Utf8JsonWriter? escaper)
        {
            var span = sink.Reserve(2 + text.Length * 3); // UTF-8 takes at most 3 bytes per UTF-16 unit
            var body = span[1..];
            if (Utf8.FromUtf16(text, body, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                && Encoder.FindFirstCharacterToEncodeUtf8(body[..written]) < 0)
            {
                span[0] = (byte)'"';
                body[written] = (byte)'"';
                sink.Advance(written + 2);
                return;
            }
            sink.Flush();
            escaper ??= new Utf8JsonWriter(buffer, WriterOptions);
            escaper.WriteStringValue(text);
            escaper.Flush();
            escaper.Reset(); // each value is a document of its own: no separator before the next
        }

        private static byte[] EncodeString(string value)
        {
            var bytes = new ArrayBufferWriter<byte>(value.Length + 2);
            using (var json = new Utf8JsonWriter(bytes, WriterOptions)) json.WriteStringValue(value);
            return bytes.WrittenSpan.ToArray();
        }
    }
}
