using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Privacy;

/// <summary>Rows grouped by equal values of some columns: the class id of every row and the size of every class.</summary>
public sealed class EquivalenceClassAssignment
{
    internal EquivalenceClassAssignment(int[] classOfRow, int[] classSizes)
    {
        ClassOfRow = classOfRow;
        ClassSizes = classSizes;
    }

    /// <summary>Per row, its class id: 0, 1, 2... in the order each class first appears.</summary>
    public IReadOnlyList<int> ClassOfRow { get; }

    /// <summary>Per class id, the number of rows in it.</summary>
    public IReadOnlyList<int> ClassSizes { get; }

    public int ClassCount => ClassSizes.Count;
}

/// <summary>
/// Groups rows by their values in a set of columns (the quasi-identifiers of k-anonymity). Each column becomes an
/// integer code per row from its typed values (a string column's dictionary codes, a number's value), and the codes
/// are combined column by column through a pair table, so no row is ever turned into a concatenated string.
/// A missing cell is a value of its own: two rows missing the same column are alike there.
/// </summary>
public static class EquivalenceClasses
{
    public static EquivalenceClassAssignment Assign(Dataset dataset, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var resolved = FeatureColumns.Distinct(columns).Select(c => FeatureColumns.Require(dataset, c, "a quasi-identifier")).ToList();
        return Assign(resolved, dataset.RowCount);
    }

    public static EquivalenceClassAssignment Assign(IReadOnlyList<Column> columns, int rowCount)
    {
        var classOfRow = new int[rowCount];
        var classCount = rowCount == 0 ? 0 : 1;
        foreach (var column in columns)
            classCount = Combine(classOfRow, CodesOf(column), classOfRow);
        var sizes = new int[classCount];
        foreach (var c in classOfRow) sizes[c]++;
        return new EquivalenceClassAssignment(classOfRow, sizes);
    }

    /// <summary>
    /// Writes into <paramref name="result"/> a dense id for every distinct (left, right) pair, numbered in order of
    /// first appearance, and returns how many there are. <paramref name="result"/> may be <paramref name="left"/>.
    /// </summary>
    internal static int Combine(int[] left, int[] right, int[] result)
    {
        var ids = new Dictionary<long, int>();
        for (var row = 0; row < left.Length; row++)
        {
            var key = ((long)left[row] << 32) | (uint)right[row];
            if (!ids.TryGetValue(key, out var id)) ids[key] = id = ids.Count;
            result[row] = id;
        }
        return ids.Count;
    }

    /// <summary>One integer per row that is equal exactly when the cells are equal (missing cells share one code).</summary>
    internal static int[] CodesOf(Column column)
    {
        var codes = new int[column.Length];
        switch (column)
        {
            case StringColumn { IsDictionaryEncoded: true } dictionaryColumn:
            {
                // The dictionary could hold a string twice (merged chunks): map entries to distinct values first.
                var dictionary = dictionaryColumn.Dictionary!;
                var distinct = new Dictionary<string, int>(StringComparer.Ordinal);
                var canonical = new int[dictionary.Count];
                for (var i = 0; i < dictionary.Count; i++)
                    canonical[i] = distinct.TryGetValue(dictionary[i], out var id) ? id : distinct[dictionary[i]] = distinct.Count;
                var raw = dictionaryColumn.Codes;
                for (var row = 0; row < codes.Length; row++) codes[row] = raw[row] < 0 ? -1 : canonical[raw[row]];
                return codes;
            }
            case StringColumn strings:
            {
                var ids = new Dictionary<string, int>(StringComparer.Ordinal);
                var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
                for (var row = 0; row < codes.Length; row++)
                {
                    if (strings.IsNull(row)) { codes[row] = -1; continue; }
                    var span = strings.GetSpan(row);
                    if (!lookup.TryGetValue(span, out var id)) lookup[span] = id = ids.Count;
                    codes[row] = id;
                }
                return codes;
            }
            case Int64Column longs: return CodesOfValues(longs, codes);
            case DoubleColumn doubles: return CodesOfValues(doubles, codes);
            case DateTimeColumn dates: return CodesOfValues(dates, codes);
            case BooleanColumn booleans: return CodesOfValues(booleans, codes);
            default: throw new NotSupportedException($"Column type {column.Type} cannot be grouped.");
        }
    }

    private static int[] CodesOfValues<T>(PrimitiveColumn<T> column, int[] codes) where T : struct
    {
        var ids = new Dictionary<T, int>();
        var values = column.Values;
        for (var row = 0; row < codes.Length; row++)
        {
            if (column.IsNull(row)) { codes[row] = -1; continue; }
            if (!ids.TryGetValue(values[row], out var id)) ids[values[row]] = id = ids.Count;
            codes[row] = id;
        }
        return codes;
    }
}
