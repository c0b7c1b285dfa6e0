using DataCenterTools.Core.Data;
using DataCenterTools.Core.Query;
using Xunit;

namespace DataCenterTools.Core.Tests;

/// <summary>Select-DataRow, Select/Rename/Add-DataColumn, Group-, Join- and Merge-Dataset on hand-worked tables and against pandas.</summary>
public class DatasetVerbTests
{
    private static Dataset Table() => ExpressionTests.Table();

    private static long[] Ids(Dataset d) => Enumerable.Range(0, d.RowCount).Select(r => ((Int64Column)d["id"])[r]).ToArray();

    private static object?[] Values(Dataset d, string column) => Enumerable.Range(0, d.RowCount).Select(r => d[column].GetValue(r)).ToArray();

    // ---- Select-DataRow --------------------------------------------------------------------------------------

    [Fact]
    public void Filter_order_and_first_run_in_sql_order()
    {
        var r = RowSelection.Select(Table(), new RowSelectionOptions { Filter = "cpu is not null", OrderBy = [new SortKey("cpu", Descending: true)], First = 2 });
        Assert.Equal([5L, 3L], Ids(r.Dataset));
        Assert.Equal(7, r.Dataset.ColumnCount);
        Assert.Equal("Select-DataRow", r.Dataset.Lineage[^1].Operation);
        Assert.Equal("cpu is not null", r.Dataset.Lineage[^1].Parameters["Filter"]);
    }

    [Fact]
    public void An_empty_result_keeps_the_schema()
    {
        var r = RowSelection.Select(Table(), new RowSelectionOptions { Filter = "cpu > 1000" });
        Assert.Equal(0, r.Dataset.RowCount);
        Assert.Equal(Table().Schema.Select(c => (c.Name, c.Type)), r.Dataset.Schema.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void Skip_first_and_last_take_positions()
    {
        Assert.Equal([2L, 3L], Ids(RowSelection.Select(Table(), new RowSelectionOptions { Skip = 1, First = 2 }).Dataset));
        Assert.Equal([4L, 5L], Ids(RowSelection.Select(Table(), new RowSelectionOptions { Last = 2 }).Dataset));
        Assert.Equal([2L, 1L], Ids(RowSelection.Select(Table(), new RowSelectionOptions { Skip = 1, Last = 2, OrderBy = [new SortKey("id", true)] }).Dataset));
        Assert.Empty(Ids(RowSelection.Select(Table(), new RowSelectionOptions { Skip = 10 }).Dataset));
    }

    [Fact]
    public void Distinct_keeps_the_first_row_of_each_key()
    {
        Assert.Equal([1L, 2L, 4L, 5L], Ids(RowSelection.Select(Table(), new RowSelectionOptions { Distinct = true, DistinctColumns = ["region"] }).Dataset));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Ids(RowSelection.Select(Table(), new RowSelectionOptions { Distinct = true }).Dataset));
        var doubled = DatasetConcat.Concat([Table(), Table()], false);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Ids(RowSelection.Select(doubled, new RowSelectionOptions { Distinct = true }).Dataset));
        Assert.Equal(2, RowSelection.Select(doubled, new RowSelectionOptions { Distinct = true, DistinctColumns = ["ok", "region"], Filter = "id < 3" }).Dataset.RowCount);
    }

    [Fact]
    public void A_sample_is_the_same_for_the_same_seed_and_keeps_row_order()
    {
        var big = new Dataset("big", [new Int64Column("id", Enumerable.Range(0, 1000).Select(i => (long)i).ToArray())]);
        var a = Ids(RowSelection.Select(big, new RowSelectionOptions { Sample = 50, Seed = 7 }).Dataset);
        var b = Ids(RowSelection.Select(big, new RowSelectionOptions { Sample = 50, Seed = 7 }).Dataset);
        var c = Ids(RowSelection.Select(big, new RowSelectionOptions { Sample = 50, Seed = 8 }).Dataset);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(50, a.Distinct().Count());
        Assert.Equal(a.Order().ToArray(), a);
        Assert.Equal(100, RowSelection.Select(big, new RowSelectionOptions { Fraction = 0.1, Seed = 1 }).Dataset.RowCount);
        var unseeded = RowSelection.Select(big, new RowSelectionOptions { Sample = 5 }).Dataset;
        Assert.True(long.TryParse(unseeded.Lineage[^1].Parameters["Seed"], out _));
    }

