using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

public enum JoinKind { Inner, Left, Right, Full, Semi, Anti }

public sealed record JoinOptions
{
    public JoinKind Kind { get; init; } = JoinKind.Inner;
    /// <summary>The key columns of the left Dataset (and of the right, unless <see cref="RightOn"/> names others).</summary>
    public IReadOnlyList<string> On { get; init; } = [];
    public IReadOnlyList<string>? RightOn { get; init; }
    /// <summary>Added to a right column's name when the left has a column of that name.</summary>
    public string Suffix { get; init; } = "_right";
    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// Join-Dataset: a hash join. The right side's keys go into a table of dense key ids (dictionary-encoded text is
/// looked up once per distinct value), the left side probes it, and the matching row pairs are gathered column by
/// column. Output: the left columns, then the right columns but its keys (one key column, as the left names it:
/// for right and full joins it holds the right key where the left has none). Rows: left order, each left row with
/// its matches in right order; right and full joins add unmatched right rows at the end. Missing keys never match
/// (SQL's rule). Semi keeps the left rows that have a match, anti those that have none (each once, left columns only).
/// </summary>
public static class DatasetJoin
{
    public static Dataset Join(Dataset left, Dataset right, JoinOptions options)
    {
        if (options.On.Count == 0)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, "{option:On} names no key column.", "Write {option:On} host (or {option:On} a, b).");
        var leftNames = options.On.Select(k => ColumnNames.Single(left.Schema, k, "{option:On}")).ToList();
        var rightNames = (options.RightOn ?? options.On).Select(k => ColumnNames.Single(right.Schema, k, options.RightOn != null ? "{option:RightOn}" : "{option:On}")).ToList();
        if (leftNames.Count != rightNames.Count)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument,
                $"{{option:On}} names {leftNames.Count} column(s) and {{option:RightOn}} {rightNames.Count}.", "Give {option:RightOn} one column for each {option:On} column, in the same order.");
        for (var k = 0; k < leftNames.Count; k++)
        {
            ColumnType a = left[leftNames[k]].Type, b = right[rightNames[k]].Type;
            if (a != b && !(IsNumeric(a) && IsNumeric(b)))
                throw new DataException("JoinKeyTypeMismatch", DataErrorKind.InvalidArgument,
                    $"Join key '{leftNames[k]}' is {a} on the left and '{rightNames[k]}' is {b} on the right.",
                    $"Convert one side first, e.g. Add-DataColumn -Name {rightNames[k]} -Expression 'cast({rightNames[k]} as {a})' -Force.", column: leftNames[k]);
        }
        options.Cancellation.ThrowIfCancellationRequested();

        var (leftIds, rightIds, keyCount) = KeyIds(left, leftNames, right, rightNames);
        // Right rows grouped by key id (counting sort: offsets into one array, right order kept within a key).
        var offsets = new int[keyCount + 1];
        foreach (var id in rightIds) if (id >= 0) offsets[id + 1]++;
        for (var k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k];
        var byKey = new int[offsets[keyCount]];
        var next = (int[])offsets.Clone();
        for (var r = 0; r < rightIds.Length; r++) if (rightIds[r] >= 0) byKey[next[rightIds[r]]++] = r;

        var pairsLeft = new List<int>(left.RowCount);
        var pairsRight = new List<int>(left.RowCount);
        var rightMatched = options.Kind is JoinKind.Right or JoinKind.Full ? new bool[right.RowCount] : null;
        for (var l = 0; l < leftIds.Length; l++)
        {
            var id = leftIds[l];
            var matches = id < 0 ? 0 : offsets[id + 1] - offsets[id];
            switch (options.Kind)
            {
                case JoinKind.Semi: if (matches > 0) pairsLeft.Add(l); continue;
                case JoinKind.Anti: if (matches == 0) pairsLeft.Add(l); continue;
            }
            if (matches == 0)
            {
                if (options.Kind is JoinKind.Left or JoinKind.Full) { pairsLeft.Add(l); pairsRight.Add(-1); }
                continue;
            }
            for (var m = offsets[id]; m < offsets[id + 1]; m++)
            {
                pairsLeft.Add(l);
                pairsRight.Add(byKey[m]);
                if (rightMatched != null) rightMatched[byKey[m]] = true;
            }
            if (pairsLeft.Count > Array.MaxLength)
                throw new DataException("JoinTooLarge", DataErrorKind.InvalidData, $"The join yields more than {Array.MaxLength:N0} rows.",
                    "A key repeats on both sides (many-to-many): check the keys, or filter first.");
        }
        if (rightMatched != null)
            for (var r = 0; r < rightMatched.Length; r++)
                if (!rightMatched[r]) { pairsLeft.Add(-1); pairsRight.Add(r); }

