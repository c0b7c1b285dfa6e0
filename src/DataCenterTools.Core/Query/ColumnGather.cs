using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Copies chosen rows of columns into new columns: the last step of every verb that filters, orders or joins.</summary>
public static class ColumnGather
{
    /// <summary>The rows (in this order) of every column, the columns gathered in parallel.</summary>
    public static Column[] Take(IReadOnlyList<Column> columns, int[] rows)
    {
        var result = new Column[columns.Count];
        if (columns.Count <= 1 || rows.Length < 16_384) { for (var i = 0; i < result.Length; i++) result[i] = columns[i].Take(rows); }
        else Parallel.For(0, result.Length, i => result[i] = columns[i].Take(rows));
        return result;
    }

    /// <summary>The dataset's rows in this order: a new Dataset with one more lineage step.</summary>
    public static Dataset TakeRows(Dataset dataset, int[] rows, LineageEntry step) =>
        rows.Length == dataset.RowCount && IsIdentity(rows) ? dataset.WithLineage(step)
            : new Dataset(dataset.Name, Take(dataset.Columns, rows), dataset.Source, dataset.Lineage.Append(step));

    /// <summary>Whether the rows are 0, 1, 2, ... (nothing to gather).</summary>
    internal static bool IsIdentity(int[] rows)
    {
        for (var i = 0; i < rows.Length; i++) if (rows[i] != i) return false;
        return true;
    }

    /// <summary>Row rows[i] of the column, or a missing cell where rows[i] is -1 (the unmatched side of an outer join).</summary>
    public static Column TakeOrMissing(Column column, int[] rows, string? name = null)
    {
        name ??= column.Name;
        var n = rows.Length;
        var missing = new ValidityBitmap.Builder(n);
        for (var i = 0; i < n; i++) if (rows[i] < 0 || column.IsNull(rows[i])) missing.SetNull(i);
        missing.SetLength(n);
        var validity = missing.Build();
        switch (column)
        {
            case Int64Column c: return new Int64Column(name, Gather(c.Values, rows), n, validity);
            case DoubleColumn c: return new DoubleColumn(name, Gather(c.Values, rows), n, validity);
            case BooleanColumn c: return new BooleanColumn(name, Gather(c.Values, rows), n, validity);
            case DateTimeColumn c: return new DateTimeColumn(name, Gather(c.Values, rows), n, validity);
            case StringColumn { IsDictionaryEncoded: true } c:
                var source = c.Codes;
                var codes = new int[n];
                for (var i = 0; i < n; i++) codes[i] = rows[i] < 0 ? -1 : source[rows[i]];
                return new StringColumn(name, codes, (string[])c.Dictionary!, n);
            case StringColumn c:
                var builder = new StringColumnBuilder(n, dictionaryFirst: false);
                for (var i = 0; i < n; i++)
                {
                    if (rows[i] < 0 || c.IsNull(rows[i])) builder.AppendNull();
                    else builder.Append(c.GetSpan(rows[i]));
                }
                return builder.Build(name);
            default: throw new NotSupportedException(column.GetType().Name);
        }
    }

    private static T[] Gather<T>(ReadOnlySpan<T> values, int[] rows)
    {
        var result = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++) if (rows[i] >= 0) result[i] = values[rows[i]];
        return result;
    }

    /// <summary>
    /// Row i from <paramref name="first"/> at firstRows[i], or where that is -1 from <paramref name="second"/> at
    /// secondRows[i]: a full join's key. Both columns have the same type (Int64 and Double meet as Double).
    /// </summary>
    public static Column Coalesce(Column first, int[] firstRows, Column second, int[] secondRows, string name)
    {
        var n = firstRows.Length;
        var pickFirst = new int[n];
        var pickSecond = new int[n];
        for (var i = 0; i < n; i++)
        {
            pickFirst[i] = firstRows[i];
            pickSecond[i] = firstRows[i] < 0 ? secondRows[i] : -1;
        }
        var a = TakeOrMissing(first, pickFirst, name);
        var b = TakeOrMissing(second, pickSecond, name);
        if (a.Type != b.Type) { a = ToDouble(a); b = ToDouble(b); }
        var fromB = new bool[n];
        for (var i = 0; i < n; i++) fromB[i] = firstRows[i] < 0;
        return Merge(a, b, fromB, name);
    }

    private static Column ToDouble(Column c) => c is Int64Column l
        ? new DoubleColumn(c.Name, Kernels.ToDoubles(l.Values), l.Length, l.Validity)
        : c;

    private static Column Merge(Column a, Column b, bool[] fromB, string name)
    {
        var n = fromB.Length;
        var missing = new ValidityBitmap.Builder(n);
        for (var i = 0; i < n; i++) if ((fromB[i] ? b : a).IsNull(i)) missing.SetNull(i);
        missing.SetLength(n);
        var validity = missing.Build();
        switch (a)
        {
            case Int64Column x: { var y = (Int64Column)b; var v = new long[n]; for (var i = 0; i < n; i++) v[i] = fromB[i] ? y[i] : x[i]; return new Int64Column(name, v, n, validity); }
            case DoubleColumn x: { var y = (DoubleColumn)b; var v = new double[n]; for (var i = 0; i < n; i++) v[i] = fromB[i] ? y[i] : x[i]; return new DoubleColumn(name, v, n, validity); }
            case BooleanColumn x: { var y = (BooleanColumn)b; var v = new bool[n]; for (var i = 0; i < n; i++) v[i] = fromB[i] ? y[i] : x[i]; return new BooleanColumn(name, v, n, validity); }
            case DateTimeColumn x: { var y = (DateTimeColumn)b; var v = new DateTime[n]; for (var i = 0; i < n; i++) v[i] = fromB[i] ? y[i] : x[i]; return new DateTimeColumn(name, v, n, validity); }
            default:
                var sx = (StringColumn)a;
                var sy = (StringColumn)b;
                var builder = new StringColumnBuilder(n);
                for (var i = 0; i < n; i++)
                {
                    var s = fromB[i] ? sy : sx;
                    if (s.IsNull(i)) builder.AppendNull(); else builder.Append(s.GetSpan(i));
                }
                return builder.Build(name);
        }
    }
}
