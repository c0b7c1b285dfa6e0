using System.Text.Json;
using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// A profile's workers reuse one buffer of values and one radix scratch from column to column (longer, shorter,
/// with missing cells and NaN, Int64, DateTime): every figure must be the one a fresh column gets, to the last bit.
/// </summary>
public class DistributionScratchTests
{
    private static readonly JsonSerializerOptions Exact = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Figures(ColumnDistribution d) => JsonSerializer.Serialize(d, Exact);

    private static Column[] Columns()
    {
        var random = new Random(5);
        var rows = 20_000;
        var wide = Enumerable.Range(0, rows).Select(i => i % 97 == 0 ? double.NaN : Math.Round((random.NextDouble() - 0.3) * 1e4, 1)).ToArray();
        var some = ValidityBitmap.FromFlags([.. Enumerable.Range(0, rows).Select(i => i % 3 != 0)]);
        var zeros = Enumerable.Range(0, rows).Select(i => (i % 4) switch { 0 => -0.0, 1 => 0.0, 2 => -1e-300, _ => 1e300 }).ToArray();
        var times = Enumerable.Range(0, rows).Select(i => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i / 10 * 60)).ToArray();
        return
        [
            new DoubleColumn("wide", wide),
            new DoubleColumn("third missing", [.. wide.Select(v => v * 3)], some),
            new Int64Column("ints", [.. Enumerable.Range(0, rows).Select(i => (long)(i * 7919 % 1013) - 500)]),
            // Five present values (one NaN) after 20,000: the reused buffers are longer than the values.
            new DoubleColumn("few present", [.. Enumerable.Range(0, rows).Select(i => (i % 5) switch { 0 => 1.5, 1 => -2, 2 => double.NaN, _ => 8 })],
                ValidityBitmap.FromFlags([.. Enumerable.Range(0, rows).Select(i => i < 5)])),
            new DateTimeColumn("time", times, some),
            new DoubleColumn("zeros", zeros),
            new DoubleColumn("constant", [.. Enumerable.Repeat(42.0, rows)]),
            new DoubleColumn("none", new double[rows], ValidityBitmap.FromFlags(new bool[rows])),
            new DoubleColumn("wide again", [.. wide.Reverse()]),
        ];
    }

    [Fact]
    public void Reused_buffers_give_the_figures_of_fresh_ones()
    {
        var options = new DistributionOptions { Bins = 7 };
        var scratch = new DistributionAnalyzer.ColumnScratch();
        foreach (var column in Columns())
            Assert.Equal(Figures(DistributionAnalyzer.Describe(column, options)), Figures(DistributionAnalyzer.Describe(column, options, scratch)));
    }

    [Fact]
    public void Analyze_on_all_cores_gives_the_figures_of_each_column_alone()
    {
        var columns = Columns();
        var dataset = new Dataset("d", columns, null, []);
        var options = new DistributionOptions();
        var all = DistributionAnalyzer.Analyze(dataset, options);
        for (var i = 0; i < columns.Length; i++)
            Assert.Equal(Figures(DistributionAnalyzer.Describe(columns[i], options) with { Dataset = "d" }), Figures(all[i]));
    }

    [Fact]
    public void Numeric_figures_are_those_of_the_general_path()
    {
        // The moments are summed in row order (as before the in-place sort), the order statistics come from a comparison sort.
        var scratch = new DistributionAnalyzer.ColumnScratch();
        foreach (var column in Columns().Where(c => c is DoubleColumn or Int64Column))
        {
            var d = DistributionAnalyzer.Describe(column, new DistributionOptions(), scratch);
            var values = NumericStats.PresentValues(column);
            Assert.Equal(Moments.Of(values), d.Moments);
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            Assert.Equal(sorted.Length, d.Count);
            if (sorted.Length == 0) continue;
            Assert.Equal(sorted.Distinct().Count(), d.Distinct);
            Assert.Equal(sorted[0], d.Min);
            Assert.Equal(sorted[^1], d.Max);
            Assert.Equal(DistributionOptions.DefaultQuantiles.Select(q => NumericStats.Quantile(sorted, q)), d.Quantiles.Select(q => q.Value));
            Assert.Equal(Histogram.Of(values, 20).Counts, d.Histogram!.Counts);
        }
    }
}
