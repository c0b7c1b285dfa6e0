using System.Globalization;

namespace DataCenterTools.Core.Distribution;

/// <summary>Short text for the 80-column table views: numbers in at most 7 characters, sizes in B/KB/MB/GB.</summary>
public static class DisplayFormat
{
    /// <summary>The number in at most <paramref name="width"/> characters (4 significant digits, then scientific); empty for null.</summary>
    public static string Number(double? value, int width = 7)
    {
        if (value is not { } v) return "";
        if (double.IsNaN(v)) return "NaN";
        for (var digits = 4; digits >= 1; digits--)
        {
            var text = v.ToString("G" + digits, CultureInfo.InvariantCulture);
            if (text.Length <= width) return text;
        }
        return v.ToString("0.#e+0", CultureInfo.InvariantCulture);
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Format(CultureInfo.InvariantCulture, "{0:0.#} KB", bytes / 1024.0),
        < 1024L * 1024 * 1024 => string.Format(CultureInfo.InvariantCulture, "{0:0.#} MB", bytes / 1024.0 / 1024),
        < 1024L * 1024 * 1024 * 1024 => string.Format(CultureInfo.InvariantCulture, "{0:0.##} GB", bytes / 1024.0 / 1024 / 1024),
        _ => string.Format(CultureInfo.InvariantCulture, "{0:0.##} TB", bytes / 1024.0 / 1024 / 1024 / 1024),
    };

    /// <summary>A byte count that may be fractional or negative (a growth rate, a bandwidth): "-1.5 MB"; empty for null.</summary>
    public static string SignedBytes(double? bytes) => bytes switch
    {
        null => "",
        < 0 => "-" + Bytes((long)Math.Round(-bytes.Value)),
        _ => Bytes((long)Math.Round(Math.Min(bytes.Value, long.MaxValue))),
    };

    /// <summary>Scientific form with three significant digits, as FLOP counts are quoted: 3.14e23; empty for null.</summary>
    public static string Scientific(double? value) => value?.ToString("0.00e0", CultureInfo.InvariantCulture) ?? "";
}
