using DataCenterTools.Core.Data;
namespace DataCenterTools.Core.Query;

/// <summary>One sort key: a column and its direction.</summary>
public sealed record SortKey(string Column, bool Descending = false)
{
    /// <summary>
    /// Keys as users write them: a column name, optionally followed by ' desc' or ' asc' ('cpu_pct desc');
    /// <paramref name="descending"/> sets the direction of keys that do not say. A name the Dataset has wins over
    /// reading a suffix, so a column called 'a desc' still sorts ascending.
    /// </summary>
    public static IReadOnlyList<SortKey> ParseAll(Schema schema, IEnumerable<string> keys, bool descending)
    {
        var result = new List<SortKey>();
        foreach (var key in keys)
        {
            var text = key.Trim();
            if (schema.Contains(text)) { result.Add(new SortKey(schema[text].Name, descending)); continue; }
            var space = text.LastIndexOf(' ');
            var suffix = space > 0 ? text[(space + 1)..].ToLowerInvariant() : "";
            if (suffix is "desc" or "asc" or "descending" or "ascending")
                result.Add(new SortKey(ColumnNames.Single(schema, text[..space].TrimEnd(), "{option:OrderBy}"), suffix.StartsWith("desc", StringComparison.Ordinal)));
            else
                result.Add(new SortKey(ColumnNames.Single(schema, text, "{option:OrderBy}"), descending));
        }
        return result;
    }
}
