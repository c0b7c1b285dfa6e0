using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>A small dataset with every column type, missing cells, and the awkward values round trips must keep.</summary>
internal static class SampleData
{
    /// <summary>The project's examples/data folder, found upward from the test binaries.</summary>
    public static string ExamplesData { get; } = FindExamplesData();

    private static string FindExamplesData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "examples", "data"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("examples/data not found above the test binaries."), "examples", "data");
    }

    public static Dataset AllTypes()
    {
        var missing = ValidityBitmap.FromFlags([true, false, true, true, true, true]);
        return new Dataset("sample",
        [
            new Int64Column("id", [1, 0, -42, long.MaxValue, long.MinValue, 0], missing),
            new DoubleColumn("x", [0.1, 0, 1e-300, -0.0, 1.0, double.MaxValue], missing),
            new BooleanColumn("ok", [true, false, false, true, false, true], missing),
            new DateTimeColumn("at_utc",
            [
                new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567), default,
                new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc),
                new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(10), new DateTime(2262, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            ], missing),
            new DateTimeColumn("at_local",
            [
                new DateTime(2024, 1, 2, 3, 4, 5), default, new DateTime(2024, 1, 2), new DateTime(2000, 6, 30, 12, 0, 0, 500),
                new DateTime(1900, 1, 1, 8, 0, 0), new DateTime(2030, 12, 31, 23, 59, 59),
            ], missing),
            new StringColumn("text", ["plain", null, "comma, \"quote\"", "line1\nline2\r\nline3", "中文文本，含逗号", "tab\there"]),
        ]);
    }

    /// <summary>Asserts same names, types, missing cells and values (bit for bit for doubles, Kind included for DateTime).</summary>
    public static void AssertSame(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        Assert.Equal(expected.Columns.Select(c => c.Type), actual.Columns.Select(c => c.Type));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.ColumnCount; c++)
            for (var r = 0; r < expected.RowCount; r++)
            {
                var e = expected[c].GetValue(r);
                var a = actual[c].GetValue(r);
                var where = $"column {expected[c].Name}, row {r}";
                switch (e)
                {
                    case double d:
                        Assert.True(a is double, where);
                        Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)a!), $"{where}: {d:R} vs {a:R}");
                        break;
                    case DateTime t:
                        Assert.True(a is DateTime, where);
                        Assert.True(t.Ticks == ((DateTime)a!).Ticks && t.Kind == ((DateTime)a!).Kind, $"{where}: {t:o} {t.Kind} vs {a:o} {((DateTime)a!).Kind}");
                        break;
                    default:
                        Assert.True(Equals(e, a), $"{where}: {e ?? "null"} vs {a ?? "null"}");
                        break;
                }
            }
    }
}
