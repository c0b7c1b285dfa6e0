using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The sketches are checked against the exact figures of the same data: the true rank of each estimated
/// quantile is counted in the sorted values, and the true distinct counts are known by construction.
/// </summary>
public class SketchTests
{
    private static readonly double[] Probes = [.. Enumerable.Range(1, 99).Select(i => i / 100.0)];

    /// <summary>1M values from a fixed seed: a skewed mixture so the quantiles are not evenly spaced.</summary>
    private static double[] Values(int seed, int count, double shift)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = random.NextDouble() < 0.7 ? -Math.Log(1 - random.NextDouble()) * 10 + shift : random.NextDouble() * 100 + shift;
        return values;
    }

    /// <summary>The largest distance between each probe q and the true rank of the sketch's q-quantile.</summary>
    private static double WorstRankError(KllSketch sketch, double[] sorted)
    {
        var worst = 0.0;
        foreach (var q in Probes)
        {
            var estimate = sketch.Quantile(q);
            // Values equal to the estimate may sit anywhere in [below, atOrBelow]; take the closest rank.
            var below = LowerBound(sorted, estimate) / (double)sorted.Length;
            var atOrBelow = LowerBound(sorted, Math.BitIncrement(estimate)) / (double)sorted.Length;
            var error = q < below ? below - q : q > atOrBelow ? q - atOrBelow : 0;
            worst = Math.Max(worst, error);
        }
        return worst;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    [Fact]
    public void Kll_rank_error_is_within_one_percent_on_a_million_values()
    {
        var values = Values(42, 1_000_000, 0);
        var sketch = new KllSketch();
        sketch.AddRange(values);
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);

        Assert.Equal(1_000_000, sketch.Count);
        Assert.Equal(sorted[0], sketch.Min);
        Assert.Equal(sorted[^1], sketch.Max);
        Assert.True(sketch.Items.Length < 4 * KllSketch.DefaultK, $"{sketch.Items.Length} items retained");
        Assert.True(KllSketch.RankErrorFor(KllSketch.DefaultK) < 0.01);
        var worst = WorstRankError(sketch, sorted);
        Assert.True(worst <= 0.01, $"worst rank error {worst}");
    }

    [Fact]
    public void Kll_merge_of_two_sketches_matches_the_union()
    {
        var first = Values(1, 600_000, 0);
        var second = Values(2, 400_000, 50);
        var a = new KllSketch();
        a.AddRange(first);
        var b = new KllSketch();
        b.AddRange(second);
        a.Merge(b);
        var union = first.Concat(second).ToArray();
        Array.Sort(union);

        Assert.Equal(1_000_000, a.Count);
        Assert.Equal(union[0], a.Min);
        Assert.Equal(union[^1], a.Max);
        Assert.True(a.Items.Length < 4 * KllSketch.DefaultK, $"{a.Items.Length} items retained");
        var worst = WorstRankError(a, union);
        Assert.True(worst <= 0.01, $"worst rank error {worst}");
    }

    [Fact]
    public void Kll_small_input_is_exact_and_state_round_trips()
    {
        // Below K values nothing is compacted: quantiles are the order statistics themselves.
        var sketch = new KllSketch();
        sketch.AddRange([5, 1, 4, 2, 3, double.NaN]);
        Assert.Equal(5, sketch.Count);
        Assert.Equal(1, sketch.Quantile(0));
        Assert.Equal(3, sketch.Quantile(0.5));
        Assert.Equal(2, sketch.Quantile(0.4));
        Assert.Equal(5, sketch.Quantile(1));
        Assert.Equal(0.6, sketch.Rank(3));

        var big = new KllSketch();
        big.AddRange(Values(7, 50_000, 0));
        var copy = KllSketch.FromState(big.K, big.Count, big.Min, big.Max, big.Items, big.LevelStarts);
        foreach (var q in Probes) Assert.Equal(big.Quantile(q), copy.Quantile(q));
        Assert.Throws<ArgumentException>(() => KllSketch.FromState(big.K, big.Count + 1, big.Min, big.Max, big.Items, big.LevelStarts));
    }

    [Fact]
    public void Hll_estimates_a_million_distinct_numbers_and_strings_within_two_percent()
    {
        var numbers = new HyperLogLog();
        var strings = new HyperLogLog();
        for (var i = 0; i < 1_000_000; i++)
        {
            numbers.Add(i * 0.5);
            strings.Add("host-" + i);
            // Repeats do not count twice.
            if (i % 3 == 0) { numbers.Add(i * 0.5); strings.Add("host-" + i); }
        }
        Assert.Equal(16384, numbers.Registers.Length);
        Assert.InRange(numbers.StandardError, 0.0081, 0.0082);
        Assert.InRange(numbers.Estimate(), 980_000, 1_020_000);
        Assert.InRange(strings.Estimate(), 980_000, 1_020_000);
    }

    [Fact]
    public void Hll_merge_counts_the_union_and_small_counts_are_near_exact()
    {
        var a = new HyperLogLog();
        var b = new HyperLogLog();
        for (var i = 0; i < 600_000; i++) a.Add("user-" + i);
        for (var i = 400_000; i < 1_000_000; i++) b.Add("user-" + i);
        a.Merge(b);
        Assert.InRange(a.Estimate(), 980_000, 1_020_000);
        var copy = HyperLogLog.FromState(a.Precision, a.Registers);
        Assert.Equal(a.Estimate(), copy.Estimate());

        // Linear counting: 100 distinct values in 16384 registers are counted almost exactly.
        var small = new HyperLogLog();
        for (var i = 0; i < 100; i++) { small.Add(i); small.Add(-0.0); small.Add(0.0); }
        Assert.InRange(small.Estimate(), 99, 101);
        Assert.Throws<ArgumentException>(() => a.Merge(new HyperLogLog(12)));
    }
}

