using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// The two-sample statistics drift detection uses, defined as scipy and Evidently define them.
/// Numeric inputs are sorted, NaN-free arrays; categorical inputs are value → count maps.
/// </summary>
public static class DriftStatistics
{
    /// <summary>The smallest proportion PSI uses, so an empty bin does not make the logarithm infinite.</summary>
    public const double PsiFloor = 0.0001;

    /// <summary>Up to this many values per sample the KS p-value is exact, as scipy's method='auto'.</summary>
    public const int ExactKolmogorovSmirnovLimit = 10_000;

    /// <summary>
    /// The two-sided Kolmogorov-Smirnov statistic D = max |F_ref - F_cur| and its p-value, as scipy.stats.ks_2samp
    /// with method='auto': exact (<see cref="ExactKolmogorovSmirnovPValue"/>) when neither sample has more than
    /// 10,000 values, else asymptotic from the Kolmogorov limiting distribution, P(K &gt; sqrt(n m / (n + m)) D)
    /// (scipy.stats.kstwobign.sf; scipy uses kstwo.sf(D, round(n m / (n + m))) there, which agrees closely at those sizes).
    /// </summary>
    public static (double Statistic, double PValue) KolmogorovSmirnov(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        int n = sortedReference.Length, m = sortedCurrent.Length;
        if (n == 0 || m == 0) return (double.NaN, double.NaN);
        int i = 0, j = 0;
        var d = 0.0;
        while (i < n && j < m)
        {
            var x = Math.Min(sortedReference[i], sortedCurrent[j]);
            while (i < n && sortedReference[i] == x) i++;
            while (j < m && sortedCurrent[j] == x) j++;
            d = Math.Max(d, Math.Abs((double)i / n - (double)j / m));
        }
        if (Math.Max(n, m) <= ExactKolmogorovSmirnovLimit) return (d, ExactKolmogorovSmirnovPValue(n, m, d));
        var effective = (double)n * m / (n + m);
        return (d, KolmogorovSurvival(Math.Sqrt(effective) * d));
    }

    /// <summary>
    /// The exact two-sided p-value P(D ≥ d) for samples of n and m values without ties: the share of the
    /// C(n+m, n) equally likely lattice paths from (0, 0) to (n, m) that touch |x/n - y/m| ≥ d, with d rounded
    /// to the lattice (h / lcm(n, m)) as scipy rounds it. Walks the paths as a random walk (each step's
    /// probability is the share of the remaining steps it takes) and adds up the mass that first reaches the
    /// boundary, so small p-values keep their relative accuracy. Time grows with n times the band's width, memory with m.
    /// </summary>
    public static double ExactKolmogorovSmirnovPValue(int n, int m, double d)
    {
        var g = (long)System.Numerics.BigInteger.GreatestCommonDivisor(n, m);
        var lcm = n / g * m;
        var h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        if (h == 0) return 1;
        // |x/n - y/m| ≥ h/lcm  ⇔  |m x - n y| ≥ h g, in exact integers.
        var limit = h * g;
        bool Outside(long x, long y) => Math.Abs(m * x - n * y) >= limit;
        var current = new double[m + 1];
        var next = new double[m + 1];
        current[0] = 1;
        var reached = 0.0;
        for (var x = 0; x <= n; x++)
        {
            // Only points inside the band |m x - n y| < limit carry mass.
            var low = (int)Math.Max(0, (m * (long)x - limit) / n);
            var high = (int)Math.Min(m, (m * (long)x + limit) / n + 1);
            for (var y = low; y <= high; y++)
            {
                var mass = current[y];
                if (mass == 0) continue;
                double stepsX = n - x, stepsY = m - y, steps = stepsX + stepsY;
                if (steps == 0) break;
                if (stepsX > 0)
                {
                    var moved = mass * stepsX / steps;
                    if (Outside(x + 1, y)) reached += moved; else next[y] += moved;
                }
                if (stepsY > 0)
                {
                    var moved = mass * stepsY / steps;
                    if (Outside(x, y + 1)) reached += moved; else current[y + 1] += moved;
                }
            }
            (current, next) = (next, current);
            Array.Clear(next, low, high - low + 1);
        }
        return Math.Min(1, reached);
    }

