using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>How numbers turn into DateTime values: not at all (only ISO 8601 text converts), or as Unix time.</summary>
public enum UnixTimeUnit { None, Seconds, Milliseconds }

/// <summary>Settings of one conversion: the Unix time unit for numbers to DateTime, and the cell texts that mean missing.</summary>
public sealed record ConversionOptions
{
    public UnixTimeUnit FromUnixTime { get; init; } = UnixTimeUnit.None;
    public NullValueSet NullValues { get; init; } = NullValueSet.Default;
    public static ConversionOptions Default { get; } = new();
}

/// <summary>
/// The converted column and what did not convert: how many present cells failed (and became missing), the first
/// such row and up to three examples. <see cref="Problem"/> turns that into a warning or an error.
/// </summary>
public sealed record ConversionResult(Column Column, ColumnType From, ColumnType To, int Present, int Failed, int FirstFailedRow, IReadOnlyList<string> Examples)
{
    /// <summary>Every present cell failed: the result would be a column of missing values only.</summary>
    public bool AllFailed => Present > 0 && Failed == Present;

    /// <summary>
    /// Null when every cell converted; a warning text when some failed; with <see cref="AllFailed"/> the error to raise
    /// instead of returning an all-missing column. <paramref name="how"/> names the operation for the message ("-ConvertType", "cast").
    /// </summary>
    public (string? Warning, DataException? Error) Problem(string how)
    {
        if (Failed == 0) return (null, null);
        var examples = string.Join(", ", Examples.Select(e => $"'{e}'"));
        if (AllFailed)
        {
            var hint = To == ColumnType.DateTime && From is ColumnType.Int64 or ColumnType.Double
                ? "Numbers convert to DateTime as Unix time with {option:FromUnixTime} Seconds or {option:FromUnixTime} Milliseconds (from_unixtime, from_unixtime_ms in expressions)."
                : $"Check the column's values (e.g. {examples}), or convert to String.";
            return (null, new DataException("ConversionFailed", DataErrorKind.InvalidData,
                $"{how} cannot convert column '{Column.Name}' from {From} to {To}: none of its {Present:N0} value(s) converts (e.g. {examples}).",
                hint, column: Column.Name));
        }
        return ($"{how}: {Failed:N0} of {Present:N0} value(s) of column '{Column.Name}' could not be converted from {From} to {To} and are now missing " +
                $"(first in row {FirstFailedRow + 1:N0}; e.g. {examples}).", null);
    }
}

