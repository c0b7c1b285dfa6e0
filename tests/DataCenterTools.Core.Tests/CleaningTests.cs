using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using static DataCenterTools.Core.Tests.TestColumns;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// Hand-worked cases for DataCleaner. Expected statistics were computed with Debian's pandas 1.5.3
/// (/usr/bin/python3): Series.quantile (linear), Series.std (ddof=1), groupby().transform('median'),
/// ffill/bfill, drop_duplicates(keep=...), dropna(how=...); the figures are hard-coded here.
/// </summary>
public class CleaningTests
{
    private static Dataset Data(params Column[] columns) => new("t", columns);

    private static object?[] Cells(Dataset ds, string column) =>
        Enumerable.Range(0, ds.RowCount).Select(ds[column].GetValue).ToArray();

    private static CleaningResult Clean(Dataset ds, CleaningOptions options) => DataCleaner.Clean(ds, options);

    private static Dictionary<string, FillSpec> FillWith(string column, object spec) => new() { [column] = FillSpec.Parse(spec) };

    // pandas: pd.Series([1,None,3,None,10.0]) -> mean 4.666666666666667, median 3.0,
    // ffill [1,1,3,3,10], bfill [1,3,3,10,10].
    [Theory]
    [InlineData("Mean", 4.666666666666667, 4.666666666666667)]
    [InlineData("Median", 3.0, 3.0)]
    [InlineData("Zero", 0.0, 0.0)]
    [InlineData("Forward", 1.0, 3.0)]
    [InlineData("Backward", 3.0, 10.0)]
    public void Fill_strategies_fill_each_gap(string strategy, double first, double second)
    {
        var ds = Data(Doubles("x", 1, null, 3, null, 10));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("x", strategy) });
        Assert.Equal(new object?[] { 1.0, first, 3.0, second, 10.0 }, Cells(result.Dataset, "x"));
        var entry = Assert.Single(result.Report.Columns);
        Assert.Equal(("x", CleaningAction.Filled, 2), (entry.Column, entry.Action, entry.Cells));
    }

    [Fact]
    public void Fill_constant_is_converted_to_the_column_type()
    {
        var ds = Data(Doubles("x", null, 2), new StringColumn("region", ["eu", null]));
        var options = new CleaningOptions { Fill = new Dictionary<string, FillSpec> { ["x"] = FillSpec.Parse(7), ["region"] = FillSpec.Parse("unknown") } };
        var result = Clean(ds, options).Dataset;
        Assert.Equal(new object?[] { 7.0, 2.0 }, Cells(result, "x"));
        Assert.Equal(new object?[] { "eu", "unknown" }, Cells(result, "region"));
    }

    [Fact]
    public void Forward_fill_leaves_a_leading_gap_missing_and_says_so()
    {
        var ds = Data(Doubles("x", null, 2, null));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("x", "Forward") });
        Assert.Equal(new object?[] { null, 2.0, 2.0 }, Cells(result.Dataset, "x"));
        Assert.Contains("1 left missing", result.Report.Columns[0].Detail);
    }

    [Fact]
    public void Mode_ties_go_to_the_smallest_value()
    {
        // pandas Series(['b','a','b','a',None]).mode() -> ['a','b']: both twice; we take the smallest, 'a'.
        var ds = Data(new StringColumn("s", ["b", "a", "b", "a", null]), Longs("n", 3, 1, 3, 1, null));
        var options = new CleaningOptions { Fill = new Dictionary<string, FillSpec> { ["s"] = FillSpec.Parse("Mode"), ["n"] = FillSpec.Parse("Mode") } };
        var result = Clean(ds, options).Dataset;
        Assert.Equal("a", result["s"].GetValue(4));
        Assert.Equal(1L, result["n"].GetValue(4));
    }

    [Fact]
    public void Median_of_an_Int64_column_rounds_half_to_even()
    {
        // pandas Series([1,2,None,3,4]).median() = 2.5 -> 2 in an Int64 column.
        var ds = Data(Longs("n", 1, 2, null, 3, 4));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("n", "Median") }).Dataset;
        Assert.Equal(ColumnType.Int64, result["n"].Type);
        Assert.Equal(2L, result["n"].GetValue(2));
    }

    [Theory]
    [InlineData("Median")]
    [InlineData("Mean")]
    public void Fill_by_group_uses_the_rows_group(string strategy)
    {
        // pandas: df.groupby('host').cpu.transform('median'|'mean') -> h1 15.0, h2 3.0.
        var ds = Data(new StringColumn("host", ["h1", "h1", "h1", "h2", "h2", "h2"]), Doubles("cpu", 10, 20, null, 1, null, 5));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("cpu", strategy), FillByGroup = ["host"] });
        Assert.Equal(new object?[] { 10.0, 20.0, 15.0, 1.0, 3.0, 5.0 }, Cells(result.Dataset, "cpu"));
        Assert.Contains("2 groups", result.Report.Columns[0].Detail);
    }

    [Fact]
    public void Forward_fill_by_group_does_not_cross_groups()
    {
        var ds = Data(new StringColumn("host", ["a", "b", "a", "b", "b"]), Doubles("v", 1, null, null, 4, null));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("v", "Forward"), FillByGroup = ["host"] });
        Assert.Equal(new object?[] { 1.0, null, 1.0, 4.0, 4.0 }, Cells(result.Dataset, "v"));
    }

    private static Dataset Spiky() => Data(Doubles("x", 1, 2, 3, 4, 5, 6, 7, 8, 9, 100), Longs("id", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

    [Fact]
    public void IQR_bounds_are_Q1_minus_and_Q3_plus_k_IQR()
    {
        // pandas: quantile(.25)=3.25, quantile(.75)=7.75, IQR 4.5 -> bounds [-3.5, 14.5].
        var result = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.Clip, Columns = ["x"] });
        Assert.Equal(14.5, result.Dataset["x"].GetValue(9));
        Assert.Equal(9.0, result.Dataset["x"].GetValue(8));
        var entry = Assert.Single(result.Report.Columns);
        Assert.Equal((CleaningAction.Clipped, 1), (entry.Action, entry.Cells));
        Assert.Contains("Q1=3.25, Q3=7.75", entry.Detail);
        Assert.Contains("[-3.5, 14.5]", entry.Detail);
    }

    [Fact]
    public void ZScore_uses_the_sample_standard_deviation()
    {
        // pandas: mean 14.5, std (ddof=1) 30.152390728873666, so z(100) = 2.8356 (ddof=0 would give 2.9890).
        var at29 = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.ZScore, Threshold = 2.9, Columns = ["x"] });
        Assert.Equal(100.0, at29.Dataset["x"].GetValue(9));
        var at28 = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.ZScore, Threshold = 2.8, Columns = ["x"] });
        Assert.Null(at28.Dataset["x"].GetValue(9));
        Assert.Equal(1, at28.Dataset["x"].NullCount);
        // k = 2.5: bounds mean -/+ 2.5 sd = [-60.88097682218417, 89.88097682218417].
        var clipped = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.ZScore, Threshold = 2.5, OutlierAction = OutlierAction.Clip, Columns = ["x"] });
        Assert.Equal(89.88097682218417, (double)clipped.Dataset["x"].GetValue(9)!, 10);
    }

    [Fact]
    public void MAD_uses_the_modified_z_score_and_Flag_adds_a_boolean_column()
    {
        // median 5.5, MAD 2.5; 0.6745*(100-5.5)/2.5 = 25.4961 > 3.5; the largest other is 0.9443.
        // Bounds 5.5 -/+ 3.5*2.5/0.6745 = [-7.472572275759822, 18.472572275759823].
        var result = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.MAD, OutlierAction = OutlierAction.Flag, Columns = ["x"] });
        Assert.Equal(["x", "x_outlier", "id"], result.Dataset.Columns.Select(c => c.Name));
        var flags = (BooleanColumn)result.Dataset["x_outlier"];
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i == 9), flags.Values.ToArray());
        Assert.Contains("median=5.5, MAD=2.5", result.Report.Columns[0].Detail);
        Assert.Contains("[-7.472572, 18.472572]", result.Report.Columns[0].Detail);
    }

    [Fact]
    public void Outliers_Drop_removes_the_rows_from_every_column()
    {
        var result = Clean(Spiky(), new CleaningOptions { Outliers = OutlierMethod.IQR, OutlierAction = OutlierAction.Drop, Columns = ["x"] });
        Assert.Equal(9, result.Dataset.RowCount);
        Assert.Equal((10, 9), (result.Report.RowsIn, result.Report.RowsOut));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (object?)(long)i), Cells(result.Dataset, "id"));
    }

    [Fact]
    public void Range_handles_out_of_range_values_by_the_outlier_action()
    {
        var ds = Data(Doubles("cpu", -5, 50, 101, null, 100));
        var ranges = new Dictionary<string, ValueRange> { ["cpu"] = new(0, 100) };
        var clipped = Clean(ds, new CleaningOptions { Ranges = ranges, OutlierAction = OutlierAction.Clip });
        Assert.Equal(new object?[] { 0.0, 50.0, 100.0, null, 100.0 }, Cells(clipped.Dataset, "cpu"));
        Assert.Equal(2, clipped.Report.Columns.Single().Cells);
        var dropped = Clean(ds, new CleaningOptions { Ranges = ranges, OutlierAction = OutlierAction.Drop });
        Assert.Equal(new object?[] { 50.0, null, 100.0 }, Cells(dropped.Dataset, "cpu"));
        var missing = Clean(ds, new CleaningOptions { Ranges = ranges });
        Assert.Equal(new object?[] { null, 50.0, null, null, 100.0 }, Cells(missing.Dataset, "cpu"));
    }

    [Fact]
    public void Clipping_an_Int64_column_rounds_the_bounds_inward()
    {
        var ds = Data(Longs("n", 0, 50, 100));
        var result = Clean(ds, new CleaningOptions { Ranges = new Dictionary<string, ValueRange> { ["n"] = new(0.5, 99.5) }, OutlierAction = OutlierAction.Clip });
        Assert.Equal(new object?[] { 1L, 50L, 99L }, Cells(result.Dataset, "n"));
    }

    [Fact]
    public void Values_set_missing_by_a_range_are_then_filled()
    {
        // Range runs before Fill: 101 becomes missing, then the median of [10, 20, 30] fills it.
        var ds = Data(Doubles("cpu", 10, 101, 20, 30));
        var result = Clean(ds, new CleaningOptions
        {
            Ranges = new Dictionary<string, ValueRange> { ["cpu"] = new(0, 100) },
            Fill = FillWith("cpu", "Median"),
        });
        Assert.Equal(new object?[] { 10.0, 20.0, 20.0, 30.0 }, Cells(result.Dataset, "cpu"));
        Assert.Equal([CleaningAction.SetMissing, CleaningAction.Filled], result.Report.Columns.Select(e => e.Action));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void String_rules_trim_collapse_normalize_and_case(bool dictionaryEncoded)
    {
        string?[] values = ["  Ab  ", "a \t\n b", "caf" + "e\u0301", null, "plain"];
        var column = dictionaryEncoded
            ? new StringColumn("s", [0, 1, 2, -1, 3], ["  Ab  ", "a \t\n b", "caf" + "e\u0301", "plain"])
            : new StringColumn("s", values);
        Assert.Equal(dictionaryEncoded, column.IsDictionaryEncoded);
        var result = Clean(Data(column), new CleaningOptions { Trim = true, CollapseWhitespace = true, NormalizeUnicode = true, Case = TextCase.Upper });
        Assert.Equal(new object?[] { "AB", "A B", "CAF\u00c9", null, "PLAIN" }, Cells(result.Dataset, "s"));
        var counts = result.Report.Columns.ToDictionary(e => e.Action, e => e.Cells);
        Assert.Equal(1, counts[CleaningAction.Trimmed]);
        Assert.Equal(1, counts[CleaningAction.WhitespaceCollapsed]);
        Assert.Equal(1, counts[CleaningAction.Normalized]);
        Assert.Equal(4, counts[CleaningAction.CaseChanged]);
    }

    [Fact]
    public void NFC_turns_e_and_combining_acute_into_one_character()
    {
        var result = Clean(Data(new StringColumn("s", ["e\u0301", "\u00e9", "e"])), new CleaningOptions { NormalizeUnicode = true });
        Assert.Equal(new object?[] { "\u00e9", "\u00e9", "e" }, Cells(result.Dataset, "s"));
        Assert.Equal(1, result.Report.Columns.Single().Cells);
    }

    [Fact]
    public void ConvertType_sets_unconvertible_cells_missing_and_counts_them()
    {
        var ds = Data(new StringColumn("power_w", ["1.5", " 2 ", "abc", "NA", null, "x1"]));
        var result = Clean(ds, new CleaningOptions { ConvertTypes = new Dictionary<string, ColumnType> { ["power_w"] = ColumnType.Double } });
        Assert.Equal(ColumnType.Double, result.Dataset["power_w"].Type);
        Assert.Equal(new object?[] { 1.5, 2.0, null, null, null, null }, Cells(result.Dataset, "power_w"));
        var failed = result.Report.For("power_w").Single(e => e.Action == CleaningAction.NotConvertible);
        Assert.Equal(2, failed.Cells);
        Assert.Contains("'abc'", failed.Detail);
        Assert.Equal(2, result.Report.For("power_w").Single(e => e.Action == CleaningAction.Converted).Cells);
    }

    [Fact]
    public void ConvertType_Double_to_Int64_keeps_only_whole_numbers()
    {
        var result = Clean(Data(Doubles("n", 1.0, 2.5, -3)), new CleaningOptions { ConvertTypes = new Dictionary<string, ColumnType> { ["n"] = ColumnType.Int64 } });
        Assert.Equal(new object?[] { 1L, null, -3L }, Cells(result.Dataset, "n"));
        Assert.Equal(1, result.Report.For("n").Single(e => e.Action == CleaningAction.NotConvertible).Cells);
    }

    private static Dataset Dupes() => Data(Longs("a", 1, 1, 2, 1), new StringColumn("b", ["x", "x", "y", "z"]), Longs("row", 0, 1, 2, 3));

    // pandas drop_duplicates on a=[1,1,2,1], b=[x,x,y,z]: subset [a,b] keep first [0,2,3], last [1,2,3];
    // subset a: first [0,2], last [2,3].
    [Theory]
    [InlineData("a,b", DuplicateKeep.First, new long[] { 0, 2, 3 })]
    [InlineData("a,b", DuplicateKeep.Last, new long[] { 1, 2, 3 })]
    [InlineData("a", DuplicateKeep.First, new long[] { 0, 2 })]
    [InlineData("a", DuplicateKeep.Last, new long[] { 2, 3 })]
    public void RemoveDuplicates_keeps_first_or_last(string key, DuplicateKeep keep, long[] expectedRows)
    {
        var result = Clean(Dupes(), new CleaningOptions { RemoveDuplicates = true, Key = key.Split(','), Keep = keep });
        Assert.Equal(expectedRows.Cast<object?>(), Cells(result.Dataset, "row"));
        Assert.Equal(4 - expectedRows.Length, result.Report.Columns.Single(e => e.Action == CleaningAction.DuplicatesRemoved).Cells);
    }

    [Fact]
    public void RemoveDuplicates_without_Key_compares_every_column_and_missing_equals_missing()
    {
        var ds = Data(Longs("a", 1, 1, null, null, 1), new StringColumn("b", ["x", "x", null, null, "y"]));
        var result = Clean(ds, new CleaningOptions { RemoveDuplicates = true });
        Assert.Equal(new object?[] { 1L, null, 1L }, Cells(result.Dataset, "a"));
        Assert.Equal(new object?[] { "x", null, "y" }, Cells(result.Dataset, "b"));
    }

    // pandas dropna on a=[1,NaN,NaN,4], b=[x,None,y,None]: any [0], all [0,2,3], any over subset a [0,3].
    [Theory]
    [InlineData(MissingRowRule.Any, null, new long[] { 0 })]
    [InlineData(MissingRowRule.All, null, new long[] { 0, 2, 3 })]
    [InlineData(MissingRowRule.Any, "a", new long[] { 0, 3 })]
    public void DropMissing_any_or_all_over_the_selected_columns(MissingRowRule rule, string? column, long[] expectedRows)
    {
        var ds = Data(Longs("a", 1, null, null, 4), new StringColumn("b", ["x", null, "y", null]));
        var result = Clean(ds, new CleaningOptions { DropMissing = rule, Columns = column == null ? null : [column] });
        var a = Longs("a", 1, null, null, 4);
        Assert.Equal(expectedRows.Length, result.Dataset.RowCount);
        Assert.Equal(expectedRows.Select(r => a.GetValue((int)r)), Cells(result.Dataset, "a"));
        Assert.Equal(expectedRows.Select(r => ds["b"].GetValue((int)r)), Cells(result.Dataset, "b"));
    }

    [Theory]
    [InlineData(0.3, new[] { "c" })]
    [InlineData(0.5, new[] { "a", "b", "c" })]
    public void MaxMissingRatio_drops_columns_missing_more_than_the_ratio(double ratio, string[] kept)
    {
        var ds = Data(Longs("a", 1, null, null, 4), new StringColumn("b", ["x", null, "y", null]), Longs("c", 1, 2, 3, 4));
        var result = Clean(ds, new CleaningOptions { MaxMissingRatio = ratio });
        Assert.Equal(kept, result.Dataset.Columns.Select(c => c.Name));
        Assert.Equal(3 - kept.Length, result.Report.Columns.Count(e => e.Action == CleaningAction.ColumnDropped));
    }

    [Fact]
    public void Unchanged_columns_are_shared_and_one_lineage_step_is_added()
    {
        var ds = Data(Doubles("x", 1, null), new StringColumn("s", ["a", "b"]));
        var result = Clean(ds, new CleaningOptions { Fill = FillWith("x", "Zero") });
        Assert.Same(ds["s"], result.Dataset["s"]);
        Assert.NotSame(ds["x"], result.Dataset["x"]);
        Assert.Null(ds["x"].GetValue(1)); // the input is untouched
        var step = Assert.Single(result.Dataset.Lineage);
        Assert.Equal("Invoke-DataCleaning", step.Operation);
        Assert.Equal("x=Zero", step.Parameters["Fill"]);
        Assert.Equal("2", step.Parameters["RowsOut"]);
    }

    [Fact]
    public void Unknown_column_is_a_ColumnNotFound_error_naming_it()
    {
        var ds = Data(Doubles("x", 1, null));
        var e = Assert.Throws<DataException>(() => Clean(ds, new CleaningOptions { Fill = FillWith("nope", "Zero") }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Equal("nope", e.ColumnName);
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void Median_of_a_string_column_is_StrategyNotApplicable()
    {
        var ds = Data(new StringColumn("status", ["ok", null]));
        var e = Assert.Throws<DataException>(() => Clean(ds, new CleaningOptions { Fill = FillWith("status", "Median") }));
        Assert.Equal("DataCenterTools.StrategyNotApplicable", e.ErrorId);
        Assert.Equal("status", e.ColumnName);
        // After -ConvertType to Double the same fill fits.
        var converted = Clean(Data(new StringColumn("status", ["1", null, "3"])), new CleaningOptions
        {
            ConvertTypes = new Dictionary<string, ColumnType> { ["status"] = ColumnType.Double },
            Fill = FillWith("status", "Median"),
        });
        Assert.Equal(2.0, converted.Dataset["status"].GetValue(1));
    }

    [Fact]
    public void A_constant_of_the_wrong_type_is_InvalidFillValue()
    {
        var e = Assert.Throws<DataException>(() => Clean(Data(Doubles("x", 1, null)), new CleaningOptions { Fill = FillWith("x", "lots") }));
        Assert.Equal("DataCenterTools.InvalidFillValue", e.ErrorId);
        Assert.Equal("x", e.ColumnName);
    }

    [Fact]
    public void Quantile_interpolates_linearly_like_pandas()
    {
        // numpy.quantile([1, 2, 4, 10], [0.1, 0.5, 0.9], method='linear') = [1.3, 3.0, 8.2].
        double[] sorted = [1, 2, 4, 10];
        Assert.Equal(1.3, NumericStats.Quantile(sorted, 0.1), 12);
        Assert.Equal(3.0, NumericStats.Quantile(sorted, 0.5), 12);
        Assert.Equal(8.2, NumericStats.Quantile(sorted, 0.9), 12);
    }

    // Issue 12: conversions that say what failed, placeholders made missing, outliers per group.

    [Fact]
    public void ConvertTypeWarnsWithTheCountWhenSomeCellsFail()
    {
        var warnings = new List<string>();
        var ds = Data(Strings("n", "1", "2", "x", "NA", "4", "y"));
        var result = DataCleaner.Clean(ds, new CleaningOptions { ConvertTypes = new Dictionary<string, ColumnType> { ["n"] = ColumnType.Int64 } }, warning: warnings.Add);
        Assert.Equal([1L, 2L, null, null, 4L, null], Cells(result.Dataset, "n"));
        var warning = Assert.Single(warnings);
        Assert.Contains("2 of 5 value(s) of column 'n'", warning); // NA is a null marker, not a failure
        Assert.Contains("row 3", warning);
        Assert.Contains("'x', 'y'", warning);
        Assert.Equal(2, result.Report.For("n").Single(e => e.Action == CleaningAction.NotConvertible).Cells);
    }

    [Fact]
    public void ConvertTypeErrorsWhenNoCellConvertsInsteadOfReturningAnEmptyColumn()
    {
        var ds = Data(Strings("host", "web01", "web02"));
        var e = Assert.Throws<DataException>(() => DataCleaner.Clean(ds, new CleaningOptions { ConvertTypes = new Dictionary<string, ColumnType> { ["host"] = ColumnType.Double } }));
        Assert.Equal(("DataCenterTools.ConversionFailed", "host"), (e.ErrorId, e.ColumnName));
        Assert.Contains("none of its 2 value(s)", e.Message);
        // Numbers to DateTime need the unit: the error says so.
        var numbers = Data(Longs("ts", 1_700_000_000));
        var unix = Assert.Throws<DataException>(() => DataCleaner.Clean(numbers, new CleaningOptions { ConvertTypes = new Dictionary<string, ColumnType> { ["ts"] = ColumnType.DateTime } }));
        Assert.Contains("FromUnixTime", unix.Recommendation);
        // The core entry point the expression language's cast() calls does the same.
        Assert.Equal("DataCenterTools.ConversionFailed", Assert.Throws<DataException>(() => TypeConversion.Cast(ds["host"], ColumnType.Int64)).ErrorId);
        var partial = new List<string>();
        var cast = TypeConversion.Cast(new StringColumn("v", ["1", "z"]), ColumnType.Int64, warn: partial.Add);
        Assert.Equal([1L, null], new[] { cast.GetValue(0), cast.GetValue(1) });
        Assert.Single(partial);
    }

    [Fact]
    public void FromUnixTimeConvertsSecondsAndMillisecondsToUtc()
    {
        // date -u -d @1700000000 -> Tue Nov 14 22:13:20 UTC 2023
        var expected = new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc);
        var ds = Data(Longs("s", 1_700_000_000, null, 0), Doubles("ms", 1_700_000_000_123, null, -1000), Strings("text", "1700000000.5", null, "soon"));
        var warnings = new List<string>();
        var result = DataCleaner.Clean(ds, new CleaningOptions
        {
            ConvertTypes = new Dictionary<string, ColumnType> { ["s"] = ColumnType.DateTime },
            FromUnixTime = UnixTimeUnit.Seconds,
        }, warning: warnings.Add);
        Assert.Equal([expected, null, DateTime.UnixEpoch], Cells(result.Dataset, "s"));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)result.Dataset["s"].GetValue(0)!).Kind);
        Assert.Empty(warnings);
        var ms = DataCleaner.Clean(ds, new CleaningOptions
        {
            ConvertTypes = new Dictionary<string, ColumnType> { ["ms"] = ColumnType.DateTime, ["text"] = ColumnType.DateTime },
            FromUnixTime = UnixTimeUnit.Milliseconds,
        }, warning: warnings.Add).Dataset;
        Assert.Equal([expected.AddMilliseconds(123), null, DateTime.UnixEpoch.AddSeconds(-1)], Cells(ms, "ms"));
        Assert.Equal(new DateTime(1970, 1, 20, 16, 13, 20, 0, DateTimeKind.Utc).AddTicks(5_000), ms["text"].GetValue(0)); // 1,700,000,000.5 ms
        Assert.Contains(warnings, w => w.Contains("1 of 2") && w.Contains("'soon'"));
        Assert.Equal("DataCenterTools.InvalidArgument",
            Assert.Throws<DataException>(() => DataCleaner.Clean(ds, new CleaningOptions { FromUnixTime = UnixTimeUnit.Seconds })).ErrorId);
    }

    [Fact]
    public void ReplaceTurnsPlaceholdersIntoMissingBeforeConversion()
    {
        var ds = Data(Strings("age", "39", "?", "50"), Strings("class", "State-gov", "?", "N/A"), Longs("temp", 21, -999, 23));
        var result = DataCleaner.Clean(ds, new CleaningOptions
        {
            Replace = new Dictionary<string, IReadOnlyDictionary<string, object?>>
            {
                ["age"] = new Dictionary<string, object?> { ["?"] = null },
                ["class"] = new Dictionary<string, object?> { ["?"] = null, ["N/A"] = "unknown" },
                ["temp"] = new Dictionary<string, object?> { ["-999"] = null },
            },
            ConvertTypes = new Dictionary<string, ColumnType> { ["age"] = ColumnType.Int64 },
        });
        Assert.Equal([39L, null, 50L], Cells(result.Dataset, "age"));
        Assert.Equal(["State-gov", null, "unknown"], Cells(result.Dataset, "class"));
        Assert.Equal([21L, null, 23L], Cells(result.Dataset, "temp"));
        var replaced = result.Report.Columns.Where(e => e.Action == CleaningAction.Replaced).Select(e => e.ToString()).ToList();
        Assert.Contains("class: Replaced 1 ('N/A' -> 'unknown')", replaced);
        Assert.Contains("temp: Replaced 1 ('-999' -> missing)", replaced);
        Assert.Contains("Replace", result.Dataset.Lineage[^1].Parameters.Keys);
    }

    [Fact]
    public void NullValueAtCleaningTimeMatchesCellTextInTheSelectedColumns()
    {
        var ds = Data(Strings("a", "?", "x", "-"), Strings("b", "?", "y", "z"));
        var all = DataCleaner.Clean(ds, new CleaningOptions { NullValues = ["?", "-"] }).Dataset;
        Assert.Equal([null, "x", null], Cells(all, "a"));
        Assert.Equal([null, "y", "z"], Cells(all, "b"));
        var onlyA = DataCleaner.Clean(ds, new CleaningOptions { NullValues = ["?"], Columns = ["a"] }).Dataset;
        Assert.Equal(["?", "y", "z"], Cells(onlyA, "b"));
        Assert.Same(ds["b"], onlyA["b"]);
    }

    [Fact]
    public void OutliersByGroupJudgesEachHostAgainstItsOwnValues()
    {
        // pandas Series.quantile (linear): host a [10,11,12,10,11,100] Q1 10.25 Q3 11.75 -> bounds [8, 14], 100 is out;
        // host b [100,101,99,100,102,100] Q1 100 Q3 100.75 -> [98.875, 101.875], 102 is out. Over all twelve values
        // Q1 11, Q3 100 -> [-122.5, 233.5]: nothing is out, which is why per-host bounds matter.
        var ds = Data(Strings("host", "a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"),
            Doubles("cpu", 10, 11, 12, 10, 11, 100, 100, 101, 99, 100, 102, 100));
        var fleet = DataCleaner.Clean(ds, new CleaningOptions { Outliers = OutlierMethod.IQR });
        Assert.Equal(0, fleet.Dataset["cpu"].NullCount);
        var perHost = DataCleaner.Clean(ds, new CleaningOptions { Outliers = OutlierMethod.IQR, OutliersByGroup = ["host"] });
        var cpu = Cells(perHost.Dataset, "cpu");
        Assert.Equal([5, 10], Enumerable.Range(0, 12).Where(i => cpu[i] == null));
        var entry = Assert.Single(perHost.Report.For("cpu"));
        Assert.Equal((CleaningAction.SetMissing, 2), (entry.Action, entry.Cells));
        Assert.Contains("per host: 2 groups", entry.Detail);
        var flagged = DataCleaner.Clean(ds, new CleaningOptions { Outliers = OutlierMethod.IQR, OutliersByGroup = ["host"], OutlierAction = OutlierAction.Flag });
        Assert.Equal([5, 10], Enumerable.Range(0, 12).Where(i => (bool)flagged.Dataset["cpu_outlier"].GetValue(i)!));
        Assert.Equal("DataCenterTools.InvalidArgument",
            Assert.Throws<DataException>(() => DataCleaner.Clean(ds, new CleaningOptions { OutliersByGroup = ["host"] })).ErrorId);
    }
}
