using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>The statistics cleaning needs, computed the way pandas computes them.</summary>
public static class NumericStats
{
    /// <summary>The present values of an Int64 or Double column as doubles, in row order (NaN counts as missing).</summary>
    public static double[] PresentValues(Column column)
    {
        if (!IsNumeric(column.Type)) throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.");
        return Numerics.ColumnNumbers.Present(column, skipNaN: true);
    }

    /// <summary>The cell of an Int64 or Double column as a double; false when missing or NaN.</summary>
    public static bool TryGetNumber(Column column, int row, out double value)
    {
        value = column switch
        {
            Int64Column c when !c.IsNull(row) => c[row],
            DoubleColumn c when !c.IsNull(row) => c[row],
            _ => double.NaN,
        };
        return !double.IsNaN(value);
    }

    public static bool IsNumeric(ColumnType type) => type is ColumnType.Int64 or ColumnType.Double;

    /// <summary>The q-quantile of ascending values by linear interpolation between the closest ranks (pandas' default).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q) => Numerics.Quantiles.Linear(sorted, q);

    /// <summary>The median; reorders <paramref name="values"/> (selection, not a full sort).</summary>
    public static double Median(double[] values) => QuantileUnsorted(values, 0.5);

    /// <summary>
    /// The q-quantile by linear interpolation, as <see cref="Quantile"/>, of values in any order: a
    /// selection in linear time instead of a sort (pandas partitions too). Reorders <paramref name="values"/>.
    /// </summary>
    public static double QuantileUnsorted(double[] values, double q) => QuantileUnsorted(values.AsSpan(), q);

    /// <summary>As <see cref="QuantileUnsorted(double[], double)"/>, over a span (a reused buffer's first values).</summary>
    public static double QuantileUnsorted(Span<double> values, double q) => Numerics.Quantiles.LinearUnsorted(values, q);

    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return double.NaN;
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>The sample standard deviation (ddof = 1, as pandas' std); NaN for fewer than two values.</summary>
    public static double SampleStandardDeviation(ReadOnlySpan<double> values)
    {
        if (values.Length < 2) return double.NaN;
        var mean = Mean(values);
        var squares = 0.0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (values.Length - 1));
    }

    /// <summary>The median absolute deviation from the median, median(|x - median(x)|), unscaled. Reorders <paramref name="values"/>.</summary>
    public static double MedianAbsoluteDeviation(double[] values) => MedianAbsoluteDeviation(values, Median(values));

    public static double MedianAbsoluteDeviation(double[] values, double median)
    {
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++) deviations[i] = Math.Abs(values[i] - median);
        return Median(deviations);
    }
}
