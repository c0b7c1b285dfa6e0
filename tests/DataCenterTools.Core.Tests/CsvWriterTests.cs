using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

public class CsvWriterTests
{
    private static Dataset Small() => new("s",
    [
        new StringColumn("name, full", ["a\"b", null, "x;y"]),
        new DoubleColumn("v", [1, 2.5, 0], ValidityBitmap.FromFlags([true, true, false])),
    ]);

    [Fact]
    public void Writes_rfc4180_with_lf_and_no_bom()
    {
        using var dir = new TempFolder();
        var path = dir.File("s.csv");
        CsvDatasetWriter.Write(Small(), path, new WriteOptions());
        Assert.Equal("\"name, full\",v\n\"a\"\"b\",1.0\n,2.5\nx;y,\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Delimiter_option_changes_what_needs_quotes()
    {
        using var dir = new TempFolder();
        var path = dir.File("s.csv");
        CsvDatasetWriter.Write(Small(), path, new WriteOptions { Delimiter = ';' });
        Assert.Equal("name, full;v\n\"a\"\"b\";1.0\n;2.5\n\"x;y\";\n", File.ReadAllText(path));
    }

    [Fact]
    public void Tsv_extension_uses_tabs()
    {
        using var dir = new TempFolder();
        var path = dir.File("s.tsv");
        DatasetWriter.Write(Small(), path, new WriteOptions());
        Assert.Equal("name, full\tv\n\"a\"\"b\"\t1.0\n\t2.5\nx;y\t\n", File.ReadAllText(path));
    }

    [Fact]
    public void Existing_file_is_refused_without_overwrite_and_left_unchanged()
    {
        using var dir = new TempFolder();
        foreach (var name in new[] { "x.csv", "x.jsonl", "x.parquet", "x.csv.gz" })
        {
            var path = dir.File(name);
            var old = new byte[] { 1, 2, 3, (byte)'o', (byte)'l', (byte)'d' };
            File.WriteAllBytes(path, old);
            var e = Assert.Throws<DataException>(() => DatasetWriter.Write(SampleData.AllTypes(), path, new WriteOptions()));
            Assert.Equal("DataCenterTools.FileExists", e.ErrorId);
            Assert.Equal(DataErrorKind.ResourceExists, e.Kind);
            Assert.Equal(old, File.ReadAllBytes(path));
        }
        Assert.Equal(4, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Overwrite_replaces_the_file()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.csv", "old\n");
        CsvDatasetWriter.Write(Small(), path, new WriteOptions { Overwrite = true });
        Assert.StartsWith("\"name, full\"", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("f.csv")]
    [InlineData("f.jsonl.gz")]
    [InlineData("f.parquet")]
    public void A_failing_write_leaves_no_file_and_no_temp_and_keeps_the_old_one(string name)
    {
        using var dir = new TempFolder();
        var big = new Dataset("big", [new Int64Column("v", Enumerable.Range(0, 5000).Select(i => (long)i).ToArray())]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var path = dir.File(name);
        Assert.ThrowsAny<OperationCanceledException>(() => DatasetWriter.Write(big, path, new WriteOptions { Cancellation = cancelled.Token }));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        File.WriteAllText(path, "keep me");
        Assert.ThrowsAny<OperationCanceledException>(() =>
            DatasetWriter.Write(big, path, new WriteOptions { Overwrite = true, Cancellation = cancelled.Token }));
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("out.xlsx")]
    [InlineData("out")]
    [InlineData("out.json")]
    public void Unknown_extension_names_the_known_ones(string name)
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<DataException>(() => DatasetWriter.Write(Small(), dir.File(name), new WriteOptions()));
        Assert.Equal("DataCenterTools.UnknownFormat", e.ErrorId);
        Assert.Contains(".parquet", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Explicit_format_overrides_the_extension_and_gzip_parquet_is_refused()
    {
        using var dir = new TempFolder();
        var path = dir.File("rows.txt");
        DatasetWriter.Write(Small(), path, new WriteOptions { Format = DataFormat.JsonLines });
        Assert.StartsWith("{\"name, full\":\"a\\\"b\",\"v\":1.0}\n", File.ReadAllText(path));
        var e = Assert.Throws<DataException>(() => DatasetWriter.Write(Small(), dir.File("x.parquet.gz"), new WriteOptions()));
        Assert.Equal("DataCenterTools.FormatNotSupported", e.ErrorId);
    }

    [Fact]
    public void Gzip_output_is_real_gzip()
    {
        using var dir = new TempFolder();
        var path = dir.File("s.csv.gz");
        DatasetWriter.Write(Small(), path, new WriteOptions());
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        Assert.Equal("\"name, full\",v\n\"a\"\"b\",1.0\n,2.5\nx;y,\n", reader.ReadToEnd());
    }

    [Fact]
    public void Progress_ends_with_all_rows()
    {
        using var dir = new TempFolder();
        var calls = new List<(long, long)>();
        CsvDatasetWriter.Write(Small(), dir.File("p.csv"), new WriteOptions { Progress = (done, total) => calls.Add((done, total)) });
        Assert.Equal((3L, 3L), calls.Last());
    }
}
