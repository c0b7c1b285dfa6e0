using DataCenterTools.Core.Data;
using Parquet;
using Parquet.Schema;

namespace DataCenterTools.Core.Tests;

public class ParquetTests
{
    /// <summary>Writes a file the way another tool might: narrow ints, unsigned, float, decimal, dates, non-nullable columns.</summary>
    private static async Task WriteForeignFile(string path)
    {
        var i32 = new DataField<int>("i32");
        var u8 = new DataField<byte?>("u8");
        var u64 = new DataField<ulong>("u64");
        var f32 = new DataField<float?>("f32");
        var dec = new DecimalDataField("dec", 10, 2, isNullable: true);
        var ts = new DateTimeDataField("ts", DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Millis, isNullable: true);
        var wall = new DateTimeDataField("wall", DateTimeFormat.Timestamp, isAdjustedToUTC: false, DateTimeTimeUnit.Micros, isNullable: false);
        var date = new DateTimeDataField("date", DateTimeFormat.Date, isNullable: true);
        var s = new DataField<string>("s");
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(i32, u8, u64, f32, dec, ts, wall, date, s), file);
        using var g = writer.CreateRowGroup();
        await g.WriteAsync<int>(i32, new[] { -5, 7 });
        await g.WriteAsync<byte>(u8, new byte?[] { 255, null });
        await g.WriteAsync<ulong>(u64, new ulong[] { 1, ulong.MaxValue });
        await g.WriteAsync<float>(f32, new float?[] { 0.5f, null });
        await g.WriteAsync<decimal>(dec, new decimal?[] { 12.34m, null });
        await g.WriteAsync<DateTime>(ts, new DateTime?[] { new DateTime(2024, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), null });
        await g.WriteAsync<DateTime>(wall, new[] { new DateTime(2024, 3, 4, 5, 6, 7), new DateTime(2001, 1, 1) });
        await g.WriteAsync<DateTime>(date, new DateTime?[] { new DateTime(2020, 2, 29), null });
        await g.WriteAsync(s, new[] { "héllo", null });
    }

    [Fact]
    public async Task Maps_parquet_types_onto_the_five_column_types()
    {
        using var dir = new TempFolder();
        var path = dir.File("foreign.parquet");
        await WriteForeignFile(path);
        var ds = ParquetDatasetReader.Read(path, new ReadOptions());

        Assert.Equal([ColumnType.Int64, ColumnType.Int64, ColumnType.String, ColumnType.Double, ColumnType.Double,
            ColumnType.DateTime, ColumnType.DateTime, ColumnType.DateTime, ColumnType.String], ds.Columns.Select(c => c.Type));
        Assert.Equal([-5L, 7L], ds["i32"].As<Int64Column>().Values.ToArray());
        Assert.Equal([255L, null], new[] { ds["u8"].GetValue(0), ds["u8"].GetValue(1) });
        Assert.Equal(["1", "18446744073709551615"], new[] { ds["u64"].GetValue(0), ds["u64"].GetValue(1) }); // does not fit a long: exact text
        Assert.Equal(0.5, ds["f32"].GetValue(0));
        Assert.Equal(12.34, ds["dec"].GetValue(0));
        Assert.Null(ds["dec"].GetValue(1));
        var ts = (DateTime)ds["ts"].GetValue(0)!;
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), ts);
        Assert.Equal(DateTimeKind.Utc, ts.Kind);
        var wall = (DateTime)ds["wall"].GetValue(0)!;
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7), wall);
        Assert.Equal(DateTimeKind.Unspecified, wall.Kind);
        Assert.Equal(new DateTime(2020, 2, 29), ds["date"].GetValue(0));
        Assert.Equal(["héllo", null], new[] { ds["s"].GetValue(0), ds["s"].GetValue(1) });

        Assert.Equal("Parquet", ds.Source!.Format);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), ds.Source.Sha256);
        Assert.Equal("2", ds.Lineage.Single().Parameters["Rows"]);
    }

    [Fact]
    public async Task Columns_selects_in_the_order_asked()
    {
        using var dir = new TempFolder();
        var path = dir.File("foreign.parquet");
        await WriteForeignFile(path);
        var ds = DatasetReader.Read(path, new ReadOptions { Columns = ["S", "i32"] });
        Assert.Equal(["s", "i32"], ds.Columns.Select(c => c.Name));
        var e = Assert.Throws<DataException>(() => ParquetDatasetReader.Read(path, new ReadOptions { Columns = ["nope"] }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
    }

    [Theory]
    [InlineData("not parquet at all, just text\n")]
    [InlineData("PAR1 but then garbage and no footer")]
    [InlineData("")]
    public void Not_parquet_is_ParquetInvalid(string content)
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.parquet", content);
        var e = Assert.Throws<DataException>(() => ParquetDatasetReader.Read(path, new ReadOptions()));
        Assert.Equal("DataCenterTools.ParquetInvalid", e.ErrorId);
        Assert.Equal(DataErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public async Task Writer_picks_utc_and_microseconds_when_it_can()
    {
        using var dir = new TempFolder();
        var path = dir.File("t.parquet");
        var ds = new Dataset("t",
        [
            new DateTimeColumn("utc", [new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(10)]),
            new DateTimeColumn("mixed", [new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1)]),
            new DateTimeColumn("ancient", [new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)]),
        ]);
        ParquetDatasetWriter.Write(ds, path, new WriteOptions());
        await using (var reader = await ParquetReader.CreateAsync(path))
        {
            var f = reader.Schema.DataFields.Cast<DateTimeDataField>().ToArray();
            Assert.Equal([true, true, false], f.Select(x => x.IsAdjustedToUTC));
            Assert.Equal([DateTimeTimeUnit.Micros, DateTimeTimeUnit.Nanos, DateTimeTimeUnit.Micros], f.Select(x => x.Unit));
        }
        SampleData.AssertSame(ds, ParquetDatasetReader.Read(path, new ReadOptions()));
    }

    [Fact]
    public void Mixed_kind_column_is_written_as_wall_clock()
    {
        using var dir = new TempFolder();
        var path = dir.File("m.parquet");
        var utc = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var ds = new Dataset("m", [new DateTimeColumn("t", [utc, new DateTime(2024, 1, 2)])]);
        ParquetDatasetWriter.Write(ds, path, new WriteOptions());
        var back = ParquetDatasetReader.Read(path, new ReadOptions());
        var t = (DateTime)back["t"].GetValue(0)!;
        Assert.Equal(utc.Ticks, t.Ticks);
        Assert.Equal(DateTimeKind.Unspecified, t.Kind);
    }

    [Fact]
    public void Text_kept_in_parts_round_trips_whatever_each_part_holds()
    {
        // A column as the CSV reader builds it: parts per chunk, each a buffer or a dictionary, ASCII or not, with nulls.
        var parts = new[]
        {
            new StringColumn("s", ["ab", "é", null]),
            new StringColumn("s", [0, -1, 0], ["x"]),
            new StringColumn("s", ["zz", "", "日本"]),
        };
        var validity = ValidityBitmap.FromFlags([true, true, false, true, false, true, true, true, true]);
        var column = new StringColumn("s", parts, [0, 3, 6], validity);
        using var dir = new TempFolder();
        var path = dir.File("parts.parquet");
        ParquetDatasetWriter.Write(new Dataset("p", [column]), path, new WriteOptions());
        var back = ParquetDatasetReader.Read(path, new ReadOptions())["s"];
        Assert.Equal(["ab", "é", null, "x", null, "x", "zz", "", "日本"], Enumerable.Range(0, 9).Select(back.GetValue));
    }

    /// <summary>Random printable ASCII (6.6 bits of entropy a character): zstd shrinks it by less than a fifth.</summary>
    internal static string IncompressibleText(int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)random.Next(0x21, 0x7F);
        return new string(chars);
    }

    [Fact]
    public void Pages_larger_than_the_read_buffer_and_columns_after_them_read_back_exactly()
    {
        using var dir = new TempFolder();
        var path = dir.File("large-pages.parquet");
        // 3 x 1.5 M characters zstd keeps at over 1 MB each (a page of about 3.7 MB, read through a 1 MB buffer), then a column whose chunk starts after them.
        string?[] text = [IncompressibleText(1_500_000, 1), null, IncompressibleText(1_500_000, 2), IncompressibleText(1_500_000, 3), "é"];
        long[] numbers = [10, -20, 30, long.MaxValue, long.MinValue];
        var original = new Dataset("large", [new StringColumn("text", text), new Int64Column("n", numbers)]);
        ParquetDatasetWriter.Write(original, path, new WriteOptions());
        Assert.True(new FileInfo(path).Length > 3_000_000);
        var back = ParquetDatasetReader.Read(path, new ReadOptions());
        Assert.Equal(text, Enumerable.Range(0, text.Length).Select(i => (string?)back["text"].GetValue(i)));
        Assert.Equal(numbers, Enumerable.Range(0, numbers.Length).Select(i => (long)back["n"].GetValue(i)!));
    }
}
