using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// Fills the missing cells of one column, from the whole column or from the row's group (all rows
/// in one group when not grouped). Mean and Median (linear interpolation) need a numeric column and
/// are rounded half to even in an Int64 column; Mode takes the most frequent value, ties going to
/// the smallest; Forward/Backward copy the previous/next present value in the group, so a leading
/// (trailing) gap stays missing. A group without any present value leaves its cells missing.
/// </summary>
internal static class MissingValueFiller
{
    public readonly record struct Filled(Column Column, int Cells, int LeftMissing, string Detail);

    public static bool Fits(FillMethod method, ColumnType type) =>
        method is not (FillMethod.Mean or FillMethod.Median or FillMethod.Zero) || NumericStats.IsNumeric(type);

    public static Filled Fill(Column column, FillSpec spec, int[] groupOf, int groupCount)
    {
        var editor = CellEditor.For(column);
        var detail = spec.Method.ToString();
        switch (spec.Method)
        {
            case FillMethod.Mean or FillMethod.Median or FillMethod.Zero when groupCount == 1:
            {
                // Ungrouped (the common case): one statistic, filled in by one typed pass.
                var number = spec.Method == FillMethod.Zero ? 0 : GroupStatistic(column, groupOf, groupCount, spec.Method)[0];
                var (filled, cells) = FillNumber(column, number);
                if (spec.Method != FillMethod.Zero) detail += " " + CellParser.FormatDouble(number);
                return new Filled(filled, cells, column.NullCount - cells, detail);
            }
            case FillMethod.Mean:
            case FillMethod.Median:
                var stats = GroupStatistic(column, groupOf, groupCount, spec.Method);
                for (var row = 0; row < column.Length; row++)
                    if (column.IsNull(row) && !double.IsNaN(stats[groupOf[row]])) editor.SetNumber(row, stats[groupOf[row]]);
                if (groupCount == 1) detail += " " + CellParser.FormatDouble(stats[0]);
                break;
            case FillMethod.Mode:
                var modes = GroupModes(column, groupOf, groupCount);
                for (var row = 0; row < column.Length; row++)
                    if (column.IsNull(row) && modes[groupOf[row]] >= 0) editor.SetFrom(row, modes[groupOf[row]]);
                if (groupCount == 1 && modes[0] >= 0) detail += " " + CellParser.Format(column.GetValue(modes[0])!);
                break;
            case FillMethod.Zero:
                for (var row = 0; row < column.Length; row++)
                    if (column.IsNull(row)) editor.SetNumber(row, 0);
                break;
            case FillMethod.Constant:
                var value = ConvertConstant(spec.Value, column);
                for (var row = 0; row < column.Length; row++)
                    if (column.IsNull(row)) editor.SetValue(row, value);
                detail = "constant " + CellParser.Format(value);
                break;
            case FillMethod.Forward:
            case FillMethod.Backward:
                var forward = spec.Method == FillMethod.Forward;
                var lastPresent = new int[groupCount];
                Array.Fill(lastPresent, -1);
                for (var i = 0; i < column.Length; i++)
                {
                    var row = forward ? i : column.Length - 1 - i;
                    var group = groupOf[row];
                    if (!column.IsNull(row)) lastPresent[group] = row;
                    else if (lastPresent[group] >= 0) editor.SetFrom(row, lastPresent[group]);
                }
                break;
        }
        if (groupCount > 1) detail += $" by group ({groupCount} groups)";
        return new Filled(editor.Build(), editor.Edits, column.NullCount - editor.Edits, detail);
    }

