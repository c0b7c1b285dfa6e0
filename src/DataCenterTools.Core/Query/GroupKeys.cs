using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Gives each row the id of its key (the values of some columns): dense ids 0, 1, ... in order of first
/// appearance, with the first row of each. Used by grouping, distinct rows and joins. A column becomes small
/// integer codes first (dictionary codes as they are, small integer ranges by offset, other values through a
/// hash table keyed by the value itself, never a boxed object), and several columns combine by mixed radix
/// while the product of their cardinalities fits, else pairwise through a hash table.
/// Missing is a key of its own; doubles compare by value (NaN equals NaN, -0 equals 0); text ordinally.
/// </summary>
public sealed class GroupKeys
{
    private GroupKeys(int[] groupOf, int count, int[] firstRow)
    {
        GroupOf = groupOf;
        Count = count;
        FirstRow = firstRow;
    }

    /// <summary>The group of each row.</summary>
    public int[] GroupOf { get; }

    /// <summary>How many distinct keys.</summary>
    public int Count { get; }

    /// <summary>The first row of each group, ascending.</summary>
    public int[] FirstRow { get; }

    public static GroupKeys Compute(IReadOnlyList<Column> columns, int rows)
    {
        if (columns.Count == 0)
        {
            // No key: one group of every row (or none for an empty table).
            return rows == 0 ? new GroupKeys([], 0, []) : new GroupKeys(new int[rows], 1, [0]);
        }
        var (codes, cardinality) = Codes(columns[0]);
        for (var c = 1; c < columns.Count; c++)
        {
            var (next, nextCardinality) = Codes(columns[c]);
            if ((long)cardinality * nextCardinality <= int.MaxValue)
            {
                // Mixed radix: code * k + next is unique while the product fits.
                for (var i = 0; i < rows; i++) codes[i] = codes[i] * nextCardinality + next[i];
                cardinality *= nextCardinality;
                if (cardinality > 4 * rows) (codes, cardinality) = Densify(codes, cardinality, rows);
            }
            else
            {
                var pairs = new long[rows];
                for (var i = 0; i < rows; i++) pairs[i] = ((long)codes[i] << 32) | (uint)next[i];
                (codes, cardinality) = DenseLongs(pairs);
            }
        }
        return FromCodes(codes, cardinality, rows);
    }

    /// <summary>Dense ids in order of first appearance from codes below <paramref name="cardinality"/>.</summary>
    private static GroupKeys FromCodes(int[] codes, int cardinality, int rows)
    {
        if (cardinality > 4L * rows + 1024) (codes, cardinality) = Densify(codes, cardinality, rows);
        var idOf = new int[cardinality];
        Array.Fill(idOf, -1);
        var groupOf = new int[rows];
        var first = new List<int>();
        for (var i = 0; i < rows; i++)
        {
            var code = codes[i];
            var id = idOf[code];
            if (id < 0) { id = idOf[code] = first.Count; first.Add(i); }
            groupOf[i] = id;
        }
        return new GroupKeys(groupOf, first.Count, first.ToArray());
    }

    private static (int[], int) Densify(int[] codes, int cardinality, int rows)
    {
        var map = new Dictionary<int, int>();
        var dense = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            if (!map.TryGetValue(codes[i], out var id)) map.Add(codes[i], id = map.Count);
            dense[i] = id;
        }
        return (dense, Math.Max(1, map.Count));
    }

    private static (int[], int) DenseLongs(ReadOnlySpan<long> values)
    {
        var map = new Dictionary<long, int>();
        var dense = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!map.TryGetValue(values[i], out var id)) map.Add(values[i], id = map.Count);
            dense[i] = id;
        }
        return (dense, Math.Max(1, map.Count));
    }

    /// <summary>Per row, a code below the returned cardinality; equal codes for equal values (and for missing).</summary>
    internal static (int[] Codes, int Cardinality) Codes(Column column)
    {
        var n = column.Length;
        switch (column)
        {
            case StringColumn { IsDictionaryEncoded: true } s:
            {
                // Dictionary codes shifted by one (0 = missing). Equal text always has one code within a column.
                var source = s.Codes;
                var codes = new int[n];
                for (var i = 0; i < n; i++) codes[i] = source[i] + 1;
                return (codes, s.Dictionary!.Count + 1);
            }
            case StringColumn s:
            {
                var map = new Dictionary<string, int>(StringComparer.Ordinal);
                var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
                var codes = new int[n];
                for (var i = 0; i < n; i++)
                {
                    if (s.IsNull(i)) continue;
                    var span = s.GetSpan(i);
                    if (!lookup.TryGetValue(span, out var id)) { id = map.Count + 1; lookup.TryAdd(span, id); }
                    codes[i] = id;
                }
                return (codes, map.Count + 1);
            }
            case BooleanColumn b:
            {
                var codes = new int[n];
                var values = b.Values;
                for (var i = 0; i < n; i++) codes[i] = b.IsNull(i) ? 0 : values[i] ? 2 : 1;
                return (codes, 3);
            }
            case Int64Column l: return LongCodes(l.Values, l);
            case DateTimeColumn t:
            {
                var ticks = new long[n];
                var values = t.Values;
                for (var i = 0; i < n; i++) ticks[i] = values[i].Ticks;
                return LongCodes(ticks, t);
            }
            case DoubleColumn d:
            {
                var bits = new long[n];
                var values = d.Values;
                for (var i = 0; i < n; i++) bits[i] = KeyBits(values[i]);
                return LongCodes(bits, d, denseRangeAllowed: false);
            }
            default: throw new NotSupportedException(column.GetType().Name);
        }
    }

    /// <summary>A double's bits with every NaN made one NaN and -0 made 0, so equal values have equal bits.</summary>
    internal static long KeyBits(double value) =>
        double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);

    private static (int[], int) LongCodes(ReadOnlySpan<long> values, Column column, bool denseRangeAllowed = true)
    {
        var n = values.Length;
        var codes = new int[n];
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            if (column.IsNull(i)) continue;
            if (values[i] < min) min = values[i];
            if (values[i] > max) max = values[i];
        }
        if (min > max) return (codes, 1); // every cell missing
        // A small range (hours, days, codes): the value's offset is its code, no hashing.
        if (denseRangeAllowed && (ulong)(max - min) < (ulong)Math.Max(1 << 16, 2L * n))
        {
            for (var i = 0; i < n; i++) codes[i] = column.IsNull(i) ? 0 : (int)(values[i] - min) + 1;
            return (codes, (int)(max - min) + 2);
        }
        var map = new Dictionary<long, int>();
        for (var i = 0; i < n; i++)
        {
            if (column.IsNull(i)) continue;
            if (!map.TryGetValue(values[i], out var id)) map.Add(values[i], id = map.Count + 1);
            codes[i] = id;
        }
        return (codes, map.Count + 1);
    }
}
