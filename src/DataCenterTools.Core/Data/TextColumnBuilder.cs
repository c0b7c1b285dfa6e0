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

/// <summary>Shared storage that parallel chunk parses write their fixed-size values into.</summary>
public interface IValueSink
{
    /// <summary>The rows offset..offset+count of this column's array of <typeparamref name="T"/>.</summary>
    Span<T> Region<T>(int offset, int count) where T : struct;
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
    /// <summary>
    /// Result of building: the column (null when the values went into an <see cref="IValueSink"/>),
    /// its type, its missing cells, and whether every cell was missing (so it has no say in the type).
    /// </summary>
    public readonly record struct Built(Column? Column, ColumnType Type, ValidityBitmap? Validity, bool AllMissing);

    /// <param name="valuesRepeat">A hint for String columns: false when earlier chunks of this column were mostly distinct values, so interning is skipped.</param>
    /// <param name="sink">Where fixed-size values go (rows offset..offset+count of a shared array); null for a column of their own.</param>
    public static Built Build<TCells>(string name, TCells cells, NullValueSet nulls, ColumnType? forced = null, bool valuesRepeat = true,
        IValueSink? sink = null, int offset = 0)
        where TCells : ITextCells
    {
        var n = cells.Count;
        var first = -1;
        for (var i = 0; i < n; i++)
            if (!IsMissing(cells, i, nulls)) { first = i; break; }
        if (first < 0 && forced == null)
        {
            var empty = new StringColumn(name, Enumerable.Repeat(-1, n).ToArray(), []);
            return new Built(empty, ColumnType.String, empty.Validity, true);
        }

        var type = forced ?? Detect(cells[first]);
        while (true)
        {
            var built = type switch
            {
                ColumnType.Int64 => TryParseAll<long, TCells, Int64Cells>(name, cells, nulls, sink, offset, ColumnType.Int64,
                    (values, validity) => new Int64Column(name, values, validity)),
                ColumnType.Double => TryParseAll<double, TCells, DoubleCells>(name, cells, nulls, sink, offset, ColumnType.Double,
                    (values, validity) => new DoubleColumn(name, values, validity)),
                ColumnType.Boolean => TryParseAll<bool, TCells, BooleanCells>(name, cells, nulls, sink, offset, ColumnType.Boolean,
                    (values, validity) => new BooleanColumn(name, values, validity)),
                ColumnType.DateTime => TryParseAll<DateTime, TCells, DateTimeCells>(name, cells, nulls, sink, offset, ColumnType.DateTime,
                    (values, validity) => new DateTimeColumn(name, values, validity)),
                _ => BuildString(name, cells, nulls, valuesRepeat),
            };
            if (built is { } ok) return ok with { AllMissing = first < 0 };
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
            if (!Fits(cells[i], type, nulls)) return i;
        }
        return -1;
    }

    /// <summary>Whether a present cell reads as <paramref name="type"/> (String takes anything).</summary>
    public static bool Fits(ReadOnlySpan<char> cell, ColumnType type, NullValueSet nulls) => type switch
    {
        ColumnType.Int64 => Int64Cells.TryParse(cell, nulls, out _),
        ColumnType.Double => DoubleCells.TryParse(cell, nulls, out _),
        ColumnType.Boolean => BooleanCells.TryParse(cell, nulls, out _),
        ColumnType.DateTime => DateTimeCells.TryParse(cell, nulls, out _),
        _ => true,
    };

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

    private static Built? TryParseAll<T, TCells, TParser>(string name, TCells cells, NullValueSet nulls, IValueSink? sink, int offset,
        ColumnType type, Func<T[], ValidityBitmap?, Column> makeColumn)
        where T : struct
        where TCells : ITextCells
        where TParser : ICellParser<T>
    {
        var n = cells.Count;
        var own = sink == null ? new T[n] : null;
        var values = own ?? sink!.Region<T>(offset, n);
        if (!ParseInto<T, TCells, TParser>(cells, nulls, values, out var validity)) return null;
        return new Built(own == null ? null : makeColumn(own, validity), type, validity, false);
    }

    private static bool ParseInto<T, TCells, TParser>(TCells cells, NullValueSet nulls, Span<T> values, out ValidityBitmap? validity)
        where TCells : ITextCells
        where TParser : ICellParser<T>
    {
        var n = cells.Count;
        ValidityBitmap.Builder? missing = null;
        validity = null;
        for (var i = 0; i < n; i++)
        {
            if (cells.IsAbsent(i)) { (missing ??= new(n)).SetNull(i); values[i] = default!; continue; }
            var cell = cells[i];
            if (TParser.TryParse(cell, nulls, out values[i])) continue;
            if (nulls.IsNull(cell)) { (missing ??= new(n)).SetNull(i); values[i] = default!; continue; }
            return false;
        }
        validity = missing?.Build();
        return true;
    }

    private static Built BuildString<TCells>(string name, TCells cells, NullValueSet nulls, bool valuesRepeat) where TCells : ITextCells
    {
        var n = cells.Count;
        var builder = new StringColumnBuilder(n, dictionaryFirst: valuesRepeat);
        for (var i = 0; i < n; i++)
        {
            if (IsMissing(cells, i, nulls)) builder.AppendNull();
            else builder.Append(cells[i]);
        }
        var column = builder.Build(name);
        return new Built(column, ColumnType.String, column.Validity, false);
    }
}