    /// <summary>
    /// The missing cells of an Int64 or Double column set to <paramref name="value"/> (rounded half to even in an
    /// Int64 column), as CellEditor.SetNumber sets them: a copy of the values with the gaps written, and no bitmap.
    /// NaN fills nothing and returns the source.
    /// </summary>
    private static (Column Column, int Cells) FillNumber(Column column, double value)
    {
        if (column.Validity is not { } validity || double.IsNaN(value)) return (column, 0);
        var words = validity.Words;
        var n = column.Length;
        switch (column)
        {
            case DoubleColumn d:
            {
                var output = d.Values.ToArray();
                for (var w = 0; w << 6 < n; w++)
                    if (words[w] != ulong.MaxValue)
                        for (var row = w << 6; row < Math.Min(n, (w + 1) << 6); row++)
                            if ((words[w] & (1UL << row)) == 0) output[row] = value;
                return (new DoubleColumn(column.Name, output), column.NullCount);
            }
            case Int64Column l:
            {
                var output = l.Values.ToArray();
                var fill = (long)Math.Round(value, MidpointRounding.ToEven);
                for (var w = 0; w << 6 < n; w++)
                    if (words[w] != ulong.MaxValue)
                        for (var row = w << 6; row < Math.Min(n, (w + 1) << 6); row++)
                            if ((words[w] & (1UL << row)) == 0) output[row] = fill;
                return (new Int64Column(column.Name, output), column.NullCount);
            }
            default: throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.", nameof(column));
        }
    }

    private static double[] GroupStatistic(Column column, int[] groupOf, int groupCount, FillMethod method)
    {
        if (groupCount == 1)
        {
            // Ungrouped (the common case): the column's present values in one typed pass.
            var all = NumericStats.PresentValues(column);
            return [all.Length == 0 ? double.NaN : method == FillMethod.Mean ? NumericStats.Mean(all) : NumericStats.Median(all)];
        }
        var perGroup = new List<double>[groupCount];
        for (var g = 0; g < groupCount; g++) perGroup[g] = [];
        for (var row = 0; row < column.Length; row++)
            if (NumericStats.TryGetNumber(column, row, out var v)) perGroup[groupOf[row]].Add(v);
        var result = new double[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            var values = perGroup[g].ToArray();
            result[g] = values.Length == 0 ? double.NaN
                : method == FillMethod.Mean ? NumericStats.Mean(values) : NumericStats.Median(values);
        }
        return result;
    }

    /// <summary>Per group, a row holding the most frequent present value (the smallest on ties), or -1.</summary>
    private static int[] GroupModes(Column column, int[] groupOf, int groupCount)
    {
        var sameValue = new RowKeyComparer([column], column.Length);
        var counts = new Dictionary<int, int>?[groupCount];
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            var byValue = counts[groupOf[row]] ??= new Dictionary<int, int>(sameValue);
            byValue[row] = byValue.TryGetValue(row, out var n) ? n + 1 : 1;
        }
        var modes = new int[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            modes[g] = -1;
            var best = 0;
            foreach (var (row, count) in counts[g] ?? [])
            {
                if (count > best || (count == best && RowKeyComparer.CompareCells(column, row, modes[g]) < 0))
                {
                    best = count;
                    modes[g] = row;
                }
            }
        }
        return modes;
    }

    /// <summary>The constant as a value of the column's type, or a DataException naming the column.</summary>
    public static object ConvertConstant(object? value, Column column)
    {
        object? converted = null;
        var text = value as string ?? (value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString());
        switch (column.Type)
        {
            case ColumnType.String:
                converted = value == null ? null : CellParser.Format(value);
                break;
            case ColumnType.Int64:
                if (value is double or float or decimal)
                {
                    var d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (d == Math.Floor(d) && d >= long.MinValue && d < 9.2233720368547758e18) converted = (long)d;
                }
                else if (text != null && CellParser.TryParseInt64(text, out var l)) converted = l;
                break;
            case ColumnType.Double:
                if (value is IConvertible and not string and not bool and not DateTime) converted = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                else if (text != null && CellParser.TryParseDouble(text, out var dbl)) converted = dbl;
                break;
            case ColumnType.Boolean:
                if (value is bool b) converted = b;
                else if (text != null && CellParser.TryParseBoolean(text, out var parsed)) converted = parsed;
                break;
            case ColumnType.DateTime:
                if (value is DateTime dt) converted = dt;
                else if (value is DateTimeOffset dto) converted = dto.UtcDateTime;
                else if (text != null && CellParser.TryParseDateTime(text, out var pdt)) converted = pdt;
                break;
        }
        return converted ?? throw new DataException("InvalidFillValue", DataErrorKind.InvalidArgument,
            $"Cannot fill column '{column.Name}' ({column.Type}) with '{value}': it is not a {column.Type} value.",
            $"Give a {column.Type} constant, or a strategy: Mean, Median, Mode, Zero, Forward, Backward.", column: column.Name);
    }
}