    [Theory]
    [InlineData(3, 5, null, null, "First and Last")]
    [InlineData(null, null, 5, 0.5, "Sample and Fraction")]
    [InlineData(null, null, null, 1.5, "between 0 and 1")]
    public void Conflicting_options_are_an_error(int? first, int? last, int? sample, double? fraction, string fragment)
    {
        var e = Assert.Throws<DataException>(() => RowSelection.Select(Table(), new RowSelectionOptions { First = first, Last = last, Sample = sample, Fraction = fraction }));
        Assert.Equal("DataCenterTools.InvalidArgumentCombination", e.ErrorId);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Order_by_several_keys_is_stable_with_missing_last_both_ways()
    {
        var t = Table();
        Assert.Equal([1L, 3L, 2L, 5L, 4L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("region")] }).Dataset));
        Assert.Equal([5L, 2L, 1L, 3L, 4L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("region", true)] }).Dataset));
        Assert.Equal([3L, 1L, 2L, 5L, 4L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("region"), new SortKey("cpu", true)] }).Dataset));
        Assert.Equal([1L, 4L, 3L, 5L, 2L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("cpu")] }).Dataset));
        Assert.Equal([5L, 3L, 2L, 1L, 4L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("ts", true)] }).Dataset));
        Assert.Equal([3L, 1L, 2L, 4L, 5L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("host")] }).Dataset));
        Assert.Equal([2L, 5L, 1L, 4L, 3L], Ids(RowSelection.Select(t, new RowSelectionOptions { OrderBy = [new SortKey("ok")] }).Dataset));
    }

    [Fact]
    public void Order_by_doubles_puts_negatives_zero_and_nan_where_they_belong()
    {
        var d = new Dataset("d", [new Int64Column("id", [1, 2, 3, 4, 5, 6]), new DoubleColumn("x", [double.NaN, -0.0, -2.5, double.PositiveInfinity, 0.0, -1e300])]);
        Assert.Equal([6L, 3L, 2L, 5L, 4L, 1L], Ids(RowSelection.Select(d, new RowSelectionOptions { OrderBy = [new SortKey("x")] }).Dataset));
        var big = new Dataset("big", [new Int64Column("id", Enumerable.Range(0, 10_000).Select(i => (long)(i * 7919 % 10_000)).ToArray())]);
        var sorted = Ids(RowSelection.Select(big, new RowSelectionOptions { OrderBy = [new SortKey("id", true)] }).Dataset);
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)(9_999 - i)), sorted);
    }

    // ---- Select / Rename / Add-DataColumn -----------------------------------------------------------------

    [Fact]
    public void Columns_are_selected_in_the_order_given_with_wildcards_and_exclusions()
    {
        var t = Table();
        Assert.Equal(["ts", "cpu", "cpu %"], ColumnSelection.Select(t, ["ts", "cpu*"], null).Schema.Select(c => c.Name));
        Assert.Equal(["id", "region", "host", "ok"], ColumnSelection.Select(t, null, ["cpu*", "TS"]).Schema.Select(c => c.Name));
        Assert.Same(t["host"], ColumnSelection.Select(t, ["host"], null)["host"]);
        var e = Assert.Throws<DataException>(() => ColumnSelection.Select(t, ["regoin"], null));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Contains("Did you mean 'region'", e.Message);
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() => ColumnSelection.Select(t, ["zz*"], null)).ErrorId);
    }

    [Fact]
    public void Rename_keeps_storage_and_refuses_a_clash()
    {
        var t = Table();
        var r = ColumnSelection.Rename(t, new Dictionary<string, string> { ["CPU"] = "cpu_pct", ["host"] = "node" });
        Assert.Equal(["id", "cpu_pct", "region", "node", "ts", "ok", "cpu %"], r.Schema.Select(c => c.Name));
        Assert.Equal(90.25, ((DoubleColumn)r["cpu_pct"])[4]);
        Assert.Equal("DataCenterTools.ColumnExists", Assert.Throws<DataException>(() => ColumnSelection.Rename(t, new Dictionary<string, string> { ["host"] = "region" })).ErrorId);
        // Swapping two names is not a clash.
        var swapped = ColumnSelection.Rename(t, new Dictionary<string, string> { ["host"] = "region", ["region"] = "host" });
        Assert.Equal("gpu-01", swapped["region"].GetValue(0));
        Assert.Equal("DataCenterTools.ColumnNotFound", Assert.Throws<DataException>(() => ColumnSelection.Rename(t, new Dictionary<string, string> { ["nope"] = "x" })).ErrorId);
    }

    [Fact]
    public void Add_appends_a_computed_column_and_replaces_only_with_force()
    {
        var t = Table();
        var r = ColumnSelection.Add(t, "hour", "hour(ts)", replace: false);
        Assert.Equal("hour", r.Dataset.Schema[^1].Name);
        Assert.Equal(ColumnType.Int64, r.Dataset.Schema[^1].Type);
        Assert.Equal([0L, 13L, 23L, null, 6L], Values(r.Dataset, "hour"));
        Assert.Equal("hour(ts)", r.Dataset.Lineage[^1].Parameters["Expression"]);
        Assert.Equal("DataCenterTools.ColumnExists", Assert.Throws<DataException>(() => ColumnSelection.Add(t, "CPU", "cpu * 2", false)).ErrorId);
        var replaced = ColumnSelection.Add(t, "CPU", "cpu * 2", replace: true).Dataset;
        Assert.Equal(1, replaced.Schema.IndexOf("cpu"));
        Assert.Equal("cpu", replaced.Schema[1].Name);
        Assert.Equal(21.0, replaced["cpu"].GetValue(0));
        Assert.Equal(10.5, ((DoubleColumn)t["cpu"])[0]); // the input is never changed
    }

    // ---- Group-Dataset ------------------------------------------------------------------------------------

    [Fact]
    public void Group_by_computes_each_aggregate_per_group_with_missing_as_its_own_group()
    {
        var g = DatasetGrouping.Group(Table(), new GroupOptions
        {
            By = ["region"],
            Aggregates = new[] { "count", "mean", "median", "std", "min", "max", "sum", "p50" }.Select(s => AggregateFunction.Parse("cpu", s))
                .Concat(new[] { AggregateFunction.Parse("host", "count_distinct"), AggregateFunction.Parse("host", "first"), AggregateFunction.Parse("host", "last"),
                         AggregateFunction.Parse("ts", "max"), AggregateFunction.Parse("cpu", "missing") }).ToList(),
        });
        Assert.Equal(["region", "rows", "cpu_count", "cpu_mean", "cpu_median", "cpu_std", "cpu_min", "cpu_max", "cpu_sum", "cpu_p50",
                      "host_count_distinct", "host_first", "host_last", "ts_max", "cpu_missing"], g.Schema.Select(c => c.Name));
        Assert.Equal(["cn-east", "cn-west", "eu-fra", null], Values(g, "region"));
        Assert.Equal([2L, 1L, 1L, 1L], Values(g, "rows"));
        Assert.Equal([2L, 0L, 1L, 1L], Values(g, "cpu_count"));
        Assert.Equal([42.75, null, 90.25, 50.0], Values(g, "cpu_mean"));
        Assert.Equal([42.75, null, 90.25, 50.0], Values(g, "cpu_median"));
        Assert.Equal(Math.Sqrt((32.25 * 32.25 * 2) / 1), (double)g["cpu_std"].GetValue(0)!, 12);
        Assert.Null(g["cpu_std"].GetValue(2)); // one value: no sample std
        Assert.Equal([10.5, null, 90.25, 50.0], Values(g, "cpu_min"));
        Assert.Equal([75.0, null, 90.25, 50.0], Values(g, "cpu_max"));
        Assert.Equal([85.5, 0.0, 90.25, 50.0], Values(g, "cpu_sum"));
        Assert.Equal([2L, 1L, 0L, 1L], Values(g, "host_count_distinct"));
        Assert.Equal(["gpu-01", "gpu-02", null, "gpu-04"], Values(g, "host_first"));
        Assert.Equal(["cpu-03", "gpu-02", null, "gpu-04"], Values(g, "host_last"));
        Assert.Equal([new DateTime(2026, 11, 2, 23, 59, 0, DateTimeKind.Utc), new DateTime(2026, 11, 1, 13, 15, 0, DateTimeKind.Utc), new DateTime(2026, 11, 7, 6, 0, 0, DateTimeKind.Utc), null], Values(g, "ts_max"));
        Assert.Equal([0L, 1L, 0L, 0L], Values(g, "cpu_missing"));
    }

    [Fact]
    public void Time_buckets_and_calendar_parts_group_by_time()
    {
        var t = Table();
        var daily = DatasetGrouping.Group(t, new GroupOptions { TimeColumn = "ts", Interval = TimeBucket.Parse("1d", "-Interval"), Aggregates = [AggregateFunction.Parse("id", "sum")] });
        Assert.Equal([new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc), null], Values(daily, "ts"));
        Assert.Equal([3L, 3L, 5L, 4L], Values(daily, "id_sum"));
        var weekday = DatasetGrouping.Group(t, new GroupOptions { By = ["region"], TimeColumn = "ts", CalendarParts = [CalendarPart.DayOfWeek], Aggregates = [AggregateFunction.Parse("id", "count")] });
        Assert.Equal(["region", "day_of_week", "rows", "id_count"], weekday.Schema.Select(c => c.Name));
        Assert.Equal(["cn-east", "cn-east", "cn-west", "eu-fra", null], Values(weekday, "region"));
        Assert.Equal([0L, 1L, 0L, 6L, null], Values(weekday, "day_of_week"));
    }

    [Fact]
    public void Aggregates_that_do_not_fit_the_type_are_errors_before_any_work()
    {
        var e = Assert.Throws<DataException>(() => DatasetGrouping.Group(Table(), new GroupOptions { By = ["region"], Aggregates = [AggregateFunction.Parse("host", "mean")] }));
        Assert.Equal("DataCenterTools.AggregateTypeMismatch", e.ErrorId);
        Assert.Contains("'mean' of column 'host' needs numbers", e.Message);
        Assert.Equal("DataCenterTools.UnknownAggregate", Assert.Throws<DataException>(() => AggregateFunction.Parse("cpu", "average_ish")).ErrorId);
        Assert.Equal("DataCenterTools.ColumnTypeMismatch", Assert.Throws<DataException>(() => DatasetGrouping.Group(Table(), new GroupOptions { TimeColumn = "cpu", Interval = TimeBucket.Parse("1h", "-Interval") })).ErrorId);
        Assert.Equal("DataCenterTools.InvalidInterval", Assert.Throws<DataException>(() => TimeBucket.Parse("soon", "-Interval")).ErrorId);
    }

    [Fact]
    public void Group_by_region_and_hour_matches_pandas_on_the_shipped_telemetry()
    {
        var t = DatasetReader.Read(Path.Combine(SampleData.ExamplesData, "telemetry_sample.csv"), new ReadOptions());
        var withHour = ColumnSelection.Add(t, "hour", "hour(timestamp)", false).Dataset;
        var g = DatasetGrouping.Group(withHour, new GroupOptions
        {
            By = ["region", "hour"],
            Aggregates = [AggregateFunction.Parse("cpu_pct", "count"), AggregateFunction.Parse("cpu_pct", "mean"), AggregateFunction.Parse("cpu_pct", "p95"),
                          AggregateFunction.Parse("power_w", "std"), AggregateFunction.Parse("host", "count_distinct")],
        });
        // pandas 1.5.3: t.groupby(['region','hour']).agg(cpu_count=('cpu_pct','count'), cpu_mean=('cpu_pct','mean'),
        //   cpu_p95=('cpu_pct', lambda s: s.quantile(0.95)), power_std=('power_w','std'), hosts=('host','nunique'))
        Assert.Equal(15, g.RowCount);
        AssertRow(g, 0, "cn-east", 0L, 48L, 41L, 60.497560975610, 90.700, 77.978656144236, 4L);
        AssertRow(g, 8, "eu-central", 3L, 48L, 45L, 51.980000000000, 79.460, 89.912718290913, 4L);
        AssertRow(g, 14, "us-west", 4L, 48L, 47L, 55.410638297872, 88.240, 88.472686534996, 4L);
    }

    private static void AssertRow(Dataset d, int row, params object[] expected)
    {
        Assert.Equal(expected.Length, d.ColumnCount);
        for (var c = 0; c < expected.Length; c++)
        {
            if (expected[c] is double x) Assert.Equal(x, (double)d.Columns[c].GetValue(row)!, 9);
            else Assert.Equal(expected[c], d.Columns[c].GetValue(row));
        }
    }

    // ---- Join-Dataset ---------------------------------------------------------------------------------------

    private static Dataset Hosts() => new("hosts",
    [
        new StringColumn("host", ["gpu-01", "gpu-02", "gpu-02", "gpu-09", null]),
        new StringColumn("rack", ["r1", "r2", "r2b", "r9", "rx"]),
        new StringColumn("region", ["x1", "x2", "x3", "x9", "xx"]),
    ]);

    [Theory]
    [InlineData(JoinKind.Inner, new long[] { 1, 2, 2 }, new[] { "r1", "r2", "r2b" })]
    [InlineData(JoinKind.Left, new long[] { 1, 2, 2, 3, 4, 5 }, new[] { "r1", "r2", "r2b", null, null, null })]
    [InlineData(JoinKind.Right, new long[] { 1, 2, 2, -1, -1 }, new[] { "r1", "r2", "r2b", "r9", "rx" })]
    [InlineData(JoinKind.Full, new long[] { 1, 2, 2, 3, 4, 5, -1, -1 }, new[] { "r1", "r2", "r2b", null, null, null, "r9", "rx" })]
    public void Joins_pair_rows_by_key_and_missing_keys_never_match(JoinKind kind, long[] ids, string?[] racks)
    {
        var j = DatasetJoin.Join(Table(), Hosts(), new JoinOptions { Kind = kind, On = ["host"] });
        Assert.Equal(ids, Enumerable.Range(0, j.RowCount).Select(r => j["id"].GetValue(r) is long l ? l : -1).ToArray());
        Assert.Equal(racks, Values(j, "rack"));
        Assert.Equal(["id", "cpu", "region", "host", "ts", "ok", "cpu %", "rack", "region_right"], j.Schema.Select(c => c.Name));
        if (kind == JoinKind.Full) Assert.Equal(["gpu-01", "gpu-02", "gpu-02", "cpu-03", "gpu-04", null, "gpu-09", null], Values(j, "host"));
    }

    [Fact]
    public void Semi_and_anti_joins_keep_left_rows_once()
    {
        Assert.Equal([1L, 2L], Ids(DatasetJoin.Join(Table(), Hosts(), new JoinOptions { Kind = JoinKind.Semi, On = ["host"] })));
        var anti = DatasetJoin.Join(Table(), Hosts(), new JoinOptions { Kind = JoinKind.Anti, On = ["host"] });
        Assert.Equal([3L, 4L, 5L], Ids(anti));
        Assert.Equal(Table().ColumnCount, anti.ColumnCount);
    }

    [Fact]
    public void Join_on_several_keys_with_other_names_and_numeric_widening()
    {
        var right = new Dataset("r", [new DoubleColumn("key", [1.0, 3.0, 3.0]), new StringColumn("reg", ["cn-east", "cn-east", "cn-west"]), new Int64Column("v", [10, 30, 31])]);
        var j = DatasetJoin.Join(Table(), right, new JoinOptions { On = ["id", "region"], RightOn = ["key", "reg"] });
        Assert.Equal([1L, 3L], Ids(j));
        Assert.Equal([10L, 30L], Values(j, "v"));
        var e = Assert.Throws<DataException>(() => DatasetJoin.Join(Table(), right, new JoinOptions { On = ["host"], RightOn = ["key"] }));
        Assert.Equal("DataCenterTools.JoinKeyTypeMismatch", e.ErrorId);
    }

    [Fact]
    public void Join_matches_pandas_merge_on_the_shipped_ratings()
    {
        var ratings = DatasetReader.Read(Path.Combine(SampleData.ExamplesData, "ratings.csv"), new ReadOptions());
        var items = DatasetGrouping.Group(ratings, new GroupOptions { By = ["item"], Aggregates = [AggregateFunction.Parse("rating", "mean")] });
        var j = DatasetJoin.Join(ratings, items, new JoinOptions { On = ["item"] });
        // pandas: m = r.groupby('item').agg(item_mean=('rating','mean'), item_n=('rating','size')); j = r.merge(m, on='item')
        Assert.Equal(200, items.RowCount);
        Assert.Equal(12_704, j.RowCount);
        Assert.Equal(1_551_920L, ((Int64Column)j["rows"]).Values.ToArray().Sum());
        var mean = ((DoubleColumn)j["rating_mean"]).Values.ToArray();
        Assert.Equal(171278.99161500105, mean.Sum(x => x * x), 6);
        Assert.Equal(0.6215877758080313, Std(((DoubleColumn)items["rating_mean"]).Values.ToArray()), 12);
        static double Std(double[] x) { var m = x.Average(); return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1)); }
    }

    // ---- Merge-Dataset -------------------------------------------------------------------------------------

    [Fact]
    public void Merge_appends_rows_widening_int64_to_double_and_refuses_a_clash()
    {
        var a = new Dataset("a", [new Int64Column("x", [1, 2]), new StringColumn("s", ["p", "q"])]);
        var b = new Dataset("b", [new DoubleColumn("X", [2.5]), new StringColumn("s", ["q"])]);
        var m = DatasetConcat.Concat([a, b], false);
        Assert.Equal(ColumnType.Double, m["x"].Type);
        Assert.Equal([1.0, 2.0, 2.5], Values(m, "x"));
        Assert.Equal(["p", "q", "q"], Values(m, "s"));
        var c = new Dataset("c", [new BooleanColumn("x", [true]), new StringColumn("s", ["r"])]);
        var e = Assert.Throws<DataException>(() => DatasetConcat.Concat([a, c], false));
        Assert.Equal("DataCenterTools.SchemaMismatch", e.ErrorId);
        Assert.Contains("'x' is Int64 in 'a' but Boolean in 'c'", e.Message);
        var d = new Dataset("d", [new Int64Column("x", [9])]);
        Assert.Equal("DataCenterTools.SchemaMismatch", Assert.Throws<DataException>(() => DatasetConcat.Concat([a, d], false)).ErrorId);
        Assert.Equal(["p", "q", null], Values(DatasetConcat.Concat([a, d], true), "s"));
    }
}
