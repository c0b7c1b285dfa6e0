using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Expected rows come from an independent Python transcription of the documented algorithm, run with
/// /usr/bin/python3 (a changed generator, bounded draw or shuffle changes every expected split):
///   next():   x = (x + 0x9E3779B97F4A7C15) mod 2^64; z = x; z = (z ^ z>>30) * 0xBF58476D1CE4E5B9;
///             z = (z ^ z>>27) * 0x94D049BB133111EB; return z ^ z>>31   (all mod 2^64)
///   below(n): t = (2^64 - n) % n; draw d = next() until d >= t; return d % n
///   shuffle:  for i = len-1 down to 1: j = below(i+1); swap a[i], a[j]
///   random:   shuffle [0..n-1], the first round(f*n) train; stratified: per class (first-seen order),
///             shuffle its rows, clamp(round(f*k), 1, k-1) train; grouped: shuffle the groups
///             (first-seen order), the first round(f*groups) train.
/// </summary>
public class SplitTests
{
    private static Dataset Rows(int n, params Column[] extra) =>
        new("d", new Column[] { new Int64Column("id", Enumerable.Range(0, n).Select(i => (long)i).ToArray()) }.Concat(extra));

    private static long[] Ids(Dataset ds) => Enumerable.Range(0, ds.RowCount).Select(r => (long)ds["id"].GetValue(r)!).ToArray();

    [Fact]
    public void SplitMix64_gives_the_reference_sequence()
    {
        // The published test vector of SplitMix64 for seed 1234567.
        var random = new SplitMix64(1234567);
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        Assert.Equal(expected, Enumerable.Range(0, 5).Select(_ => random.NextUInt64()));
    }

    [Fact]
    public void A_known_seed_gives_a_known_split_every_time()
    {
        var split = DatasetSplitter.Split(Rows(10), new DatasetSplitOptions { TrainFraction = 0.7, Seed = 42 });
        Assert.Equal([0L, 4, 5, 6, 7, 8, 9], Ids(split.Train));
        Assert.Equal([1L, 2, 3], Ids(split.Test));
        Assert.Equal(("d-train", "d-test"), (split.Train.Name, split.Test.Name));
        Assert.Equal(SplitStrategy.Random, split.Strategy);
        var again = DatasetSplitter.Split(Rows(10), new DatasetSplitOptions { TrainFraction = 0.7, Seed = 42 });
        Assert.Equal(Ids(split.Train), Ids(again.Train));
        var lineage = split.Train.Lineage[^1];
        Assert.Equal("Split-Dataset", lineage.Operation);
        Assert.Equal(("Train", "42", "0.7"), (lineage.Parameters["Side"], lineage.Parameters["Seed"], lineage.Parameters["TrainFraction"]));
    }

    [Fact]
    public void Without_a_seed_the_drawn_seed_is_reported_and_repeats_the_split()
    {
        var first = DatasetSplitter.Split(Rows(50), new DatasetSplitOptions { TrainFraction = 0.5 });
        Assert.NotNull(first.Seed);
        var again = DatasetSplitter.Split(Rows(50), new DatasetSplitOptions { TrainFraction = 0.5, Seed = first.Seed });
        Assert.Equal(Ids(first.Train), Ids(again.Train));
    }

    [Fact]
    public void Stratified_keeps_each_class_in_exact_proportion()
    {
        // 8 x and 4 y at 0.75: 6 x and 3 y train, 2 x and 1 y test.
        string[] labels = ["x", "y", "x", "x", "y", "x", "y", "x", "x", "y", "x", "x"];
        var ds = Rows(12, new StringColumn("label", labels));
        var split = DatasetSplitter.Split(ds, new DatasetSplitOptions { TrainFraction = 0.75, Seed = 7, StratifyBy = "label" });
        Assert.Equal([0L, 1, 2, 3, 4, 7, 8, 9, 10], Ids(split.Train));
        Assert.Equal([5L, 6, 11], Ids(split.Test));
        int Count(Dataset side, string label) => Enumerable.Range(0, side.RowCount).Count(r => (string?)side["label"].GetValue(r) == label);
        Assert.Equal((6, 3, 2, 1), (Count(split.Train, "x"), Count(split.Train, "y"), Count(split.Test, "x"), Count(split.Test, "y")));
    }

