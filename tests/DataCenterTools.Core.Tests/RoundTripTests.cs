using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

public class RoundTripTests
{
    [Theory]
    [InlineData("out.csv")]
    [InlineData("out.tsv")]
    [InlineData("out.csv.gz")]
    [InlineData("out.tsv.gz")]
    [InlineData("out.jsonl")]
    [InlineData("out.ndjson")]
    [InlineData("out.jsonl.gz")]
    [InlineData("out.parquet")]
    public void Every_type_and_missing_cell_comes_back_exactly(string name)
    {
        using var dir = new TempFolder();
        var path = dir.File(name);
        var original = SampleData.AllTypes();
        DatasetWriter.Write(original, path, new WriteOptions());
        var back = DatasetReader.Read(path, new ReadOptions());
        SampleData.AssertSame(original, back);
        Assert.Equal(name.EndsWith(".gz"), back.Source!.Format.EndsWith("+gzip"));
    }

    [Theory]
    [InlineData("a.csv")]
    [InlineData("a.jsonl")]
    [InlineData("a.parquet")]
    public void Round_trip_is_byte_stable_on_a_second_write(string name)
    {
        using var dir = new TempFolder();
        var first = dir.File("1" + name);
        var second = dir.File("2" + name);
        DatasetWriter.Write(SampleData.AllTypes(), first, new WriteOptions());
        DatasetWriter.Write(DatasetReader.Read(first, new ReadOptions()), second, new WriteOptions());
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Parquet_keeps_NaN_infinities_and_all_missing_column_types()
    {
        using var dir = new TempFolder();
        var path = dir.File("n.parquet");
        var original = new Dataset("n",
        [
            new DoubleColumn("d", [double.NaN, double.PositiveInfinity, double.NegativeInfinity]),
            new Int64Column("empty", [0, 0, 0], ValidityBitmap.FromFlags([false, false, false])),
        ]);
        ParquetDatasetWriter.Write(original, path, new WriteOptions());
        SampleData.AssertSame(original, ParquetDatasetReader.Read(path, new ReadOptions()));
    }

    [Fact]
    public void Json_lines_writes_NaN_as_null_and_infinity_as_strings()
    {
        using var dir = new TempFolder();
        var path = dir.File("n.jsonl");
        var original = new Dataset("n", [new DoubleColumn("d", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2])]);
        JsonLinesDatasetWriter.Write(original, path, new WriteOptions());
        Assert.Equal("{\"d\":null}\n{\"d\":\"inf\"}\n{\"d\":\"-inf\"}\n{\"d\":2.0}\n", File.ReadAllText(path));
        var back = JsonLinesDatasetReader.Read(path, new ReadOptions());
        Assert.Equal(ColumnType.Double, back["d"].Type);
        Assert.Equal([null, double.PositiveInfinity, double.NegativeInfinity, 2.0], Enumerable.Range(0, 4).Select(i => back["d"].GetValue(i)));
    }

    [Fact]
    public void Parquet_spanning_several_row_groups_reads_back_whole()
    {
        using var dir = new TempFolder();
        var path = dir.File("big.parquet");
        var n = ParquetDatasetWriter.RowGroupRows + 10;
        var values = Enumerable.Range(0, n).Select(i => (long)i * 3).ToArray();
        var original = new Dataset("big", [new Int64Column("v", values, ValidityBitmap.FromFlags(values.Select(v => v % 7 != 0).ToArray()))]);
        ParquetDatasetWriter.Write(original, path, new WriteOptions());
        var back = ParquetDatasetReader.Read(path, new ReadOptions());
        Assert.Equal("2", back.Lineage[0].Parameters["RowGroups"]);
        Assert.Equal(n, back.RowCount);
        Assert.Equal(original[0].NullCount, back[0].NullCount);
        Assert.Equal(values[^1], back[0].GetValue(n - 1));
        Assert.Null(back[0].GetValue(n - 7));
    }
}
