using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Numerics;
using DataCenterTools.Core.Query;
using static DataCenterTools.Core.Tests.TestColumns;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The column-at-a-time kernels behind cleaning, scaling and grouping: the radix selection against a sort, the
/// shared quantiles against the sorted definition bit for bit, and hand-worked clips, fills, scales and groups.
/// </summary>
public class ColumnKernelTests
{
    [Fact]
    public void Select_finds_hand_worked_ranks_with_ties()
    {
        var values = new double[] { 3, 1, 2, 5, 4 };
        var result = new double[3];
        OrderStatistics.Select(values, [0, 2, 4], result);
        Assert.Equal([1.0, 3.0, 5.0], result);

        var ties = new double[] { 2, 2, 2, 1, 3 };
        var tied = new double[4];
        OrderStatistics.Select(ties, [0, 1, 3, 4], tied);
        Assert.Equal([1.0, 2.0, 2.0, 3.0], tied);
    }

    [Fact]
    public void Select_rejects_ranks_out_of_order_or_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(new double[] { 1, 2, 3 }, [2, 1], new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Select(new double[] { 1, 2, 3 }, [3], new double[1]));
    }

    public static TheoryData<string> Shapes => ["spread", "one decimal", "narrow", "constant", "negative"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Select_on_large_inputs_equals_the_sorted_order(string shape)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 200_000).Select(_ => shape switch
        {
            "spread" => random.NextDouble() * 1e6,
            "one decimal" => Math.Round(random.NextDouble() * 100, 1),
            // Every value shares its top bits: the selection goes down to the last level.
            "narrow" => 100 + random.Next(0, 50) * 1e-12,
            "constant" => 42.5,
            _ => (random.NextDouble() - 0.5) * 1e3,
        }).ToArray();
        var sorted = values.Order().ToArray();
        int[] ranks = [0, 1, 49_999, 50_000, 99_999, 100_000, 100_001, 179_999, 199_998, 199_999];
        var result = new double[ranks.Length];
        OrderStatistics.Select((double[])values.Clone(), ranks, result);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), result);
    }

    public static TheoryData<string, int> PartitionShapes => new()
    {
        { "one decimal", 15_000 }, { "constant", 15_000 }, { "ascending", 15_000 }, { "descending", 15_000 },
        { "organ pipe", 15_000 }, { "two values", 15_000 }, { "spread", 49 }, { "spread", 131_071 },
    };

    // The sizes of a group-by's groups go through the three-way quickselect, not the radix: the same order statistics.
    [Theory]
    [MemberData(nameof(PartitionShapes))]
    public void Select_by_partition_equals_the_sorted_order(string shape, int n)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, n).Select(i => shape switch
        {
            "one decimal" => Math.Round(random.NextDouble() * 100, 1),
            "constant" => 7.0,
            "ascending" => i,
            "descending" => -i * 0.5,
            "organ pipe" => Math.Min(i, n - i),
            "two values" => random.Next(2) == 0 ? -1.0 : 1.0,
            _ => random.NextDouble() * 1e6,
        }).ToArray();
        var sorted = values.Order().ToArray();
        int[] ranks = [.. new[] { 0, 1, n / 2 - 1, n / 2, n / 2 + 1, (int)(0.9 * (n - 1)), (int)(0.9 * (n - 1)) + 1, n - 1 }.Distinct().Order()];
        var result = new double[ranks.Length];
        OrderStatistics.Select((double[])values.Clone(), ranks, result);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), result);
    }

    [Fact]
    public void Shared_quantiles_equal_the_sorted_definition_bit_for_bit()
    {
        var random = new Random(11);
        double[] qs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
        foreach (var n in new[] { 1, 2, 3, 10, 4_095, 4_096, 100_003 })
        {
            var values = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 1000, 2)).ToArray();
            var sorted = values.Order().ToArray();
            var result = new double[qs.Length];
            Quantiles.LinearUnsorted((double[])values.Clone(), qs, result);
            for (var i = 0; i < qs.Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(Quantiles.Linear(sorted, qs[i])), BitConverter.DoubleToInt64Bits(result[i]));
        }
        var none = new double[2];
        Quantiles.LinearUnsorted([], [0.5, 0.9], none);
        Assert.All(none, v => Assert.True(double.IsNaN(v)));
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) = [1.75, 2.5, 3.7]
        var small = new double[3];
        Quantiles.LinearUnsorted([4, 1, 3, 2], [0.25, 0.5, 0.9], small);
        Assert.Equal([1.75, 2.5, 3.7], small);
    }

    [Fact]
    public void Present_numbers_leave_out_missing_cells_and_NaN_when_asked()
    {
        var doubles = Doubles("x", 1, null, double.NaN, 4);
        Assert.Equal([1.0, 4.0], ColumnNumbers.Present(doubles, skipNaN: true));
        var kept = ColumnNumbers.Present(doubles, skipNaN: false);
        Assert.Equal(3, kept.Length);
        Assert.True(double.IsNaN(kept[1]));
        Assert.Equal([5.0, -7.0], ColumnNumbers.Present(Longs("n", null, 5, -7), skipNaN: true));
    }

    // pandas: s = pd.Series([1, 2, 3, 4, 100, None, np.nan]); q1, q3 = s.quantile([.25, .75]) -> 2.0, 4.0;
    // s.clip(q1 - 1.5 * 2, q3 + 1.5 * 2) -> [1, 2, 3, 4, 7, NaN, NaN]; its median 3.0 fills the missing cell.
    // (Our missing and NaN are two things: NaN is a value, kept and not filled.)
    [Fact]
    public void Clip_then_median_fill_in_one_typed_pass_each()
    {
        var x = Doubles("x", 1, 2, 3, 4, 100, null, double.NaN);
        var other = Doubles("y", 1, 2, 3, 4, 5, 6, 7);
        var result = DataCleaner.Clean(new Dataset("t", [x, other]), new CleaningOptions
        {
            Columns = ["x", "y"], Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.Clip,
            Fill = new Dictionary<string, FillSpec> { ["x"] = FillSpec.Parse("Median"), ["y"] = FillSpec.Parse("Median") },
        });
        var cleaned = (DoubleColumn)result.Dataset["x"];
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 7.0, 3.0], cleaned.Values[..6].ToArray());
        Assert.True(double.IsNaN(cleaned[6]));
        Assert.Equal(0, cleaned.NullCount);
        Assert.Same(other, result.Dataset["y"]); // nothing outside, nothing missing: shared, not copied
        Assert.Contains(result.Report.Columns, e => e.Column == "x" && e.Action == CleaningAction.Clipped && e.Cells == 1);
        Assert.Contains(result.Report.Columns, e => e.Column == "x" && e.Action == CleaningAction.Filled && e.Cells == 1 && e.Detail == "Median 3");
        Assert.Equal(100, x[4]); // the input is untouched
    }

    // numpy.quantile([0, 10, 11, 12, 13, 40], [.25, .75]) = [10.25, 12.75]: bounds 6.5 and 16.5, rounded inward to 7 and 16.
    [Fact]
    public void Int64_clip_rounds_bounds_inward_and_SetMissing_clears_cells()
    {
        var n = Longs("n", 0, 10, 11, 12, 13, 40, null);
        var clipped = DataCleaner.Clean(new Dataset("t", [n]), new CleaningOptions { Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.Clip });
        var c = (Int64Column)clipped.Dataset["n"];
        Assert.Equal([7L, 10, 11, 12, 13, 16, 0], c.Values.ToArray());
        Assert.True(c.IsNull(6));

        var cleared = DataCleaner.Clean(new Dataset("t", [n]), new CleaningOptions { Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.SetMissing });
        var m = cleared.Dataset["n"];
        Assert.Equal(3, m.NullCount);
        Assert.True(m.IsNull(0) && m.IsNull(5) && m.IsNull(6));
        Assert.Equal(11L, m.GetValue(2));

        // Median of [7, 10, 11, 12, 13, 16] is 11.5: an Int64 column takes it rounded half to even, 12.
        var filled = DataCleaner.Clean(new Dataset("t", [n]), new CleaningOptions
        {
            Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.Clip, Fill = new Dictionary<string, FillSpec> { ["n"] = FillSpec.Parse("Median") },
        });
        Assert.Equal(12L, filled.Dataset["n"].GetValue(6));
    }

    [Fact]
    public void ZScore_scaling_is_the_same_vectorized_as_one_value_at_a_time()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 1_003).Select(i => i % 17 == 0 ? (double?)null : random.NextDouble() * 100).ToArray();
        var xOnly = new Dataset("t", [Doubles("x", values)]);
        var scaler = DataScaler.Fit(xOnly, ScalingMethod.ZScore, ["x"]);
        var scaled = (DoubleColumn)scaler.Transform(xOnly)["x"];
        var (mean, std) = (scaler.Columns[0].Mean!.Value, scaler.Columns[0].Std!.Value);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v) Assert.Equal(BitConverter.DoubleToInt64Bits((v - mean) / std), BitConverter.DoubleToInt64Bits(scaled[i]));
            else { Assert.True(scaled.IsNull(i)); Assert.Equal(0, scaled[i]); }
        }
        // An Int64 column of 1..11: mean 6, population std sqrt(10); 11 values is not a multiple of the vector width.
        var longs = new Dataset("t", [Longs("n", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)]);
        var n = (DoubleColumn)DataScaler.Fit(longs, ScalingMethod.ZScore, ["n"]).Transform(longs)["n"];
        Assert.Equal((11 - 6) / Math.Sqrt(10), n[10], 15);
        Assert.Equal((1 - 6) / Math.Sqrt(10), n[0], 15);
    }

    // pandas: df.groupby('g')['v'].agg(['mean', 'std', 'median', lambda s: s.quantile(.9)]) on
    // g = [a, a, a, b, c, c], v = [1, 2, 10, 5, None, None]: a -> 4.333333333333333, 4.93288286231625, 2.0, 8.4;
    // b (one row) -> 5.0, NaN, 5.0, 5.0; c (no values) -> all NaN.
    [Fact]
    public void Group_aggregates_share_one_selection_per_group_with_one_row_and_empty_groups()
    {
        var ds = new Dataset("t", [Strings("g", "a", "a", "a", "b", "c", "c"), Doubles("v", 1, 2, 10, 5, null, null)]);
        var g = DatasetGrouping.Group(ds, new GroupOptions
        {
            By = ["g"],
            Aggregates = [AggregateFunction.Parse("v", "mean"), AggregateFunction.Parse("v", "std"), AggregateFunction.Parse("v", "median"), AggregateFunction.Parse("v", "p90")],
        });
        object?[] Cells(string name) => Enumerable.Range(0, g.RowCount).Select(g[name].GetValue).ToArray();
        Assert.Equal(["a", "b", "c"], Cells("g"));
        Assert.Equal([13.0 / 3, 5.0, null], Cells("v_mean"));
        Assert.Equal(4.93288286231625, (double)Cells("v_std")[0]!, 14);
        Assert.Null(Cells("v_std")[1]);
        Assert.Null(Cells("v_std")[2]);
        Assert.Equal([2.0, 5.0, null], Cells("v_median"));
        Assert.Equal(8.4, (double)Cells("v_p90")[0]!, 14);
        Assert.Equal([5.0, null], Cells("v_p90")[1..]);
    }
}
