using System.Numerics;

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
    // Below this many values a three-way quickselect replaces the radix passes, which allocate, zero and walk a
    // 256 KB count array per level (large-object heap): group-by's p50/p90 over groups of ~15,000 rows cost
    // 0.18-0.19 CPU-s by radix and 0.11-0.14 by partitioning (bench/RESULTS.md, "group-by quantiles"); a whole
    // column of 1M rows stays with the radix.
    private const int PartitionBelow = 1 << 17;
    // Partitions this small are sorted.
    private const int SmallPartition = 48;

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
        if (values.Length < PartitionBelow) SelectByPartition(values, ranks, result, 2 * (BitOperations.Log2((uint)values.Length) + 1));
        else SelectLevel(values, ranks, result, 64 - DigitBits);
    }

    /// <summary>
    /// Quickselect for several ranks at once: a three-way partition around a median-of-three pivot (runs of equal
    /// values, common in rounded telemetry, end in the middle part at once), then only the sides holding a wanted
    /// rank are partitioned further. Past <paramref name="depth"/> levels (an unlucky pivot sequence) a side is sorted.
    /// </summary>
    private static void SelectByPartition(Span<double> values, ReadOnlySpan<int> ranks, Span<double> result, int depth)
    {
        while (ranks.Length > 0)
        {
            if (values.Length <= SmallPartition || depth-- == 0)
            {
                values.Sort();
                for (var r = 0; r < ranks.Length; r++) result[r] = values[ranks[r]];
                return;
            }
            var pivot = MedianOfThree(values[0], values[values.Length / 2], values[^1]);
            // values[..less] < pivot, values[less..i] == pivot, values[greater + 1..] > pivot.
            int less = 0, i = 0, greater = values.Length - 1;
            while (i <= greater)
            {
                var v = values[i];
                if (v < pivot) { values[i++] = values[less]; values[less++] = v; }
                else if (v > pivot) { values[i] = values[greater]; values[greater--] = v; }
                else i++;
            }
            // Ranks are ascending: those below 'less' go left, those up to 'greater' are the pivot, the rest go right.
            var left = 0;
            while (left < ranks.Length && ranks[left] < less) left++;
            var right = left;
            while (right < ranks.Length && ranks[right] <= greater) result[right++] = pivot;
            if (right < ranks.Length)
            {
                var shifted = new int[ranks.Length - right];
                for (var k = 0; k < shifted.Length; k++) shifted[k] = ranks[right + k] - (greater + 1);
                SelectByPartition(values[(greater + 1)..], shifted, result[right..], depth);
            }
            values = values[..less];
            ranks = ranks[..left];
            result = result[..left];
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);

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
