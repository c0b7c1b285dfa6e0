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
        _ => string.Format(CultureInfo.InvariantCulture, "{0:0.##} GB", bytes / 1024.0 / 1024 / 1024),
    };
}
