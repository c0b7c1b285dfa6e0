using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Management;

/// <summary>How one column differs between a reference and a difference dataset.</summary>
public sealed record ColumnComparison
{
    public required string Column { get; init; }
    /// <summary>Added, Removed, Retyped, Changed or Unchanged.</summary>
    public required string Change { get; init; }
    public ColumnType? ReferenceType { get; init; }
    public ColumnType? DifferenceType { get; init; }
    public int ReferenceRows { get; init; }
    public int DifferenceRows { get; init; }
    public int? ReferenceNulls { get; init; }
    public int? DifferenceNulls { get; init; }
    /// <summary>Mean of the non-null values, for Int64 and Double columns.</summary>
    public double? ReferenceMean { get; init; }
    public double? DifferenceMean { get; init; }
    public int? ReferenceDistinct { get; init; }
    public int? DifferenceDistinct { get; init; }
    /// <summary>Cells that differ row by row; null when the rows do not align (different counts) or the types differ.</summary>
    public int? ChangedCells { get; init; }
    public string Reference { get; init; } = "";
    public string Difference { get; init; } = "";
}

/// <summary>Compares two datasets column by column: schema changes, nulls, means, distinct counts and changed cells.</summary>
public static class DatasetVersionComparison
{
    public static IReadOnlyList<ColumnComparison> Compare(Dataset reference, Dataset difference, string referenceLabel, string differenceLabel)
    {
        var result = new List<ColumnComparison>();
        var names = reference.Schema.Select(c => c.Name)
            .Concat(difference.Schema.Select(c => c.Name).Where(n => !reference.Schema.Contains(n)));
        foreach (var name in names)
        {
            reference.TryGetColumn(name, out var r);
            difference.TryGetColumn(name, out var d);
            int? changed = r != null && d != null && r.Type == d.Type && r.Length == d.Length ? ChangedCells(r, d) : null;
            var rStats = r == null ? default : Stats(r);
            var dStats = d == null ? default : Stats(d);
            var change = r == null ? "Added"
                : d == null ? "Removed"
                : r.Type != d.Type ? "Retyped"
                : changed > 0 || (changed == null && (rStats != dStats)) ? "Changed"
                : "Unchanged";
            result.Add(new ColumnComparison
            {
                Column = name,
                Change = change,
                ReferenceType = r?.Type,
                DifferenceType = d?.Type,
                ReferenceRows = reference.RowCount,
                DifferenceRows = difference.RowCount,
                ReferenceNulls = r?.NullCount,
                DifferenceNulls = d?.NullCount,
                ReferenceMean = rStats.Mean,
                DifferenceMean = dStats.Mean,
                ReferenceDistinct = r == null ? null : rStats.Distinct,
                DifferenceDistinct = d == null ? null : dStats.Distinct,
                ChangedCells = changed,
                Reference = referenceLabel,
                Difference = differenceLabel,
            });
        }
        return result;
    }

    private readonly record struct ColumnStats(double? Mean, int Distinct, int Nulls, int Length);

    private static ColumnStats Stats(Column column)
    {
        double? mean = null;
        if (column is DoubleColumn or Int64Column)
        {
            double sum = 0;
            var n = 0;
            for (var i = 0; i < column.Length; i++)
            {
                if (column.IsNull(i)) continue;
                sum += column is DoubleColumn dc ? dc[i] : ((Int64Column)column)[i];
                n++;
            }
            mean = n == 0 ? null : sum / n;
        }
        var distinct = new HashSet<object>();
        for (var i = 0; i < column.Length; i++)
            if (column.GetValue(i) is { } v) distinct.Add(v);
        return new ColumnStats(mean, distinct.Count, column.NullCount, column.Length);
    }

    private static int ChangedCells(Column reference, Column difference)
    {
        var changed = 0;
        for (var i = 0; i < reference.Length; i++)
            if (!Equals(reference.GetValue(i), difference.GetValue(i))) changed++;
        return changed;
    }
}
