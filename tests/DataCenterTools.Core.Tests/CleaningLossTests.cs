using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using static DataCenterTools.Core.Tests.TestColumns;

namespace DataCenterTools.Core.Tests;

/// <summary>Issue 12: conversions that say what failed, placeholders made missing, outliers per group.</summary>
public class CleaningLossTests
{
    private static Dataset Data(params Column[] columns) => new("t", columns);

    private static object?[] Cells(Dataset ds, string column) =>
        Enumerable.Range(0, ds.RowCount).Select(ds[column].GetValue).ToArray();

    private static StringColumn Strings(string name, params string?[] values) => new(name, values);

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
        Assert.Contains("-FromUnixTime", unix.Recommendation);
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
