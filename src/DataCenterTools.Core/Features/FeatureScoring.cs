namespace DataCenterTools.Core.Features;

/// <summary>A test statistic and its p-value (NaN where the statistic is undefined).</summary>
public readonly record struct TestResult(double Statistic, double PValue);

/// <summary>
/// Univariate feature scores on plain arrays, matching scikit-learn's definitions:
/// VarianceThreshold (population variance), r_regression / f_regression, f_classif (one-way
/// ANOVA) and chi2. Class labels are dense indices 0..classCount-1.
/// </summary>
public static class FeatureScoring
{
    /// <summary>Population variance (ddof 0), as VarianceThreshold uses; two passes for accuracy.</summary>
    public static double PopulationVariance(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return double.NaN;
        var mean = Mean(x);
        var sum = 0.0;
        foreach (var v in x) sum += (v - mean) * (v - mean);
        return sum / x.Length;
    }

    /// <summary>Pearson's r between x and y; NaN when either is constant.</summary>
    public static double PearsonR(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireSameLength(x, y);
        var mx = Mean(x);
        var my = Mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>
    /// sklearn's f_regression: F = r² (n - 2) / (1 - r²), p from F(1, n - 2). Like its default
    /// force_finite=True, a constant feature scores F = 0, p = 1; a perfect fit scores +∞, p = 0.
    /// </summary>
    public static TestResult FRegression(ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
        FRegressionFromR(PearsonR(x, y), x.Length);

    /// <summary>The F test of r = 0 for a correlation r over n rows (also the p-value of Pearson's r).</summary>
    public static TestResult FRegressionFromR(double r, int n)
    {
        if (n < 3) throw new ArgumentException("The F test of a correlation needs at least 3 rows.", nameof(n));
        if (double.IsNaN(r)) return new TestResult(0, 1);
        var r2 = r * r;
        if (r2 >= 1) return new TestResult(double.PositiveInfinity, 0);
        var dof = n - 2.0;
        var f = r2 / (1 - r2) * dof;
        return new TestResult(f, Distributions.FSurvival(f, 1, dof));
    }

    /// <summary>
    /// sklearn's f_classif: one-way ANOVA F = (SSB / (k - 1)) / (SSW / (n - k)), p from F(k - 1, n - k).
    /// A constant feature gives NaN (0/0), as in sklearn; zero within-class spread gives +∞, p = 0.
    /// </summary>
    public static TestResult FClassif(ReadOnlySpan<double> x, ReadOnlySpan<int> classes, int classCount)
    {
        RequireSameLength(x, classes);
        var n = x.Length;
        if (classCount < 2 || n <= classCount)
            throw new ArgumentException($"ANOVA needs at least 2 classes and more rows than classes (rows {n}, classes {classCount}).");
        var sums = new double[classCount];
        var counts = new int[classCount];
        for (var i = 0; i < n; i++)
        {
            sums[classes[i]] += x[i];
            counts[classes[i]]++;
        }
        var grand = Mean(x);
        double between = 0, within = 0;
        for (var c = 0; c < classCount; c++)
        {
            if (counts[c] == 0) continue;
            var d = sums[c] / counts[c] - grand;
            between += counts[c] * d * d;
        }
        for (var i = 0; i < n; i++)
        {
            var d = x[i] - sums[classes[i]] / counts[classes[i]];
            within += d * d;
        }
        double dfBetween = classCount - 1, dfWithin = n - classCount;
        if (within == 0)
            return between == 0 ? new TestResult(double.NaN, double.NaN) : new TestResult(double.PositiveInfinity, 0);
        var f = between / dfBetween / (within / dfWithin);
        return new TestResult(f, Distributions.FSurvival(f, dfBetween, dfWithin));
    }

    /// <summary>
    /// sklearn's chi2: observed = the feature's sum within each class, expected = class share ×
    /// the feature's total; χ² = Σ (O - E)² / E with k - 1 degrees of freedom. The feature must be
    /// non-negative (counts, frequencies, one-hot flags). An all-zero feature gives NaN, as in sklearn.
    /// </summary>
    public static TestResult Chi2(ReadOnlySpan<double> x, ReadOnlySpan<int> classes, int classCount)
    {
        RequireSameLength(x, classes);
        if (classCount < 2) throw new ArgumentException("chi2 needs at least 2 classes.", nameof(classCount));
        var observed = new double[classCount];
        var counts = new int[classCount];
        var total = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] < 0) throw new ArgumentException($"chi2 needs non-negative values; row {i} holds {x[i]}.", nameof(x));
            observed[classes[i]] += x[i];
            counts[classes[i]]++;
            total += x[i];
        }
        var statistic = 0.0;
        for (var c = 0; c < classCount; c++)
        {
            var expected = (double)counts[c] / x.Length * total;
            var d = observed[c] - expected;
            statistic += d * d / expected; // 0/0 = NaN for an all-zero feature, as sklearn reports
        }
        return new TestResult(statistic, Distributions.ChiSquareSurvival(statistic, classCount - 1));
    }

    internal static double Mean(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x) sum += v;
        return sum / x.Length;
    }

    private static void RequireSameLength<T>(ReadOnlySpan<double> x, ReadOnlySpan<T> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"The feature has {x.Length} values but the target has {y.Length}.");
    }
}
