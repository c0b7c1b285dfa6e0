using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Orders rows by one or more columns: a stable least-significant-digit radix sort on 64-bit keys that keep each
/// type's order (Int64, Double with NaN after +Infinity, DateTime, Boolean, and text by the rank of its distinct
/// values), the last key first. Ties keep their original order; missing values sort last in either direction
/// (as pandas and DuckDB do). Radix rather than Array.Sort with a comparer: linear in rows, no delegate per
/// comparison, and stable without carrying the row number in every comparison.
/// </summary>
public static class RowOrder
{
    /// <summary>The row indices in sorted order.</summary>
    public static int[] Sort(Dataset dataset, IReadOnlyList<SortKey> keys)
    {
        var n = dataset.RowCount;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        var scratchKeys = new ulong[n];
        var scratchOrder = new int[n];
        var keyBuffer = new ulong[n];
        for (var k = keys.Count - 1; k >= 0; k--)
        {
            var column = dataset[ColumnNames.Single(dataset.Schema, keys[k].Column, "{option:OrderBy}")];
            var raw = SortableKeys(column, keys[k].Descending);
            for (var i = 0; i < n; i++) keyBuffer[i] = raw[order[i]];
            RadixSort(keyBuffer, order, scratchKeys, scratchOrder);
            if (column.NullCount > 0) MoveMissingLast(order, column, scratchOrder);
        }
        return order;
    }

    /// <summary>Per row, a key whose unsigned order is the column's order (reversed when descending); missing rows get 0 (moved last afterwards).</summary>
    internal static ulong[] SortableKeys(Column column, bool descending)
    {
        var n = column.Length;
        var keys = new ulong[n];
        switch (column)
        {
            case Int64Column c:
            {
                var v = c.Values;
                for (var i = 0; i < n; i++) keys[i] = (ulong)v[i] ^ (1UL << 63);
                break;
            }
            case DateTimeColumn c:
            {
                var v = c.Values;
                for (var i = 0; i < n; i++) keys[i] = (ulong)v[i].Ticks;
                break;
            }
            case DoubleColumn c:
            {
                var v = c.Values;
                for (var i = 0; i < n; i++)
                {
                    if (double.IsNaN(v[i])) { keys[i] = ulong.MaxValue; continue; } // after +Infinity, whatever the NaN's sign bit
                    var bits = (ulong)BitConverter.DoubleToInt64Bits(v[i] == 0 ? 0.0 : v[i]);
                    keys[i] = (bits & (1UL << 63)) != 0 ? ~bits : bits | (1UL << 63);
                }
                break;
            }
            case BooleanColumn c:
            {
                var v = c.Values;
                for (var i = 0; i < n; i++) keys[i] = v[i] ? 1UL : 0UL;
                break;
            }
            case StringColumn c:
            {
                var rank = TextRanks(c);
                for (var i = 0; i < n; i++) keys[i] = (ulong)rank[i];
                break;
            }
        }
        if (descending) for (var i = 0; i < n; i++) keys[i] = ~keys[i];
        return keys;
    }

    /// <summary>Each row's rank among the column's distinct values in ordinal order (equal text, equal rank).</summary>
    private static int[] TextRanks(StringColumn column)
    {
        var n = column.Length;
        if (column.IsDictionaryEncoded)
        {
            var dictionary = column.Dictionary!;
            var byText = Enumerable.Range(0, dictionary.Count).ToArray();
            Array.Sort(byText, (a, b) => string.CompareOrdinal(dictionary[a], dictionary[b]));
            var rankOfCode = new int[dictionary.Count];
            for (var r = 0; r < byText.Length; r++)
                rankOfCode[byText[r]] = r > 0 && dictionary[byText[r]] == dictionary[byText[r - 1]] ? rankOfCode[byText[r - 1]] : r;
            var codes = column.Codes;
            var ranks = new int[n];
            for (var i = 0; i < n; i++) ranks[i] = codes[i] < 0 ? 0 : rankOfCode[codes[i]];
            return ranks;
        }
        // Distinct values first (text repeats), then their order.
        var (ids, cardinality) = GroupKeys.Codes(column);
        var sample = new int[cardinality];
        for (var i = n - 1; i >= 0; i--) sample[ids[i]] = i;
        var distinct = Enumerable.Range(1, cardinality - 1).ToArray();
        Array.Sort(distinct, (a, b) => column.GetSpan(sample[a]).SequenceCompareTo(column.GetSpan(sample[b])));
        var rankOfId = new int[cardinality];
        for (var r = 0; r < distinct.Length; r++) rankOfId[distinct[r]] = r;
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = rankOfId[ids[i]];
        return result;
    }

    /// <summary>Stable LSD radix sort of keys (with the row order carried along), 11-bit digits, constant digits skipped.</summary>
    internal static void RadixSort(ulong[] keys, int[] order, ulong[] scratchKeys, int[] scratchOrder)
    {
        const int bits = 11, buckets = 1 << bits, passes = (64 + bits - 1) / bits;
        var n = keys.Length;
        if (n < 2) return;
        // Keys already in order (a time column read in time order) need no pass at all: one look instead of the
        // count and the moves, and faster than Array.Sort there too (bench/Measure-Kernels.ps1).
        var ordered = true;
        for (var i = 1; i < n && ordered; i++) ordered = keys[i - 1] <= keys[i];
        if (ordered) return;
        var counts = new int[passes * buckets];
        for (var i = 0; i < n; i++)
        {
            var key = keys[i];
            for (var p = 0; p < passes; p++) counts[p * buckets + (int)((key >> (p * bits)) & (buckets - 1))]++;
        }
        ulong[] srcKeys = keys, dstKeys = scratchKeys;
        int[] srcOrder = order, dstOrder = scratchOrder;
        for (var p = 0; p < passes; p++)
        {
            var offset = p * buckets;
            var shift = p * bits;
            if (counts[offset + (int)((srcKeys[0] >> shift) & (buckets - 1))] == n) continue; // every key has this digit
            var position = 0;
            for (var d = 0; d < buckets; d++)
            {
                var c = counts[offset + d];
                counts[offset + d] = position;
                position += c;
            }
            for (var i = 0; i < n; i++)
            {
                var slot = counts[offset + (int)((srcKeys[i] >> shift) & (buckets - 1))]++;
                dstKeys[slot] = srcKeys[i];
                dstOrder[slot] = srcOrder[i];
            }
            (srcKeys, dstKeys) = (dstKeys, srcKeys);
            (srcOrder, dstOrder) = (dstOrder, srcOrder);
        }
        if (!ReferenceEquals(srcOrder, order)) Array.Copy(srcOrder, order, n);
    }

    /// <summary>Moves rows whose cell is missing to the end, keeping the order of both parts.</summary>
    private static void MoveMissingLast(int[] order, Column column, int[] scratch)
    {
        var k = 0;
        foreach (var row in order) if (!column.IsNull(row)) scratch[k++] = row;
        foreach (var row in order) if (column.IsNull(row)) scratch[k++] = row;
        Array.Copy(scratch, order, order.Length);
    }
}