        var leftRows = pairsLeft.ToArray();
        // Each left row matched once, in order (a lookup table joined on): the left columns are shared as they are.
        var leftUnchanged = leftRows.Length == left.RowCount && ColumnGather.IsIdentity(leftRows);
        var parameters = new Dictionary<string, string>
        {
            ["Kind"] = options.Kind.ToString(),
            ["On"] = string.Join(",", leftNames),
            ["Right"] = right.Name,
            ["Rows"] = leftRows.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (options.RightOn != null) parameters["RightOn"] = string.Join(",", rightNames);
        var step = new LineageEntry("Join-Dataset", parameters);
        if (options.Kind is JoinKind.Semi or JoinKind.Anti) return ColumnGather.TakeRows(left, leftRows, step);

        var rightRows = pairsRight.ToArray();
        var hasUnmatchedLeft = options.Kind is JoinKind.Right or JoinKind.Full;
        var columns = new Column[left.ColumnCount + right.ColumnCount - rightNames.Count];
        var used = new HashSet<string>(left.Schema.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        var rightKeySet = new HashSet<string>(rightNames, StringComparer.OrdinalIgnoreCase);
        var rightColumns = right.Columns.Where(c => !rightKeySet.Contains(c.Name)).ToList();
        Parallel.For(0, columns.Length, i =>
        {
            if (i < left.ColumnCount)
            {
                var column = left.Columns[i];
                var key = leftNames.FindIndex(k => k.Equals(column.Name, StringComparison.OrdinalIgnoreCase));
                columns[i] = key >= 0 && hasUnmatchedLeft
                    ? ColumnGather.Coalesce(column, leftRows, right[rightNames[key]], rightRows, column.Name)
                    : hasUnmatchedLeft ? ColumnGather.TakeOrMissing(column, leftRows) : leftUnchanged ? column : column.Take(leftRows);
            }
            else
            {
                var column = rightColumns[i - left.ColumnCount];
                columns[i] = ColumnGather.TakeOrMissing(column, rightRows);
            }
        });
        for (var i = left.ColumnCount; i < columns.Length; i++)
        {
            var name = columns[i].Name;
            if (!used.Add(name))
            {
                var renamed = name + options.Suffix;
                for (var k = 2; !used.Add(renamed); k++) renamed = $"{name}{options.Suffix}{k}";
                columns[i] = columns[i].WithName(renamed);
            }
        }
        return new Dataset(left.Name, columns, left.Source, left.Lineage.Append(step));
    }

    private static bool IsNumeric(ColumnType t) => t is ColumnType.Int64 or ColumnType.Double;

    /// <summary>
    /// A key id per row on both sides in one id space built from the right side (-1: missing key, or a left key
    /// the right side does not hold). Several key columns combine pairwise through a hash table of id pairs.
    /// </summary>
    private static (int[] Left, int[] Right, int Count) KeyIds(Dataset left, List<string> leftNames, Dataset right, List<string> rightNames)
    {
        int[]? l = null, r = null;
        var count = 0;
        for (var k = 0; k < leftNames.Count; k++)
        {
            var (lk, rk, ck) = ColumnIds(left[leftNames[k]], right[rightNames[k]]);
            if (l == null) { (l, r, count) = (lk, rk, ck); continue; }
            // Combine: a pair (previous id, this id) gets a new dense id from the right side's pairs.
            var pairs = new Dictionary<long, int>();
            var newRight = new int[rk.Length];
            for (var i = 0; i < rk.Length; i++)
            {
                if (r![i] < 0 || rk[i] < 0) { newRight[i] = -1; continue; }
                var pair = ((long)r[i] << 32) | (uint)rk[i];
                if (!pairs.TryGetValue(pair, out var id)) pairs.Add(pair, id = pairs.Count);
                newRight[i] = id;
            }
            var newLeft = new int[lk.Length];
            for (var i = 0; i < lk.Length; i++)
                newLeft[i] = l[i] < 0 || lk[i] < 0 ? -1 : pairs.TryGetValue(((long)l[i] << 32) | (uint)lk[i], out var id) ? id : -1;
            (l, r, count) = (newLeft, newRight, pairs.Count);
        }
        return (l!, r!, count);
    }

    /// <summary>Ids of one key column pair: right values numbered in order of appearance; left values looked up.</summary>
    private static (int[] Left, int[] Right, int Count) ColumnIds(Column left, Column right)
    {
        if (left is StringColumn ls && right is StringColumn rs) return TextIds(ls, rs);
        if (left.Type != right.Type || left.Type == ColumnType.Double)
            return Ids(ToKeyBits(left), left, ToKeyBits(right), right);
        return Ids(LongKeys(left), left, LongKeys(right), right);
    }

    private static long[] LongKeys(Column c) => c switch
    {
        Int64Column l => l.Values.ToArray(),
        DateTimeColumn t => t.Values.ToArray().Select(v => v.Ticks).ToArray(),
        BooleanColumn b => b.Values.ToArray().Select(v => v ? 1L : 0L).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static long[] ToKeyBits(Column c)
    {
        var result = new long[c.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = GroupKeys.KeyBits(c switch { Int64Column l => l[i], DoubleColumn d => d[i], _ => throw new InvalidOperationException() });
        return result;
    }

    private static (int[], int[], int) Ids(long[] leftKeys, Column left, long[] rightKeys, Column right)
    {
        var map = new Dictionary<long, int>();
        var r = new int[rightKeys.Length];
        for (var i = 0; i < r.Length; i++)
        {
            if (right.IsNull(i)) { r[i] = -1; continue; }
            if (!map.TryGetValue(rightKeys[i], out var id)) map.Add(rightKeys[i], id = map.Count);
            r[i] = id;
        }
        var l = new int[leftKeys.Length];
        for (var i = 0; i < l.Length; i++) l[i] = left.IsNull(i) ? -1 : map.TryGetValue(leftKeys[i], out var id) ? id : -1;
        return (l, r, map.Count);
    }

    private static (int[], int[], int) TextIds(StringColumn left, StringColumn right)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        var r = new int[right.Length];
        for (var i = 0; i < r.Length; i++)
        {
            if (right.IsNull(i)) { r[i] = -1; continue; }
            var span = right.GetSpan(i);
            if (!lookup.TryGetValue(span, out var id)) { id = map.Count; lookup.TryAdd(span, id); }
            r[i] = id;
        }
        var l = new int[left.Length];
        if (left.IsDictionaryEncoded)
        {
            // Look each distinct left value up once.
            var dictionary = left.Dictionary!;
            var idOfCode = new int[dictionary.Count];
            for (var k = 0; k < idOfCode.Length; k++) idOfCode[k] = map.TryGetValue(dictionary[k], out var id) ? id : -1;
            var codes = left.Codes;
            for (var i = 0; i < l.Length; i++) l[i] = codes[i] < 0 ? -1 : idOfCode[codes[i]];
        }
        else
            for (var i = 0; i < l.Length; i++) l[i] = left.IsNull(i) ? -1 : lookup.TryGetValue(left.GetSpan(i), out var id) ? id : -1;
        return (l, r, map.Count);
    }
}
