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

    /// <summary>
    /// The q-quantiles (each 0 to 1, ascending) of values in any order, as <see cref="Linear"/> gives them of the
    /// sorted values: the two ranks around each point come from one <see cref="OrderStatistics.Select"/> shared by
    /// every q (Q1, median and Q3 of a column in two passes, not a sort). A point on a rank is that value itself.
    /// NaN for no values; NaN must not be present. Reorders <paramref name="values"/>.
    /// </summary>
    public static void LinearUnsorted(Span<double> values, ReadOnlySpan<double> q, Span<double> result)
    {
        if (q.Length != result.Length) throw new ArgumentException("One result per quantile.", nameof(result));
        if (values.Length == 0) { result.Fill(double.NaN); return; }
        var n = values.Length;
        var ranks = new int[2 * q.Length];
        for (var i = 0; i < q.Length; i++)
        {
            if (!(q[i] >= 0 && q[i] <= 1) || (i > 0 && q[i] < q[i - 1]))
                throw new ArgumentOutOfRangeException(nameof(q), "Quantiles must be ascending fractions from 0 to 1.");
            var below = (int)Math.Floor((n - 1) * q[i]);
            ranks[2 * i] = below;
            ranks[2 * i + 1] = Math.Min(below + 1, n - 1);
        }
        // Neighbouring quantiles can share ranks (and q's upper rank can pass the next q's lower one): select each once.
        var distinct = ranks.Distinct().Order().ToArray();
        var ordered = new double[distinct.Length];
        OrderStatistics.Select(values, distinct, ordered);
        double At(int rank) => ordered[Array.BinarySearch(distinct, rank)];
        for (var i = 0; i < q.Length; i++)
        {
            var position = (n - 1) * q[i];
            var fraction = position - ranks[2 * i];
            result[i] = fraction == 0 ? At(ranks[2 * i]) : Lerp(At(ranks[2 * i]), At(ranks[2 * i + 1]), fraction);
        }
    }

    /// <summary>One q-quantile of values in any order (see <see cref="LinearUnsorted(Span{double}, ReadOnlySpan{double}, Span{double})"/>).</summary>
    public static double LinearUnsorted(Span<double> values, double q)
    {
        Span<double> result = stackalloc double[1];
        LinearUnsorted(values, [q], result);
        return result[0];
    }

    /// <summary>NumPy's _lerp: a + (b - a) t, computed from b when t is at least one half.</summary>
    public static double Lerp(double a, double b, double t)
    {
        var difference = b - a;
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
    }
}
