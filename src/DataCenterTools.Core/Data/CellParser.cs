using System.Runtime.CompilerServices;
using System.Globalization;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Parses text cells into typed values, the same way for every reader (CSV, JSON Lines strings,
/// ConvertTo-Dataset on Import-Csv output). Invariant culture throughout: a file means the same
/// thing on every host.
/// </summary>
public static class CellParser
{
    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    /// <summary>An optional sign and digits only (surrounding spaces aside): a whole number as written, whatever its size.</summary>
    public static bool IsIntegerLiteral(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.Length > 0 && s[0] is '+' or '-') s = s[1..];
        return s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// A whole number written as a code: a plus sign (+14155550100) or a leading zero (00501, -007). Read as a
    /// number it would lose the sign or the zeros, so inference keeps such columns as text.
    /// </summary>
    public static bool IsCodeLike(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (!IsIntegerLiteral(s)) return false;
        if (s[0] == '+') return true;
        var digits = s[0] == '-' ? s[1..] : s;
        return digits.Length > 1 && digits[0] == '0';
    }

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double value)
    {
        if (TryParsePlainDecimal(s, out value)) return true;
        // csFastFloat (exactly rounded, several times faster than double.TryParse) when it takes the whole
        // cell; .NET for the rest (surrounding spaces, "Infinity"), then the inf spellings data files use.
        if (csFastFloat.FastDoubleParser.TryParseDouble(s, out int consumed, out value) && consumed == s.Length && s.Length > 0) return true;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var t = s.Trim();
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase)) { value = double.PositiveInfinity; return true; }
        if (t.Equals("-inf", StringComparison.OrdinalIgnoreCase)) { value = double.NegativeInfinity; return true; }
        return false;
    }

    /// <summary>Powers of ten that a double holds exactly (10^0 … 10^22).</summary>
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// The common cell of a metrics file, [-]digits[.digits] with at most 15 digits, without the general parser:
    /// such a mantissa and its power of ten are both exact doubles, so one IEEE division gives the correctly rounded
    /// value (Clinger's fast path), the same double csFastFloat and double.Parse return. Anything else returns false.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) i = 1;
        long mantissa = 0;
        var digits = 0;
        var intStart = i;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
            digits++;
        }
        if (i == intStart) return false;
        var fraction = 0;
        if (i < s.Length)
        {
            if (s[i] != '.') return false;
            i++;
            var fracStart = i;
            for (; i < s.Length; i++)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9) return false;
                mantissa = mantissa * 10 + d;
                digits++;
            }
            fraction = i - fracStart;
            if (fraction == 0) return false;
        }
        if (digits > 15) return false;
        var v = fraction == 0 ? mantissa : mantissa / ExactPowersOfTen[fraction];
        value = negative ? -v : v;
        return true;
    }

    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        var t = s.Trim();
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
        value = false;
        return false;
    }

    /// <summary>
    /// ISO 8601: yyyy-MM-dd, then optionally T or a space, HH:mm, :ss, .fraction (up to 7 digits),
    /// and Z or ±hh:mm / ±hhmm. With a zone the value is converted to UTC (Kind Utc); without, Kind is Unspecified.
    /// </summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        s = s.Trim();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        if (month is < 1 or > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        var p = 10;
        if (p < s.Length && (s[p] == 'T' || s[p] == 't' || s[p] == ' '))
        {
            p++;
            if (!Digits(s, p, 2, out hour) || p + 5 > s.Length || s[p + 2] != ':' || !Digits(s, p + 3, 2, out minute)) return false;
            p += 5;
            if (p < s.Length && s[p] == ':')
            {
                if (!Digits(s, p + 1, 2, out second)) return false;
                p += 3;
                if (p < s.Length && (s[p] == '.' || s[p] == ','))
                {
                    p++;
                    var start = p;
                    long scale = TimeSpan.TicksPerSecond;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                    {
                        scale /= 10;
                        fractionTicks += (s[p] - '0') * scale; // digits beyond 7 (100 ns) add nothing
                        p++;
                    }
                    if (p == start) return false;
                }
            }
            if (hour > 23 || minute > 59 || second > 59) return false;
        }
        var kind = DateTimeKind.Unspecified;
        var offset = TimeSpan.Zero;
        if (p < s.Length)
        {
            if (s[p] == 'Z' || s[p] == 'z') { kind = DateTimeKind.Utc; p++; }
            else if (s[p] == '+' || s[p] == '-')
            {
                var sign = s[p] == '-' ? -1 : 1;
                p++;
                if (!Digits(s, p, 2, out var oh)) return false;
                p += 2;
                var om = 0;
                if (p < s.Length && s[p] == ':') p++;
                if (p < s.Length) { if (!Digits(s, p, 2, out om)) return false; p += 2; }
                if (om > 59 || oh * 60 + om > 14 * 60) return false; // offsets run to ±14:00, as DateTimeOffset's do
                offset = new TimeSpan(sign * oh, sign * om, 0);
                kind = DateTimeKind.Utc;
            }
            if (p != s.Length) return false;
        }
        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        value = new DateTime(ticks, kind);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Formats a value the way the writers put it in text files; parses back to the same value.</summary>
    public static string Format(object value) => value switch
    {
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime dt => FormatDateTime(dt),
        DateTimeOffset dto => FormatDateTime(dto.UtcDateTime),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string FormatDouble(double d) =>
        double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Shortest ISO 8601 that round-trips: date only at midnight, fraction only when present, Z for UTC.</summary>
    public static string FormatDateTime(DateTime dt)
    {
        var zone = dt.Kind == DateTimeKind.Utc ? "Z" : "";
        if (dt.TimeOfDay == TimeSpan.Zero && dt.Kind != DateTimeKind.Utc) return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fraction = dt.Ticks % TimeSpan.TicksPerSecond;
        var text = fraction == 0
            ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + zone;
    }
}
