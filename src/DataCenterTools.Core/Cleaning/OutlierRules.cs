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
                // Q1 and Q3 from one selection over the values.
                Span<double> quartiles = stackalloc double[2];
                Numerics.Quantiles.LinearUnsorted(values, [0.25, 0.75], quartiles);
                var (q1, q3) = (quartiles[0], quartiles[1]);
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

    /// <summary>
    /// Clip or SetMissing against one pair of bounds over a whole Int64 or Double column, as <see cref="Apply"/> does
    /// cell by cell: one typed pass writing a new array (clipping shares the validity bitmap). Returns the source
    /// column itself when no value is outside, and how many were.
    /// </summary>
    public static (Column Column, int Outside) ApplyToColumn(Column column, Bounds bounds, OutlierAction action)
    {
        if (action is not (OutlierAction.Clip or OutlierAction.SetMissing)) throw new ArgumentOutOfRangeException(nameof(action));
        var (low, high) = (bounds.Low, bounds.High);
        var clip = action == OutlierAction.Clip;
        var valid = clip ? null : AllValidWords(column);
        var validity = () => clip ? column.Validity : ValidityBitmap.FromWords(valid!, column.Length);
        switch (column)
        {
            case DoubleColumn d:
            {
                var (output, outside) = Bound(d.Values, column.Validity?.Words, low, high, low, high, valid);
                return outside == 0 ? (column, 0) : (new DoubleColumn(column.Name, output, validity()), outside);
            }
            case Int64Column l:
            {
                // An Int64 column is clipped to the bounds rounded inward.
                var (lowValue, highValue) = ((long)Math.Round(Math.Ceiling(low), MidpointRounding.ToEven), (long)Math.Round(Math.Floor(high), MidpointRounding.ToEven));
                var (output, outside) = Bound(l.Values, column.Validity?.Words, low, high, lowValue, highValue, valid);
                return outside == 0 ? (column, 0) : (new Int64Column(column.Name, output, validity()), outside);
            }
            default: throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.", nameof(column));
        }
    }

    /// <summary>
    /// The values with those outside [low, high] (compared as doubles) set to the bound's value, or, given
    /// <paramref name="valid"/>, to 0 with their bit cleared there. Missing cells and NaN (every comparison false) are
    /// copied as they are. Generic over the element type so each column type gets its own compiled loop.
    /// </summary>
    private static (T[] Output, int Outside) Bound<T>(ReadOnlySpan<T> source, ulong[]? words, double low, double high, T lowValue, T highValue, ulong[]? valid)
        where T : struct, System.Numerics.INumberBase<T>
    {
        var output = new T[source.Length];
        var outside = 0;
        for (var row = 0; row < source.Length; row++)
        {
            var v = source[row];
            var x = double.CreateTruncating(v);
            if ((x < low || x > high) && (words == null || (words[row >> 6] & (1UL << row)) != 0))
            {
                outside++;
                if (valid == null) v = x < low ? lowValue : highValue;
                else { v = T.Zero; valid[row >> 6] &= ~(1UL << row); }
            }
            output[row] = v;
        }
        return (output, outside);
    }

    /// <summary>A copy of the column's validity words (all set when it has no bitmap), to clear bits in.</summary>
    private static ulong[] AllValidWords(Column column)
    {
        if (column.Validity is { } validity) return (ulong[])validity.Words.Clone();
        var words = new ulong[(column.Length + 63) >> 6];
        Array.Fill(words, ulong.MaxValue);
        return words;
    }

    private static string F(double d) => CellParser.FormatDouble(Math.Round(d, 6));
}
