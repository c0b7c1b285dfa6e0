using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The heavy-hitters summary is checked on streams whose true counts are known by construction:
/// a Zipf stream where value i occurs floor(200000 / i) times, shuffled and split into parts.
/// </summary>
public class HeavyHittersTests
{
    private const int Distinct = 20_000;

    private static long TrueCount(int i) => 200_000 / i;

    /// <summary>Every occurrence of every value, shuffled with a fixed seed.</summary>
    private static string[] ZipfStream()
    {
        var stream = new List<string>();
        for (var i = 1; i <= Distinct; i++)
            for (var n = 0; n < TrueCount(i); n++) stream.Add("v" + i);
        var array = stream.ToArray();
        new Random(7).Shuffle(array);
        return array;
    }

    [Fact]
    public void MergedPartsOfAZipfStreamKeepTheTrueTop10WithCountsWithinTheBound()
    {
        var stream = ZipfStream();
        long total = 0;
        for (var i = 1; i <= Distinct; i++) total += TrueCount(i);
        Assert.Equal(total, stream.Length);

        // Four parts, each summarised on its own (as on four hosts), then merged.
        const int capacity = 2_000;
        var parts = Enumerable.Range(0, 4).Select(_ => new HeavyHitters(capacity)).ToArray();
        for (var i = 0; i < stream.Length; i++) parts[i * 4 / stream.Length].Add(stream[i]);
        var merged = parts[0].Clone();
        foreach (var part in parts.Skip(1)) merged.Merge(part);

        Assert.Equal(total, merged.Count);
        Assert.False(merged.Exact);
        Assert.True(merged.Size <= capacity);
        // The documented bound: (Count - sum of counters) / (Capacity + 1), never above Count / (Capacity + 1).
        var bound = merged.ErrorBound;
        Assert.True(bound > 0);
        Assert.True(bound <= total / (capacity + 1));

        // The gaps between the true top 11 counts (>= 1818) exceed twice the bound, so the order is the true one.
        var top = merged.Counters().Take(10).ToArray();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => "v" + i), top.Select(t => t.Key));
        foreach (var (value, count) in merged.Counters())
        {
            var truth = TrueCount(int.Parse(value[1..]));
            Assert.InRange(count, truth - bound, truth);
        }
        // Every value occurring more than the bound is kept.
        for (var i = 1; i <= Distinct && TrueCount(i) > bound; i++) Assert.True(merged.CountOf("v" + i) > 0, $"v{i} was dropped");
    }

    [Fact]
    public void CountsStayExactWhileTheDistinctValuesFitTheCounters()
    {
        var a = HeavyHitters.FromCounts(new Dictionary<string, long> { ["ok"] = 5, ["warn"] = 2 }, capacity: 3);
        var b = new HeavyHitters(3);
        foreach (var value in new[] { "ok", "fail", "ok" }) b.Add(value);
        a.Merge(b);
        Assert.True(a.Exact);
        Assert.Equal(0, a.ErrorBound);
        Assert.Equal(new[] { "ok=7", "warn=2", "fail=1" }, a.Counters().Select(kv => $"{kv.Key}={kv.Value}"));

        // A fourth value overflows 3 counters: the 4th largest (1) is subtracted from all (worked by hand).
        a.Add("idle");
        Assert.False(a.Exact);
        Assert.Equal(new[] { "ok=6", "warn=1" }, a.Counters().Select(kv => $"{kv.Key}={kv.Value}"));
        // 11 values seen, counters add to 7: bound (11 - 7) / 4 = 1, and indeed ok (7) and warn (2) lost 1 each.
        Assert.Equal(11, a.Count);
        Assert.Equal(1, a.ErrorBound);
    }

    [Fact]
    public void ACategoricalSummaryAboveTheExactLimitReportsEstimatedTopValuesWithTheirError()
    {
        // 'hot' occurs 30000 times, 'warm' 20000 times, and 15000 other values once each: more than 10,000 distinct.
        var values = new List<string?>();
        values.AddRange(Enumerable.Repeat("hot", 30_000));
        values.AddRange(Enumerable.Repeat("warm", 20_000));
        values.AddRange(Enumerable.Range(0, 15_000).Select(i => "id" + i));
        values.Add(null);
        var parts = new[] { values.Where((_, i) => i % 2 == 0), values.Where((_, i) => i % 2 == 1) }
            .Select(part => ColumnSummary.Of(new StringColumn("key", [.. part]))).ToArray();
        var merged = parts[0].Merge(parts[1]);

        Assert.Equal(65_000, merged.Count);
        Assert.Equal(1, merged.Missing);
        Assert.False(merged.ValueCountsExact);
        Assert.Contains("TopValues", merged.EstimatedFields);
        var error = merged.ValueCountError;
        Assert.InRange(error, 1, 65_000 / 10_001);
        var view = merged.ToDistribution(new DistributionOptions { Top = 2 });
        Assert.Equal(new[] { "hot", "warm" }, view.TopValues.Select(t => t.Value));
        Assert.InRange(view.TopValues[0].Count, 30_000 - error, 30_000);
        Assert.InRange(view.TopValues[1].Count, 20_000 - error, 20_000);
        Assert.All(view.TopValues, t => Assert.Equal(error, t.CountError));
    }
}
