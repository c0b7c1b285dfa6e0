using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;
using ArrowSchema = Apache.Arrow.Schema;
using Field = Apache.Arrow.Field;
using TimeUnit = Apache.Arrow.Types.TimeUnit;
using Encoding = System.Text.Encoding;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a Dataset as Parquet with ParquetSharp (Apache Arrow's C++ Parquet writer; chosen over
/// Parquet.Net by the Parquet suite in bench/RESULTS.md). Int64 → INT64, Double → DOUBLE, Boolean →
/// BOOLEAN, String → UTF-8 string, DateTime → TIMESTAMP; every column nullable. A DateTime column whose
/// values are all UTC is written isAdjustedToUTC=true and reads back as UTC; any other column is written
/// as wall-clock time (isAdjustedToUTC=false) and reads back Unspecified, so a column mixing UTC and
/// unspecified values loses the UTC marks. Timestamps are microseconds (what Spark, Trino and DuckDB all
/// read) unless a value has sub-microsecond ticks, then nanoseconds.
/// <para>
/// Encoding is explicit: a dictionary-encoded String column is written with its own dictionary (no
/// hashing, and readers see dictionary-encoded pages); other columns are written plain (a dictionary of
/// unique values would only cost time), except a text column kept as one buffer whose values repeat (at most
/// <see cref="MaxWrittenDictionary"/> distinct values and at most one per eight rows, such as host names): it is
/// dictionary-encoded here, counted up to that bound, so it is written and read as codes, not a string per row.
/// Min/max/null-count statistics are written for every column, and
/// each page carries a CRC32 that the reader checks.
/// Pages are compressed with <see cref="WriteOptions.Compression"/> (default
/// <see cref="DefaultCompression"/>). Each row group of <see cref="RowGroupRows"/> rows is encoded, its
/// columns in parallel, and written as soon as it is complete; the columns' own arrays are handed to the
/// native writer without a copy.
/// </para>
/// </summary>
public static class ParquetDatasetWriter
{
    public const int RowGroupRows = 1 << 20;

    /// <summary>zstd (level 1): files about a third smaller than Snappy's at about the same speed in the Parquet suite, and read by Spark, Trino, DuckDB and polars.</summary>
    public const ParquetCompression DefaultCompression = ParquetCompression.Zstd;

    /// <summary>The most distinct values a buffered text column may hold to be written with a dictionary.</summary>
    public const int MaxWrittenDictionary = 16_384;

    public static void Write(Dataset dataset, string path, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (OutputFormat.IsGzip(path)) OutputFormat.Resolve(path, DataFormat.Parquet); // throws the clear error
        if (dataset.ColumnCount == 0)
            throw new DataException("NoColumns", DataErrorKind.InvalidArgument,
                $"The dataset '{dataset.Name}' has no columns; a Parquet file needs at least one.", "Select some columns first.", path);
        var columns = dataset.Columns.Select(ColumnPlan.For).ToArray();
        var schema = new ArrowSchema(columns.Select(c => c.Field), null);
        using var file = AtomicFile.Create(path, options.Overwrite);
        var progress = new WriteProgressReporter(options, dataset.RowCount);
        // The native writer reports a failed write (disk full, read-only) as a ParquetException carrying only its text;
        // the stream keeps the IOException itself so the error can say what happened (IoFailure).
        var sink = new WriteFailureStream(file.Stream);
        try
        {
            using var properties = WriterPropertiesFor(columns, options.Compression ?? DefaultCompression);
            using var arrowProperties = new ArrowWriterPropertiesBuilder().UseThreads(true).Build();
            using var writer = new FileWriter(sink, schema, properties, arrowProperties, leaveOpen: true);
            for (var start = 0; start < dataset.RowCount || start == 0; start += RowGroupRows)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var count = Math.Min(RowGroupRows, dataset.RowCount - start);
                using var batch = new RecordBatch(schema, columns.Select(c => c.Slice(start, count)).ToArray(), count);
                writer.NewBufferedRowGroup();
                writer.WriteBufferedRecordBatch(batch);
                progress.Rows(start + count);
                if (dataset.RowCount == 0) break;
            }
            writer.Close();
        }
        catch (ParquetException) when (sink.Failure != null) { throw IoFailure.ForWrite(sink.Failure, file.Path); }
        catch (ParquetException e)
        {
            throw new DataException("ParquetWriteFailed", DataErrorKind.WriteError, $"Writing '{file.Path}' as Parquet failed: {e.Message.Split('\n')[0]}",
                "Nothing was written there. Check the dataset's values and the disk, then run the command again.", file.Path, inner: e);
        }
        progress.Done();
        file.Commit();
    }

    private static WriterProperties WriterPropertiesFor(ColumnPlan[] columns, ParquetCompression compression)
    {
        var builder = new WriterPropertiesBuilder()
            .Compression(compression switch
            {
                ParquetCompression.Snappy => Compression.Snappy,
                ParquetCompression.Gzip => Compression.Gzip,
                ParquetCompression.None => Compression.Uncompressed,
                _ => Compression.Zstd,
            })
            .EnableStatistics()
            // A CRC32 per page: a flipped bit in a copy is an error on read, never a wrong value.
            .EnablePageChecksum()
            .MaxRowGroupLength(RowGroupRows)
            .MemoryPool(ParquetMemoryPool.Shared)
            .CreatedBy("DataCenterTools (parquet-cpp-arrow via ParquetSharp)");
        if (compression == ParquetCompression.Zstd) builder.CompressionLevel(1);
        builder.DisableDictionary();
        foreach (var c in columns)
            if (c.Dictionary) builder.EnableDictionary(c.Field.Name);
        return builder.Build();
    }

    /// <summary>How one column becomes Arrow arrays, one slice per row group.</summary>
    private sealed class ColumnPlan
    {
        private readonly Column _column;
        private readonly StringArray? _dictionary;
        private readonly int[]? _codes; // a buffered text column's codes into _dictionary; null: the column's own codes

        private ColumnPlan(Column column, IArrowType type, StringArray? dictionary = null, int[]? codes = null)
        {
            _column = column;
            _dictionary = dictionary;
            _codes = codes;
            Dictionary = dictionary != null;
            Field = new Field(column.Name, dictionary != null ? new DictionaryType(Int32Type.Default, StringType.Default, false) : type, true, null);
        }

        public Field Field { get; }
        public bool Dictionary { get; }

        public static ColumnPlan For(Column column) => column switch
        {
            Int64Column => new ColumnPlan(column, Int64Type.Default),
            DoubleColumn => new ColumnPlan(column, DoubleType.Default),
            BooleanColumn => new ColumnPlan(column, BooleanType.Default),
            DateTimeColumn d => new ColumnPlan(column, new TimestampType(NeedsNanos(d) ? TimeUnit.Nanosecond : TimeUnit.Microsecond, AllUtc(d) ? "UTC" : null)),
            StringColumn { IsDictionaryEncoded: true } s => new ColumnPlan(column, StringType.Default, Utf8Strings.FromValues(s.Dictionary!)),
            StringColumn s when RepeatingValues(s) is var (codes, values) => new ColumnPlan(column, StringType.Default, Utf8Strings.FromValues(values), codes),
            _ => new ColumnPlan(column, StringType.Default),
        };

        /// <summary>Codes and distinct values of a text column whose values repeat enough to be written with a dictionary; null when they do not.</summary>
        private static (int[] Codes, List<string> Values)? RepeatingValues(StringColumn column)
        {
            var limit = Math.Min(MaxWrittenDictionary, column.Length / 8);
            if (limit < 1) return null;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
            var values = new List<string>();
            var codes = new int[column.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                if (column.IsNull(i)) { codes[i] = -1; continue; }
                var value = column.GetSpan(i);
                if (!lookup.TryGetValue(value, out var code))
                {
                    if (values.Count == limit) return null;
                    code = values.Count;
                    var text = value.ToString();
                    index.Add(text, code);
                    values.Add(text);
                }
                codes[i] = code;
            }
            return (codes, values);
        }

        public IArrowArray Slice(int start, int count)
        {
            var (validity, nulls) = Validity(_column, start, count);
            switch (_column)
            {
                case Int64Column c: return new Int64Array(new ArrowBuffer(ArrayMemory<long>.Slice(c.RawArray, start, count)), validity, count, nulls, 0);
                case DoubleColumn c: return new DoubleArray(new ArrowBuffer(ArrayMemory<double>.Slice(c.RawArray, start, count)), validity, count, nulls, 0);
                case BooleanColumn c: return new BooleanArray(new ArrowBuffer(PackBits(c.Values.Slice(start, count))), validity, count, nulls, 0);
                case DateTimeColumn c: return new TimestampArray((TimestampType)Field.DataType, new ArrowBuffer(Timestamps(c, start, count, (TimestampType)Field.DataType)), validity, count, nulls, 0);
                case StringColumn s when _dictionary != null:
                    var codes = new int[count];
                    var source = _codes != null ? _codes.AsSpan(start, count) : s.Codes.Slice(start, count);
                    for (var i = 0; i < count; i++) codes[i] = Math.Max(source[i], 0); // a missing cell's index must still be in range
                    var indices = new Int32Array(new ArrowBuffer(ArrayMemory<int>.Slice(codes, 0, count)), validity, count, nulls, 0);
                    return new DictionaryArray((DictionaryType)Field.DataType, indices, _dictionary);
                default:
                    return Utf8Strings.FromColumn((StringColumn)_column, start, count, validity, nulls);
            }
        }
    }

    /// <summary>The slice's validity as an Arrow bitmap (the same bit order as ours), or empty when nothing is missing.</summary>
    internal static (ArrowBuffer Bitmap, int Nulls) Validity(Column column, int start, int count)
    {
        if (column.Validity is not { } v) return (ArrowBuffer.Empty, 0);
        var bytes = new byte[(count + 7) / 8];
        var nulls = 0;
        if ((start & 63) == 0)
        {
            var words = v.Words.AsSpan(start >> 6, (count + 63) >> 6); // row i at bit i % 64 of word i / 64: Arrow's layout
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(words)[..bytes.Length].CopyTo(bytes);
            for (var i = 0; i < count; i++) if ((bytes[i >> 3] & (1 << (i & 7))) == 0) nulls++;
        }
        else
        {
            for (var i = 0; i < count; i++)
                if (v.IsValid(start + i)) bytes[i >> 3] |= (byte)(1 << (i & 7));
                else nulls++;
        }
        return nulls == 0 ? (ArrowBuffer.Empty, 0) : (new ArrowBuffer(bytes), nulls);
    }

    private static byte[] PackBits(ReadOnlySpan<bool> values)
    {
        var bytes = new byte[(values.Length + 7) / 8];
        for (var i = 0; i < values.Length; i++)
            if (values[i]) bytes[i >> 3] |= (byte)(1 << (i & 7));
        return bytes;
    }

    private static byte[] Timestamps(DateTimeColumn column, int start, int count, TimestampType type)
    {
        var values = new long[count];
        var source = column.Values.Slice(start, count);
        var divisor = type.Unit == TimeUnit.Nanosecond ? 1 : 10;
        var factor = type.Unit == TimeUnit.Nanosecond ? 100 : 1;
        for (var i = 0; i < count; i++)
            values[i] = (source[i].Ticks - DateTime.UnixEpoch.Ticks) / divisor * factor;
        var bytes = new byte[count * 8];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
        return bytes;
    }

    private static bool AllUtc(DateTimeColumn column)
    {
        var any = false;
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            if (column[i].Kind != DateTimeKind.Utc) return false;
            any = true;
        }
        return any;
    }

    // Nanosecond timestamps span only 1677..2262; use them only when a value needs the precision and fits.
    private static readonly DateTime NanosMin = new(1677, 9, 22), NanosMax = new(2262, 4, 11);

    private static bool NeedsNanos(DateTimeColumn column)
    {
        var needs = false;
        for (var i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            var v = column[i];
            if (v < NanosMin || v > NanosMax) return false;
            if (v.Ticks % 10 != 0) needs = true;
        }
        return needs;
    }
}

