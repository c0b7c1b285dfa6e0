namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Exact central moments of a set of numbers: the count, the mean and the sums of squared, cubed and
/// fourth-power deviations from the mean (M2, M3, M4). Two of them merge exactly with the pairwise
/// formulas of Chan et al. and Pébay (2008), so summaries computed per file or per host can be combined
/// later without the raw values. Skewness and kurtosis are pandas' bias-corrected skew() and kurt().
/// </summary>
public readonly record struct Moments(long Count, double Mean, double M2, double M3, double M4)
{
    public static readonly Moments Empty = new(0, double.NaN, 0, 0, 0);

    /// <summary>The moments of <paramref name="values"/>, two passes (mean first) as pandas does, for accuracy.</summary>
    public static Moments Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return Empty;
        var sum = 0.0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            var d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        return new Moments(values.Length, mean, m2, m3, m4);
    }

    /// <summary>The moments of the union of the two sets (Pébay 2008, eq. 3.1 for p = 2, 3, 4).</summary>
    public Moments Merge(Moments other)
    {
        if (other.Count == 0) return this;
        if (Count == 0) return other;
        double na = Count, nb = other.Count, n = na + nb;
        var delta = other.Mean - Mean;
        var d2 = delta * delta;
        var mean = Mean + delta * nb / n;
        var m2 = M2 + other.M2 + d2 * na * nb / n;
        var m3 = M3 + other.M3 + d2 * delta * na * nb * (na - nb) / (n * n)
                 + 3 * delta * (na * other.M2 - nb * M2) / n;
        var m4 = M4 + other.M4 + d2 * d2 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
                 + 6 * d2 * (na * na * other.M2 + nb * nb * M2) / (n * n)
                 + 4 * delta * (na * other.M3 - nb * M3) / n;
        return new Moments(Count + other.Count, mean, m2, m3, m4);
    }

    /// <summary>The sample variance (ddof 1, as pandas' var); NaN below two values.</summary>
    public double Variance => Count < 2 ? double.NaN : M2 / (Count - 1);

    /// <summary>The sample standard deviation (ddof 1, as pandas' std).</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The population standard deviation (ddof 0, as numpy.std).</summary>
    public double PopulationStandardDeviation => Count == 0 ? double.NaN : Math.Sqrt(M2 / Count);

    /// <summary>
    /// pandas' Series.skew(): the adjusted Fisher-Pearson coefficient G1 = n sqrt(n-1) / (n-2) · M3 / M2^1.5;
    /// NaN below three values, 0 for constant values (as pandas).
    /// </summary>
    public double Skewness
    {
        get
        {
            if (Count < 3) return double.NaN;
            if (M2 == 0) return 0;
            double n = Count;
            return n * Math.Sqrt(n - 1) / (n - 2) * (M3 / Math.Pow(M2, 1.5));
        }
    }

    /// <summary>
    /// pandas' Series.kurt(): the bias-corrected excess kurtosis
    /// n(n+1)(n-1) M4 / ((n-2)(n-3) M2²) - 3(n-1)² / ((n-2)(n-3)); NaN below four values, 0 for constant values.
    /// </summary>
    public double Kurtosis
    {
        get
        {
            if (Count < 4) return double.NaN;
            if (M2 == 0) return 0;
            double n = Count;
            var denominator = (n - 2) * (n - 3);
            return n * (n + 1) * (n - 1) * M4 / (denominator * M2 * M2) - 3 * (n - 1) * (n - 1) / denominator;
        }
    }
}
