namespace DataCenterTools.Core.Numerics;

/// <summary>
/// The one quantile definition of the module: NumPy's default "linear" method (Hyndman and Fan's type 7, also
/// pandas' and polars' default), the point at (n - 1) q interpolated between its two closest ranks with NumPy's
/// lerp, which interpolates from the nearer end, so results equal numpy.quantile and pandas to the last bit.
/// </summary>
public static class Quantiles
{
    /// <summary>The q-quantile (0 to 1) of ascending values; NaN for none.</summary>
    public static double Linear(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.Length == 0) return double.NaN;
        var position = (sorted.Length - 1) * q;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return Lerp(sorted[below], sorted[above], position - below);
    }

    /// <summary>NumPy's _lerp: a + (b - a) t, computed from b when t is at least one half.</summary>
    public static double Lerp(double a, double b, double t)
    {
        var difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }
}