    [Fact]
    public void Grouped_keeps_every_group_on_one_side()
    {
        // Five hosts at 0.6: round(3) groups train. Groups in first-seen order h1..h5 shuffle (seed 3) to h3,h5,h1,h2,h4.
        string[] hosts = ["h1", "h2", "h1", "h3", "h4", "h2", "h5", "h3", "h1", "h4"];
        var ds = Rows(10, new StringColumn("host", hosts));
        var split = DatasetSplitter.Split(ds, new DatasetSplitOptions { TrainFraction = 0.6, Seed = 3, GroupBy = "host" });
        Assert.Equal([0L, 2, 3, 6, 7, 8], Ids(split.Train));
        var trainHosts = Enumerable.Range(0, split.Train.RowCount).Select(r => (string)split.Train["host"].GetValue(r)!).ToHashSet();
        var testHosts = Enumerable.Range(0, split.Test.RowCount).Select(r => (string)split.Test["host"].GetValue(r)!).ToHashSet();
        Assert.Empty(trainHosts.Intersect(testHosts));
        Assert.Equal(5, trainHosts.Count + testHosts.Count);
    }

    [Fact]
    public void Time_ordered_puts_the_earliest_rows_in_training_without_shuffling()
    {
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        // Rows out of order in the file: hours 5, 1, 4, 0, 3, 2.
        var ds = Rows(6, new DateTimeColumn("ts", new[] { 5, 1, 4, 0, 3, 2 }.Select(h => start.AddHours(h)).ToArray()));
        var split = DatasetSplitter.Split(ds, new DatasetSplitOptions { TrainFraction = 0.5, TimeColumn = "ts", Seed = 99 });
        Assert.Equal([1L, 3, 5], Ids(split.Train));   // hours 1, 0, 2
        Assert.Equal([0L, 2, 4], Ids(split.Test));    // hours 5, 4, 3
        Assert.Null(split.Seed);
        Assert.Equal(SplitStrategy.TimeOrdered, split.Strategy);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_zero_to_one_is_rejected(double fraction)
    {
        var e = Assert.Throws<DataException>(() => DatasetSplitter.Split(Rows(10), new DatasetSplitOptions { TrainFraction = fraction }));
        Assert.Equal("DataCenterTools.FractionOutOfRange", e.ErrorId);
    }

    [Fact]
    public void Bad_split_columns_are_named()
    {
        var ds = Rows(5, new StringColumn("label", ["a", "a", "b", "a", "a"]));
        var single = Assert.Throws<DataException>(() => DatasetSplitter.Split(ds, new DatasetSplitOptions { StratifyBy = "label", Seed = 1 }));
        Assert.Equal(("DataCenterTools.StratifyClassTooSmall", "label"), (single.ErrorId, single.ColumnName));
        Assert.Contains("'b'", single.Message);
        var unknown = Assert.Throws<DataException>(() => DatasetSplitter.Split(ds, new DatasetSplitOptions { GroupBy = "nope" }));
        Assert.Equal(("DataCenterTools.ColumnNotFound", "nope"), (unknown.ErrorId, unknown.ColumnName));
        var empty = Assert.Throws<DataException>(() => DatasetSplitter.Split(Rows(3), new DatasetSplitOptions { TrainFraction = 0.9 }));
        Assert.Equal("DataCenterTools.SplitSideEmpty", empty.ErrorId);
        var text = Assert.Throws<DataException>(() => DatasetSplitter.Split(ds, new DatasetSplitOptions { TimeColumn = "label" }));
        Assert.Equal(("DataCenterTools.ColumnNotTime", "label"), (text.ErrorId, text.ColumnName));
    }
}
