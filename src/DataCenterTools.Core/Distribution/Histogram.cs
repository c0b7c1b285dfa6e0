namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Equal-width bins over [min, max] as numpy.histogram draws them: every bin is [lo, hi) except the
/// last, which also holds max. Edges has one more entry than Counts.
/// </summary>
public sealed class Histogram
{
    private const string SparkBlocks = "▁▂▃▄▅▆▇█";

    public Histogram(double[] edges, long[] counts)
    {
        if (edges.Length != counts.Length + 1) throw new ArgumentException("A histogram needs one more edge than counts.");
        Edges = edges;
        Counts = counts;
    }

    public IReadOnlyList<double> Edges { get; }
    public IReadOnlyList<long> Counts { get; }

    /// <summary>The histogram of <paramref name="values"/> (NaN-free) in <paramref name="bins"/> equal-width bins over their range.</summary>
    public static Histogram Of(ReadOnlySpan<double> values, int bins)
    {
        var (min, max) = FiniteRange(values);
        // No finite value (empty, or only ±∞): no range to cut into bins.
        if (min > max) return new Histogram(new double[bins + 1], new long[bins]);
        return Of(values, min, max, bins);
    }

    /// <summary>
    /// The histogram of <paramref name="values"/> in <paramref name="bins"/> equal-width bins over [min, max];
    /// values outside the range (and ±∞) are not counted, as numpy.histogram with range=.
    /// </summary>
    public static Histogram Of(ReadOnlySpan<double> values, double min, double max, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), "A histogram needs at least one bin.");
        // numpy widens a zero range to [v - 0.5, v + 0.5] so a constant column still gets bins.
        if (min == max) { min -= 0.5; max += 0.5; }
        var edges = new double[bins + 1];
        for (var i = 0; i <= bins; i++) edges[i] = min + (max - min) * i / bins;
        edges[bins] = max;
        var counts = new long[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            if (!(v >= min && v <= max)) continue;
            var bin = Math.Min((int)((v - min) / width), bins - 1);
            // Float rounding can put a value one bin off its edges; numpy corrects the same way.
            if (bin > 0 && v < edges[bin]) bin--;
            else if (bin < bins - 1 && v >= edges[bin + 1]) bin++;
            counts[bin]++;
        }
        return new Histogram(edges, counts);
    }

    /// <summary>The smallest and largest finite values (min &gt; max when there are none); ±∞ would make every bin infinitely wide.</summary>
    public static (double Min, double Max) FiniteRange(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    /// <summary>The counts as a one-line bar chart (▁ to █, a space for an empty bin), scaled to the fullest bin.</summary>
    public string Sparkline => ToSparkline(Counts.Count);

    /// <summary>The sparkline in at most <paramref name="width"/> characters, adjacent bins summed to fit.</summary>
    public string ToSparkline(int width)
    {
        if (width < 1 || Counts.Count == 0) return "";
        var cells = Math.Min(width, Counts.Count);
        // Prefer a width that divides the bins evenly, so every character sums the same number of bins.
        for (var even = cells; even >= (cells + 1) / 2; even--)
            if (Counts.Count % even == 0) { cells = even; break; }
        var sums = new long[cells];
        for (var i = 0; i < Counts.Count; i++) sums[(long)i * cells / Counts.Count] += Counts[i];
        var peak = sums.Max();
        if (peak == 0) return "";
        var chars = new char[cells];
        for (var i = 0; i < cells; i++)
            chars[i] = sums[i] == 0 ? ' ' : SparkBlocks[(int)((sums[i] * SparkBlocks.Length - 1) / peak)];
        return new string(chars);
    }

    public override string ToString() => Sparkline;
}
