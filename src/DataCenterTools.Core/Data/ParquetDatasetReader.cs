using System.Diagnostics;
using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Reads a Parquet file (all row groups) into a typed Dataset with Parquet.Net. Signed and unsigned
/// integers → Int64 (a UINT64 column with a value above Int64.MaxValue → String, exactly);
/// float, double, decimal → Double; boolean → Boolean; timestamps and dates → DateTime (Kind Utc
/// when the timestamp is isAdjustedToUTC, else Unspecified); strings → String; binary → base64
/// String; other types (time, interval, GUID) → their invariant text. Nested columns (lists,
/// structs, maps) are left out with a warning. -Schema and -NullValues do not apply: Parquet
/// carries its own types and nulls.
/// </summary>
public static class ParquetDatasetReader
{
    public static Dataset Read(string path, ReadOptions options)
    {
        var clock = Stopwatch.StartNew();
        string sha;
        long size;
        string full;
        using (var input = FileInput.Open(path))
        {
            full = input.Path;
            size = input.Size;
            if (input.IsGzip)
                throw Invalid(full, "it is gzip-compressed; Parquet files are read uncompressed.", "Decompress it first (gunzip).");
            if (input.Head.Length < 4 || !input.Head.AsSpan(0, 4).SequenceEqual("PAR1"u8))
                throw Invalid(full, "it does not start with the Parquet magic bytes PAR1.", "Check the file, or give -Format Csv or JsonLines.");
            sha = input.FinishHash();
        }

        var warnings = new List<string>();
        Column[] columns;
        long rows;
        int groups;
        try
        {
            (columns, rows, groups) = AsyncBridge.Run(() => ReadColumns(full, size, options, warnings));
        }
        catch (Exception e) when (e is IOException or ParquetException or InvalidDataException or InvalidOperationException
                                      or NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw Invalid(full, e.Message, "Check that the file was copied completely and was written by a Parquet writer.", e);
        }
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

    private static DataException Invalid(string path, string why, string what, Exception? inner = null) =>
        new("ParquetInvalid", DataErrorKind.InvalidData, $"'{path}' cannot be read as Parquet: {why}", what, path, inner: inner);

    private static async Task<(Column[], long, int)> ReadColumns(string path, long size, ReadOptions options, List<string> warnings)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: options.Cancellation);
        var flat = new List<DataField>();
        foreach (var field in reader.Schema.Fields)
        {
            if (field is DataField { IsArray: false, MaxRepetitionLevel: 0 } data) flat.Add(data);
            else warnings.Add($"Column '{field.Name}' of '{path}' is nested ({field.SchemaType}); it was left out.");
        }
        var fields = SelectFields(flat, reader.Schema, options, path);
        long total = 0;
        foreach (var g in reader.RowGroups) total += g.RowCount;
        if (total > int.MaxValue)
            throw new DataException("DatasetTooLarge", DataErrorKind.NotSupported, $"'{path}' has {total} rows; a Dataset holds at most {int.MaxValue}.",
                "Split the file, or read selected row ranges with another tool first.", path);
        var rows = (int)total;
        var builders = fields.Select(f => new ColumnReader(f, rows)).ToArray();
        var offset = 0;
        var lastProgress = Stopwatch.StartNew();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            options.Cancellation.ThrowIfCancellationRequested();
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            foreach (var b in builders) await b.ReadGroup(group, offset, count, options.Cancellation);
            offset += count;
        }
        return (builders.Select(b => b.Build()).ToArray(), rows, reader.RowGroupCount);
    }

    private static List<DataField> SelectFields(List<DataField> flat, ParquetSchema schema, ReadOptions options, string path)
    {
        if (options.Columns is not { Count: > 0 } wanted) return flat;
        return wanted.Select(name =>
            flat.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                $"'{path}' has no column '{name}' (columns: {string.Join(", ", schema.Fields.Select(f => f.Name))}).",
                "Check the spelling of -Column (nested columns cannot be selected).", path, column: name)).ToList();
    }

    /// <summary>Reads one column across row groups into a typed array plus validity.</summary>
    private sealed class ColumnReader(DataField field, int rows)
    {
        private readonly ValidityBitmap.Builder _missing = new(rows);
        private long[]? _longs;
        private double[]? _doubles;
        private bool[]? _bools;
        private DateTime[]? _dates;
        private string?[]? _strings;
        private ulong[]? _ulongs; // UINT64 values, until we know whether they all fit a long

        public async Task ReadGroup(ParquetRowGroupReader group, int offset, int count, CancellationToken ct)
        {
            var t = field.ClrType;
            if (t == typeof(long)) Store(await Values<long>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(int)) Store(await Values<int>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(short)) Store(await Values<short>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(sbyte)) Store(await Values<sbyte>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(byte)) Store(await Values<byte>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(ushort)) Store(await Values<ushort>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(uint)) Store(await Values<uint>(group, count, ct), offset, ref _longs, v => v);
            else if (t == typeof(ulong)) Store(await Values<ulong>(group, count, ct), offset, ref _ulongs, v => v);
            else if (t == typeof(double)) Store(await Values<double>(group, count, ct), offset, ref _doubles, v => v);
            else if (t == typeof(float)) Store(await Values<float>(group, count, ct), offset, ref _doubles, v => (double)v);
            else if (t == typeof(decimal)) Store(await Values<decimal>(group, count, ct), offset, ref _doubles, v => (double)v);
            else if (t == typeof(bool)) Store(await Values<bool>(group, count, ct), offset, ref _bools, v => v);
            else if (t == typeof(DateTime)) Store(await Values<DateTime>(group, count, ct), offset, ref _dates, ToDateTime);
            else if (t == typeof(DateTimeOffset)) Store(await Values<DateTimeOffset>(group, count, ct), offset, ref _dates, v => v.UtcDateTime);
            else if (t == typeof(DateOnly)) Store(await Values<DateOnly>(group, count, ct), offset, ref _dates, v => v.ToDateTime(TimeOnly.MinValue));
            else if (t == typeof(string) || t == typeof(ReadOnlyMemory<char>))
            {
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory(), null, ct);
                StoreText(values, offset, count);
            }
            else if (t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>))
            {
                var values = new byte[]?[count];
                await group.ReadAsync(field, values.AsMemory()!, null, ct);
                StoreText(values.Select(v => v == null ? null : Convert.ToBase64String(v)).ToArray(), offset, count);
            }
            else if (t.IsValueType)
            {
                // Time, interval, GUID and the like: kept as their invariant text.
                var read = typeof(ColumnReader).GetMethod(nameof(ReadAsText), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(t);
                await (Task)read.Invoke(this, [group, offset, count, ct])!;
            }
            else throw new NotSupportedException($"Column '{field.Name}' has the unsupported type {t.Name}.");
        }

        private async Task ReadAsText<T>(ParquetRowGroupReader group, int offset, int count, CancellationToken ct) where T : struct
        {
            var values = await Values<T>(group, count, ct);
            StoreText(values.Select(v => v.HasValue ? CellParser.Format(v.Value) : null).ToArray(), offset, count);
        }

        private DateTime ToDateTime(DateTime v)
        {
            // Parquet.Net hands back wall-clock timestamps as Kind Local with the ticks as stored; the ticks are what the file says.
            if (field is DateTimeDataField { IsAdjustedToUTC: true })
                return v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc);
            return DateTime.SpecifyKind(v, DateTimeKind.Unspecified);
        }

        private async Task<T?[]> Values<T>(ParquetRowGroupReader group, int count, CancellationToken ct) where T : struct
        {
            if (field.IsNullable)
            {
                var nullable = new T?[count];
                await group.ReadAsync<T>(field, nullable.AsMemory(), null, ct);
                return nullable;
            }
            var plain = new T[count];
            await group.ReadAsync<T>(field, plain.AsMemory(), null, ct);
            return plain.Select(v => (T?)v).ToArray();
        }


        private void Store<T, TOut>(T?[] values, int offset, ref TOut[]? target, Func<T, TOut> convert) where T : struct
        {
            target ??= new TOut[rows];
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } v) target[offset + i] = convert(v);
                else _missing.SetNull(offset + i);
            }
        }

        private void StoreText(string?[] values, int offset, int count)
        {
            _strings ??= new string?[rows];
            Array.Copy(values, 0, _strings, offset, count);
        }

        public Column Build()
        {
            var name = field.Name;
            var validity = _missing.Build();
            if (_ulongs != null)
            {
                var fits = true;
                for (var i = 0; i < rows && fits; i++) if (_ulongs[i] > long.MaxValue) fits = false;
                if (fits) return new Int64Column(name, _ulongs.Select(v => (long)v).ToArray(), validity);
                var text = new StringColumnBuilder(rows);
                for (var i = 0; i < rows; i++)
                    if (validity != null && !validity.IsValid(i)) text.AppendNull();
                    else text.Append(_ulongs[i].ToString(CultureInfo.InvariantCulture));
                return text.Build(name);
            }
            if (_longs != null) return new Int64Column(name, _longs, validity);
            if (_doubles != null) return new DoubleColumn(name, _doubles, validity);
            if (_bools != null) return new BooleanColumn(name, _bools, validity);
            if (_dates != null) return new DateTimeColumn(name, _dates, validity);
            if (_strings != null)
            {
                var text = new StringColumnBuilder(rows);
                foreach (var s in _strings) text.Append(s);
                return text.Build(name);
            }
            // No row groups: an empty column of the type the schema declares.
            var t = field.ClrType;
            if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return new DoubleColumn(name, [], validity);
            if (t == typeof(bool)) return new BooleanColumn(name, [], validity);
            if (t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly)) return new DateTimeColumn(name, [], validity);
            if (t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint))
                return new Int64Column(name, [], validity);
            return new StringColumn(name, Array.Empty<string?>());
        }
    }
}
