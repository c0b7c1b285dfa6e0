namespace DataCenterTools.Core.Distribution;

/// <summary>
/// A KLL quantile sketch (Karnin, Lang and Liberty 2016) over doubles: a stack of compactors where an
/// item on level h stands for 2^h input values. When the sketch is full the lowest full level is sorted
/// and every other item (odd or even positions, chosen by a deterministic hash coin) moves up a level.
/// With the default K = 400 the rank error of a quantile is below about 0.7% with 99% confidence
/// (Apache DataSketches' measured bound for KLL: 2.296 / K^0.9723), and the sketch holds about 3·K items
/// however many values it has seen. Two sketches merge into a sketch of the union with the same bound.
/// The state is plain public properties (K, Count, Min, Max, Items, LevelStarts) so Export-Clixml and
/// ConvertTo-Json carry it; <see cref="FromState"/> rebuilds it.
/// </summary>
public sealed class KllSketch
{
    public const int DefaultK = 400;
    private const double CapacityDecay = 2.0 / 3.0;
    private const int MinimumLevelCapacity = 2;

    private readonly List<List<double>> _levels = [[]];
    private int _retained;
    private long _compactions;

    public KllSketch(int k = DefaultK)
    {
        if (k < 8) throw new ArgumentOutOfRangeException(nameof(k), "K must be at least 8.");
        K = k;
    }

    /// <summary>The accuracy parameter: a larger K keeps more items and gives a smaller rank error.</summary>
    public int K { get; }
    /// <summary>The number of (non-NaN) values the sketch has seen.</summary>
    public long Count { get; private set; }
    public double Min { get; private set; } = double.NaN;
    public double Max { get; private set; } = double.NaN;

    /// <summary>The retained items, level 0 first; level h is Items[LevelStarts[h]..LevelStarts[h+1]].</summary>
    public double[] Items => _levels.SelectMany(level => level).ToArray();

    /// <summary>Where each level starts in <see cref="Items"/>, plus the end (one more entry than levels).</summary>
    public int[] LevelStarts
    {
        get
        {
            var starts = new int[_levels.Count + 1];
            for (var h = 0; h < _levels.Count; h++) starts[h + 1] = starts[h] + _levels[h].Count;
            return starts;
        }
    }

    /// <summary>The rank error (a fraction of Count) that holds with 99% confidence for this K.</summary>
    public double RankError => RankErrorFor(K);

    /// <summary>DataSketches' empirical 99%-confidence single-quantile rank error for a KLL sketch of size k.</summary>
    public static double RankErrorFor(int k) => 2.296 / Math.Pow(k, 0.9723);

    /// <summary>Rebuilds a sketch from the properties of a serialized one.</summary>
    public static KllSketch FromState(int k, long count, double min, double max, double[] items, int[] levelStarts)
    {
        if (levelStarts.Length < 2 || levelStarts[0] != 0 || levelStarts[^1] != items.Length)
            throw new ArgumentException("LevelStarts must start at 0 and end at the number of items.", nameof(levelStarts));
        var sketch = new KllSketch(k) { Count = count, Min = min, Max = max };
        sketch._levels.Clear();
        long weight = 0;
        for (var h = 0; h + 1 < levelStarts.Length; h++)
        {
            if (levelStarts[h + 1] < levelStarts[h]) throw new ArgumentException("LevelStarts must not decrease.", nameof(levelStarts));
            sketch._levels.Add(items[levelStarts[h]..levelStarts[h + 1]].ToList());
            weight += (long)(levelStarts[h + 1] - levelStarts[h]) << h;
        }
        if (weight != count) throw new ArgumentException($"The items stand for {weight} values but Count is {count}.", nameof(count));
        sketch._retained = items.Length;
        return sketch;
    }

    public void Add(double value)
    {
        if (double.IsNaN(value)) return;
        if (Count == 0) { Min = value; Max = value; }
        else { Min = Math.Min(Min, value); Max = Math.Max(Max, value); }
        Count++;
        _levels[0].Add(value);
        _retained++;
        if (_retained >= TotalCapacity()) Compress();
    }

    public void AddRange(ReadOnlySpan<double> values)
    {
        foreach (var v in values) Add(v);
    }