/// <summary>A pass-through stream that remembers the first exception a write or flush threw (the native writer only keeps its text).</summary>
internal sealed class WriteFailureStream(Stream inner) : Stream
{
    public Exception? Failure { get; private set; }
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() => Guard(inner.Flush);
    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try { inner.Write(buffer); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Failure ??= e; throw; }
    }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private void Guard(Action work)
    {
        try { work(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Failure ??= e; throw; }
    }
}

/// <summary>Which codec compresses a Parquet file's pages.</summary>
public enum ParquetCompression { Zstd, Snappy, Gzip, None }

/// <summary>UTF-8 Arrow string arrays from our UTF-16 string storage.</summary>
internal static class Utf8Strings
{
    public static StringArray FromValues(IReadOnlyList<string> values)
    {
        var offsets = new int[values.Count + 1];
        var bytes = 0L;
        for (var i = 0; i < values.Count; i++) { bytes += Encoding.UTF8.GetByteCount(values[i]); offsets[i + 1] = checked((int)bytes); }
        var data = new byte[bytes];
        for (var i = 0; i < values.Count; i++) Encoding.UTF8.GetBytes(values[i], data.AsSpan(offsets[i]));
        return new StringArray(values.Count, new ArrowBuffer(ArrayMemory<int>.Slice(offsets, 0, offsets.Length)), new ArrowBuffer(data), ArrowBuffer.Empty, 0, 0);
    }

