using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected figures computed with Debian's pandas 1.5.3 / numpy / scipy 1.10.1 (/usr/bin/python3):
/// Series.mean/std/skew/kurt/quantile/nunique/value_counts and numpy.histogram on the same values,
/// printed with repr() and pasted here.
/// </summary>
public class DistributionTests
{
    internal static Dataset Example(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", file))) dir = dir.Parent;
        Assert.NotNull(dir);
        return CsvDatasetReader.Read(Path.Combine(dir!.FullName, "examples", "data", file), new ReadOptions());
    }

    private static readonly double[] Small = [2.0, 4.0, 4.0, 5.0, 7.0, 9.0, 10.0, 0.0, 3.5, 12.0];

    [Fact]
    public void Numeric_column_matches_pandas_describe_skew_kurt()
    {
        // pd.Series(Small): mean 5.65, std 3.7716044331292222, skew 0.33713211997355946, kurt -0.7301667705792978,
        // quantile([.01,.05,.25,.5,.75,.95,.99]) = [0.18, 0.9, 3.625, 4.5, 8.5, 11.1, 11.82], nunique 9;
        // a missing cell is left out of every figure.
        var validity = ValidityBitmap.FromFlags([.. Small.Select(_ => true), false]);
        var column = new DoubleColumn("x", [.. Small, 99.0], validity);
        var d = DistributionAnalyzer.Describe(column, new DistributionOptions { Bins = 4 });
        Assert.Equal("numeric", d.Kind);
        Assert.Equal(10, d.Count);
        Assert.Equal(1, d.Missing);
        Assert.Equal(100.0 / 11, d.MissingPercent, 12);
        Assert.Equal(9, d.Distinct);
        Assert.Equal(1, d.Zeros);
        Approx.Relative(5.65, d.Mean!.Value);
        Approx.Relative(3.7716044331292222, d.Std!.Value);
        Approx.Relative(0.33713211997355946, d.Skewness!.Value);
        Approx.Relative(-0.7301667705792978, d.Kurtosis!.Value);
        double[] quantiles = [0.18, 0.9, 3.625, 4.5, 8.5, 11.099999999999998, 11.82];
        Assert.Equal(DistributionOptions.DefaultQuantiles, d.Quantiles.Select(q => q.Quantile));
        for (var i = 0; i < quantiles.Length; i++) Approx.Relative(quantiles[i], d.Quantiles[i].Value);
        Assert.Equal(0.0, d.Min);
        Assert.Equal(12.0, d.Max);
        Assert.Equal(4.5, d.Median);
        // np.histogram(x, bins=4) -> counts [2, 4, 1, 3], edges [0, 3, 6, 9, 12]
        Assert.Equal([2L, 4, 1, 3], d.Histogram!.Counts);
        Assert.Equal([0.0, 3, 6, 9, 12], d.Histogram.Edges);
        Assert.Equal("▄█▂▆", d.Sparkline);
    }

    [Fact]
    public void Iris_matches_pandas()
    {
        // iris['sepal length (cm)']: count 150, mean 5.843333333333334, std 0.8280661279778629, min 4.3, max 7.9,
        // skew 0.3149109566369728, kurt -0.5520640413156395, nunique 35,
        // quantiles [4.4, 4.6, 5.1, 5.8, 6.4, 7.254999999999998, 7.7], np.histogram(bins=20) counts below.
        var results = DistributionAnalyzer.Analyze(Example("iris.csv"), new DistributionOptions());
        var d = results.Single(r => r.Column == "sepal length (cm)");
        Assert.Equal(150, d.Count);
        Assert.Equal(35, d.Distinct);
        Approx.Relative(5.843333333333334, d.Mean!.Value);
        Approx.Relative(0.8280661279778629, d.Std!.Value);
        Approx.Relative(0.3149109566369728, d.Skewness!.Value);
        Approx.Relative(-0.5520640413156395, d.Kurtosis!.Value);
        double[] quantiles = [4.4, 4.6, 5.1, 5.8, 6.4, 7.254999999999998, 7.7];
        for (var i = 0; i < quantiles.Length; i++) Approx.Relative(quantiles[i], d.Quantiles[i].Value);
        Assert.Equal([4L, 5, 7, 16, 9, 5, 13, 14, 10, 6, 10, 16, 7, 11, 4, 2, 4, 1, 5, 1], d.Histogram!.Counts);

        // value_counts(): setosa, versicolor, virginica 50 each (ties in ordinal order).
        var names = results.Single(r => r.Column == "target_name");
        Assert.Equal("categorical", names.Kind);
        Assert.Equal(3, names.Distinct);
        Assert.Equal(["setosa", "versicolor", "virginica"], names.TopValues.Select(v => v.Value));
        Assert.All(names.TopValues, v => { Assert.Equal(50, v.Count); Assert.Equal(100.0 / 3, v.Percent, 12); });
    }

