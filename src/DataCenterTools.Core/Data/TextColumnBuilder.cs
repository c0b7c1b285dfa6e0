using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    Span<T> Region<T>(int offset, int count);
}

/// <summary>Raised when a cell cannot be read as the type the user asked for.</summary>
public sealed class CellTypeViolationException(int index, ColumnType type, string text) : Exception
{
    public int Index { get; } = index;
    public ColumnType Type { get; } = type;
    public string Text { get; } = text;
}

/// <summary>Why a column whose first values were typed became String.</summary>
public enum TextReason : byte
{
    None,
    /// <summary>A later cell is text.</summary>
    Text,
    /// <summary>A whole number too large for Int64, which a Double would round.</summary>
    BigInteger,
}

/// <summary>How non-finite numbers are read (see <see cref="NonFiniteAction"/>).</summary>
public readonly record struct InferenceRules(NonFiniteAction NonFinite = NonFiniteAction.Keep);

/// <summary>
/// Builds one typed column from text cells: the single place where type inference happens.
/// Inference: Int64 if every present cell is an integer, Double if every one is a number,
/// Boolean (true/false, any case), DateTime (ISO 8601), else String. Missing cells do not vote.
/// Inference never loses what the text says: codes with a leading zero or a plus sign (00501,
/// +14155550100) and whole numbers beyond Int64 make a column String, since a number would drop
/// the zeros or round the digits. A type fixed by the caller (-Schema) reads such cells as numbers.
/// </summary>
public static class TextColumnBuilder
{
    /// <summary>
    /// Result of building: the column (null when the values went into an <see cref="IValueSink"/>), its type, its
    /// missing cells, whether every cell was missing (so it has no say in the type), the first cell that made a
    /// column whose first value was typed into String (with why), and the non-finite cells read as missing.
    /// </summary>
    public readonly record struct Built(Column? Column, ColumnType Type, ValidityBitmap? Validity, bool AllMissing)
    {
        public int TextAt { get; init; } = -1;
        public TextReason TextReason { get; init; }
        /// <summary>The type the column's values had before the cell at <see cref="TextAt"/>.</summary>
        public ColumnType TextFrom { get; init; }
        public int NonFiniteMissing { get; init; }
    }

    /// <param name="valuesRepeat">A hint for String columns: false when earlier chunks of this column were mostly distinct values, so interning is skipped.</param>
    /// <param name="sink">Where fixed-size values go (rows offset..offset+count of a shared array); null for a column of their own.</param>
    /// <param name="probe">With <paramref name="forced"/> String: the type earlier parts of the column had, so <see cref="Built.TextAt"/> finds the first cell that does not fit it.</param>
    public static Built Build<TCells>(string name, TCells cells, NullValueSet nulls, ColumnType? forced = null, bool valuesRepeat = true,
        IValueSink? sink = null, int offset = 0, InferenceRules rules = default, ColumnType? probe = null)
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

