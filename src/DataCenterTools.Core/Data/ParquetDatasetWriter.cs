using Parquet;
using Parquet.Schema;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a Dataset as Parquet (Snappy-compressed, every column nullable): Int64 → INT64,
/// Double → DOUBLE, Boolean → BOOLEAN, String → UTF-8 string, DateTime → TIMESTAMP. A DateTime
/// column whose values are all UTC is written isAdjustedToUTC=true and reads back as UTC; any other
/// column is written as wall-clock time (isAdjustedToUTC=false) and reads back Unspecified, so a
/// column mixing UTC and unspecified values loses the UTC marks. Timestamps are microseconds (what
/// Spark, Trino and DuckDB all read) unless a value has sub-microsecond ticks, then nanoseconds.
/// One row group per 1,048,576 rows.
/// </summary>
public static class ParquetDatasetWriter
{
    public const int RowGroupRows = 1 << 20;

    public static void Write(Dataset dataset, string path, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (OutputFormat.IsGzip(path)) OutputFormat.Resolve(path, DataFormat.Parquet); // throws the clear error
        if (dataset.ColumnCount == 0)
            throw new DataException("NoColumns", DataErrorKind.InvalidArgument,
                $"The dataset '{dataset.Name}' has no columns; a Parquet file needs at least one.", "Select some columns first.", path);
        var fields = dataset.Columns.Select(FieldFor).ToArray();
        var schema = new ParquetSchema(fields);
        using var file = AtomicFile.Create(path, options.Overwrite);
        var progress = new WriteProgressReporter(options, dataset.RowCount);
        AsyncBridge.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, file.Stream, cancellationToken: options.Cancellation);
            for (var start = 0; start < dataset.RowCount; start += RowGroupRows)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var count = Math.Min(RowGroupRows, dataset.RowCount - start);
                using var group = writer.CreateRowGroup();
                for (var c = 0; c < fields.Length; c++)
                    await WriteColumn(group, fields[c], dataset[c], start, count, options.Cancellation);
                group.CompleteValidate();
            }
        });
        progress.Done();
        file.Commit();
    }

    private static DataField FieldFor(Column column) => column switch
    {
        Int64Column => new DataField(column.Name, typeof(long), isNullable: true),
        DoubleColumn => new DataField(column.Name, typeof(double), isNullable: true),
        BooleanColumn => new DataField(column.Name, typeof(bool), isNullable: true),
        DateTimeColumn d => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, AllUtc(d),
            NeedsNanos(d) ? DateTimeTimeUnit.Nanos : DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField(column.Name, typeof(string), isNullable: true),
    };

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

    private static Task WriteColumn(ParquetRowGroupWriter group, DataField field, Column column, int start, int count, CancellationToken ct) =>
        column switch
        {
            Int64Column c => group.WriteAsync<long>(field, Slice(c, start, count, v => v), cancellationToken: ct),
            DoubleColumn c => group.WriteAsync<double>(field, Slice(c, start, count, v => v), cancellationToken: ct),
            BooleanColumn c => group.WriteAsync<bool>(field, Slice(c, start, count, v => v), cancellationToken: ct),
            // The field says whether the column is UTC; values go in as plain ticks so no library converts them to local time.
            DateTimeColumn c => group.WriteAsync<DateTime>(field,
                Slice(c, start, count, v => DateTime.SpecifyKind(v, ((DateTimeDataField)field).IsAdjustedToUTC ? DateTimeKind.Utc : DateTimeKind.Unspecified)),
                cancellationToken: ct),
            _ => group.WriteAsync(field, Strings(column, start, count)),
        };

    private static ReadOnlyMemory<T?> Slice<T>(PrimitiveColumn<T> column, int start, int count, Func<T, T> map) where T : struct
    {
        var values = new T?[count];
        for (var i = 0; i < count; i++)
            if (!column.IsNull(start + i)) values[i] = map(column[start + i]);
        return values;
    }

    private static string?[] Strings(Column column, int start, int count)
    {
        var values = new string?[count];
        if (column is StringColumn s)
            for (var i = 0; i < count; i++) values[i] = s[start + i];
        else
            for (var i = 0; i < count; i++) values[i] = TextCellFormatter.Format(column, start + i);
        return values;
    }
}
