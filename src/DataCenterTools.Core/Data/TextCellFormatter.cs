using System.Globalization;
using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Formats cells for the text writers (CSV, JSON Lines) so they read back as the same value and
/// the same type: a Double that happens to be whole is written "1.0", not "1", because "1" would
/// come back as Int64. The UTF-8 overloads write the same text as the string ones straight into a
/// writer's buffer: a million-row export would otherwise make a string per cell.
/// </summary>
internal static class TextCellFormatter
{
    /// <summary>The most bytes any of the UTF-8 overloads writes (a "R" double is at most 24, a timestamp 28).</summary>
    public const int MaxUtf8Bytes = 32;

    /// <summary>CellParser's round-trip text, with ".0" added when the text would otherwise read as an integer.</summary>
    public static string FormatDouble(double d)
    {
        var text = CellParser.FormatDouble(d);
        if (!double.IsFinite(d)) return text;
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    /// <summary>As <see cref="FormatDouble(double)"/>, as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxUtf8Bytes"/>); returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the writers' cell loops
    public static int FormatDouble(double d, Span<byte> destination)
    {
        if (double.IsPositiveInfinity(d)) { "inf"u8.CopyTo(destination); return 3; }
        if (double.IsNegativeInfinity(d)) { "-inf"u8.CopyTo(destination); return 4; }
        var n = ShortestDoubleFormatter.Format(d, destination, out var integral); // the same bytes, at about half the cost
        if (n < 0)
        {
            if (!d.TryFormat(destination, out n, "R", CultureInfo.InvariantCulture)) throw new ArgumentException("The destination is too small.", nameof(destination));
            integral = !double.IsNaN(d) && destination[..n].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0;
        }
        if (!integral) return n;
        ".0"u8.CopyTo(destination[n..]);
        return n + 2;
    }

    /// <summary>As <c>long.ToString(InvariantCulture)</c>, as UTF-8; returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the writers' cell loops
    public static int FormatInt64(long value, Span<byte> destination) =>
        value.TryFormat(destination, out var n, default, CultureInfo.InvariantCulture) ? n : throw new ArgumentException("The destination is too small.", nameof(destination));

    /// <summary>
    /// As <see cref="CellParser.FormatDateTime"/>, as UTF-8; returns the bytes written. Written digit by digit: the
    /// custom-format path of DateTime.ToString parses its pattern for every cell, and no standard format has this shape
    /// (date only at midnight, fraction without trailing zeros, Z only for UTC).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the writers' cell loops
    public static int FormatDateTime(DateTime dt, Span<byte> destination)
    {
        var utc = dt.Kind == DateTimeKind.Utc;
        var (year, month, day) = dt;
        Digits(destination, year, 4);
        destination[4] = (byte)'-';
        Digits(destination[5..], month, 2);
        destination[7] = (byte)'-';
        Digits(destination[8..], day, 2);
        var timeOfDay = dt.Ticks % TimeSpan.TicksPerDay;
        if (timeOfDay == 0 && !utc) return 10;
        destination[10] = (byte)'T';
        Digits(destination[11..], (int)(timeOfDay / TimeSpan.TicksPerHour), 2);
        destination[13] = (byte)':';
        Digits(destination[14..], (int)(timeOfDay / TimeSpan.TicksPerMinute % 60), 2);
        destination[16] = (byte)':';
        Digits(destination[17..], (int)(timeOfDay / TimeSpan.TicksPerSecond % 60), 2);
        var n = 19;
        var fraction = (int)(timeOfDay % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            destination[n++] = (byte)'.';
            var digits = 7;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            Digits(destination[n..], fraction, digits);
            n += digits;
        }
        if (utc) destination[n++] = (byte)'Z';
        return n;
    }

    private static void Digits(Span<byte> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>The cell's text, or null when it is missing.</summary>
    public static string? Format(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        return column switch
        {
            Int64Column c => c[row].ToString(CultureInfo.InvariantCulture),
            DoubleColumn c => FormatDouble(c[row]),
            BooleanColumn c => c[row] ? "true" : "false",
            DateTimeColumn c => CellParser.FormatDateTime(c[row]),
            StringColumn c => c[row],
            _ => CellParser.Format(column.GetValue(row)!),
        };
    }
}
