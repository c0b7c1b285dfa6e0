namespace DataCenterTools.Core.Features;

/// <summary>
/// Mutual information by equal-frequency binning and the plug-in estimate, in nats.
/// Each numeric variable is cut into at most <c>bins</c> bins of (about) equal counts by rank;
/// tied values always share a bin (a value's bin is floor(r · bins / n), r being the 0-based
/// rank of its first occurrence in sorted order). Then
/// MI = Σ p(x, y) ln(p(x, y) / (p(x) p(y))) over the joint counts. This is deterministic and
/// simple to check by hand; it is NOT scikit-learn's Kraskov k-NN estimator
/// (mutual_info_classif / mutual_info_regression), whose values differ, and like any plug-in
/// estimate it is biased upward on small samples.
/// </summary>
public static class MutualInformation
{
    public const int DefaultBins = 10;

    /// <summary>The equal-frequency bin (0..bins-1) of each value; ties share a bin.</summary>
    public static int[] EqualFrequencyBins(ReadOnlySpan<double> x, int bins = DefaultBins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), "Need at least one bin.");
        var n = x.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var keys = x.ToArray();
        Array.Sort(keys, order);
        var result = new int[n];
        var firstRank = 0;
        for (var r = 0; r < n; r++)
        {
            if (r > 0 && keys[r] != keys[r - 1]) firstRank = r;
            result[order[r]] = (int)((long)firstRank * bins / n);
        }
        return result;
    }

    /// <summary>The plug-in mutual information (nats) between two discrete labelings.</summary>
    public static double Discrete(ReadOnlySpan<int> a, int aCount, ReadOnlySpan<int> b, int bCount)
    {
        if (a.Length != b.Length) throw new ArgumentException($"The labelings differ in length ({a.Length} and {b.Length}).");
        var n = a.Length;
        if (n == 0) return double.NaN;
        var joint = new int[aCount * bCount];
        var ca = new int[aCount];
        var cb = new int[bCount];
        for (var i = 0; i < n; i++)
        {
            joint[a[i] * bCount + b[i]]++;
            ca[a[i]]++;
            cb[b[i]]++;
        }
        var mi = 0.0;
        for (var i = 0; i < aCount; i++)
            for (var j = 0; j < bCount; j++)
            {
                var nij = joint[i * bCount + j];
                if (nij == 0) continue;
                // p_ij ln(p_ij / (p_i p_j)) with counts: (nij / n) ln(nij n / (ni nj))
                mi += (double)nij / n * Math.Log((double)nij * n / ((double)ca[i] * cb[j]));
            }
        return Math.Max(0, mi);
    }

    /// <summary>MI between a numeric feature (binned) and class labels 0..classCount-1.</summary>
    public static double WithClasses(ReadOnlySpan<double> x, ReadOnlySpan<int> classes, int classCount, int bins = DefaultBins) =>
        Discrete(EqualFrequencyBins(x, bins), bins, classes, classCount);

    /// <summary>MI between a numeric feature and a numeric target, both binned.</summary>
    public static double WithNumeric(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int bins = DefaultBins) =>
        Discrete(EqualFrequencyBins(x, bins), bins, EqualFrequencyBins(y, bins), bins);
}
