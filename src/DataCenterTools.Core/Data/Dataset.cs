namespace DataCenterTools.Core.Data;

/// <summary>
/// An immutable, typed, columnar table: what flows along the pipeline. Transforms return a new
/// Dataset that shares the columns they did not change.
/// </summary>
public sealed class Dataset
{
    private readonly Column[] _columns;

    public Dataset(string name, IEnumerable<Column> columns, DataSource? source = null, IEnumerable<LineageEntry>? lineage = null)
    {
        _columns = columns.ToArray();
        Name = name;
        Source = source;
        Lineage = (lineage ?? []).ToArray();
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        foreach (var column in _columns)
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; expected {RowCount}.");
        Schema = new Schema(_columns.Select(c => new ColumnSchema(c.Name, c.Type, c.NullCount)));
    }

    public string Name { get; }
    public Schema Schema { get; }
    public IReadOnlyList<Column> Columns => _columns;
    public int RowCount { get; }
    public int ColumnCount => _columns.Length;
    public DataSource? Source { get; }
    public IReadOnlyList<LineageEntry> Lineage { get; }

    /// <summary>How the file was read (lines, rows, bad rows, warnings), set by the readers; null after a transform.</summary>
    public ImportReport? ImportReport { get; init; }

    /// <summary>The file line each row began on, set by the delimited-text readers; null after a transform and for other formats.</summary>
    public SourceLines? SourceLines { get; init; }

    /// <summary>Approximate bytes held in memory by the column storage.</summary>
    public long EstimatedBytes => _columns.Sum(c => c.EstimatedBytes);

    public Column this[string name] => _columns[Schema.IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"No column named '{name}'.")];
    public Column this[int index] => _columns[index];

    public bool TryGetColumn(string name, out Column column)
    {
        var i = Schema.IndexOf(name);
        column = i >= 0 ? _columns[i] : null!;
        return i >= 0;
    }

    /// <summary>A new dataset with these columns, keeping name and source, and one more lineage step.</summary>
    public Dataset WithColumns(IEnumerable<Column> columns, LineageEntry step) =>
        new(Name, columns, Source, Lineage.Append(step));

    public Dataset WithName(string name) => new(name, _columns, Source, Lineage);

    public Dataset WithLineage(LineageEntry step) => new(Name, _columns, Source, Lineage.Append(step));

    /// <summary>The first <paramref name="count"/> rows.</summary>
    public Dataset Head(int count)
    {
        var n = Math.Clamp(count, 0, RowCount);
        if (n == RowCount) return this;
        var rows = Enumerable.Range(0, n).ToArray();
        return new Dataset(Name, _columns.Select(c => c.Take(rows)), Source, Lineage);
    }

    /// <summary>The given rows, in the given order, as a new dataset named <paramref name="name"/> with one more lineage step.</summary>
    public Dataset TakeRows(ReadOnlySpan<int> rows, string name, LineageEntry step)
    {
        var columns = new List<Column>(_columns.Length);
        foreach (var c in _columns) columns.Add(c.Take(rows));
        return new Dataset(name, columns, Source, Lineage.Append(step));
    }

    public override string ToString() => $"{Name} ({RowCount} rows x {ColumnCount} columns)";
}
