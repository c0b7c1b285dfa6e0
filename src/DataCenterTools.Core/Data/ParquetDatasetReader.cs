using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Reads a Parquet file into a typed Dataset with ParquetSharp (Apache Arrow's C++ Parquet reader),
/// decoding the columns of each batch in parallel on Arrow's threads and copying each batch into the
/// Dataset's arrays in parallel on ours. Signed and unsigned integers → Int64 (a UINT64 column with a
/// value above Int64.MaxValue → String, exactly); float, double, decimal → Double; boolean → Boolean;
/// timestamps and dates → DateTime (Kind Utc when the timestamp is isAdjustedToUTC, else Unspecified);
/// strings → String (dictionary-encoded when the file's pages are, else one character buffer); binary →
/// base64 String; time and duration → their invariant text. Nested columns (lists, structs, maps) and
/// types with no column type (intervals) are left out with a warning. -Schema and -NullValues do not
/// apply: Parquet carries its own types and nulls.
/// <para>
/// A damaged or hostile file is a <c>DataCenterTools.ParquetInvalid</c> error naming the file, never a
/// native or System.* error: the footer is checked here before the native reader sees it (magic bytes at
/// both ends, a footer length that fits the file), the row count must fit a Dataset, arrays grow only as
/// decoded values arrive (an absurd row count in a small file cannot allocate memory up front), and the
/// rows decoded must add up to the rows the footer declares.
/// </para>
/// </summary>
public static class ParquetDatasetReader
{
    /// <summary>Rows per batch the native reader decodes at a time: small enough that its buffers stay a few MB.</summary>
    internal const int BatchRows = 64 * 1024;

    /// <summary>Bytes of a column chunk read at a time per column (pages larger than this are still read whole).</summary>
    private const int ReadBufferBytes = 1 << 20;

    public static Dataset Read(string path, ReadOptions options)
    {
        var clock = Stopwatch.StartNew();
        using var input = FileInput.Open(path);
        var full = input.Path;
        var size = input.Size;
        if (input.IsGzip)
            throw Invalid(full, "it is gzip-compressed; Parquet files are read uncompressed.", "Decompress it first (gunzip).");
        CheckFooter(full, size, input.Head);
        input.StartHash();

        var warnings = new List<string>();
        Column[] columns;
        long rows;
        int groups;
        try
        {
            (columns, rows, groups) = ReadColumns(full, size, options, warnings);
        }
        catch (ParquetException e)
        {
            throw Invalid(full, NativeMessage(e), "Check that the file was copied completely and was written by a Parquet writer.", e);
        }
        // Whatever else a damaged file provokes (the native reader's checks surface as exceptions of many kinds) is the file's fault, said as such.
        catch (Exception e) when (e is not DataException and not OperationCanceledException)
        {
            throw Invalid(full, $"its metadata or pages are inconsistent ({e.GetType().Name}: {e.Message})",
                "Check that the file was copied completely and was written by a Parquet writer.", e);
        }
        var sha = input.FinishHash();
        options.Progress?.Invoke(new ReadProgress(size, size, rows));
        foreach (var w in warnings) options.Warning?.Invoke(w);

        var parameters = new Dictionary<string, string>
        {
            ["Path"] = full,
            ["Format"] = "Parquet",
            ["Rows"] = rows.ToString(CultureInfo.InvariantCulture),
            ["RowGroups"] = groups.ToString(CultureInfo.InvariantCulture),
            ["Seconds"] = clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        };
        var source = new DataSource(full, "Parquet", size, sha);
        return new Dataset(options.Name ?? DatasetNames.FromPath(full), columns, source, [new LineageEntry("Import-Dataset", parameters)]);
    }

    /// <summary>Rows and top-level columns the footer declares, without reading any data (for inventories).</summary>
    public static (long Rows, int Columns) ReadShape(string path)
    {
        var full = Path.GetFullPath(path);
        byte[] head;
        long size;
        using (var input = FileInput.Open(full)) { head = input.Head; size = input.Size; }
        CheckFooter(full, size, head);
        try
        {
            using var reader = new ParquetFileReader(full);
            var metadata = reader.FileMetaData; // owned by the reader
            return (metadata.NumRows, metadata.Schema.GroupNode.Fields.Length);
        }
        catch (ParquetException e)
        {
            throw Invalid(full, NativeMessage(e), "Check that the file was copied completely and was written by a Parquet writer.", e);
        }
    }

    private static DataException Invalid(string path, string why, string what, Exception? inner = null) =>
        new("ParquetInvalid", DataErrorKind.InvalidData, $"'{path}' cannot be read as Parquet: {why}", what, path, inner: inner);

    // The native reader's messages name the failing check; drop the exception class prefix and any trailing detail lines.
    private static string NativeMessage(ParquetException e)
    {
        var text = e.Message.Split('\n')[0].Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    /// <summary>
    /// A Parquet file is PAR1, the pages, the footer (Thrift), the footer's length (4 bytes, little-endian)
    /// and PAR1 again. Checking both magics and that the footer fits tells a truncated or foreign file
    /// apart before the native reader sees it.
    /// </summary>
    private static void CheckFooter(string path, long size, byte[] head)
    {
        if (head.Length < 4 || !head.AsSpan(0, 4).SequenceEqual("PAR1"u8))
            throw Invalid(path, "it does not start with the Parquet magic bytes PAR1.", "Check the file, or give {option:Format} Csv or JsonLines.");
        if (size < 12)
            throw Invalid(path, $"it is only {size} bytes long, too short for a Parquet footer.", "The file is truncated: copy it again from its source.");
        Span<byte> tail = stackalloc byte[8];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(tail);
        }
        if (!tail[4..].SequenceEqual("PAR1"u8))
            throw Invalid(path, "it does not end with the Parquet magic bytes PAR1, so its footer is missing: the file is truncated or still being written.",
                "Copy the file again from its source, or wait until the program writing it has finished.");
        var footer = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail);
        if (footer == 0 || footer > size - 12)
            throw Invalid(path, $"its footer claims {footer:N0} bytes but the file holds only {size:N0} bytes.",
                "The file is damaged: copy it again from its source.");
    }

    private static (Column[], long, int) ReadColumns(string path, long size, ReadOptions options, List<string> warnings)
    {
        using var readerProperties = ReaderProperties.WithMemoryPool(ParquetMemoryPool.Shared);
        // Pages that carry a CRC (ours do) are checked: a damaged copy is an error, not wrong values.
        readerProperties.EnablePageChecksumVerification();
        // Column chunks are read a buffer at a time, not whole and not all of a row group up front (Arrow's pre-buffering
        // holds every selected chunk of the row group at once: the whole compressed file for a single-row-group file).
        readerProperties.EnableBufferedStream();
        readerProperties.BufferSize = ReadBufferBytes;
        using var arrowProperties = ArrowReaderProperties.GetDefault();
        arrowProperties.UseThreads = options.MaxDegreeOfParallelism > 1;
        arrowProperties.BatchSize = BatchRows;
        arrowProperties.PreBuffer = false;
        using var reader = new ParquetSharp.Arrow.FileReader(path, readerProperties, arrowProperties);
        var parquet = reader.ParquetReader;
        var metadata = parquet.FileMetaData; // owned by the reader
        var total = metadata.NumRows;
        var groups = metadata.NumRowGroups;
        if (total < 0)
            throw Invalid(path, $"its footer declares {total} rows.", "The file is damaged: copy it again from its source.");
        if (total > int.MaxValue)
            throw new DataException("DatasetTooLarge", DataErrorKind.NotSupported, $"'{path}' has {total:N0} rows; a Dataset holds at most {int.MaxValue:N0}.",
                "Split the file, or read selected row ranges with another tool first.", path);

        var fields = SelectFields(reader.SchemaManifest, options, path, warnings);
        if (fields.Count > options.Limits.MaxColumns) throw options.Limits.TooManyColumns(path, fields.Count, null);
        if (total * fields.Count > options.Limits.MaxCells) throw options.Limits.TooManyCells(path, total, fields.Count, null);
        // Ask for dictionaries where the file's pages are dictionary-encoded: Arrow then hands over the codes instead of a string per row.
        var dictionaryPages = groups > 0 ? DictionaryEncodedColumns(parquet, fields) : new HashSet<int>();
        foreach (var f in fields)
            if (dictionaryPages.Contains(f.ColumnIndex)) arrowProperties.SetReadDictionary(f.ColumnIndex, true);
        var schema = metadata.Schema;
        var sinks = fields.Select(f => new ParquetColumnSink(f.Field, (int)total, size,
            f.Field.DataType is StringType or LargeStringType ? EstimatedChars(parquet, f.ColumnIndex, total) : 0,
            dictionaryPages.Contains(f.ColumnIndex), IsUuid(schema, f.ColumnIndex))).ToArray();

        var offset = 0;
        if (groups > 0 && sinks.Length > 0)
        {
            // A reader made after the properties were set; the first one only served the metadata.
            using var dataReader = new ParquetSharp.Arrow.FileReader(path, readerProperties, arrowProperties);
            using var batches = dataReader.GetRecordBatchReader(null, fields.Select(f => f.ColumnIndex).ToArray());
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism), CancellationToken = options.Cancellation };
            // The next batch is decoded (natively, on Arrow's threads) while this one is copied (on ours): a core left
            // idle by a column that decodes or copies slower than the others picks up the other stage's work.
            var next = ReadBatch(batches, options.Cancellation);
            try
            {
                while (true)
                {
                    options.Cancellation.ThrowIfCancellationRequested();
                    using var batch = next.GetAwaiter().GetResult();
                    if (batch == null) break;
                    next = ReadBatch(batches, options.Cancellation);
                    if ((long)offset + batch.Length > total)
                        throw Invalid(path, $"its pages hold more rows than the {total:N0} its footer declares.", "The file is damaged: copy it again from its source.");
                    var at = offset;
                    try { Parallel.For(0, sinks.Length, parallel, c => sinks[c].Append(batch.Column(c), at)); }
                    catch (AggregateException e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); }
                    offset += batch.Length;
                    options.Progress?.Invoke(new ReadProgress(size * offset / Math.Max(1, total), size, offset));
                }
            }
            finally
            {
                // A batch still being decoded when a copy failed: wait for it, so the reader is not disposed under it.
                try { next.GetAwaiter().GetResult()?.Dispose(); }
                catch (Exception e) when (e is not OutOfMemoryException) { }
            }
        }
        if (sinks.Length > 0 && offset != total)
            throw Invalid(path, $"its footer declares {total:N0} rows but its row groups hold {offset:N0}.", "The file is truncated or damaged: copy it again from its source.");
        foreach (var s in sinks) if (s.Warning != null) warnings.Add($"Column '{s.Name}' of '{path}': {s.Warning}");
        return (sinks.Select(s => s.Build(offset)).ToArray(), sinks.Length > 0 ? offset : total, groups);
    }

    private static Task<RecordBatch?> ReadBatch(IArrowArrayStream batches, CancellationToken cancel) =>
        Task.Run<RecordBatch?>(async () => await batches.ReadNextRecordBatchAsync(cancel).ConfigureAwait(false), cancel);

    private sealed record LeafField(Field Field, int ColumnIndex);

    private static List<LeafField> SelectFields(SchemaManifest manifest, ReadOptions options, string path, List<string> warnings)
    {
        var flat = new List<LeafField>();
        foreach (var field in manifest.SchemaFields)
        {
            if (field.Children.Count > 0 || field.ColumnIndex < 0)
                warnings.Add($"Column '{field.Field.Name}' of '{path}' is nested ({field.Field.DataType.Name}); it was left out.");
            else if (!ParquetColumnSink.Supports(field.Field.DataType))
                warnings.Add($"Column '{field.Field.Name}' of '{path}' has the type {field.Field.DataType.Name}, which no column type holds; it was left out.");
            else flat.Add(new LeafField(field.Field, field.ColumnIndex));
        }
        if (options.Columns is not { Count: > 0 } wanted) return flat;
        return wanted.Select(name =>
            flat.FirstOrDefault(f => string.Equals(f.Field.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                $"'{path}' has no column '{name}' (columns: {string.Join(", ", manifest.SchemaFields.Select(f => f.Field.Name))}).",
                "Check the spelling of {option:Column} (nested columns cannot be selected).", path, column: name)).ToList();
    }

    private static HashSet<int> DictionaryEncodedColumns(ParquetFileReader parquet, List<LeafField> fields)
    {
        var result = new HashSet<int>();
        using var group = parquet.RowGroup(0);
        var metadata = group.MetaData;
        foreach (var f in fields)
        {
            if (f.Field.DataType is not (StringType or LargeStringType)) continue;
            using var chunk = metadata.GetColumnChunkMetaData(f.ColumnIndex);
            if (chunk.Encodings.Any(e => e is ParquetSharp.Encoding.RleDictionary or ParquetSharp.Encoding.PlainDictionary)) result.Add(f.ColumnIndex);
        }
        return result;
    }

    private static bool IsUuid(SchemaDescriptor schema, int column)
    {
        var descriptor = schema.Column(column);
        using var logical = descriptor.LogicalType;
        return logical.Type == LogicalTypeEnum.Uuid;
    }

    // Plain BYTE_ARRAY pages hold a 4-byte length and the UTF-8 bytes per value: a fair guess at the characters to expect.
    private static long EstimatedChars(ParquetFileReader parquet, int column, long rows)
    {
        long bytes = 0;
        for (var g = 0; g < parquet.FileMetaData.NumRowGroups; g++)
        {
            using var group = parquet.RowGroup(g);
            using var chunk = group.MetaData.GetColumnChunkMetaData(column);
            bytes += Math.Max(0, chunk.TotalUncompressedSize);
        }
        return Math.Max(0, bytes - 4 * rows);
    }
}
