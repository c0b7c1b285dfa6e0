using System.Globalization;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// StreamingDistribution over chunks (CSV and JSON Lines, grouped and per time bucket) against
/// DistributionAnalyzer.Analyze on the whole file read at once: exact figures equal, estimates within error.
/// </summary>
public class StreamingDistributionTests
{
    /// <summary>Every exact figure of a result as text (moments to 12 significant digits: merging reorders the sums).</summary>
    private static string Exact(ColumnDistribution d) =>
        string.Join(" | ", d.Column, d.Kind, string.Join(",", d.Group?.Select(kv => $"{kv.Key}={kv.Value}") ?? []), d.Bucket?.ToString("o"),
            d.Count, d.Missing, d.Min, d.Max, d.Zeros, d.Mean?.ToString("G12", CultureInfo.InvariantCulture),
            d.Std?.ToString("G12", CultureInfo.InvariantCulture), d.Earliest?.ToString("o"), d.Latest?.ToString("o"),
            string.Join(",", d.TopValues.Select(t => $"{t.Value}={t.Count}")));

    private static string TelemetryCsv(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("region,time,load,status\n");
        for (var i = 0; i < rows; i++)
        {
            var load = i % 9 == 4 ? "" : Math.Round(random.NextDouble() * 100, 2).ToString(CultureInfo.InvariantCulture);
            var time = i % 50 == 7 ? "" : new DateTime(2026, 3, 1).AddMinutes(random.Next(0, 3 * 24 * 60)).ToString("yyyy-MM-ddTHH:mm:ss");
            text.Append("eu,us,ap".Split(',')[random.Next(3)]).Append(',').Append(time).Append(',').Append(load)
                .Append(',').Append(random.Next(5) == 0 ? "warn" : "ok").Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public void GroupedAndBucketedStreamingGivesTheInMemoryFiguresPerRegionPerDay()
    {
        using var folder = new TempFolder();
        var path = folder.File("telemetry.csv", TelemetryCsv(2_000, 5));
        var options = new DistributionOptions { GroupBy = ["region"], TimeColumn = "time", Interval = TimeSpan.FromDays(1) };
        var warnings = new List<string>();

        var stream = new StreamingDistribution(options with { Warning = warnings.Add });
        var chunks = 0;
        foreach (var chunk in CsvDatasetReader.ReadChunks(path, new ReadOptions(), rowsPerChunk: 128)) { stream.Add(chunk, columnsFixed: true); chunks++; }
        var streamed = stream.Results();
        var whole = DistributionAnalyzer.Analyze(CsvDatasetReader.Read(path, new ReadOptions()), options);

        Assert.Equal(16, chunks); // ceil(2000 / 128)
        // 3 regions x 3 days x 2 columns (load, status).
        Assert.Equal(18, whole.Count);
        Assert.Equal(whole.Select(Exact), streamed.Select(Exact));
        // Each group holds about 200 values: the KLL sketch still holds them all, so quantiles are exact too.
        Assert.Equal(whole.Select(d => string.Join(",", d.Quantiles.Select(q => q.Value))), streamed.Select(d => string.Join(",", d.Quantiles.Select(q => q.Value))));
        // 40 rows have no time (every 50th from row 7), counted over all chunks in one warning.
        Assert.Equal(["40 rows have no 'time' time and are left out of the time buckets."], warnings);
    }

    [Fact]
    public void JsonLinesStreamInChunksWithKeysThatComeAndGo()
    {
        using var folder = new TempFolder();
        // Hand-made: 'note' appears only on lines 4-5, 'load' is Int64 in the first chunk and Double in the second,
        // 'host' is absent from line 3; a blank line is skipped.
        var path = folder.File("events.jsonl",
            "{\"host\":\"a\",\"load\":1}\n{\"host\":\"b\",\"load\":2}\n{\"load\":3}\n\n{\"host\":\"a\",\"load\":4.5,\"note\":\"x\"}\n{\"host\":\"a\",\"note\":\"y\"}\n");
        var chunks = JsonLinesDatasetReader.ReadChunks(path, new ReadOptions(), rowsPerChunk: 3).ToList();
        Assert.Equal([3, 2], chunks.Select(c => c.RowCount));
        Assert.Equal(ColumnType.Int64, chunks[0]["load"].Type);
        Assert.Equal(ColumnType.Double, chunks[1]["load"].Type);
        Assert.False(chunks[0].TryGetColumn("note", out _));

        var stream = new StreamingDistribution(new DistributionOptions());
        foreach (var chunk in chunks) stream.Add(chunk, columnsFixed: false);
        var streamed = stream.Results();
        var whole = DistributionAnalyzer.Analyze(JsonLinesDatasetReader.Read(path, new ReadOptions()), new DistributionOptions());

        Assert.Equal(["host", "load", "note"], streamed.Select(d => d.Column));
        Assert.Equal(whole.Select(Exact), streamed.Select(Exact));
        // Worked by hand: host a,b,a,a with one missing; load 1,2,3,4.5 (mean 2.625) with one missing; note x,y with three missing.
        Assert.Equal((4L, 1L, "a=3,b=1"), (streamed[0].Count, streamed[0].Missing, string.Join(",", streamed[0].TopValues.Select(t => $"{t.Value}={t.Count}"))));
        Assert.Equal((4L, 1L, 2.625, 2.5), (streamed[1].Count, streamed[1].Missing, streamed[1].Mean!.Value, streamed[1].Median!.Value));
        Assert.Equal((2L, 3L), (streamed[2].Count, streamed[2].Missing));
    }

    [Fact]
    public void AColumnNoChunkHasFailsNamingItAndAFixedFileFailsAtTheFirstChunk()
    {
        using var folder = new TempFolder();
        var jsonl = folder.File("a.jsonl", "{\"x\":1}\n{\"x\":2}\n");
        var stream = new StreamingDistribution(new DistributionOptions { Columns = ["nosuch"] });
        foreach (var chunk in JsonLinesDatasetReader.ReadChunks(jsonl, new ReadOptions(), rowsPerChunk: 1)) stream.Add(chunk, columnsFixed: false);
        var e = Assert.Throws<DataException>(() => stream.Results());
        Assert.Equal(("DataCenterTools.ColumnNotFound", "nosuch"), (e.ErrorId, e.ColumnName));

        var csv = folder.File("a.csv", "x\n1\n2\n");
        var fixedStream = new StreamingDistribution(new DistributionOptions { GroupBy = ["nosuch"] });
        var first = CsvDatasetReader.ReadChunks(csv, new ReadOptions(), rowsPerChunk: 1).First();
        e = Assert.Throws<DataException>(() => fixedStream.Add(first, columnsFixed: true));
        Assert.Equal(("DataCenterTools.ColumnNotFound", "nosuch"), (e.ErrorId, e.ColumnName));
    }
}
