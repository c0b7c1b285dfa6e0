using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// Coarser versions of values, as text: numbers into ranges, dates to month or year, IP addresses to
/// their network prefix, e-mail addresses to their domain. Shared by Generalize and the k-anonymizer.
/// </summary>
public static class Generalizer
{
    /// <summary>
    /// The range holding <paramref name="value"/>: integers "30-39" (both ends included); other numbers
    /// "[30,40)" (lower end included, upper excluded).
    /// </summary>
    public static string NumberRange(double value, double width, bool integral)
    {
        var low = Math.Floor(value / width) * width;
        return integral && width == Math.Floor(width)
            ? $"{Format(low)}-{Format(low + width - 1)}"
            : $"[{Format(low)},{Format(low + width)})";
    }

    public static string Date(DateTime value, DatePrecision precision) =>
        value.ToString(precision == DatePrecision.Year ? "yyyy" : "yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"10.1.2.0/24" for an IPv4 address at 24 bits; null when the text is not an IP address.</summary>
    public static string? IpPrefix(string text, int ipv4Bits, int ipv6Bits)
    {
        if (!IPAddress.TryParse(text, out var address) || !LooksLikeIp(text)) return null;
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? ipv4Bits : ipv6Bits;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - 8 * i, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return $"{new IPAddress(bytes)}/{bits}";
    }

    /// <summary>The part after the last '@' (lowercased), or null when the text is not an e-mail address.</summary>
    public static string? EmailDomain(string text)
    {
        var at = text.LastIndexOf('@');
        return at <= 0 || at == text.Length - 1 ? null : text[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>Generalize applied to a whole column; a String column must hold IP addresses or e-mail addresses.</summary>
    public static StringColumn GeneralizeColumn(Column column, ProtectionOptions options)
    {
        switch (column)
        {
            case Int64Column or DoubleColumn:
                if (!(options.Width > 0) || !double.IsFinite(options.Width))
                    throw new DataException("InvalidWidth", DataErrorKind.InvalidArgument,
                        $"{{option:Width}} must be a positive number; it is {options.Width}.", "Give {option:Width} 10 for ranges such as 30-39.", column: column.Name);
                var integral = column is Int64Column;
                return ColumnCells.MapRows(column, row => NumberRange(NumberAt(column, row), options.Width, integral));
            case DateTimeColumn dates:
                return ColumnCells.MapRows(column, row => Date(dates[row], options.DateTo));
            case StringColumn:
                var (bad, rows) = ColumnCells.FindCells(column, text => StringGeneralization(text) is null);
                if (bad > 0)
                    throw ColumnCells.TypeMismatch(column, ProtectionOperator.Generalize,
                        $"{ColumnCells.DescribeRows(bad, rows)} hold neither an IP address nor an e-mail address",
                        "Generalize text columns of IP or e-mail addresses only; Mask, Redact or Hash other text.");
                return ColumnCells.MapValues(column, text => StringGeneralization(text)!);
            default:
                throw ColumnCells.TypeMismatch(column, ProtectionOperator.Generalize, "it has no coarser form",
                    "Generalize numbers, dates, IP addresses or e-mail addresses; Drop or Redact this column.");
        }
    }

    /// <summary>An Int64 or Double cell as a double.</summary>
    internal static double NumberAt(Column column, int row) => column is Int64Column longs ? longs[row] : ((DoubleColumn)column)[row];

    private static string? StringGeneralization(string text) => IpPrefix(text, 24, 48) ?? EmailDomain(text);

    // IPAddress.TryParse also takes forms such as "1" or "1.2"; an address column holds dotted quads or colons.
    private static bool LooksLikeIp(string text) => text.Contains(':') || text.Count(c => c == '.') == 3;

    private static string Format(double value) => CellParser.FormatDouble(value);
}
