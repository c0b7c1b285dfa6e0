using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

public class CellParserTests
{
    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29, 0, 0, 0, 0L, DateTimeKind.Unspecified)]
    [InlineData("2024-02-29T23:59:59", 2024, 2, 29, 23, 59, 59, 0L, DateTimeKind.Unspecified)]
    [InlineData("2024-02-29 08:30", 2024, 2, 29, 8, 30, 0, 0L, DateTimeKind.Unspecified)]
    [InlineData("2024-01-01T00:00:00.1234567Z", 2024, 1, 1, 0, 0, 0, 1234567L, DateTimeKind.Utc)]
    [InlineData("2024-01-01T08:00:00+08:00", 2024, 1, 1, 0, 0, 0, 0L, DateTimeKind.Utc)]
    [InlineData("2023-12-31T22:30:00-0130", 2024, 1, 1, 0, 0, 0, 0L, DateTimeKind.Utc)]
    public void ParsesIso8601(string text, int y, int mo, int d, int h, int mi, int s, long fractionTicks, DateTimeKind kind)
    {
        Assert.True(CellParser.TryParseDateTime(text, out var dt));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, kind).AddTicks(fractionTicks), dt);
        Assert.Equal(kind, dt.Kind);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-01-01T25:00")]
    [InlineData("01/02/2024")]
    [InlineData("2024-01-01Tnoon")]
    [InlineData("20240101")]
    public void RejectsWhatIsNotIso8601(string text) => Assert.False(CellParser.TryParseDateTime(text, out _));

    [Theory]
    [InlineData("2024-03-01", "2024-03-01")]
    [InlineData("2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z")]
    [InlineData("2024-03-01T10:00:00.25", "2024-03-01T10:00:00.25")]
    [InlineData("2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z")]
    public void FormatsDateTimesSoTheyParseBack(string text, string expected)
    {
        Assert.True(CellParser.TryParseDateTime(text, out var dt));
        var formatted = CellParser.FormatDateTime(dt);
        Assert.Equal(expected, formatted);
        Assert.True(CellParser.TryParseDateTime(formatted, out var again));
        Assert.Equal(dt, again);
        Assert.Equal(dt.Kind, again.Kind);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1e-300)]
    [InlineData(123456789.123456789)]
    [InlineData(double.MaxValue)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void DoublesRoundTripThroughText(double value)
    {
        Assert.True(CellParser.TryParseDouble(CellParser.FormatDouble(value), out var back));
        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData("1,000")]
    [InlineData("12abc")]
    [InlineData("")]
    public void RejectsNonNumbers(string text) => Assert.False(CellParser.TryParseDouble(text, out _));

    [Fact]
    public void BooleansAnyCaseButNotDigits()
    {
        Assert.True(CellParser.TryParseBoolean("TRUE", out var t) && t);
        Assert.True(CellParser.TryParseBoolean("False", out var f) && !f);
        Assert.False(CellParser.TryParseBoolean("1", out _));
        Assert.False(CellParser.TryParseBoolean("yes", out _));
    }
}

public class QuantileSelectionTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 1000)]
    [InlineData(3, 4097)]
    public void SelectionGivesTheSameQuantilesAsSorting(int seed, int n)
    {
        // Few distinct values (many ties), sorted and reversed runs: the cases quickselect gets wrong most easily.
        var rng = new Random(seed);
        var values = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? rng.Next(10) : rng.NextDouble() * 100).ToArray();
        Array.Copy(values.OrderBy(v => v).Take(n / 3).ToArray(), values, n / 3);
        var sorted = values.OrderBy(v => v).ToArray();
        foreach (var q in new[] { 0.0, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0 })
        {
            var expected = DataCenterTools.Core.Cleaning.NumericStats.Quantile(sorted, q);
            var actual = DataCenterTools.Core.Cleaning.NumericStats.QuantileUnsorted((double[])values.Clone(), q);
            Assert.Equal(expected, actual);
        }
        Assert.Equal(DataCenterTools.Core.Cleaning.NumericStats.Quantile(sorted, 0.5),
            DataCenterTools.Core.Cleaning.NumericStats.QuantileUnsorted(sorted.Reverse().ToArray(), 0.5));
    }
}
