using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// cast(x as T) and try_cast: converting a vector to another type. A cell that cannot be converted becomes
/// missing; cast warns with the count and the first such value, and fails when no present cell converts
/// (an all-missing column is never returned as if it were a result); try_cast is silent.
/// Rules: Double to Int64 rounds half away from zero (as SQL); text is read as the readers read it
/// (invariant culture, ISO 8601 dates); numbers become text in their round-trip form.
/// </summary>
internal static class ValueCasts
{
    public static bool CanCast(ColumnType from, ColumnType to) => (from, to) switch
    {
        _ when from == to => true,
        (_, ColumnType.String) => true,
        (ColumnType.String, _) => true,
        (ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean, ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean) => true,
        _ => false,
    };

    public static Vector Cast(Vector v, ColumnType target, bool isTry, EvaluationContext context, string text)
    {
        var n = v.Length;
        if (v.Type == target) return v;
        if (v is ScalarVector s)
        {
            if (s.IsMissing) return new ScalarVector(null, target, n);
            var ok = TryConvert(s.Value!, target, out var converted);
            if (!ok && !isTry) throw Failed(text, target, Describe(s.Value!), 0, 1);
            return new ScalarVector(ok ? converted : null, target, n);
        }
        if (target == ColumnType.String) return ToText(v, n);
        var valid = v.Valid == null ? Bits.AllSet(n) : (ulong[])v.Valid.Clone();
        var present = v.Valid == null ? n : Bits.Count(v.Valid, n);
        var failed = 0;
        var firstFailure = -1;
        Vector result;
        switch (target)
        {
            case ColumnType.Double:
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                {
                    if (!Bits.Get(valid, i)) continue;
                    if (v is LongVector l) values[i] = l.Values[i];
                    else if (v is BoolVector b) values[i] = b[i] ? 1 : 0;
                    else if (CellParser.TryParseDouble(((StringVector)v).Column.GetSpan(i), out var d)) values[i] = d;
                    else Fail(i);
                }
                result = new DoubleVector(values, n, valid);
                break;
            }
            case ColumnType.Int64:
            {
                var values = new long[n];
                for (var i = 0; i < n; i++)
                {
                    if (!Bits.Get(valid, i)) continue;
                    switch (v)
                    {
                        case DoubleVector d:
                            if (RoundToLong(d.Values[i], out var r)) values[i] = r; else Fail(i);
                            break;
                        case BoolVector b: values[i] = b[i] ? 1 : 0; break;
                        default:
                            var span = ((StringVector)v).Column.GetSpan(i);
                            if (CellParser.TryParseInt64(span, out var l)) values[i] = l;
                            else if (CellParser.TryParseDouble(span, out var d2) && RoundToLong(d2, out var r2) && d2 == Math.Floor(d2)) values[i] = r2;
                            else Fail(i);
                            break;
                    }
                }
                result = new LongVector(values, n, valid);
                break;
            }
            case ColumnType.Boolean:
            {
                var bits = new ulong[Bits.WordCount(n)];
                for (var i = 0; i < n; i++)
                {
                    if (!Bits.Get(valid, i)) continue;
                    bool? value = v switch
                    {
                        LongVector l => l.Values[i] switch { 0 => false, 1 => true, _ => null },
                        DoubleVector d => d.Values[i] switch { 0 => false, 1 => true, _ => null },
                        _ => ParseBoolean(((StringVector)v).Column.GetSpan(i)),
                    };
                    if (value == null) Fail(i);
                    else if (value.Value) Bits.Set(bits, i);
                }
                result = new BoolVector(bits, n, valid);
                break;
            }
            case ColumnType.DateTime:
            {
                var values = new DateTime[n];
                var column = ((StringVector)v).Column;
                for (var i = 0; i < n; i++)
                {
                    if (!Bits.Get(valid, i)) continue;
                    if (CellParser.TryParseDateTime(column.GetSpan(i), out var t)) values[i] = t; else Fail(i);
                }
                result = new DateVector(values, n, valid);
                break;
            }
            default: throw new InvalidOperationException();
        }
        if (failed > 0 && !isTry)
        {
            var sample = Describe(v.GetValue(firstFailure)!);
            if (failed == present) throw Failed(text, target, sample, firstFailure, failed);
            context.Warn("cast:" + text, failed, c =>
                $"'{text}': {c:N0} of {present:N0} cell(s) could not be read as {target} and are missing (the first, row {firstFailure + 1}: {sample}). Use try_cast to allow this silently.");
        }
        return result;