        var inferred = forced == null;
        var type = forced ?? Detect(cells[first]);
        var started = type;
        var textAt = -1;
        var reason = TextReason.None;
        var dropNonFinite = rules.NonFinite == NonFiniteAction.Missing;
        while (true)
        {
            var dropped = 0;
            var built = (type, inferred) switch
            {
                (ColumnType.Int64, true) => TryParseAll<long, TCells, InferredInt64Cells>(name, cells, nulls, sink, offset, ColumnType.Int64,
                    (values, validity) => new Int64Column(name, values, validity), false, ref dropped),
                (ColumnType.Int64, false) => TryParseAll<long, TCells, Int64Cells>(name, cells, nulls, sink, offset, ColumnType.Int64,
                    (values, validity) => new Int64Column(name, values, validity), false, ref dropped),
                (ColumnType.Double, true) => TryParseAll<double, TCells, InferredDoubleCells>(name, cells, nulls, sink, offset, ColumnType.Double,
                    (values, validity) => new DoubleColumn(name, values, validity), dropNonFinite, ref dropped),
                (ColumnType.Double, false) => TryParseAll<double, TCells, DoubleCells>(name, cells, nulls, sink, offset, ColumnType.Double,
                    (values, validity) => new DoubleColumn(name, values, validity), dropNonFinite, ref dropped),
                (ColumnType.Boolean, _) => TryParseAll<bool, TCells, BooleanCells>(name, cells, nulls, sink, offset, ColumnType.Boolean,
                    (values, validity) => new BooleanColumn(name, values, validity), false, ref dropped),
                (ColumnType.DateTime, _) => TryParseDateTimes(name, cells, nulls, sink, offset),
                _ => BuildString(name, cells, nulls, valuesRepeat),
            };
            if (built is { } ok)
            {
                if (type == ColumnType.String && probe is { } earlier && earlier != ColumnType.String)
                {
                    textAt = FirstFailure(cells, nulls, earlier);
                    reason = textAt < 0 ? TextReason.None : ReasonFor(cells[textAt]);
                }
                else if (type == ColumnType.String && inferred && textAt < 0 && first >= 0 && ReasonFor(cells[first]) == TextReason.BigInteger)
                {
                    // The first value is already a whole number beyond Int64: say why the column is text.
                    textAt = first;
                    reason = TextReason.BigInteger;
                }
                return ok with { AllMissing = first < 0, TextAt = textAt, TextReason = reason, TextFrom = probe ?? started, NonFiniteMissing = dropped };
            }
            var failed = FirstFailure(cells, nulls, type);
            if (!inferred) throw new CellTypeViolationException(failed, type, cells[failed].ToString());
            var cell = cells[failed];
            type = type == ColumnType.Int64 && InferredDoubleCells.TryParse(cell, nulls, out _) ? ColumnType.Double : ColumnType.String;
            if (type == ColumnType.String && started != ColumnType.String)
            {
                textAt = failed;
                reason = ReasonFor(cell);
            }
        }
    }

    /// <summary>Why a cell makes a column text: a whole number beyond Int64, or anything else (words, codes with a leading zero).</summary>
    private static TextReason ReasonFor(ReadOnlySpan<char> cell) =>
        CellParser.IsIntegerLiteral(cell) && !CellParser.IsCodeLike(cell) && !CellParser.TryParseInt64(cell, out _) ? TextReason.BigInteger : TextReason.Text;

    /// <summary>The type a cell suggests on its own, by the inference rules (a leading-zero code is String).</summary>
    public static ColumnType Detect(ReadOnlySpan<char> cell)
    {
        if (InferredInt64Cells.TryParse(cell, NullValueSet.None, out _)) return ColumnType.Int64;
        if (InferredDoubleCells.TryParse(cell, NullValueSet.None, out _)) return ColumnType.Double;
        if (CellParser.IsIntegerLiteral(cell) || CellParser.IsCodeLike(cell)) return ColumnType.String;
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

    /// <summary>Whether a present cell reads as <paramref name="type"/> by the inference rules (String takes anything).</summary>
    public static bool Fits(ReadOnlySpan<char> cell, ColumnType type, NullValueSet nulls) => type switch
    {
        ColumnType.Int64 => InferredInt64Cells.TryParse(cell, nulls, out _),
        ColumnType.Double => InferredDoubleCells.TryParse(cell, nulls, out _),
        ColumnType.Boolean => BooleanCells.TryParse(cell, nulls, out _),
        ColumnType.DateTime => CellParser.TryParseDateTime(cell, out _),
        _ => true,
    };

    // One struct per type, called through a static abstract member: the parse call in the hot loop
    // is direct and inlinable (a delegate there cost several times the parse itself).
    private interface ICellParser<T>
    {
        static abstract bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out T value);
    }

    /// <summary>A cheap first look, so ordinary numbers (7, -3, 0.5) skip the full code check.</summary>
    private static bool MaybeCode(ReadOnlySpan<char> s)
    {
        if (s.Length < 2) return false;
        var c = s[0];
        return c is '+' or ' ' || (c == '0' && char.IsAsciiDigit(s[1])) || (c == '-' && s.Length > 2 && s[1] == '0' && char.IsAsciiDigit(s[2]));
    }

    /// <summary>Int64 as -Schema asks for it: any integer CellParser reads.</summary>
    private readonly struct Int64Cells : ICellParser<long>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out long value) => CellParser.TryParseInt64(s, out value);
    }

    /// <summary>Int64 by inference: not a code whose leading zero or plus sign a number would drop.</summary>
    private readonly struct InferredInt64Cells : ICellParser<long>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out long value) =>
            CellParser.TryParseInt64(s, out value) && !(MaybeCode(s) && CellParser.IsCodeLike(s));
    }

    private readonly struct DoubleCells : ICellParser<double>
    {
        // A null marker wins over "NaN" when the user lists it among -NullValue.
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out double value) =>
            CellParser.TryParseDouble(s, out value) && !(double.IsNaN(value) && nulls.IsNull(s));
    }

    /// <summary>Double by inference: also not a code, and not a whole number beyond Int64 (a double would round its digits).</summary>
    private readonly struct InferredDoubleCells : ICellParser<double>
    {
        private const double Int64Bound = 9.2233720368547758E18;

        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out double value) =>
            DoubleCells.TryParse(s, nulls, out value)
            && !(MaybeCode(s) && CellParser.IsCodeLike(s))
            && !(Math.Abs(value) >= Int64Bound && CellParser.IsIntegerLiteral(s));
    }

    private readonly struct BooleanCells : ICellParser<bool>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out bool value) => CellParser.TryParseBoolean(s, out value);
    }

    /// <summary>A timestamp as the 64 bits of its DateTime (ticks and kind), so the parse loop is instantiated over long: see <see cref="TryParseDateTimes"/>.</summary>
    private readonly struct DateTimeBitsCells : ICellParser<long>
    {
        public static bool TryParse(ReadOnlySpan<char> s, NullValueSet nulls, out long value)
        {
            var ok = CellParser.TryParseDateTime(s, out var date);
            value = Unsafe.As<DateTime, long>(ref date);
            return ok;
        }
    }

    // The parse loops are instantiated only over primitives (long, double, bool) and this assembly's structs, with no
    // constraint on T: crossgen2 then precompiles them into this assembly's ReadyToRun image. Over DateTime (a type from
    // outside the version bubble) or with `where T : struct` (a type constraint) it does not, and every first import in a
    // process ran the loops in Tier 0 before the JIT replaced them (DOTNET_JitDisasmSummary showed it).
    private static Built? TryParseAll<T, TCells, TParser>(string name, TCells cells, NullValueSet nulls, IValueSink? sink, int offset,
        ColumnType type, Func<T[], ValidityBitmap?, Column> makeColumn, bool dropNonFinite, ref int dropped)
        where TCells : ITextCells
        where TParser : ICellParser<T>
    {
        var n = cells.Count;
        var own = sink == null ? new T[n] : null;
        var values = own ?? sink!.Region<T>(offset, n);
        if (!ParseInto<T, TCells, TParser>(cells, nulls, values, dropNonFinite, out var validity, out dropped)) return null;
        return new Built(own == null ? null : makeColumn(own, validity), type, validity, false);
    }

    /// <summary>Timestamps parsed by the loop over long into the DateTime array itself (a DateTime is one 64-bit field).</summary>
    private static Built? TryParseDateTimes<TCells>(string name, TCells cells, NullValueSet nulls, IValueSink? sink, int offset)
        where TCells : ITextCells
    {
        var n = cells.Count;
        var own = sink == null ? new DateTime[n] : null;
        var values = own ?? sink!.Region<DateTime>(offset, n);
        if (!ParseInto<long, TCells, DateTimeBitsCells>(cells, nulls, MemoryMarshal.Cast<DateTime, long>(values), false, out var validity, out _)) return null;
        return new Built(own == null ? null : new DateTimeColumn(name, own, validity), ColumnType.DateTime, validity, false);
    }

    private static bool ParseInto<T, TCells, TParser>(TCells cells, NullValueSet nulls, Span<T> values, bool dropNonFinite,
        out ValidityBitmap? validity, out int dropped)
        where TCells : ITextCells
        where TParser : ICellParser<T>
    {
        var n = cells.Count;
        ValidityBitmap.Builder? missing = null;
        validity = null;
        dropped = 0;
        // Timestamps repeat row after row (one per scrape of many hosts): a cell equal to the last one parsed takes
        // its value without parsing again (the last parsed, not row i-1, which may be missing).
        ReadOnlySpan<char> previous = default;
        var previousAt = -1;
        for (var i = 0; i < n; i++)
        {
            if (cells.IsAbsent(i)) { (missing ??= new(n)).SetNull(i); values[i] = default!; continue; }
            var cell = cells[i];
            if (typeof(TParser) == typeof(DateTimeBitsCells) && previousAt >= 0 && cell.SequenceEqual(previous)) { values[i] = values[previousAt]; continue; }
            if (TParser.TryParse(cell, nulls, out values[i]))
            {
                // typeof(T) and typeof(TParser) are constants for the JIT: the checks cost nothing in the other types' loops.
                if (typeof(T) == typeof(double) && dropNonFinite && !double.IsFinite(Unsafe.As<T, double>(ref values[i])))
                {
                    (missing ??= new(n)).SetNull(i);
                    values[i] = default!;
                    dropped++;
                }
                if (typeof(TParser) == typeof(DateTimeBitsCells)) { previous = cell; previousAt = i; }
                continue;
            }
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