    /// <summary>P(K &gt; x) for the Kolmogorov distribution (scipy.special.kolmogorov), by its two classical series.</summary>
    public static double KolmogorovSurvival(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (x < 1.18)
        {
            // The theta-function form converges fast for small x: 1 - sqrt(2π)/x Σ exp(-(2k-1)² π² / (8x²)).
            var sum = 0.0;
            for (var k = 1; k <= 20; k++)
            {
                var odd = 2 * k - 1;
                sum += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * x * x));
            }
            return Math.Max(0, 1 - Math.Sqrt(2 * Math.PI) / x * sum);
        }
        var total = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * x * x);
            total += (k % 2 == 1 ? 2 : -2) * term;
            if (term < 1e-300) break;
        }
        return Math.Clamp(total, 0, 1);
    }

    /// <summary>
    /// The Population Stability Index over 10 bins cut at the reference deciles (pandas' linear quantiles
    /// at 0.1 … 0.9; bins are (lo, hi], the outer two open), proportions floored at 0.0001:
    /// PSI = Σ (cur - ref) ln(cur / ref).
    /// </summary>
    public static double PopulationStabilityIndex(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> current)
    {
        if (sortedReference.Length == 0 || current.Length == 0) return double.NaN;
        var edges = new double[9];
        for (var k = 0; k < 9; k++) edges[k] = NumericStats.Quantile(sortedReference, (k + 1) / 10.0);
        var reference = DecileCounts(sortedReference, edges);
        var cur = DecileCounts(current, edges);
        return Psi(Proportions(reference, sortedReference.Length), Proportions(cur, current.Length));
    }

    private static long[] DecileCounts(ReadOnlySpan<double> values, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        foreach (var v in values)
        {
            // The bin is the number of edges strictly below v, so v equal to an edge falls in the bin it closes.
            var bin = 0;
            while (bin < edges.Length && edges[bin] < v) bin++;
            counts[bin]++;
        }
        return counts;
    }

    /// <summary>PSI of two categorical columns over the union of their categories (proportions floored at 0.0001).</summary>
    public static double PopulationStabilityIndex(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var (r, c) = AlignCategories(reference, current);
        if (r.Sum() == 0 || c.Sum() == 0) return double.NaN;
        return Psi(Proportions(r, r.Sum()), Proportions(c, c.Sum()));
    }

    private static double Psi(double[] reference, double[] current)
    {
        var psi = 0.0;
        for (var k = 0; k < reference.Length; k++)
        {
            double r = Math.Max(reference[k], PsiFloor), c = Math.Max(current[k], PsiFloor);
            psi += (c - r) * Math.Log(c / r);
        }
        return psi;
    }

    private static double[] Proportions(long[] counts, long total) => counts.Select(c => (double)c / total).ToArray();

    /// <summary>
    /// The Jensen-Shannon distance (natural log, as scipy.spatial.distance.jensenshannon) between the two
    /// samples' histograms over shared bins: numpy's 'sturges' bins of the combined values, as Evidently bins them.
    /// </summary>
    public static double JensenShannon(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length == 0 || current.Length == 0) return double.NaN;
        var (minR, maxR) = Histogram.FiniteRange(reference);
        var (minC, maxC) = Histogram.FiniteRange(current);
        double min = Math.Min(minR, minC), max = Math.Max(maxR, maxC);
        if (min > max) return double.NaN;
        var n = reference.Length + current.Length;
        // numpy: width = range / (log2 n + 1), bins = ceil(range / width); one bin for a zero range.
        var bins = max > min ? (int)Math.Ceiling((max - min) / ((max - min) / (Math.Log2(n) + 1))) : 1;
        var r = Histogram.Of(reference, min, max, bins).Counts.ToArray();
        var c = Histogram.Of(current, min, max, bins).Counts.ToArray();
        return JensenShannon(r, c);
    }

    /// <summary>The Jensen-Shannon distance between two categorical columns over the union of their categories.</summary>
    public static double JensenShannon(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var (r, c) = AlignCategories(reference, current);
        return r.Sum() == 0 || c.Sum() == 0 ? double.NaN : JensenShannon(r, c);
    }

    private static double JensenShannon(long[] reference, long[] current)
    {
        double totalR = reference.Sum(), totalC = current.Sum();
        var divergence = 0.0;
        for (var k = 0; k < reference.Length; k++)
        {
            double p = reference[k] / totalR, q = current[k] / totalC, mid = (p + q) / 2;
            if (p > 0) divergence += p * Math.Log(p / mid);
            if (q > 0) divergence += q * Math.Log(q / mid);
        }
        return Math.Sqrt(Math.Max(0, divergence / 2));
    }

    /// <summary>The first Wasserstein (earth mover's) distance between two samples, as scipy.stats.wasserstein_distance.</summary>
    public static double Wasserstein(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent)
    {
        int n = sortedReference.Length, m = sortedCurrent.Length;
        if (n == 0 || m == 0) return double.NaN;
        // ∫ |F_ref(x) - F_cur(x)| dx, stepping through the merged sorted values.
        int i = 0, j = 0;
        var distance = 0.0;
        var previous = Math.Min(sortedReference[0], sortedCurrent[0]);
        while (i < n || j < m)
        {
            var x = j >= m || (i < n && sortedReference[i] <= sortedCurrent[j]) ? sortedReference[i] : sortedCurrent[j];
            distance += Math.Abs((double)i / n - (double)j / m) * (x - previous);
            while (i < n && sortedReference[i] == x) i++;
            while (j < m && sortedCurrent[j] == x) j++;
            previous = x;
        }
        return distance;
    }

    /// <summary>
    /// Pearson's chi-square test of homogeneity on the 2 × k table of reference and current counts per category
    /// (scipy.stats.chi2_contingency, with its Yates correction when there are two categories).
    /// </summary>
    public static (double Statistic, double PValue, int DegreesOfFreedom) ChiSquare(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var (r, c) = AlignCategories(reference, current);
        double totalR = r.Sum(), totalC = c.Sum(), total = totalR + totalC;
        if (totalR == 0 || totalC == 0) return (double.NaN, double.NaN, 0);
        var dof = r.Length - 1;
        if (dof == 0) return (0, 1, 0);
        var statistic = 0.0;
        for (var k = 0; k < r.Length; k++)
        {
            var column = r[k] + c[k];
            statistic += Term(r[k], totalR * column / total) + Term(c[k], totalC * column / total);
        }
        return (statistic, Distributions.ChiSquareSurvival(statistic, dof), dof);

        double Term(double observed, double expected)
        {
            if (dof == 1)
            {
                // Yates: move each observed count up to 0.5 toward its expected count.
                var diff = expected - observed;
                observed += Math.Sign(diff) * Math.Min(0.5, Math.Abs(diff));
            }
            return (observed - expected) * (observed - expected) / expected;
        }
    }

    /// <summary>Both count maps as arrays over the union of categories (ordinal order).</summary>
    private static (long[] Reference, long[] Current) AlignCategories(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current)
    {
        var keys = reference.Keys.Union(current.Keys).Order(StringComparer.Ordinal).ToArray();
        return (keys.Select(k => reference.GetValueOrDefault(k)).ToArray(), keys.Select(k => current.GetValueOrDefault(k)).ToArray());
    }
}