    /// <summary>Folds <paramref name="other"/> into this sketch: the result summarises both inputs.</summary>
    public void Merge(KllSketch other)
    {
        if (other.Count == 0) return;
        if (Count == 0) { Min = other.Min; Max = other.Max; }
        else { Min = Math.Min(Min, other.Min); Max = Math.Max(Max, other.Max); }
        Count += other.Count;
        while (_levels.Count < other._levels.Count) _levels.Add([]);
        for (var h = 0; h < other._levels.Count; h++) _levels[h].AddRange(other._levels[h]);
        _retained += other._retained;
        while (_retained >= TotalCapacity()) Compress();
    }

    public KllSketch Clone() => FromState(K, Count, Min, Max, Items, LevelStarts);

    /// <summary>
    /// The estimated q-quantile (0-1): the smallest retained item whose weighted rank reaches q·Count;
    /// q = 0 and q = 1 give the exact Min and Max. NaN when the sketch is empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), "A quantile is between 0 and 1.");
        if (Count == 0) return double.NaN;
        if (q == 0) return Min;
        if (q == 1) return Max;
        var weighted = Weighted();
        var target = q * Count;
        long cumulative = 0;
        foreach (var (value, weight) in weighted)
        {
            cumulative += weight;
            if (cumulative >= target) return value;
        }
        return Max;
    }

    /// <summary>
    /// The values the sketch stands for, sorted: each retained item repeated by its weight (2^level), so
    /// the exact values while nothing was compacted. Above <paramref name="maxValues"/> values, that many
    /// evenly spaced quantiles of them instead, to bound memory.
    /// </summary>
    public double[] ToSortedValues(int maxValues = 1 << 22)
    {
        var weighted = Weighted();
        if (Count <= maxValues)
        {
            var values = new double[Count];
            var at = 0;
            foreach (var (value, weight) in weighted)
                for (var i = 0; i < weight; i++) values[at++] = value;
            return values;
        }
        var sample = new double[maxValues];
        var index = 0;
        long cumulative = weighted[0].Weight;
        for (var i = 0; i < maxValues; i++)
        {
            // The value holding rank (i + 0.5) / maxValues of Count.
            var rank = (i + 0.5) * Count / maxValues;
            while (cumulative < rank && index + 1 < weighted.Count) cumulative += weighted[++index].Weight;
            sample[i] = weighted[index].Value;
        }
        return sample;
    }

    /// <summary>The estimated fraction of values ≤ <paramref name="value"/>.</summary>
    public double Rank(double value)
    {
        if (Count == 0) return double.NaN;
        long below = 0;
        for (var h = 0; h < _levels.Count; h++)
            foreach (var item in _levels[h])
                if (item <= value) below += 1L << h;
        return (double)below / Count;
    }

    private List<(double Value, long Weight)> Weighted()
    {
        var weighted = new List<(double, long)>(_retained);
        for (var h = 0; h < _levels.Count; h++)
            foreach (var item in _levels[h]) weighted.Add((item, 1L << h));
        weighted.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return weighted;
    }

    private int LevelCapacity(int level)
    {
        var depth = _levels.Count - 1 - level;
        return Math.Max(MinimumLevelCapacity, (int)Math.Ceiling(K * Math.Pow(CapacityDecay, depth)));
    }

    private int TotalCapacity()
    {
        var total = 0;
        for (var h = 0; h < _levels.Count; h++) total += LevelCapacity(h);
        return total;
    }

    /// <summary>Halves the lowest level at or over its capacity, promoting every other item one level up.</summary>
    private void Compress()
    {
        for (var h = 0; h < _levels.Count; h++)
        {
            if (_levels[h].Count < LevelCapacity(h)) continue;
            if (h + 1 == _levels.Count) _levels.Add([]);
            var level = _levels[h];
            level.Sort();
            // An odd item stays behind so the weights still add up to Count.
            var keep = level.Count % 2 == 1 ? level[^1] : double.NaN;
            var pairs = level.Count / 2;
            var offset = Coin(h);
            var above = _levels[h + 1];
            for (var i = 0; i < pairs; i++) above.Add(level[2 * i + offset]);
            level.Clear();
            if (!double.IsNaN(keep)) level.Add(keep);
            _retained -= pairs;
            return;
        }
    }

    /// <summary>A deterministic fair coin (SplitMix64 of the compaction number): reproducible yet unbiased.</summary>
    private int Coin(int level)
    {
        var z = unchecked((ulong)(++_compactions) * 0x9E3779B97F4A7C15UL + (ulong)level);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 1);
    }
}
