using System.Globalization;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Formats cells for the text writers (CSV, JSON Lines) so they read back as the same value and
/// the same type: a Double that happens to be whole is written "1.0", not "1", because "1" would
/// come back as Int64.
/// </summary>
internal static class TextCellFormatter
{
    /// <summary>CellParser's round-trip text, with ".0" added when the text would otherwise read as an integer.</summary>
    public static string FormatDouble(double d)
    {
        var text = CellParser.FormatDouble(d);
        if (!double.IsFinite(d)) return text;
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
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
