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

    /// <param name="valuesRepeat">A hint for String columns: false when earlier chunks of this column were mostly distinct values, so interning is skipped.</param>
    public static Built Build<TCells>(string name, TCells cells, NullValueSet nulls, ColumnType? forced = null, bool valuesRepeat = true)
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
                ColumnType.Int64 => TryParseAll<long, TCells, Int64Cells>(cells, nulls, out var validity) is { } v ? new Int64Column(name, v, validity) : null,
                ColumnType.Double => TryParseAll<double, TCells, DoubleCells>(cells, nulls, out var validity) is { } v ? new DoubleColumn(name, v, validity) : null,
                ColumnType.Boolean => TryParseAll<bool, TCells, BooleanCells>(cells, nulls, out var validity) is { } v ? new BooleanColumn(name, v, validity) : null,
                ColumnType.DateTime => TryParseAll<DateTime, TCells, DateTimeCells>(cells, nulls, out var validity) is { } v ? new DateTimeColumn(name, v, validity) : null,
                _ => (Column)BuildString(name, cells, nulls, valuesRepeat),
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

    private static int FirstFailure<TCells>(TCells cells, NullValueSet nulls, ColumnType type) where TCells : ITextCells
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (IsMissing(cells, i, nulls)) continue;
            var ok = type switch
            {
                ColumnType.Int64 => Int64Cells.TryParse(cells[i], nulls, out _),
                ColumnType.Double => DoubleCells.TryParse(cells[i], nulls, out _),
                ColumnType.Boolean => BooleanCells.TryParse(cells[i], nulls, out _),
                ColumnType.DateTime => DateTimeCells.TryParse(cells[i], nulls, out _),
                _ => true,
            };
            if (!ok) return i;
        }
        return -1;
    }

    // One struct per type, called through a static abstract member: the parse call in the hot loop
    // is direct and inlinable (a delegate there cost several times the parse itself).
    private interface ICellParser<T>
    {
        static abstract bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out T value);
    }

    private readonly struct Int64Cells : ICellParser<long>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out long value) => CellParser.TryParseInt64(s, out value);
    }

    private readonly struct DoubleCells : ICellParser<double>
    {
        // "NaN" parses as a double but is in the default null set: a null marker wins.
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out double value) =>
            CellParser.TryParseDouble(s, out value) && !(double.IsNaN(value) && nulls.IsNull(s));
    }

    private readonly struct BooleanCells : ICellParser<bool>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out bool value) => CellParser.TryParseBoolean(s, out value);
    }

    private readonly struct DateTimeCells : ICellParser<DateTime>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out DateTime value) => CellParser.TryParseDateTime(s, out value);
    }

    private static T[]? TryParseAll<T, TCells, TParser>(TCells cells, NullValueSet nulls, out ValidityBitmap? validity)
        where TCells : ITextCells
        where TParser : ICellParser<T>
    {
        var n = cells.Count;
        var values = new T[n];
        ValidityBitmap.Builder? missing = null;
        validity = null;
        for (var i = 0; i < n; i++)
        {
            if (cells.IsAbsent(i)) { (missing ??= new(n)).SetNull(i); continue; }
            var cell = cells[i];
            if (TParser.TryParse(cell, nulls, out values[i])) continue;
            if (nulls.IsNull(cell)) { (missing ??= new(n)).SetNull(i); values[i] = default!; continue; }
            return null;
        }
        validity = missing?.Build();
        return values;
    }

    private static StringColumn BuildString<TCells>(string name, TCells cells, NullValueSet nulls, bool valuesRepeat) where TCells : ITextCells
    {
        var n = cells.Count;
        var builder = new StringColumnBuilder(n, dictionaryFirst: valuesRepeat);
        for (var i = 0; i < n; i++)
        {
            if (IsMissing(cells, i, nulls)) builder.AppendNull();
            else builder.Append(cells[i]);
        }
        return builder.Build(name);
    }
}
