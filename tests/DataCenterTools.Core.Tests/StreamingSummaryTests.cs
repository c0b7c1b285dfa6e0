using System.Globalization;
using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// CsvDatasetReader.ReadChunks + ColumnSummary.SummarizeChunks: a file read in parts gives the exact figures
/// of the whole file read at once, and quantiles within the KLL sketch's rank error.
/// </summary>
public class StreamingSummaryTests
{
    [Fact]
    public void ChunksFixTypesFromTheFirstValuesWidenToDoubleAndKeepLaterTextAsText()
    {
        using var folder = new TempFolder();
        // Hand-worked: chunk 1 = rows 1-2, chunk 2 = rows 3-4. 'a' is Int64 in chunk 1 and widens to Double at 3.5;
        // 'b' has no values in chunk 1, so chunk 2 (7, 8) decides it is Int64.
        var path = folder.File("small.csv", "a,b,c\n1,,x\n2,,y\n3.5,7,z\n4,8,w\n");
        var warnings = new List<string>();
        var chunks = CsvDatasetReader.ReadChunks(path, new ReadOptions { Warning = warnings.Add }, rowsPerChunk: 2).ToList();

        Assert.Equal(2, chunks.Count);
        Assert.Equal(ColumnType.Int64, chunks[0]["a"].Type);
        Assert.Equal(ColumnType.Double, chunks[1]["a"].Type);
        Assert.Equal(3.5, ((DoubleColumn)chunks[1]["a"]).Values[0]);
        Assert.Equal(ColumnType.Int64, chunks[1]["b"].Type);
        Assert.Empty(warnings);

        var summaries = ColumnSummary.SummarizeChunks(chunks, null);
        var a = summaries[0];
        Assert.Equal(("a", "numeric", ColumnType.Double, 4L, 0L), (a.Column, a.Kind, a.Type, a.Count, a.Missing));
        Assert.Equal((1 + 2 + 3.5 + 4) / 4, a.Mean, 12);
        Assert.Equal((1.0, 4.0), (a.Min, a.Max));
        var b = summaries[1];
        Assert.Equal(("numeric", 2L, 2L, 7.5), (b.Kind, b.Count, b.Missing, b.Mean));
        Assert.Equal(["w", "x", "y", "z"], summaries[2].Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LaterTextInANumberColumnIsKeptAsTextWithTheLineNamedNotTurnedMissing()
    {
        using var folder = new TempFolder();
        // Issue 12: the streamed path used to count 'oops' as missing; now that chunk's 'a' is String holding it.
        var path = folder.File("small.csv", "a\n1\n2\n3\noops\n5\n6\n");
        var warnings = new List<string>();
        var chunks = CsvDatasetReader.ReadChunks(path, new ReadOptions { Warning = warnings.Add }, rowsPerChunk: 2).ToList();
        Assert.Equal([ColumnType.Int64, ColumnType.String, ColumnType.String], chunks.Select(c => c["a"].Type));
        Assert.Equal(["3", "oops"], Enumerable.Range(0, 2).Select(i => (string?)chunks[1]["a"].GetValue(i)));
        Assert.Equal(0, chunks.Sum(c => c["a"].NullCount));
        Assert.Contains(warnings, w => w.Contains("'a'") && w.Contains("line 5") && w.Contains("'oops'"));
        // A summary cannot merge numbers with text, and says so (Get-DataDistribution then reads the file whole).
        var e = Assert.Throws<DataException>(() => ColumnSummary.SummarizeChunks(chunks, null));
        Assert.Equal("DataCenterTools.SummaryMismatch", e.ErrorId);
    }

    [Fact]
    public void ManyChunksGiveTheExactFiguresOfTheWholeFileAndQuantilesWithinTheSketchError()
    {
        using var folder = new TempFolder();
        var path = folder.File("many.csv");
        var random = new Random(7);
        var text = new StringBuilder("id,load,zone,seen\n");
        var loads = new List<double>();
        for (var i = 0; i < 50_000; i++)
        {
            // Every 10th load is missing; the values are skewed (exponential) so the quantiles are uneven.
            var value = i % 10 == 3 ? (double?)null : Math.Round(-Math.Log(1 - random.NextDouble()) * 40, 3);
            if (value != null) loads.Add(value.Value);
            var seen = new DateTime(2026, 1, 1).AddMinutes(random.Next(0, 100_000));
            text.Append(i).Append(',').Append(value?.ToString(CultureInfo.InvariantCulture) ?? "")
                .Append(",z").Append(random.Next(0, 12)).Append(',').Append(seen.ToString("yyyy-MM-ddTHH:mm:ss")).Append('\n');
        }
        File.WriteAllText(path, text.ToString());

        var chunks = 0;
        var streamed = ColumnSummary.SummarizeChunks(
            CsvDatasetReader.ReadChunks(path, new ReadOptions(), rowsPerChunk: 4_096).Select(c => { chunks++; return c; }), null);
        var whole = ColumnSummary.Summarize(CsvDatasetReader.Read(path, new ReadOptions()), null);

        Assert.Equal(13, chunks); // ceil(50,000 / 4,096)
        Assert.Equal(whole.Select(s => (s.Column, s.Type, s.Kind)), streamed.Select(s => (s.Column, s.Type, s.Kind)));
        for (var c = 0; c < whole.Count; c++)
        {
            Assert.Equal(whole[c].Count, streamed[c].Count);
            Assert.Equal(whole[c].Missing, streamed[c].Missing);
            Assert.Equal(whole[c].Min, streamed[c].Min);
            Assert.Equal(whole[c].Max, streamed[c].Max);
            if (whole[c].Kind == "numeric")
            {
                Approx.Relative(whole[c].Mean, streamed[c].Mean, 1e-12);
                Approx.Relative(whole[c].Moments.StandardDeviation, streamed[c].Moments.StandardDeviation, 1e-12);
            }
            Assert.Equal(whole[c].Values, streamed[c].Values);
            Assert.Equal(whole[c].ValueCounts, streamed[c].ValueCounts);
        }

        var load = streamed[1];
        Assert.Equal((45_000L, 5_000L), (load.Count, load.Missing));
        Approx.Relative(loads.Average(), load.Mean, 1e-12);
        // The estimated quantiles sit within a few times the sketch's rank error of their true rank.
        var sorted = loads.Order().ToArray();
        Assert.True(load.Quantiles!.Items.Length < load.Quantiles.Count, "the sketch compacted, so quantiles are estimates");
        foreach (var q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            var estimate = load.Quantiles.Quantile(q);
            var rank = (double)sorted.Count(v => v <= estimate) / sorted.Length;
            Assert.InRange(rank, q - 3 * load.Quantiles.RankError, q + 3 * load.Quantiles.RankError);
        }
    }
}