    public static StringArray FromColumn(StringColumn column, int start, int count, ArrowBuffer validity, int nulls)
    {
        var runs = column.Runs(start, count).ToArray();
        long total = 0;
        foreach (var (part, from, rows) in runs)
        {
            if (part.TryGetBuffer(from, rows, out var chars, out _, out _)) total += Encoding.UTF8.GetByteCount(chars);
            else for (var i = 0; i < rows; i++) total += Encoding.UTF8.GetByteCount(part.GetSpan(from + i));
        }
        if (total > int.MaxValue)
            throw new DataException("ParquetRowGroupTooLarge", DataErrorKind.NotSupported,
                $"Column '{column.Name}' holds {total:N0} bytes of text in rows {start:N0}..{start + count - 1:N0}; a Parquet row group holds at most {int.MaxValue:N0} per column.",
                "Split the dataset into smaller files first.");
        var offsets = new int[count + 1];
        var data = new byte[total];
        int at = 0, row = 0;
        foreach (var (part, from, rows) in runs)
        {
            // ASCII text in one buffer (addresses, host names): one narrowing copy for the run, offsets shifted.
            if (part.TryGetBuffer(from, rows, out var chars, out var ends, out var first) && System.Text.Ascii.IsValid(chars))
            {
                System.Text.Ascii.FromUtf16(chars, data.AsSpan(at), out _);
                for (var i = 0; i < rows; i++) offsets[row + i + 1] = at + ends[i] - first;
                at += chars.Length;
                row += rows;
                continue;
            }
            for (var i = 0; i < rows; i++)
            {
                at += Encoding.UTF8.GetBytes(part.GetSpan(from + i), data.AsSpan(at));
                offsets[++row] = at;
            }
        }
        return new StringArray(count, new ArrowBuffer(ArrayMemory<int>.Slice(offsets, 0, offsets.Length)), new ArrowBuffer(data), validity, nulls, 0);
    }
}
