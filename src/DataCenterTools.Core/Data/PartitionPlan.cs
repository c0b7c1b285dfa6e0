using System.Globalization;

namespace DataCenterTools.Core.Data;

/// <summary>One partition of a plan: its folder relative to the dataset's (<c>region=cn-east/day=2026-11-01</c>) and its rows, in order.</summary>
public sealed record DatasetPartition(string Folder, IReadOnlyList<string> Values, int[] Rows);

/// <summary>
/// How a Dataset splits into Hive-style partitions by some of its columns: every distinct combination of their values
/// is one folder <c>col1=v1/col2=v2</c> (values as <see cref="HivePartitionValue"/> writes them), holding that
/// combination's rows in their original order, without the partition columns (the Hive convention: the folder names
/// carry them). Every value is checked here, so a value that cannot be a folder name is an error before anything is
/// written. Partitions are in the order their first row appears.
/// </summary>
public sealed class PartitionPlan
{
    private PartitionPlan(Dataset dataset, string[] columns, List<DatasetPartition> partitions)
    {
        Dataset = dataset;
        Columns = columns;
        Partitions = partitions;
    }

    public Dataset Dataset { get; }
    /// <summary>The partition columns, as the Dataset names them, in folder order.</summary>
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<DatasetPartition> Partitions { get; }

    public static PartitionPlan Create(Dataset dataset, IReadOnlyList<string> partitionBy)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (partitionBy.Count == 0)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, "{option:PartitionBy} names no column.", "Give one or more column names, e.g. {option:PartitionBy} region,day.");
        var columns = new Column[partitionBy.Count];
        for (var k = 0; k < partitionBy.Count; k++)
        {
            if (!dataset.TryGetColumn(partitionBy[k], out columns[k]))
                throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                    $"{{option:PartitionBy}} names '{partitionBy[k]}', which the dataset '{dataset.Name}' does not have.",
                    $"Use one of: {string.Join(", ", dataset.Schema.Select(c => c.Name))}.", column: partitionBy[k]);
            if (columns.Take(k).Any(c => c.Name.Equals(columns[k].Name, StringComparison.OrdinalIgnoreCase)))
                throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, $"{{option:PartitionBy}} names '{columns[k].Name}' twice.", "Name each column once.", column: columns[k].Name);
            if (HivePartitionValue.TextProblem(columns[k].Name) is { } bad)
                throw new DataException("PartitionValueInvalid", DataErrorKind.InvalidArgument,
                    $"The column name '{columns[k].Name}' cannot be a partition folder name: {bad}.", "Rename the column first (Rename-DataColumn).", column: columns[k].Name);
        }
        if (columns.Length == dataset.ColumnCount)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument,
                "{option:PartitionBy} names every column, so the partition files would hold no column.", "Leave at least one column out of {option:PartitionBy}.");

        // Each row's partition id, built one column at a time: (id so far, this column's value code) -> id.
        var ids = new int[dataset.RowCount];
        var rendered = new List<string[]> { Array.Empty<string>() };
        foreach (var column in columns)
        {
            var codes = ValueCodes(column, out var texts);
            var combined = new Dictionary<(int, int), int>();
            var next = new List<string[]>();
            for (var row = 0; row < ids.Length; row++)
            {
                var key = (ids[row], codes[row]);
                if (!combined.TryGetValue(key, out var id))
                {
                    id = next.Count;
                    combined.Add(key, id);
                    next.Add([.. rendered[ids[row]], $"{column.Name}={texts[codes[row]]}"]);
                }
                ids[row] = id;
            }
            rendered = next;
        }
        if (dataset.RowCount == 0) rendered = [];
        var counts = new int[rendered.Count];
        foreach (var id in ids) counts[id]++;
        var rows = counts.Select(n => new int[n]).ToArray();
        var filled = new int[rendered.Count];
        for (var row = 0; row < ids.Length; row++) rows[ids[row]][filled[ids[row]]++] = row;
        var partitions = new List<DatasetPartition>(rendered.Count);
        for (var p = 0; p < rendered.Count; p++)
        {
            foreach (var segment in rendered[p])
                if (HivePartitionValue.SegmentProblem(segment) is { } tooLong)
                    throw new DataException("PartitionValueInvalid", DataErrorKind.InvalidData, $"A partition folder name cannot be written: {tooLong}.", "Shorten the values of that column, or partition by another column.");
            partitions.Add(new DatasetPartition(string.Join('/', rendered[p]), rendered[p].Select(s => s[(s.IndexOf('=') + 1)..]).ToArray(), rows[p]));
        }
        return new PartitionPlan(dataset, columns.Select(c => c.Name).ToArray(), partitions);
    }

    /// <summary>The rows of one partition without the partition columns: what its file holds.</summary>
    public Dataset Slice(DatasetPartition partition)
    {
        var keep = Dataset.Columns.Where(c => !Columns.Contains(c.Name, StringComparer.OrdinalIgnoreCase));
        var all = partition.Rows.Length == Dataset.RowCount;
        return new Dataset(Dataset.Name, all ? keep : keep.Select(c => c.Take(partition.Rows)), Dataset.Source, Dataset.Lineage);
    }

    /// <summary>A code per row for the column's distinct values, and each code's folder text; a value that cannot be one is an error naming it.</summary>
    private static int[] ValueCodes(Column column, out List<string> texts)
    {
        var codes = new int[column.Length];
        var index = new Dictionary<object, int>();
        var list = new List<string>();
        var nullCode = -1;
        for (var row = 0; row < codes.Length; row++)
        {
            var value = column.GetValue(row);
            int code;
            if (value == null)
            {
                if (nullCode < 0) { nullCode = list.Count; list.Add(HivePartitionValue.DefaultPartition); }
                code = nullCode;
            }
            else if (!index.TryGetValue(value, out code))
            {
                code = list.Count;
                list.Add(HivePartitionValue.Render(value, out var problem) ?? throw Invalid(column, value, row, problem!));
                index.Add(value, code);
            }
            codes[row] = code;
        }
        texts = list;
        return codes;
    }

    private static DataException Invalid(Column column, object value, int row, string problem)
    {
        var shown = value is DateTime t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Printable(value.ToString()!);
        var fix = value is DateTime
            ? $"Partition by the day instead: Add-DataColumn -Name day -Expression 'date([{column.Name}])', then {{option:PartitionBy}} day."
            : $"Replace those values first (Add-DataColumn -Name '{column.Name}' -Expression ... -Force), or partition by another column.";
        return new DataException("PartitionValueInvalid", DataErrorKind.InvalidData,
            $"Column '{column.Name}' has the value '{shown}' (row {row + 1:N0}), which cannot be a partition folder name: {problem}. Nothing was written.", fix, column: column.Name);
    }

    private static string Printable(string text)
    {
        var shown = string.Concat(text.Select(ch => char.IsControl(ch) ? $"\\u{(int)ch:X4}" : ch.ToString()));
        return shown.Length > 60 ? shown[..60] + "…" : shown;
    }
}
