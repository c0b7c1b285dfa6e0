using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// Compares rows by their cells in a set of columns, so a row index can key a HashSet or Dictionary
/// without building a per-row object. Hashes are computed once, column by column. Missing equals
/// missing; doubles compare with Equals (NaN equals NaN, 0.0 equals -0.0); strings ordinally.
/// </summary>
internal sealed class RowKeyComparer : IEqualityComparer<int>
{
    private readonly Column[] _columns;
    private readonly int[] _hashes;

    public RowKeyComparer(IReadOnlyList<Column> columns, int rowCount)
    {
        _columns = columns.ToArray();
        _hashes = new int[rowCount];
        foreach (var column in _columns)
            for (var row = 0; row < rowCount; row++)
                _hashes[row] = _hashes[row] * 31 + CellHash(column, row);
    }

    public bool Equals(int a, int b)
    {
        if (_hashes[a] != _hashes[b]) return false;
        foreach (var column in _columns)
            if (!CellsEqual(column, a, b)) return false;
        return true;
    }

    public int GetHashCode(int row) => _hashes[row];

    /// <summary>The group of each row (0, 1, ... in order of first appearance) and the number of groups.</summary>
    public (int[] GroupOf, int Count) Groups()
    {
        var groupOf = new int[_hashes.Length];
        var first = new Dictionary<int, int>(this);
        for (var row = 0; row < groupOf.Length; row++)
        {
            if (!first.TryGetValue(row, out var group)) first[row] = group = first.Count;
            groupOf[row] = group;
        }
        return (groupOf, first.Count);
    }

    private static int CellHash(Column column, int row)
    {
        if (column.IsNull(row)) return 0x5bd1e995;
        return column switch
        {
            Int64Column c => c[row].GetHashCode(),
            DoubleColumn c => c[row].GetHashCode(),
            BooleanColumn c => c[row] ? 1 : 2,
            DateTimeColumn c => c[row].GetHashCode(),
            StringColumn { IsDictionaryEncoded: true } c => c.Codes[row],
            StringColumn c => string.GetHashCode(c.GetSpan(row)),
            _ => 0,
        };
    }

    internal static bool CellsEqual(Column column, int a, int b)
    {
        var nullA = column.IsNull(a);
        if (nullA || column.IsNull(b)) return nullA && column.IsNull(b);
        return column switch
        {
            Int64Column c => c[a] == c[b],
            DoubleColumn c => c[a].Equals(c[b]),
            BooleanColumn c => c[a] == c[b],
            DateTimeColumn c => c[a] == c[b],
            StringColumn { IsDictionaryEncoded: true } c => c.Codes[a] == c.Codes[b],
            StringColumn c => c.GetSpan(a).SequenceEqual(c.GetSpan(b)),
            _ => false,
        };
    }

    /// <summary>Orders two present cells of one column (numbers, false before true, dates, strings ordinally).</summary>
    internal static int CompareCells(Column column, int a, int b) => column switch
    {
        Int64Column c => c[a].CompareTo(c[b]),
        DoubleColumn c => c[a].CompareTo(c[b]),
        BooleanColumn c => c[a].CompareTo(c[b]),
        DateTimeColumn c => c[a].CompareTo(c[b]),
        StringColumn c => c.GetSpan(a).SequenceCompareTo(c.GetSpan(b)),
        _ => 0,
    };
}
