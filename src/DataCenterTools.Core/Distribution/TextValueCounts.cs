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
    public static (long Present, long Distinct, List<KeyValuePair<string, long>> Top) Count(StringColumn column, int k)
    {
        // The table grows with the distinct values (kept at most half full), so 1,000 hosts cost a few KB, not a slot per row.
        var capacity = 1024;
        var rows = new int[capacity];
        var counts = new long[capacity];
        Array.Fill(rows, -1);
        var mask = capacity - 1;
        long present = 0, distinct = 0;
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            present++;
            var text = column.GetSpan(row);
            var slot = string.GetHashCode(text) & mask;
            while (true)
            {
                var first = rows[slot];
                if (first < 0) { rows[slot] = row; counts[slot] = 1; distinct++; break; }
                if (column.GetSpan(first).SequenceEqual(text)) { counts[slot]++; break; }
                slot = (slot + 1) & mask;
            }
            if (distinct * 2 > capacity && capacity < 1 << 30)
            {
                (rows, counts) = Grow(column, rows, counts, capacity * 2);
                capacity *= 2;
                mask = capacity - 1;
            }
        }
        // The k most frequent, ties in ordinal order of the value, as DistributionAnalyzer.Top orders them.
        var best = new List<(int Row, long Count)>(k + 1);
        for (var slot = 0; slot < capacity && k > 0; slot++)
        {
            if (rows[slot] < 0) continue;
            var candidate = (rows[slot], counts[slot]);
            if (best.Count == k && !Before(column, candidate, best[^1])) continue;
            var at = best.Count;
            while (at > 0 && Before(column, candidate, best[at - 1])) at--;
            best.Insert(at, candidate);
            if (best.Count > k) best.RemoveAt(k);
        }
        return (present, distinct, best.Select(b => new KeyValuePair<string, long>(column[b.Row]!, b.Count)).ToList());
    }

    private static (int[] Rows, long[] Counts) Grow(StringColumn column, int[] rows, long[] counts, int capacity)
    {
        var newRows = new int[capacity];
        var newCounts = new long[capacity];
        Array.Fill(newRows, -1);
        var mask = capacity - 1;
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] < 0) continue;
            var slot = string.GetHashCode(column.GetSpan(rows[i])) & mask;
            while (newRows[slot] >= 0) slot = (slot + 1) & mask;
            newRows[slot] = rows[i];
            newCounts[slot] = counts[i];
        }
        return (newRows, newCounts);
    }

    private static bool Before(StringColumn column, (int Row, long Count) a, (int Row, long Count) b) =>
        a.Count > b.Count || (a.Count == b.Count && column.GetSpan(a.Row).SequenceCompareTo(column.GetSpan(b.Row)) < 0);
}
