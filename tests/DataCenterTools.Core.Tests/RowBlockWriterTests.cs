using System.IO.Compression;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The text writers format blocks of rows on all cores: the file must hold every row once, in row order, exactly as
/// a row-by-row writer puts it. Checked line by line against text built here for rows spanning several waves of
/// blocks (more rows than blocks per wave x block size on any core count up to 8).
/// </summary>
public class RowBlockWriterTests
{
    private const int Rows = 16 * RowBlockWriter.DefaultBlockRows + 123;

    private static Dataset Numbered()
    {
        var ids = new long[Rows];
        var halves = new double[Rows];
        var names = new string?[Rows];
        var flags = new bool[Rows];
        for (var i = 0; i < Rows; i++) { ids[i] = i; halves[i] = i * 0.5; names[i] = i % 10 == 0 ? null : $"n\"{i}"; flags[i] = i % 3 != 0; }
        return new Dataset("numbered",
        [
            new Int64Column("id", ids),
            new DoubleColumn("half", halves, ValidityBitmap.FromFlags(flags)),
            new StringColumn("name", names),
        ]);
    }

    private static string Half(int i) => i % 2 == 0 ? $"{i / 2}.0" : $"{i / 2}.5";

    [Fact]
    public void Csv_rows_come_out_once_in_order()
    {
        using var dir = new TempFolder();
        var path = dir.File("n.csv");
        CsvDatasetWriter.Write(Numbered(), path, new WriteOptions());
        var lines = File.ReadAllLines(path);
        Assert.Equal(Rows + 1, lines.Length);
        Assert.Equal("id,half,name", lines[0]);
        for (var i = 0; i < Rows; i++)
        {
            var expected = $"{i},{(i % 3 != 0 ? Half(i) : "")},{(i % 10 == 0 ? "" : $"\"n\"\"{i}\"")}";
            Assert.Equal(expected, lines[i + 1]);
        }
    }

    [Fact]
    public void Json_lines_rows_come_out_once_in_order_also_gzipped()
    {
        using var dir = new TempFolder();
        foreach (var name in new[] { "n.jsonl", "n.jsonl.gz" })
        {
            var path = dir.File(name);
            JsonLinesDatasetWriter.Write(Numbered(), path, new WriteOptions());
            using var file = File.OpenRead(path);
            using var text = new StreamReader(name.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file);
            var lines = text.ReadToEnd().Split('\n');
            Assert.Equal(Rows + 1, lines.Length); // the last line ends with LF
            Assert.Equal("", lines[^1]);
            for (var i = 0; i < Rows; i++)
            {
                var expected = $"{{\"id\":{i},\"half\":{(i % 3 != 0 ? Half(i) : "null")},\"name\":{(i % 10 == 0 ? "null" : $"\"n\\\"{i}\"")}}}";
                Assert.Equal(expected, lines[i]);
            }
        }
    }

    [Fact]
    public void Progress_counts_up_to_every_row_and_cancellation_stops_the_write()
    {
        using var dir = new TempFolder();
        var seen = new List<long>();
        CsvDatasetWriter.Write(Numbered(), dir.File("p.csv"), new WriteOptions { Progress = (done, total) => { Assert.Equal(Rows, total); seen.Add(done); } });
        Assert.Equal(Rows, seen[^1]);
        Assert.Equal(seen.OrderBy(x => x), seen);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var target = dir.File("c.jsonl");
        Assert.ThrowsAny<OperationCanceledException>(() => JsonLinesDatasetWriter.Write(Numbered(), target, new WriteOptions { Cancellation = cancel.Token }));
        Assert.False(File.Exists(target));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp"));
    }
}