/// <summary>Summaries of parts merged against the whole column's exact figures (computed by Moments.Of and sorting here).</summary>
public class ColumnSummaryTests
{
    [Fact]
    public void Merged_numeric_summaries_match_the_whole_column()
    {
        var random = new Random(5);
        var all = Enumerable.Range(0, 30_000).Select(_ => Math.Round(random.NextDouble() * 1000, 1)).ToArray();
        var parts = new[] { all[..10_000], all[10_000..25_000], all[25_000..] }
            .Select((p, i) => ColumnSummary.Of(new DoubleColumn("x", p), "part" + i)).ToArray();
        var merged = ColumnSummary.MergeAll(parts).Single();
        var whole = Moments.Of(all);
        Assert.Equal(30_000, merged.Count);
        Approx.Relative(whole.Mean, merged.Mean, 1e-12);
        Approx.Relative(whole.StandardDeviation, merged.Moments.StandardDeviation, 1e-10);
        Assert.Equal(all.Min(), merged.Min);
        Assert.Equal(all.Max(), merged.Max);
        var view = merged.ToDistribution(new DistributionOptions());
        Assert.Equal(all.Count(v => v == 0), view.Zeros);
        Assert.Equal(30_000, view.Histogram!.Counts.Sum());
        // 10001 possible values (0.0-1000.0): nearly all appear; HLL within 2% of the true count.
        var distinct = all.Distinct().Count();
        Assert.InRange(view.Distinct, distinct * 0.98, distinct * 1.02);
        Assert.Contains("Quantiles", view.EstimatedFields);
        var sorted = all.Order().ToArray();
        var medianRank = Array.FindIndex(sorted, v => v >= view.Median!.Value) / 30_000.0;
        Assert.InRange(medianRank, 0.49, 0.51);
    }

    [Fact]
    public void Categorical_counts_merge_exactly_and_mismatched_kinds_fail_naming_the_column()
    {
        var a = ColumnSummary.Of(new StringColumn("status", ["ok", "ok", "fail", null]));
        var b = ColumnSummary.Of(new StringColumn("status", ["ok", "warn"]));
        var view = a.Merge(b).ToDistribution(new DistributionOptions());
        Assert.Equal(5, view.Count);
        Assert.Equal(1, view.Missing);
        Assert.Equal(3, view.Distinct);
        Assert.Equal([("ok", 3L, 60.0), ("fail", 1L, 20.0), ("warn", 1L, 20.0)], view.TopValues.Select(v => (v.Value, v.Count, v.Percent)));
        Assert.Empty(view.EstimatedFields);

        var numeric = ColumnSummary.Of(new Int64Column("status", [1, 2]));
        var error = Assert.Throws<DataException>(() => a.Merge(numeric));
        Assert.Equal("DataCenterTools.SummaryMismatch", error.ErrorId);
        Assert.Contains("'status'", error.Message);
    }
}

public class NumericSortTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100_000)]
    public void SortsAsArraySortDoesIncludingNegativesInfinitiesAndRepeats(int count)
    {
        var random = new Random(17);
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = (i % 10) switch
            {
                0 => double.PositiveInfinity,
                1 => double.NegativeInfinity,
                2 => 0.0,
                3 => Math.Round(random.NextDouble() * 10) - 5,   // repeats of small integers
                4 => -random.NextDouble() * 1e300,
                5 => random.NextDouble() * 1e-300,
                _ => (random.NextDouble() - 0.5) * 1e6,
            };
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        NumericSort.Sort(values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void SortsASliceWithACallersScratchAfterAnOddNumberOfPasses()
    {
        // Only the lowest 11 bits differ: one radix pass, so the sorted keys end in the scratch and are copied back.
        var values = Enumerable.Range(0, 12_000).Select(i => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(-3.0) + (i * 7919) % 2048)).ToArray();
        var around = new double[values.Length + 2];
        around[0] = double.MaxValue;
        around[^1] = double.MinValue;
        values.CopyTo(around, 1);
        var scratch = new ulong[values.Length + 100];
        NumericSort.Sort(around.AsSpan(1, values.Length), scratch);
        Array.Sort(values);
        Assert.Equal(values, around[1..^1]);
        Assert.Equal(double.MaxValue, around[0]);
        Assert.Equal(double.MinValue, around[^1]);
    }

    [Fact]
    public void LeavesValuesThatShareTheirHighDigitsInOrder()
    {
        // Every value has the same sign and exponent, so the top passes are skipped; the order comes from the low bits.
        var values = Enumerable.Range(0, 10_000).Select(i => 1.0 + ((i * 7919) % 10_000) / 1e4).ToArray();
        NumericSort.Sort(values);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => 1.0 + i / 1e4), values);
    }
}
