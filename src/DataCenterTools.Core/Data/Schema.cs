namespace DataCenterTools.Core.Data;

/// <summary>One column's entry in a schema: its name, type and how many cells are missing.</summary>
public sealed record ColumnSchema(string Name, ColumnType Type, int Nulls)
{
    public override string ToString() => $"{Name}: {Type}";
}

/// <summary>The ordered list of a dataset's columns, looked up by name (case-insensitive, like PowerShell).</summary>
public sealed class Schema : IReadOnlyList<ColumnSchema>
{
    private readonly ColumnSchema[] _columns;
    private readonly Dictionary<string, int> _index;

    public Schema(IEnumerable<ColumnSchema> columns)
    {
        _columns = columns.ToArray();
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _columns.Length; i++)
            if (!_index.TryAdd(_columns[i].Name, i))
                throw new ArgumentException($"Duplicate column name '{_columns[i].Name}'.");
    }

    public ColumnSchema this[int index] => _columns[index];
    public ColumnSchema this[string name] => _columns[IndexOf(name) is var i and >= 0 ? i : throw new KeyNotFoundException($"No column named '{name}'.")];
    public int Count => _columns.Length;
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;
    public bool Contains(string name) => _index.ContainsKey(name);
    public IEnumerator<ColumnSchema> GetEnumerator() => ((IEnumerable<ColumnSchema>)_columns).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => string.Join(", ", _columns.Select(c => c.ToString()));
}
