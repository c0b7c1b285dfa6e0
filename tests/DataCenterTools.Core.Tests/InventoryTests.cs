using System.IO.Compression;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>Row and column counts of data files without loading them, worked out by hand from the files written here.</summary>
public class InventoryTests
{
    [Fact]
    public void Text_files_are_counted_by_newlines()
    {
        using var dir = new TempFolder();
        // Header + 3 rows, no newline after the last row: 3 rows, 3 columns (the quoted comma is one field).
        var csv = dir.File("a.csv", "x,\"y,z\",w\n1,2,3\n4,5,6\n7,8,9");
        var info = DatasetInventory.Describe(csv);
        Assert.Equal(("Csv", 3L, 3), (info.Format, info.RowCount, info.ColumnCount));
        // A quote anywhere means a field may span lines, so the count is marked approximate.
        Assert.True(info.RowCountIsApproximate);
        Assert.False(DatasetInventory.Describe(dir.File("b.tsv", "a\tb\n1\t2\n")).RowCountIsApproximate);

        // JSON Lines: non-empty lines are rows; columns from the first object.
        var jsonl = dir.File("c.jsonl", "{\"a\":1,\"b\":2}\n\n{\"a\":3,\"b\":4}\n");
        Assert.Equal((2L, 2), (DatasetInventory.Describe(jsonl).RowCount, DatasetInventory.Describe(jsonl).ColumnCount));
    }

    [Fact]
    public void Gzip_is_decompressed_and_Parquet_read_from_its_footer()
    {
        using var dir = new TempFolder();
        var gz = dir.File("d.csv.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            zip.Write("h1,h2\r\n1,2\r\n3,4\r\n"u8);
        var info = DatasetInventory.Describe(gz);
        Assert.Equal(("Csv", true, 2L, 2), (info.Format, info.Compressed, info.RowCount, info.ColumnCount));

        var parquet = dir.File("e.parquet");
        var ds = new Dataset("e", [new Int64Column("id", [1, 2, 3, 4, 5]), new StringColumn("s", ["a", "b", null, "d", "e"])]);
        DatasetWriter.Write(ds, parquet, new WriteOptions());
        var p = DatasetInventory.Describe(parquet);
        Assert.Equal(("Parquet", 5L, 2), (p.Format, p.RowCount, p.ColumnCount));

        Assert.Null(DatasetInventory.FormatOf("notes.txt"));
        Assert.Equal(["d.csv.gz", "e.parquet"], DatasetInventory.FindFiles(dir.Path, recurse: false).Select(Path.GetFileName));
    }

    [Fact]
    public void Damaged_gzip_is_an_InventoryUnreadable_error()
    {
        using var dir = new TempFolder();
        // A gzip header followed by a deflate block of the reserved type 3 (0x07: final block, BTYPE 11).
        var bad = dir.Bytes("f.csv.gz", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0]);
        var e = Assert.Throws<DataException>(() => DatasetInventory.Describe(bad));
        Assert.Equal("DataCenterTools.InventoryUnreadable", e.ErrorId);
    }
}
