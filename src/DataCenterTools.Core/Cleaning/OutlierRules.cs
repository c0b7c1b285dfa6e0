using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// Bounds outside which a numeric value is an outlier, and what is done to such values.
/// IQR: [Q1 - k*IQR, Q3 + k*IQR] with quantiles by linear interpolation. ZScore: |x - mean| / s > k
/// with the sample standard deviation (ddof = 1, pandas' default). MAD (Iglewicz-Hoaglin):
/// 0.6745 * |x - median| / MAD > k with MAD = median(|x - median|). A value exactly on a bound is kept.
/// </summary>
internal static class OutlierRules
{
    public readonly record struct Bounds(double Low, double High, string Detail);

    /// <summary>The bounds, or null (with the reason) when the column's spread cannot define them.</summary>
    public static Bounds? Compute(Column column, OutlierMethod method, double k, out string? reason)
    {
        reason = null;
        var values = NumericStats.PresentValues(column);
        if (values.Length < 2) { reason = "fewer than two values"; return null; }
        switch (method)
        {
            case OutlierMethod.IQR:
            {
                var q1 = NumericStats.QuantileUnsorted(values, 0.25);
                var q3 = NumericStats.QuantileUnsorted(values, 0.75);
                var iqr = q3 - q1;
                return new Bounds(q1 - k * iqr, q3 + k * iqr, $"IQR k={F(k)}: Q1={F(q1)}, Q3={F(q3)}");
            }
            case OutlierMethod.ZScore:
            {
                var mean = NumericStats.Mean(values);
                var sd = NumericStats.SampleStandardDeviation(values);
                if (sd == 0) { reason = "standard deviation is 0"; return null; }
                return new Bounds(mean - k * sd, mean + k * sd, $"ZScore k={F(k)}: mean={F(mean)}, sd={F(sd)}");
            }
            case OutlierMethod.MAD:
            {
                var median = NumericStats.Median(values);
                var mad = NumericStats.MedianAbsoluteDeviation(values, median);
                if (mad == 0) { reason = "MAD is 0"; return null; }
                var reach = k * mad / 0.6745;
                return new Bounds(median - reach, median + reach, $"MAD k={F(k)}: median={F(median)}, MAD={F(mad)}");
            }
            default:
                reason = "no method";
                return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="action"/> to every present value outside its row's [low, high]: Clip sets it to the
    /// bound (rounded inward in an Int64 column), SetMissing clears it, Drop and Flag mark the row.
    /// Returns how many values were outside.
    /// </summary>
    /// <param name="boundsOf">The row's bounds (its group's); null leaves the row unchecked.</param>
    public static int Apply(Column column, Func<int, (double Low, double High)?> boundsOf, OutlierAction action, CellEditor editor, bool[] marked)
    {
        var isInt = column.Type == ColumnType.Int64;
        var count = 0;
        for (var row = 0; row < column.Length; row++)
        {
            if (!NumericStats.TryGetNumber(column, row, out var x) || boundsOf(row) is not { } bounds) continue;
            var (low, high) = bounds;
            if (x >= low && x <= high) continue;
            count++;
            switch (action)
            {
                case OutlierAction.Clip: editor.SetNumber(row, x < low ? (isInt ? Math.Ceiling(low) : low) : (isInt ? Math.Floor(high) : high)); break;
                case OutlierAction.SetMissing: editor.SetMissing(row); break;
                default: marked[row] = true; break;
            }
        }
        return count;
    }

    private static string F(double d) => CellParser.FormatDouble(Math.Round(d, 6));
}
