namespace DataCenterTools.Core.Data;

/// <summary>
/// The rows of several Datasets one after another, columns matched by name (ignoring case) in the first Dataset's
/// order: what Merge-Dataset (Query.DatasetConcat) and a partitioned folder's import (PartitionedDatasetReader) share.
/// Int64 and Double meet as Double; any other type clash is DataCenterTools.SchemaMismatch naming the column, both
/// types and both parts. A column some parts lack is an error too, unless <c>allowMissingColumns</c> fills it with
/// missing cells (columns only later parts have are added at the end).
/// </summary>
public static class DatasetAppend
{
    /// <summary>
    /// The appended columns. <paramref name="files"/>, when given (one per part), is the file each part came from,
    /// named in a schema error so the user knows which file to fix.
    /// </summary>
    public static Column[] Columns(IReadOnlyList<Dataset> parts, bool allowMissingColumns, IReadOnlyList<string>? files = null)
    {
        var names = new List<string>();
        var types = new Dictionary<string, ColumnType>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < parts.Count; p++)
            foreach (var c in parts[p].Schema)
            {
                if (!types.TryGetValue(c.Name, out var t)) { types[c.Name] = c.Type; names.Add(c.Name); continue; }
                if (t == c.Type) continue;
                if (t is ColumnType.Int64 or ColumnType.Double && c.Type is ColumnType.Int64 or ColumnType.Double) { types[c.Name] = ColumnType.Double; continue; }
                var first = parts.First(x => x.TryGetColumn(c.Name, out var col) && col.Type == t);
                throw new DataException("SchemaMismatch", DataErrorKind.InvalidData,
                    $"Column '{c.Name}' is {t} in '{first.Name}' but {c.Type} in '{parts[p].Name}'.",
                    $"Convert one of them first: Add-DataColumn -Name '{c.Name}' -Expression 'cast([{c.Name}] as {t})' -Force.", files?[p], column: c.Name);
            }
        if (!allowMissingColumns)
            for (var p = 0; p < parts.Count; p++)
                foreach (var name in names)
                    if (!parts[p].Schema.Contains(name))
                        throw new DataException("SchemaMismatch", DataErrorKind.InvalidData,
                            $"'{parts[p].Name}' has no column '{name}', which '{parts.First(x => x.Schema.Contains(name)).Name}' has.",
                            "Add {option:AllowMissingColumn} to fill it with missing cells, or select the same columns first (Select-DataColumn).", files?[p], column: name);
        var total = parts.Sum(d => (long)d.RowCount);
        if (total > Array.MaxLength)
            throw new DataException("DatasetTooLarge", DataErrorKind.InvalidData, $"The merged Dataset would hold {total:N0} rows, more than {Array.MaxLength:N0}.", "Merge fewer Datasets, or export them to one file set (Export-Dataset) and stream it.");
        var columns = new Column[names.Count];
        var lengths = parts.Select(d => d.RowCount).ToList();
        Parallel.For(0, names.Count, i =>
        {
            var columnParts = parts.Select(d => d.TryGetColumn(names[i], out var c) ? c : null).ToList();
            columns[i] = Append(names[i], types[names[i]], columnParts, lengths);
        });
        return columns;
    }

    /// <summary>One column from the parts (null where a Dataset lacks it: missing cells).</summary>
    private static Column Append(string name, ColumnType type, List<Column?> parts, List<int> lengths)
    {
        var n = lengths.Sum();
        var missing = new ValidityBitmap.Builder(n);
        var at = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            for (var i = 0; i < lengths[p]; i++) if (part == null || part.IsNull(i)) missing.SetNull(at + i);
            at += lengths[p];
        }
        missing.SetLength(n);
        var validity = missing.Build();
        switch (type)
        {
            case ColumnType.Int64: return new Int64Column(name, Copy<long>(parts, lengths, n, (c, into) => ((Int64Column)c).Values.CopyTo(into)), n, validity);
            case ColumnType.Double: return new DoubleColumn(name, Copy<double>(parts, lengths, n, CopyAsDouble), n, validity);
            case ColumnType.Boolean: return new BooleanColumn(name, Copy<bool>(parts, lengths, n, (c, into) => ((BooleanColumn)c).Values.CopyTo(into)), n, validity);
            case ColumnType.DateTime: return new DateTimeColumn(name, Copy<DateTime>(parts, lengths, n, (c, into) => ((DateTimeColumn)c).Values.CopyTo(into)), n, validity);
            default: return AppendText(name, parts, lengths, n);
        }
    }

    private static void CopyAsDouble(Column column, Span<double> into)
    {
        if (column is DoubleColumn d) { d.Values.CopyTo(into); return; }
        var longs = ((Int64Column)column).Values;
        for (var i = 0; i < longs.Length; i++) into[i] = longs[i];
    }

    private delegate void CopyInto<T>(Column column, Span<T> into);

    private static T[] Copy<T>(List<Column?> parts, List<int> lengths, int n, CopyInto<T> copy)
    {
        var result = new T[n];
        var at = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            if (parts[p] is { } part) copy(part, result.AsSpan(at, lengths[p]));
            at += lengths[p];
        }
        return result;
    }

    private static StringColumn AppendText(string name, List<Column?> parts, List<int> lengths, int n)
    {
        var texts = parts.Select(p => p as StringColumn).ToList();
        if (texts.All(t => t == null || t.IsDictionaryEncoded))
        {
            // One dictionary for all parts: each part's codes remapped once per distinct value.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            var codes = new int[n];
            var at = 0;
            for (var p = 0; p < texts.Count; p++)
            {
                if (texts[p] is not { } t) { codes.AsSpan(at, lengths[p]).Fill(-1); at += lengths[p]; continue; }
                var map = new int[t.Dictionary!.Count];
                for (var k = 0; k < map.Length; k++)
                {
                    if (!index.TryGetValue(t.Dictionary[k], out var code)) { code = dictionary.Count; index.Add(t.Dictionary[k], code); dictionary.Add(t.Dictionary[k]); }
                    map[k] = code;
                }
                var source = t.Codes;
                for (var i = 0; i < source.Length; i++) codes[at + i] = source[i] < 0 ? -1 : map[source[i]];
                at += lengths[p];
            }
            return new StringColumn(name, codes, dictionary.ToArray(), n);
        }
        var builder = new StringColumnBuilder(n, dictionaryFirst: false);
        for (var p = 0; p < texts.Count; p++)
        {
            var t = texts[p];
            for (var i = 0; i < lengths[p]; i++)
            {
                if (t == null || t.IsNull(i)) builder.AppendNull();
                else builder.Append(t.GetSpan(i));
            }
        }
        return builder.Build(name);
    }
}
