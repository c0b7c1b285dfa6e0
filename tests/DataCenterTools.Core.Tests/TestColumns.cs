using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>Columns written as literals in tests, null for a missing cell.</summary>
internal static class TestColumns
{
    public static DoubleColumn Doubles(string name, params double?[] values) =>
        new(name, values.Select(v => v ?? 0).ToArray(), ValidityBitmap.FromFlags(values.Select(v => v.HasValue).ToArray()));

    public static Int64Column Longs(string name, params long?[] values) =>
        new(name, values.Select(v => v ?? 0).ToArray(), ValidityBitmap.FromFlags(values.Select(v => v.HasValue).ToArray()));

    public static StringColumn Strings(string name, params string?[] values) => new(name, values);
}
