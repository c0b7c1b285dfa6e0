using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Select-DataColumn, Rename-DataColumn and Add-DataColumn: new Datasets sharing the columns they keep.</summary>
public static class ColumnSelection
{
    /// <summary>
    /// The columns named (wildcards allowed) in the order given, or every column when none is given, less those
    /// <paramref name="exclude"/> matches. A name or wildcard in <paramref name="columns"/> that matches nothing is
    /// DataCenterTools.ColumnNotFound; an exclusion that matches nothing changes nothing.
    /// </summary>
    public static Dataset Select(Dataset dataset, IReadOnlyList<string>? columns, IReadOnlyList<string>? exclude)
    {
        var chosen = columns is { Count: > 0 } ? ColumnNames.Resolve(dataset.Schema, columns, "{option:Column}") : dataset.Schema.Select(c => c.Name).ToList();
        var dropped = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in exclude ?? []) foreach (var m in ColumnNames.Match(dataset.Schema, pattern)) dropped.Add(m);
        var kept = chosen.Where(c => !dropped.Contains(c)).ToList();
        var parameters = new Dictionary<string, string> { ["Columns"] = string.Join(",", kept) };
        if (dropped.Count > 0) parameters["Excluded"] = string.Join(",", dropped);
        return dataset.WithColumns(kept.Select(name => dataset[name]), new LineageEntry("Select-DataColumn", parameters));
    }

    /// <summary>
    /// Renames columns (old name to new name; names ignore case). An unknown old name is
    /// DataCenterTools.ColumnNotFound; a new name that another column keeps is DataCenterTools.ColumnExists.
    /// </summary>
    public static Dataset Rename(Dataset dataset, IReadOnlyDictionary<string, string> names)
    {
        if (names.Count == 0) throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, "{option:NewName} holds no column to rename.", "Write {option:NewName} @{ old = 'new' }.");
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (from, to) in names)
        {
            var source = ColumnNames.Single(dataset.Schema, from, "{option:NewName}");
            if (string.IsNullOrWhiteSpace(to))
                throw new DataException("InvalidColumnName", DataErrorKind.InvalidArgument, $"{{option:NewName}} gives column '{source}' an empty name.", "Give each column a name.");
            map[source] = to;
        }
        var result = dataset.Columns.Select(c => map.TryGetValue(c.Name, out var to) ? c.WithName(to) : c).ToList();
        var clash = result.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
            throw new DataException("ColumnExists", DataErrorKind.ResourceExists,
                $"Renaming would give two columns the name '{clash.Key}'.", "Rename or drop the other column first (Select-DataColumn -Exclude).", column: clash.Key);
        var parameters = map.ToDictionary(p => p.Key, p => p.Value);
        return dataset.WithColumns(result, new LineageEntry("Rename-DataColumn", parameters));
    }

    /// <summary>
    /// A column computed from an expression, added last (or, with <paramref name="replace"/>, in place of the column
    /// of that name). Without <paramref name="replace"/> an existing name is DataCenterTools.ColumnExists.
    /// </summary>
    public static QueryResult Add(Dataset dataset, string name, string expression, bool replace, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new DataException("InvalidColumnName", DataErrorKind.InvalidArgument, "{option:Name} is empty.", "Give the new column a name.");
        var existing = dataset.Schema.IndexOf(name);
        if (existing >= 0 && !replace)
            throw new DataException("ColumnExists", DataErrorKind.ResourceExists,
                $"Dataset '{dataset.Name}' already has a column '{dataset.Schema[existing].Name}'.", "Add {option:Force} to replace it, or choose another {option:Name}.", column: name);
        var compiled = DataExpression.Compile(dataset, expression);
        var column = compiled.Evaluate(existing >= 0 ? dataset.Schema[existing].Name : name, out var warnings, cancellation);
        var columns = dataset.Columns.ToList();
        if (existing >= 0) columns[existing] = column; else columns.Add(column);
        var step = new LineageEntry("Add-DataColumn", new Dictionary<string, string>
        {
            ["Name"] = column.Name,
            ["Expression"] = expression,
            ["Type"] = column.Type.ToString(),
            ["Replaced"] = (existing >= 0).ToString(),
        });
        return new QueryResult(dataset.WithColumns(columns, step), warnings);
    }
}
