using System.Runtime.CompilerServices;
namespace DataCenterTools.Core.Data;

/// <summary>A run of text cells, read by index (a CSV chunk's column, a list of strings).</summary>
public interface ITextCells
{
    int Count { get; }
    /// <summary>True when the cell is absent (not merely empty text), e.g. a null string.</summary>
    bool IsAbsent(int index);
    ReadOnlySpan<char> this[int index] { get; }
}

/// <summary>Text cells backed by a list of strings; null entries are absent.</summary>
public readonly struct StringListCells(IReadOnlyList<string?> values) : ITextCells
{
    public int Count => values.Count;
    public bool IsAbsent(int index) => values[index] == null;
    public ReadOnlySpan<char> this[int index] => values[index];
}

/// <summary>Raised when a cell cannot be read as the type the user asked for.</summary>
public sealed class CellTypeViolation(int index, ColumnType type, string text) : Exception
{
    public int Index { get; } = index;
    public ColumnType Type { get; } = type;
    public string Text { get; } = text;
}

/// <summary>
/// Builds one typed column from text cells: the single place where type inference happens.
/// Inference: Int64 if every present cell is an integer, Double if every one is a number,
/// Boolean (true/false, any case), DateTime (ISO 8601), else String. Missing cells do not vote.
/// </summary>
public static class TextColumnBuilder
{
    /// <summary>Result of building: the column, and whether every cell was missing (so it has no say in the type).</summary>
    public readonly record struct Built(Column Column, bool AllMissing);

    public static Built Build<TCells>(string name, TCells cells, NullValueSet nulls, ColumnType? forced = null)
        where TCells : ITextCells
    {
        var n = cells.Count;
        var first = -1;
        for (var i = 0; i < n; i++)
            if (!IsMissing(cells, i, nulls)) { first = i; break; }
        if (first < 0 && forced == null)
            return new Built(new StringColumn(name, Enumerable.Repeat(-1, n).ToArray(), []), true);

        var type = forced ?? Detect(cells[first]);
        while (true)
        {
            var column = type switch
            {
                ColumnType.Int64 => TryBuildInt64(name, cells, nulls),
                ColumnType.Double => TryBuildDouble(name, cells, nulls),
                ColumnType.Boolean => TryBuildBoolean(name, cells, nulls),
                ColumnType.DateTime => TryBuildDateTime(name, cells, nulls),
                _ => BuildString(name, cells, nulls),
            };
            if (column != null) return new Built(column, first < 0);
            var failed = FirstFailure(cells, nulls, type);
            if (forced != null) throw new CellTypeViolation(failed, type, cells[failed].ToString());
            type = type == ColumnType.Int64 && CellParser.TryParseDouble(cells[failed], out _) ? ColumnType.Double : ColumnType.String;
        }
    }

    public static ColumnType Detect(ReadOnlySpan<char> cell)
    {
        if (CellParser.TryParseInt64(cell, out _)) return ColumnType.Int64;
        if (CellParser.TryParseDouble(cell, out _)) return ColumnType.Double;
        if (CellParser.TryParseBoolean(cell, out _)) return ColumnType.Boolean;
        if (CellParser.TryParseDateTime(cell, out _)) return ColumnType.DateTime;
        return ColumnType.String;
    }

    private static bool IsMissing<TCells>(TCells cells, int i, NullValueSet nulls) where TCells : ITextCells =>
        cells.IsAbsent(i) || nulls.IsNull(cells[i]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FirstFailure<TCells>(TCells cells, NullValueSet nulls, ColumnType type) where TCells : ITextCells
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (IsMissing(cells, i, nulls)) continue;
            var ok = type switch
            {
                ColumnType.Int64 => CellParser.TryParseInt64(cells[i], out _),
                ColumnType.Double => CellParser.TryParseDouble(cells[i], out _),
                ColumnType.Boolean => CellParser.TryParseBoolean(cells[i], out _),
                ColumnType.DateTime => CellParser.TryParseDateTime(cells[i], out _),
                _ => true,
            };
            if (!ok) return i;
        }
        return -1;
    }

    private delegate bool SpanParser<T>(ReadOnlySpan<char> s, out T value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T[]? TryParseAll<T, TCells>(TCells cells, NullValueSet nulls, SpanParser<T> parse, out ValidityBitmap? validity)
        where TCells : ITextCells
    {
        var n = cells.Count;
        var values = new T[n];
        ValidityBitmap.Builder? missing = null;
        validity = null;
        for (var i = 0; i < n; i++)
        {
            if (cells.IsAbsent(i)) { (missing ??= new(n)).SetNull(i); continue; }
            var cell = cells[i];
            if (parse(cell, out values[i])) continue;
            if (nulls.IsNull(cell)) { (missing ??= new(n)).SetNull(i); continue; }
            return null;
        }
        validity = missing?.Build();
        return values;
    }

    private static Column? TryBuildInt64<TCells>(string name, TCells cells, NullValueSet nulls) where TCells : ITextCells
    {
        var values = TryParseAll<long, TCells>(cells, nulls, CellParser.TryParseInt64, out var validity);
        return values == null ? null : new Int64Column(name, values, validity);
    }

    private static Column? TryBuildDouble<TCells>(string name, TCells cells, NullValueSet nulls) where TCells : ITextCells
    {
        // "NaN" parses as a double but is in the default null set: check nulls first for that one case.
        var values = TryParseAll<double, TCells>(cells, nulls, (ReadOnlySpan<char> s, out double v) =>
        {
            if (CellParser.TryParseDouble(s, out v) && !(double.IsNaN(v) && nulls.IsNull(s))) return true;
            v = 0;
            return false;
        }, out var validity);
        return values == null ? null : new DoubleColumn(name, values, validity);
    }

    private static Column? TryBuildBoolean<TCells>(string name, TCells cells, NullValueSet nulls) where TCells : ITextCells
    {
        var values = TryParseAll<bool, TCells>(cells, nulls, CellParser.TryParseBoolean, out var validity);
        return values == null ? null : new BooleanColumn(name, values, validity);
    }

    private static Column? TryBuildDateTime<TCells>(string name, TCells cells, NullValueSet nulls) where TCells : ITextCells
    {
        var values = TryParseAll<DateTime, TCells>(cells, nulls, CellParser.TryParseDateTime, out var validity);
        return values == null ? null : new DateTimeColumn(name, values, validity);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Column BuildString<TCells>(string name, TCells cells, NullValueSet nulls) where TCells : ITextCells
    {
        var n = cells.Count;
        var builder = new StringColumnBuilder(n);
        for (var i = 0; i < n; i++)
        {
            if (IsMissing(cells, i, nulls)) builder.AppendNull();
            else builder.Append(cells[i]);
        }
        return builder.Build(name);
    }
}