        void Fail(int row)
        {
            valid[row >> 6] &= ~(1UL << (row & 63));
            if (failed++ == 0) firstFailure = row;
        }
    }

    private static DataException Failed(string text, ColumnType target, string sample, int row, int count) =>
        new("CastFailed", DataErrorKind.InvalidData,
            $"'{text}': none of the {count:N0} present cell(s) can be read as {target} (row {row + 1}: {sample}).",
            target == ColumnType.DateTime ? "Dates are read as ISO 8601 (2026-11-01 or 2026-11-01T13:00:00Z); unix times convert with from_unixtime(x) or from_unixtime_ms(x)."
                : "Check the column's values, or clean them first (Invoke-DataCleaning -Replace).");

    private static string Describe(object value) => value is string s ? $"'{(s.Length > 40 ? s[..40] + "…" : s)}'" : CellParser.Format(value);

    private static bool RoundToLong(double d, out long value)
    {
        value = 0;
        if (!double.IsFinite(d)) return false;
        var r = Math.Round(d, MidpointRounding.AwayFromZero);
        if (r < -9.2233720368547758E18 || r >= 9.2233720368547758E18) return false;
        value = (long)r;
        return true;
    }

    private static bool? ParseBoolean(ReadOnlySpan<char> s)
    {
        if (CellParser.TryParseBoolean(s, out var b)) return b;
        var t = s.Trim();
        if (t is "1" || t.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
        if (t is "0" || t.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
        return null;
    }

    public static bool TryConvert(object value, ColumnType target, out object? result)
    {
        result = null;
        switch (target)
        {
            case ColumnType.String: result = Text(value); return true;
            case ColumnType.Double:
                result = value switch { long l => (double)l, double d => d, bool b => b ? 1.0 : 0.0, string s when CellParser.TryParseDouble(s, out var d) => d, _ => null };
                return result != null;
            case ColumnType.Int64:
                if (value is long) { result = value; return true; }
                if (value is bool bl) { result = bl ? 1L : 0L; return true; }
                if (value is double dd && RoundToLong(dd, out var r)) { result = r; return true; }
                if (value is string str && CellParser.TryParseInt64(str, out var l2)) { result = l2; return true; }
                return false;
            case ColumnType.Boolean:
                result = value switch { bool b => b, long l => l switch { 0 => false, 1 => true, _ => null }, double d => d switch { 0 => false, 1 => (bool?)true, _ => null }, string s => ParseBoolean(s), _ => null };
                return result != null;
            case ColumnType.DateTime:
                if (value is DateTime) { result = value; return true; }
                if (value is string ds && CellParser.TryParseDateTime(ds, out var t)) { result = t; return true; }
                return false;
        }
        return false;
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => CellParser.Format(value),
    };

    private static Vector ToText(Vector v, int n)
    {
        if (v is BoolVector b)
            return new StringVector(new StringColumn("value", Enumerable.Range(0, n).Select(i => b.IsValid(i) ? (b[i] ? 0 : 1) : -1).ToArray(), ["true", "false"], n));
        var builder = new StringColumnBuilder(n);
        for (var i = 0; i < n; i++)
        {
            if (!v.IsValid(i)) { builder.AppendNull(); continue; }
            builder.Append(Text(v.GetValue(i)!));
        }
        return new StringVector(builder.Build("value"));
    }
}