    [Fact]
    public void Alibaba_cpu_matches_pandas()
    {
        // cpu_util_percent: count 2243, mean 40.17565699733218, std 9.790954178009276, skew 0.5490605752032783,
        // kurt 0.26367289990649967, quantile([.05, .5, .95]) = [26.298329656476522, 39.39173178724477, 57.36483050847459]
        var d = DistributionAnalyzer.Analyze(Example("alibaba2018_machine_usage_300s.csv"),
            new DistributionOptions { Columns = ["cpu_util_percent"], Quantiles = [0.05, 0.5, 0.95] }).Single();
        Assert.Equal(2243, d.Count);
        Approx.Relative(40.17565699733218, d.Mean!.Value);
        Approx.Relative(9.790954178009276, d.Std!.Value);
        Approx.Relative(0.5490605752032783, d.Skewness!.Value, 1e-8);
        Approx.Relative(0.26367289990649967, d.Kurtosis!.Value, 1e-8);
        Approx.Relative(26.298329656476522, d.Quantile(0.05)!.Value);
        Approx.Relative(39.39173178724477, d.Quantile(0.5)!.Value);
        Approx.Relative(57.36483050847459, d.Quantile(0.95)!.Value);
    }

    [Fact]
    public void Merged_moments_equal_the_moments_of_all_values()
    {
        var all = Moments.Of(Small);
        var merged = Moments.Of(Small.AsSpan(0, 3)).Merge(Moments.Of(Small.AsSpan(3)));
        Assert.Equal(all.Count, merged.Count);
        Approx.Relative(all.Mean, merged.Mean, 1e-12);
        Approx.Relative(all.M2, merged.M2, 1e-12);
        Approx.Relative(all.M3, merged.M3, 1e-10);
        Approx.Relative(all.M4, merged.M4, 1e-12);
        Approx.Relative(0.33713211997355946, merged.Skewness, 1e-10);
        Assert.Equal(all, all.Merge(Moments.Empty));
    }

    [Fact]
    public void GroupBy_and_time_buckets_partition_the_rows()
    {
        var t0 = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var ds = new Dataset("g",
        [
            new DateTimeColumn("at", [t0, t0.AddHours(1), t0.AddDays(1), t0, t0.AddDays(1).AddHours(5)]),
            new StringColumn("region", ["eu", "eu", "eu", "us", "us"]),
            new DoubleColumn("v", [1, 3, 10, 100, 200]),
        ]);
        var results = DistributionAnalyzer.Analyze(ds, new DistributionOptions { GroupBy = ["region"], TimeColumn = "at", Interval = TimeInterval.Parse("1d") });
        Assert.All(results, r => Assert.Equal("v", r.Column));
        Assert.Equal(["eu", "eu", "us", "us"], results.Select(r => r.GroupKey));
        Assert.Equal([t0, t0.AddDays(1), t0, t0.AddDays(1)], results.Select(r => r.Bucket!.Value));
        Assert.Equal([2.0, 10, 100, 200], results.Select(r => r.Mean!.Value));
        Assert.Equal([2L, 1, 1, 1], results.Select(r => r.Count));
    }

    [Fact]
    public void Empty_dataset_gives_count_zero_and_a_warning()
    {
        var warnings = new List<string>();
        var ds = new Dataset("empty", [new DoubleColumn("v", []), new StringColumn("s", Array.Empty<string?>())]);
        var results = DistributionAnalyzer.Analyze(ds, new DistributionOptions { Warning = warnings.Add });
        Assert.All(results, r => Assert.Equal(0, r.Count));
        Assert.Null(results[0].Mean);
        Assert.Empty(results[0].Quantiles);
        Assert.Contains(warnings, w => w.Contains("no rows"));
    }

    [Fact]
    public void Unknown_column_is_a_ColumnNotFound_error()
    {
        var e = Assert.Throws<DataException>(() => DistributionAnalyzer.Analyze(Example("iris.csv"), new DistributionOptions { Columns = ["nope"] }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Equal("nope", e.ColumnName);
    }

    [Fact]
    public void Infinite_values_count_but_stay_out_of_the_histogram()
    {
        // pandas: Series([1, 2, 3, inf]) has count 4, max inf; numpy.histogram needs a finite range, so ±inf are left out.
        var d = DistributionAnalyzer.Describe(new DoubleColumn("x", [1, 2, 3, double.PositiveInfinity]), new DistributionOptions { Bins = 2 });
        Assert.Equal(4, d.Count);
        Assert.Equal(double.PositiveInfinity, d.Max);
        Assert.Equal([1L, 2], d.Histogram!.Counts);
        Assert.Equal(0, Histogram.Of([double.NegativeInfinity], 3).Counts.Sum());
    }

    [Theory]
    [InlineData("1h", 60)]
    [InlineData("15m", 15)]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("02:00:00", 120)]
    public void Intervals_parse(string text, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), TimeInterval.Parse(text));
}
