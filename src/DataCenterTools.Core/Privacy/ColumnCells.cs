using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Privacy;

/// <summary>Cell-by-cell rewriting of a column into text, shared by the operators that turn values into strings.</summary>
internal static class ColumnCells
{
    /// <summary>The cell's canonical text (what the CSV writer would write), or null when it is missing.</summary>
    public static string? Text(Column column, int row) => TextCellFormatter.Format(column, row);

    /// <summary>
    /// A String column with <paramref name="map"/> applied to each value. A dictionary-encoded column maps
    /// each distinct value once and keeps its codes, so only use this for deterministic maps.
    /// </summary>
    public static StringColumn MapValues(Column column, Func<string, string> map)
    {
        if (column is StringColumn { IsDictionaryEncoded: true } strings)
            return new StringColumn(column.Name, strings.Codes.ToArray(), strings.Dictionary!.Select(map).ToArray(), column.Length);
        return MapEachCell(column, map);
    }

    /// <summary>A String column with <paramref name="map"/> applied to every non-missing cell, one call per row.</summary>
    public static StringColumn MapEachCell(Column column, Func<string, string> map) =>
        MapRows(column, row => map(Text(column, row)!));

    /// <summary>A String column holding <paramref name="map"/>(row) for every non-missing row; missing rows stay missing.</summary>
    public static StringColumn MapRows(Column column, Func<int, string> map)
    {
        var builder = new StringColumnBuilder(column.Length);
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) builder.AppendNull();
            else builder.Append(map(row));
        }
        return builder.Build(column.Name);
    }

    /// <summary>The rows (first few) and count of non-missing cells for which <paramref name="fails"/> holds.</summary>
    public static (int Count, List<int> FirstRows) FindCells(Column column, Func<string, bool> fails, int keep = 5)
    {
        var count = 0;
        var first = new List<int>(keep);
        if (column is StringColumn { IsDictionaryEncoded: true } strings)
        {
            var bad = strings.Dictionary!.Select(fails).ToArray();
            var codes = strings.Codes;
            for (var row = 0; row < codes.Length; row++)
                if (codes[row] >= 0 && bad[codes[row]]) Note(row);
            return (count, first);
        }
        for (var row = 0; row < column.Length; row++)
            if (Text(column, row) is { } text && fails(text)) Note(row);
        return (count, first);

        void Note(int row)
        {
            count++;
            if (first.Count < keep) first.Add(row);
        }
    }

    /// <summary>"rows 3, 7 and 9" / "rows 3, 7, 9, 12, 15 and 40 more" (1-based, as a user counts data rows).</summary>
    public static string DescribeRows(int count, List<int> firstRows)
    {
        var shown = string.Join(", ", firstRows.Select(r => (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return count > firstRows.Count ? $"rows {shown} and {count - firstRows.Count:N0} more" : $"row{(count == 1 ? "" : "s")} {shown}";
    }

    public static DataException TypeMismatch(Column column, ProtectionOperator op, string why, string recommendation) =>
        new("OperatorTypeMismatch", DataErrorKind.InvalidArgument,
            $"{op} does not fit column '{column.Name}' ({column.Type}): {why}.", recommendation, column: column.Name);
}
