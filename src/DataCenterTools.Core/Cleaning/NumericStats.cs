using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>The statistics cleaning needs, computed the way pandas computes them.</summary>
public static class NumericStats
{
    /// <summary>The present values of an Int64 or Double column as doubles, in row order (NaN counts as missing).</summary>
    public static double[] PresentValues(Column column)
    {
        if (!IsNumeric(column.Type)) throw new ArgumentException($"Column '{column.Name}' is {column.Type}, not numeric.");
        var values = new List<double>(column.Length - column.NullCount);
        for (var row = 0; row < column.Length; row++)
            if (TryGetNumber(column, row, out var v)) values.Add(v);
        return values.ToArray();
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
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var position = (sorted.Length - 1) * q;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    public static double Median(double[] values)
    {
        Array.Sort(values);
        return Quantile(values, 0.5);
    }

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

    /// <summary>The median absolute deviation from the median, median(|x - median(x)|), unscaled.</summary>
    public static double MedianAbsoluteDeviation(double[] values)
    {
        var median = Median(values);
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++) deviations[i] = Math.Abs(values[i] - median);
        return Median(deviations);
    }
}
