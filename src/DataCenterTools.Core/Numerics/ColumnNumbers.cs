using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Numerics;

/// <summary>
/// The values of Int64 and Double columns as doubles, column at a time: typed loops over the value array and the
/// validity bitmap's words (64 rows a test), not a type switch and a bitmap look-up per cell.
/// </summary>
public static class ColumnNumbers
{
    /// <summary>
    /// The present values in row order, as doubles (Int64 widened); missing cells are left out, and NaN too when
    /// <paramref name="skipNaN"/> (pandas' rule for statistics).
    /// </summary>
    public static double[] Present(Column column, bool skipNaN)
    {
        var values = new double[column.Length - column.NullCount];
        var n = CopyPresent(column, skipNaN, values);
        return n == values.Length ? values : values[..n];
    }

    /// <summary>
    /// As <see cref="Present"/>, into the start of <paramref name="into"/> (at least Length - NullCount long, a reused
    /// buffer); returns how many values were written.
    /// </summary>
    public static int CopyPresent(Column column, bool skipNaN, Span<double> into) => column switch
    {
        DoubleColumn d => CopyPresent(d.Values, d.Validity, skipNaN, into),
        Int64Column l => CopyPresent(l.Values, l.Validity, into),
        _ => throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.", nameof(column)),
    };

    private static int CopyPresent(ReadOnlySpan<double> source, ValidityBitmap? validity, bool skipNaN, Span<double> into)
    {
        var n = 0;
        if (validity == null && !skipNaN)
        {
            source.CopyTo(into);
            return source.Length;
        }
        for (var row = 0; row < source.Length; row++)
        {
            if (validity != null && !validity.IsValid(row)) continue;
            var v = source[row];
            if (skipNaN && double.IsNaN(v)) continue;
            into[n++] = v;
        }
        return n;
    }

    private static int CopyPresent(ReadOnlySpan<long> source, ValidityBitmap? validity, Span<double> into)
    {
        var n = 0;
        if (validity == null)
        {
            for (var row = 0; row < source.Length; row++) into[row] = source[row];
            return source.Length;
        }
        for (var row = 0; row < source.Length; row++)
            if (validity.IsValid(row)) into[n++] = source[row];
        return n;
    }
}
