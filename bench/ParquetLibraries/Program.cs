// The Parquet suite (bench/Measure-ParquetLibraries.ps1): writes and reads the same Dataset with ParquetSharp (the
// module's ParquetDatasetWriter/Reader) and with Parquet.Net 6.1.0 through its column-chunk API (one typed array
// per column and row group: never row by row), interleaved rounds, and prints one line
// 'BENCH-RESULT {json}' with the median seconds, file sizes, where the time of a ParquetSharp read goes, and
// whether every read gave back the Dataset's values (the digest of bench/peers/DatasetDigest.cs).
//
//   dotnet bench/ParquetLibraries/bin/Release/net10.0/ParquetLibraries.dll <csv> <work folder> <rounds>
using System.Diagnostics;
using System.Text.Json;
using DataCenterTools.Core.Data;
using Parquet;
using Parquet.Schema;
using ParquetSharp.Arrow;

var (csv, work, rounds) = (args[0], args[1], int.Parse(args[2]));
var dataset = DatasetReader.Read(csv, new ReadOptions());
var expected = JsonSerializer.Serialize(DatasetDigest.Of(dataset));
var times = new Dictionary<string, List<double>>();
var sizes = new Dictionary<string, long>();
var agree = new Dictionary<string, bool>();
void Time(string name, Action work)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    work();
    (times.TryGetValue(name, out var list) ? list : times[name] = []).Add(clock.Elapsed.TotalSeconds);
}

foreach (var (label, sharp, net) in new[] { ("zstd", ParquetCompression.Zstd, CompressionMethod.Zstd), ("snappy", ParquetCompression.Snappy, CompressionMethod.Snappy) })
{
    var sharpPath = Path.Combine(work, $"lib-parquetsharp-{label}.parquet");
    var netPath = Path.Combine(work, $"lib-parquetnet-{label}.parquet");
    for (var round = 0; round < rounds; round++)
    {
        Time($"write ParquetSharp {label}", () => ParquetDatasetWriter.Write(dataset, sharpPath, new WriteOptions { Overwrite = true, Compression = sharp }));
        Time($"write Parquet.Net {label}", () => ParquetNet.Write(dataset, netPath, net).GetAwaiter().GetResult());
        Dataset? a = null, b = null;
        Time($"read ParquetSharp {label}", () => a = ParquetDatasetReader.Read(sharpPath, new ReadOptions()));
        Time($"read Parquet.Net {label}", () => b = ParquetNet.Read(netPath).GetAwaiter().GetResult());
        // Where a ParquetSharp read goes: the native decode alone (Arrow batches, nothing copied), and the file's SHA-256.
        Time($"stage native decode {label}", () => DecodeOnly(sharpPath));
        Time($"stage sha256 {label}", () => FileInput.ComputeSha256(sharpPath));
        if (round == 0)
        {
            agree[$"ParquetSharp {label}"] = JsonSerializer.Serialize(DatasetDigest.Of(a!)) == expected;
            agree[$"Parquet.Net {label}"] = JsonSerializer.Serialize(DatasetDigest.Of(b!)) == expected;
        }
    }
    sizes[$"ParquetSharp {label}"] = new FileInfo(sharpPath).Length;
    sizes[$"Parquet.Net {label}"] = new FileInfo(netPath).Length;
}
var medians = times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt((t.Value.Count - 1) / 2));
Console.WriteLine("BENCH-RESULT " + JsonSerializer.Serialize(new { rows = dataset.RowCount, columns = dataset.ColumnCount, medians, all = times, sizes, agree }));
return 0;

static void DecodeOnly(string path)
{
    using var properties = ArrowReaderProperties.GetDefault();
    properties.UseThreads = true;
    properties.BatchSize = 64 * 1024;
    using var reader = new FileReader(path, null, properties);
    using var batches = reader.GetRecordBatchReader();
    while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch) batch.Dispose();
}

