using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>
/// Which fields of a corpus hold the text and the document id. Text: -TextColumn, else "text", else "content".
/// Id: -IdColumn, else "id" when present, else a stable id made from the file (or dataset) name and the line.
/// </summary>
public static class CorpusColumns
{
    public static readonly string[] DefaultTextNames = ["text", "content"];

    /// <summary>The text field among <paramref name="available"/>; a TextColumnNotFound error names the nearest ones.</summary>
    public static string ResolveText(IReadOnlyCollection<string> available, string? requested, string where)
    {
        if (requested != null)
            return available.FirstOrDefault(a => string.Equals(a, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw NotFound("TextColumnNotFound", requested, available, where, "{option:TextColumn}");
        foreach (var name in DefaultTextNames)
            if (available.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) is { } found) return found;
        throw NotFound("TextColumnNotFound", "text", available, where, "{option:TextColumn}");
    }

    /// <summary>The id field, or null when ids are to be made from the file and line.</summary>
    public static string? ResolveId(IReadOnlyCollection<string> available, string? requested, string where)
    {
        if (requested != null)
            return available.FirstOrDefault(a => string.Equals(a, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw NotFound("IdColumnNotFound", requested, available, where, "{option:IdColumn}");
        return available.FirstOrDefault(a => string.Equals(a, "id", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The id a document without an id field gets: the file name and its line (or row) number.</summary>
    public static string StableId(string file, long line) => $"{Path.GetFileName(file)}:{line}";

    /// <summary>The text column of a Dataset, which must hold strings.</summary>
    public static StringColumn TextOf(Dataset dataset, string? requested)
    {
        var name = ResolveText(dataset.Columns.Select(c => c.Name).ToList(), requested, $"dataset '{dataset.Name}'");
        return dataset[name] as StringColumn ?? throw new DataException("TextColumnNotText", DataErrorKind.InvalidArgument,
            $"Column '{name}' of dataset '{dataset.Name}' holds {dataset[name].Type} values, not text.", "Give the text column with {option:TextColumn}.", column: name);
    }

    /// <summary>The ids of a Dataset's rows: the id column's values as text, or "name:row" (1-based) where there is none or a cell is missing.</summary>
    public static string[] IdsOf(Dataset dataset, string? requested)
    {
        var name = ResolveId(dataset.Columns.Select(c => c.Name).ToList(), requested, $"dataset '{dataset.Name}'");
        var ids = new string[dataset.RowCount];
        var column = name == null ? null : dataset[name];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = column?.GetValue(i) is { } v ? CellParser.Format(v) : $"{dataset.Name}:{i + 1}";
        return ids;
    }

    private static DataException NotFound(string id, string requested, IReadOnlyCollection<string> available, string where, string parameter)
    {
        var nearest = available.OrderBy(a => EditDistance(a.ToLowerInvariant(), requested.ToLowerInvariant())).ThenBy(a => a, StringComparer.Ordinal).Take(3).ToList();
        return new DataException(id, DataErrorKind.ObjectNotFound,
            $"There is no field '{requested}' in {where}." + (nearest.Count > 0 ? $" Nearest names: {string.Join(", ", nearest)}." : " It has no fields."),
            $"Name the field with {parameter}.", column: requested);
    }

    /// <summary>Levenshtein distance (small strings: field names).</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
