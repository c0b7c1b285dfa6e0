namespace DataCenterTools.Core.Numerics;

/// <summary>
/// The k-th smallest values of doubles in any order, several at once, without sorting them: a radix selection.
/// One pass counts the values by the top 16 bits of their order-preserving bit pattern (as NumericSort maps them),
/// the counts say which bucket holds each wanted rank, a second pass copies out only those buckets, and each is
/// resolved on its next 16 bits the same way (at most four levels; the last level's buckets hold equal values),
/// or sorted once it is small. Two linear passes serve every rank asked for (Q1, median and Q3 of a column
/// together), where a quickselect per rank walks the whole array about three times for each.
/// Hand-written because .NET has no selection: a measured reason is in bench/RESULTS.md ("Where the time goes").
/// </summary>
public static class OrderStatistics
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    private const ulong SignBit = 1UL << 63;
    // Below this a sort of the values is as fast as counting 65,536 buckets.
    private const int SortBelow = 4_096;

    /// <summary>
    /// Sets <paramref name="result"/>[i] to the value of rank <paramref name="ranks"/>[i] (0 = smallest) of
    /// <paramref name="values"/>. Ranks must be ascending and below the length; NaN must not be present.
    /// <paramref name="values"/> may be reordered. -0 and +0 are equal (either may be returned for a zero).
    /// </summary>
    public static void Select(Span<double> values, ReadOnlySpan<int> ranks, Span<double> result)
    {
        if (ranks.Length != result.Length) throw new ArgumentException("One result per rank.", nameof(result));
        for (var i = 0; i < ranks.Length; i++)
            if ((uint)ranks[i] >= (uint)values.Length || (i > 0 && ranks[i] < ranks[i - 1]))
                throw new ArgumentOutOfRangeException(nameof(ranks), "Ranks must be ascending and below the number of values.");
        if (ranks.Length == 0) return;
        SelectLevel(values, ranks, result, 64 - DigitBits);
    }

    private static void SelectLevel(Span<double> values, ReadOnlySpan<int> ranks, Span<double> result, int shift)
    {
        if (values.Length < SortBelow)
        {
            values.Sort();
            for (var i = 0; i < ranks.Length; i++) result[i] = values[ranks[i]];
            return;
        }
        var counts = new int[Buckets];
        foreach (var v in values) counts[Digit(v, shift)]++;

        // The bucket of each rank and the rank within it; buckets that hold a wanted rank get a slot.
        var bucketOf = new int[ranks.Length];
        var slotOf = new byte[Buckets];
        var slotBuckets = new List<int>();
        var bucket = 0;
        var before = 0;
        for (var i = 0; i < ranks.Length; i++)
        {
            while (before + counts[bucket] <= ranks[i]) before += counts[bucket++];
            bucketOf[i] = bucket;
            if (slotOf[bucket] == 0)
            {
                if (slotBuckets.Count == byte.MaxValue) throw new ArgumentException("At most 255 distinct ranks at a time.", nameof(ranks));
                slotBuckets.Add(bucket);
                slotOf[bucket] = (byte)slotBuckets.Count;
            }
        }
        var parts = new double[slotBuckets.Count][];
        for (var s = 0; s < parts.Length; s++) parts[s] = new double[counts[slotBuckets[s]]];
        var filled = new int[parts.Length];
        foreach (var v in values)
        {
            var slot = slotOf[Digit(v, shift)];
            if (slot != 0) parts[slot - 1][filled[slot - 1]++] = v;
        }

        // Resolve each wanted bucket on its own ranks.
        for (var first = 0; first < ranks.Length;)
        {
            var b = bucketOf[first];
            var last = first;
            while (last + 1 < ranks.Length && bucketOf[last + 1] == b) last++;
            var offset = 0;
            for (var d = 0; d < b; d++) offset += counts[d];
            var part = parts[slotOf[b] - 1];
            var count = last - first + 1;
            if (shift == 0)
            {
                // The last 16 bits: every value in the bucket is the same.
                for (var i = first; i <= last; i++) result[i] = part[0];
            }
            else
            {
                var inner = new int[count];
                for (var i = 0; i < count; i++) inner[i] = ranks[first + i] - offset;
                SelectLevel(part, inner, result.Slice(first, count), shift - DigitBits);
            }
            first = last + 1;
        }
    }

    /// <summary>The double's bits mapped so that unsigned order is numeric order.</summary>
    private static ulong Key(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    private static int Digit(double value, int shift) => (int)((Key(value) >> shift) & (Buckets - 1));
}
