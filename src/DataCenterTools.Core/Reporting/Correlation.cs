using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Reporting;

/// <summary>Pearson correlations between numeric columns; Values[i, j] pairs Columns[i] with Columns[j] (NaN when undefined).</summary>
public sealed record CorrelationMatrix(IReadOnlyList<string> Columns, double[,] Values)
{
    /// <summary>Each pair of different columns once (i &lt; j), with its correlation.</summary>
    public IEnumerable<(string First, string Second, double R)> Pairs()
    {
        for (var i = 0; i < Columns.Count; i++)
            for (var j = i + 1; j < Columns.Count; j++)
                yield return (Columns[i], Columns[j], Values[i, j]);
    }
}

/// <summary>Pearson correlation as pandas' DataFrame.corr(): each pair over the rows where both values are present.</summary>
public static class Correlation
{
    /// <summary>The Pearson correlation of two equally long samples; NaN below two values or when one is constant.</summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("Both samples need the same number of values.");
        if (x.Length < 2) return double.NaN;
        var meanX = NumericStats.Mean(x);
        var meanY = NumericStats.Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double dx = x[i] - meanX, dy = y[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        // Rounding can push a perfect correlation a hair past ±1.
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>The correlation matrix of the named numeric columns (default: every Int64 and Double column).</summary>
    public static CorrelationMatrix Pearson(Dataset dataset, IReadOnlyList<string>? columns = null)
    {
        var numeric = columns == null
            ? dataset.Columns.Where(FeatureColumns.IsNumeric).ToArray()
            : columns.Select(name => FeatureColumns.RequireNumeric(dataset, name, "a correlation")).ToArray();
        var n = numeric.Length;
        var values = new double[n, n];
        var x = new List<double>(dataset.RowCount);
        var y = new List<double>(dataset.RowCount);
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                x.Clear();
                y.Clear();
                for (var row = 0; row < dataset.RowCount; row++)
                {
                    if (!NumericStats.TryGetNumber(numeric[i], row, out var a) || !NumericStats.TryGetNumber(numeric[j], row, out var b)) continue;
                    x.Add(a);
                    y.Add(b);
                }
                var r = Pearson(x.ToArray(), y.ToArray());
                // A column with itself is exactly 1 (as pandas), unless it is constant.
                if (i == j && !double.IsNaN(r)) r = 1;
                values[i, j] = values[j, i] = r;
            }
        }
        return new CorrelationMatrix(numeric.Select(c => c.Name).ToArray(), values);
    }
}
