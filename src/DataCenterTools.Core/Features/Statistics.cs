namespace DataCenterTools.Core.Features;

/// <summary>The few statistics the scalers fit, computed the way NumPy does so results match scikit-learn.</summary>
internal static class Statistics
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Length;
    }

    /// <summary>Population standard deviation (ddof 0), as StandardScaler uses; two passes for accuracy.</summary>
    public static double PopulationStd(ReadOnlySpan<double> values, double mean)
    {
        var squares = 0.0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / values.Length);
    }

    /// <summary>NumPy's default ("linear") percentile of already sorted values.</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q) => Numerics.Quantiles.Linear(sorted, q);

    /// <summary>Median of sorted values; the mean of the middle two for an even count, as numpy.median.</summary>
    public static double Median(ReadOnlySpan<double> sorted)
    {
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