/// <summary>
/// Converts a column to another type, cell by cell: the one conversion behind Invoke-DataCleaning -ConvertType and the
/// expression language's cast(). A cell that cannot be converted becomes missing and is counted (never a wrong value);
/// a cell holding a null marker (empty, NA, NULL...) becomes missing without counting as a failure. Non-text cells go
/// through their invariant text form, so 12.0 converts to the Int64 12 while 12.5 does not convert. Numbers become
/// DateTime only as Unix time (UTC), with an explicit unit; Booleans become 1 and 0, and only 1 and 0 become Booleans.
/// </summary>
public static class TypeConversion
{
    private delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);

    public static ConversionResult Convert(Column source, ColumnType target, ConversionOptions? options = null)
    {
        options ??= ConversionOptions.Default;
        var nulls = options.NullValues;
        return target switch
        {
            ColumnType.Int64 when source is BooleanColumn flags => Whole(source, target, FromBoolean(flags, b => b ? 1L : 0L, (n, v, m) => new Int64Column(n, v, m))),
            ColumnType.Double when source is BooleanColumn flags => Whole(source, target, FromBoolean(flags, b => b ? 1.0 : 0.0, (n, v, m) => new DoubleColumn(n, v, m))),
            ColumnType.Boolean when source is Int64Column or DoubleColumn => Parse<bool>(source, target, nulls, ZeroOrOne, (n, v, m) => new BooleanColumn(n, v, m)),
            ColumnType.Int64 => Parse<long>(source, target, nulls, CellParser.TryParseInt64, (n, v, m) => new Int64Column(n, v, m)),
            ColumnType.Double when source is Int64Column ints => Whole(source, target, FromInt64(ints)),
            ColumnType.Double => Parse<double>(source, target, nulls, CellParser.TryParseDouble, (n, v, m) => new DoubleColumn(n, v, m)),
            ColumnType.Boolean => Parse<bool>(source, target, nulls, CellParser.TryParseBoolean, (n, v, m) => new BooleanColumn(n, v, m)),
            ColumnType.DateTime when options.FromUnixTime != UnixTimeUnit.None =>
                Parse<DateTime>(source, target, nulls, UnixTime(options.FromUnixTime), (n, v, m) => new DateTimeColumn(n, v, m)),
            ColumnType.DateTime => Parse<DateTime>(source, target, nulls, CellParser.TryParseDateTime, (n, v, m) => new DateTimeColumn(n, v, m)),
            _ => Whole(source, target, ToText(source)),
        };
    }

    /// <summary>
    /// <see cref="Convert"/>, raising DataCenterTools.ConversionFailed when no present cell converts, and handing the
    /// warning for a partial failure to <paramref name="warn"/>: what cast() and -ConvertType do.
    /// </summary>
    public static Column Cast(Column source, ColumnType target, ConversionOptions? options = null, Action<string>? warn = null, string how = "cast")
    {
        var result = Convert(source, target, options);
        var (warning, error) = result.Problem(how);
        if (error != null) throw error;
        if (warning != null) warn?.Invoke(warning);
        return result.Column;
    }

    private static ConversionResult Whole(Column source, ColumnType target, Column converted) =>
        new(converted, source.Type, target, source.Length - source.NullCount, 0, -1, []);

    /// <summary>Unix time in the unit as a UTC DateTime; a number outside DateTime's range does not convert.</summary>
    private static SpanParser<DateTime> UnixTime(UnixTimeUnit unit) => (ReadOnlySpan<char> text, out DateTime value) =>
    {
        value = default;
        if (!CellParser.TryParseDouble(text, out var number) || !double.IsFinite(number)) return false;
        var ticks = Math.Round(number * (unit == UnixTimeUnit.Seconds ? TimeSpan.TicksPerSecond : TimeSpan.TicksPerMillisecond));
        var max = (double)(DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks);
        var min = (double)(DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks);
        if (ticks > max || ticks < min) return false;
        value = DateTime.UnixEpoch.AddTicks((long)ticks);
        return true;
    };

    private static ConversionResult Parse<T>(Column source, ColumnType target, NullValueSet nulls, SpanParser<T> parse,
        Func<string, T[], ValidityBitmap?, Column> create)
    {
        var n = source.Length;
        var values = new T[n];
        var valid = new bool[n];
        var failed = 0;
        var present = 0;
        var firstFailed = -1;
        var examples = new List<string>(3);
        var strings = source as StringColumn;
        for (var row = 0; row < n; row++)
        {
            if (source.IsNull(row)) continue;
            var text = strings != null ? strings.GetSpan(row) : CellParser.Format(source.GetValue(row)!).AsSpan();
            if (nulls.IsNull(text.Trim())) continue;
            present++;
            if (parse(text, out values[row]))
            {
                valid[row] = true;
                continue;
            }
            values[row] = default!;
            failed++;
            if (firstFailed < 0) firstFailed = row;
            if (examples.Count < 3) examples.Add(text.ToString());
        }
        return new ConversionResult(create(source.Name, values, ValidityBitmap.FromFlags(valid)), source.Type, target, present, failed, firstFailed, examples);
    }

    /// <summary>A number as a Boolean: 1 is true, 0 is false, anything else does not convert.</summary>
    private static bool ZeroOrOne(ReadOnlySpan<char> text, out bool value)
    {
        value = false;
        if (!CellParser.TryParseDouble(text, out var number) || number is not (0 or 1)) return false;
        value = number == 1;
        return true;
    }

    private static Column FromBoolean<T>(BooleanColumn source, Func<bool, T> map, Func<string, T[], ValidityBitmap?, Column> create)
    {
        var values = new T[source.Length];
        var flags = source.Values;
        for (var i = 0; i < values.Length; i++) values[i] = map(flags[i]);
        return create(source.Name, values, source.Validity);
    }

    private static Column FromInt64(Int64Column source)
    {
        var values = new double[source.Length];
        var ints = source.Values;
        for (var i = 0; i < values.Length; i++) values[i] = ints[i];
        return new DoubleColumn(source.Name, values, source.Validity);
    }

    private static Column ToText(Column source)
    {
        var builder = new StringColumnBuilder(source.Length);
        for (var row = 0; row < source.Length; row++)
        {
            var value = source.GetValue(row);
            if (value == null) builder.AppendNull();
            else builder.Append(CellParser.Format(value));
        }
        return builder.Build(source.Name);
    }
}
