namespace DataCenterTools.Core.Distribution;

/// <summary>
/// A Misra-Gries heavy-hitters summary of a stream of values, mergeable as in Agarwal et al. (2012),
/// "Mergeable summaries": at most <see cref="Capacity"/> counters, each a lower bound of its value's
/// true count. While the stream has no more than Capacity distinct values every count is exact; after
/// that each kept count is below the true one by at most <see cref="ErrorBound"/> =
/// (Count - sum of the counters) / (Capacity + 1), and any value occurring more than ErrorBound
/// times is kept. Merging two summaries (add the counters, then subtract the (Capacity+1)-th largest
/// counter from all and drop those left at zero or below) keeps the same guarantee for the union.
/// </summary>
public sealed class HeavyHitters
{
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<string, long> _counters;

    public HeavyHitters(int capacity = DefaultCapacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), "Capacity must be at least 1.");
        Capacity = capacity;
        _counters = new Dictionary<string, long>(StringComparer.Ordinal);
    }

    /// <summary>The most counters kept.</summary>
    public int Capacity { get; }
    /// <summary>The number of values the summary has seen.</summary>
    public long Count { get; private set; }
    /// <summary>True while no counter has been reduced: every count is the true count.</summary>
    public bool Exact { get; private set; } = true;
    /// <summary>The number of counters kept now.</summary>
    public int Size => _counters.Count;

    /// <summary>The most any kept count is below its value's true count (0 while <see cref="Exact"/>).</summary>
    public long ErrorBound => Exact ? 0 : (Count - _counters.Values.Sum()) / (Capacity + 1);

    /// <summary>A summary of exact <paramref name="counts"/> (value → occurrences), reduced to the capacity.</summary>
    public static HeavyHitters FromCounts(IEnumerable<KeyValuePair<string, long>> counts, int capacity = DefaultCapacity) =>
        FromState(capacity, counts.Sum(kv => kv.Value), exact: true, counts);

    /// <summary>Rebuilds a summary from its state (the counters, the number of values seen, whether it is still exact).</summary>
    public static HeavyHitters FromState(int capacity, long count, bool exact, IEnumerable<KeyValuePair<string, long>> counters)
    {
        var summary = new HeavyHitters(capacity) { Count = count, Exact = exact };
        foreach (var (value, n) in counters)
        {
            if (n < 0) throw new ArgumentException($"The count of '{value}' is negative.", nameof(counters));
            if (n > 0) summary._counters[value] = summary._counters.GetValueOrDefault(value) + n;
        }
        if (summary._counters.Values.Sum() > count)
            throw new ArgumentException($"The counters add up to more than the {count} values seen.", nameof(count));
        summary.Reduce();
        return summary;
    }

    public void Add(string value, long occurrences = 1)
    {
        if (occurrences <= 0) return;
        Count += occurrences;
        _counters[value] = _counters.GetValueOrDefault(value) + occurrences;
        if (_counters.Count > Capacity) Reduce();
    }

    /// <summary>Folds <paramref name="other"/> into this summary: the result summarises both streams.</summary>
    public void Merge(HeavyHitters other)
    {
        if (other.Capacity != Capacity)
            throw new ArgumentException($"Cannot merge a summary of {other.Capacity} counters into one of {Capacity}.", nameof(other));
        Count += other.Count;
        Exact &= other.Exact;
        foreach (var (value, n) in other._counters) _counters[value] = _counters.GetValueOrDefault(value) + n;
        Reduce();
    }

    public HeavyHitters Clone() => FromState(Capacity, Count, Exact, _counters);

    /// <summary>The kept values and their counts, most frequent first (ties in ordinal order of the value).</summary>
    public KeyValuePair<string, long>[] Counters() =>
        [.. _counters.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];

    /// <summary>The kept count of <paramref name="value"/>: a lower bound of its true count (0 if not kept).</summary>
    public long CountOf(string value) => _counters.GetValueOrDefault(value);

    /// <summary>With more counters than the capacity, subtracts the (Capacity+1)-th largest from every counter.</summary>
    private void Reduce()
    {
        if (_counters.Count <= Capacity) return;
        var counts = _counters.Values.ToArray();
        Array.Sort(counts);
        // The (Capacity+1)-th largest is the (n - Capacity)-th smallest.
        var cut = counts[counts.Length - Capacity - 1];
        foreach (var key in _counters.Keys.ToArray())
        {
            var left = _counters[key] - cut;
            if (left > 0) _counters[key] = left;
            else _counters.Remove(key);
        }
        Exact = false;
    }
}
