using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Counts the distinct values of a text column kept as one character buffer (high-cardinality text such as
/// addresses) without making a string per value: an open-addressing table holds, per distinct value, the first
/// row it occurs in and its count, and compares characters in place. Only the values shown (the top k) become
/// strings. Written by hand because a Dictionary&lt;string, long&gt; must own a string per key: for a million
/// distinct IP addresses that was most of Get-DataDistribution's time (bench/RESULTS.md, Peers suite).
/// </summary>
internal static class TextValueCounts
{
    /// <summary>
    /// One table entry: the first row of the value (-1 for an empty slot), its hash and its count, side by side so a
    /// probe reads one place. 12 bytes: a count never exceeds the rows of a column (an int), and for a million
    /// distinct addresses the table (2M slots) is the profile's largest allocation.
    /// </summary>
    private struct Slot
    {
        public int Row;
        public int Hash;
        public int Count;
    }

    public static (long Present, long Distinct, List<KeyValuePair<string, long>> Top) Count(StringColumn column, int k)
    {
        // The table grows with the distinct values (kept at most half full), so 1,000 hosts cost a few KB, not a slot per row.
        // The hash is kept with the entry: a probe compares characters only when the hashes match, and growing never rehashes text.
        var capacity = 1024;
        var slots = NewTable(capacity);
        var mask = capacity - 1;
        long present = 0, distinct = 0;
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            present++;
            var text = column.GetSpan(row);
            var hash = string.GetHashCode(text);
            var slot = hash & mask;
            while (true)
            {
                ref var entry = ref slots[slot];
                if (entry.Row < 0) { entry = new Slot { Row = row, Hash = hash, Count = 1 }; distinct++; break; }
                if (entry.Hash == hash && column.GetSpan(entry.Row).SequenceEqual(text)) { entry.Count++; break; }
                slot = (slot + 1) & mask;
            }
            if (distinct * 2 > capacity && capacity < 1 << 30)
            {
                slots = Grow(slots, capacity * 2);
                capacity *= 2;
                mask = capacity - 1;
            }
        }
        // The k most frequent, ties in ordinal order of the value, as DistributionAnalyzer.Top orders them.
        var best = new List<(int Row, int Count)>(k + 1);
        for (var slot = 0; slot < capacity && k > 0; slot++)
        {
            if (slots[slot].Row < 0) continue;
            var candidate = (slots[slot].Row, slots[slot].Count);
            if (best.Count == k && !Before(column, candidate, best[^1])) continue;
            var at = best.Count;
            while (at > 0 && Before(column, candidate, best[at - 1])) at--;
            best.Insert(at, candidate);
            if (best.Count > k) best.RemoveAt(k);
        }
        return (present, distinct, best.Select(b => new KeyValuePair<string, long>(column[b.Row]!, (long)b.Count)).ToList());
    }

    private static Slot[] NewTable(int capacity)
    {
        var slots = new Slot[capacity];
        for (var i = 0; i < slots.Length; i++) slots[i].Row = -1;
        return slots;
    }

    private static Slot[] Grow(Slot[] slots, int capacity)
    {
        var grown = NewTable(capacity);
        var mask = capacity - 1;
        foreach (var entry in slots)
        {
            if (entry.Row < 0) continue;
            var slot = entry.Hash & mask;
            while (grown[slot].Row >= 0) slot = (slot + 1) & mask;
            grown[slot] = entry;
        }
        return grown;
    }

    private static bool Before(StringColumn column, (int Row, int Count) a, (int Row, int Count) b) =>
        a.Count > b.Count || (a.Count == b.Count && column.GetSpan(a.Row).SequenceCompareTo(column.GetSpan(b.Row)) < 0);
}