/// <summary>Parquet.Net 6.1.0 through its column-chunk API: per row group, one nullable array per column.</summary>
static class ParquetNet
{
    public static async Task Write(Dataset dataset, string path, CompressionMethod compression)
    {
        var fields = dataset.Columns.Select(FieldFor).ToArray();
        File.Delete(path);
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, new ParquetOptions { CompressionMethod = compression, CompressionLevel = System.IO.Compression.CompressionLevel.Fastest });
        for (var start = 0; start < dataset.RowCount; start += ParquetDatasetWriter.RowGroupRows)
        {
            var count = Math.Min(ParquetDatasetWriter.RowGroupRows, dataset.RowCount - start);
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < fields.Length; c++)
            {
                switch (dataset[c])
                {
                    case Int64Column col: { await group.WriteAsync<long>(fields[c], Nullable(col, start, count, x => x)); break; }
                    case DoubleColumn col: { await group.WriteAsync<double>(fields[c], Nullable(col, start, count, x => x)); break; }
                    case BooleanColumn col: { await group.WriteAsync<bool>(fields[c], Nullable(col, start, count, x => x)); break; }
                    case DateTimeColumn col: { await group.WriteAsync<DateTime>(fields[c], Nullable(col, start, count, x => DateTime.SpecifyKind(x, DateTimeKind.Utc))); break; }
                    case StringColumn col:
                    {
                        var values = new string?[count];
                        for (var i = 0; i < count; i++) values[i] = col[start + i];
                        await group.WriteAsync(fields[c], values);
                        break;
                    }
                }
            }
        }
    }

    private static DataField FieldFor(Column column) => column switch
    {
        Int64Column => new DataField<long?>(column.Name),
        DoubleColumn => new DataField<double?>(column.Name),
        BooleanColumn => new DataField<bool?>(column.Name),
        DateTimeColumn => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Micros, isNullable: true),
        _ => new DataField<string>(column.Name),
    };

    // Fastest: its default zstd level took over 5 minutes for 1M rows; ParquetSharp writes zstd level 1.
    // Parquet.Net 6.1 refuses explicit definition levels ("not ready yet"): its column-chunk API takes T?[] per chunk.
    private static ReadOnlyMemory<T?> Nullable<T>(PrimitiveColumn<T> column, int start, int count, Func<T, T> map) where T : struct
    {
        var values = new T?[count];
        for (var i = 0; i < count; i++) if (!column.IsNull(start + i)) values[i] = map(column[start + i]);
        return values;
    }

    public static async Task<Dataset> Read(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.DataFields;
        var rows = (int)reader.RowGroups.Sum(g => g.RowCount);
        var builders = fields.Select(f => new Sink(f, rows)).ToArray();
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            foreach (var b in builders) await b.Read(group, offset, count);
            offset += count;
        }
        return new Dataset("parquetnet", builders.Select(b => b.Build()));
    }

    private sealed class Sink(DataField field, int rows)
    {
        private readonly ValidityBitmap.Builder _missing = new(rows);
        private long[]? _longs;
        private double[]? _doubles;
        private bool[]? _bools;
        private DateTime[]? _dates;
        private StringColumnBuilder? _text;

        public async Task Read(ParquetRowGroupReader group, int offset, int count)
        {
            var t = field.ClrType;
            if (t == typeof(long)) await Raw(group, offset, count, _longs ??= new long[rows]);
            else if (t == typeof(double)) await Raw(group, offset, count, _doubles ??= new double[rows]);
            else if (t == typeof(bool)) await Raw(group, offset, count, _bools ??= new bool[rows]);
            else if (t == typeof(DateTime)) await Raw(group, offset, count, _dates ??= new DateTime[rows]);
            else
            {
                var values = new string?[count];
                await group.ReadAsync(field, values.AsMemory(), null);
                _text ??= new StringColumnBuilder(rows);
                foreach (var v in values) _text.Append(v);
            }
        }

        private async Task Raw<T>(ParquetRowGroupReader group, int offset, int count, T[] target) where T : struct
        {
            var values = new T?[count];
            await group.ReadAsync<T>(field, values.AsMemory(), null);
            for (var i = 0; i < count; i++)
                if (values[i] is { } v) target[offset + i] = v;
                else _missing.SetNull(offset + i);
        }

        public Column Build()
        {
            var v = _missing.Build();
            if (_longs != null) return new Int64Column(field.Name, _longs, v);
            if (_doubles != null) return new DoubleColumn(field.Name, _doubles, v);
            if (_bools != null) return new BooleanColumn(field.Name, _bools, v);
            if (_dates != null) return new DateTimeColumn(field.Name, _dates, v);
            return _text!.Build(field.Name);
        }
    }
}
