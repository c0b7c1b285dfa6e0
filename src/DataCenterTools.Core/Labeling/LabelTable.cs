using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Labeling;

/// <summary>The names of the long-form label columns.</summary>
public sealed record LabelColumns(string Item = "item", string Annotator = "annotator", string Label = "label");

/// <summary>
/// Long-form labels encoded as parallel int arrays (item, annotator, category per row), so
/// agreement and consensus run over millions of rows without per-row objects.
/// </summary>
public sealed class LabelTable
{
    private LabelTable(int[] items, int[] annotators, int[] labels, string[] itemNames, string[] annotatorNames,
        string[] categories, int undeclared)
    {
        ItemOf = items;
        AnnotatorOf = annotators;
        LabelOf = labels;
        ItemNames = itemNames;
        AnnotatorNames = annotatorNames;
        Categories = categories;
        UndeclaredLabelRows = undeclared;
    }

    /// <summary>Per label row: the item index.</summary>
    public int[] ItemOf { get; }
    /// <summary>Per label row: the annotator index.</summary>
    public int[] AnnotatorOf { get; }
    /// <summary>Per label row: the category index (into <see cref="Categories"/>).</summary>
    public int[] LabelOf { get; }
    public string[] ItemNames { get; }
    public string[] AnnotatorNames { get; }
    /// <summary>The categories in their order: the declared order, else numeric or ordinal sort order.</summary>
    public string[] Categories { get; }
    /// <summary>Label rows whose label was not in the declared set (kept, appended to the categories).</summary>
    public int UndeclaredLabelRows { get; }
    public int RowCount => LabelOf.Length;

    /// <summary>Encodes a long-form label Dataset. Rows with a missing item, annotator or label are skipped and counted.</summary>
    public static LabelTable FromDataset(Dataset dataset, LabelColumns columns, IReadOnlyList<string>? order, out int skippedRows)
    {
        var item = RequireColumn(dataset, columns.Item);
        var annotator = RequireColumn(dataset, columns.Annotator);
        var label = RequireColumn(dataset, columns.Label);
        var n = dataset.RowCount;
        var itemOf = new List<int>(n);
        var annotatorOf = new List<int>(n);
        var rawLabelOf = new List<int>(n);
        var itemCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var annotatorCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelCodes = new Dictionary<string, int>(StringComparer.Ordinal);
        skippedRows = 0;
        var itemCode = Coder(item, itemCodes);
        var annotatorCode = Coder(annotator, annotatorCodes);
        var labelCode = Coder(label, labelCodes);
        for (var row = 0; row < n; row++)
        {
            if (item.IsNull(row) || annotator.IsNull(row) || label.IsNull(row)) { skippedRows++; continue; }
            itemOf.Add(itemCode(row));
            annotatorOf.Add(annotatorCode(row));
            rawLabelOf.Add(labelCode(row));
        }

        var categories = OrderCategories(labelCodes.Keys, order, out var declaredCount);
        var remap = new int[labelCodes.Count];
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < categories.Length; c++) position[categories[c]] = c;
        foreach (var (text, code) in labelCodes) remap[code] = position[text];
        var labelOf = new int[rawLabelOf.Count];
        var undeclared = 0;
        for (var r = 0; r < labelOf.Length; r++)
        {
            labelOf[r] = remap[rawLabelOf[r]];
            if (order != null && labelOf[r] >= declaredCount) undeclared++;
        }
        return new LabelTable(itemOf.ToArray(), annotatorOf.ToArray(), labelOf, Names(itemCodes), Names(annotatorCodes), categories, undeclared);
    }

    /// <summary>
    /// The declared order (labels found outside it appended, sorted), or when none is declared:
    /// numeric order if every label is a number, else ordinal string order.
    /// </summary>
    internal static string[] OrderCategories(IEnumerable<string> found, IReadOnlyList<string>? order, out int declaredCount)
    {
        var foundSorted = SortLabels(found);
        if (order == null) { declaredCount = foundSorted.Length; return foundSorted; }
        var declared = order.Distinct(StringComparer.Ordinal).ToList();
        declaredCount = declared.Count;
        var set = new HashSet<string>(declared, StringComparer.Ordinal);
        declared.AddRange(foundSorted.Where(l => !set.Contains(l)));
        return declared.ToArray();
    }

    internal static string[] SortLabels(IEnumerable<string> labels)
    {
        var all = labels.ToArray();
        var numbers = new double[all.Length];
        var numeric = all.Length > 0;
        for (var i = 0; i < all.Length && numeric; i++)
            numeric = double.TryParse(all[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
        if (numeric) Array.Sort(numbers, all);
        else Array.Sort(all, StringComparer.Ordinal);
        return all;
    }

    /// <summary>The numeric value of each category, or null when any category is not a number.</summary>
    public double[]? NumericCategories()
    {
        var values = new double[Categories.Length];
        for (var c = 0; c < values.Length; c++)
            if (!double.TryParse(Categories[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c])) return null;
        return values;
    }

    /// <summary>Label rows grouped by item: row indices of item i are Rows[Starts[i]..Starts[i+1]).</summary>
    public (int[] Starts, int[] Rows) RowsByItem()
    {
        var starts = new int[ItemNames.Length + 1];
        foreach (var i in ItemOf) starts[i + 1]++;
        for (var i = 0; i < ItemNames.Length; i++) starts[i + 1] += starts[i];
        var fill = starts[..^1].ToArray();
        var rows = new int[ItemOf.Length];
        for (var r = 0; r < ItemOf.Length; r++) rows[fill[ItemOf[r]]++] = r;
        return (starts, rows);
    }

    internal static Column RequireColumn(Dataset dataset, string name) =>
        dataset.TryGetColumn(name, out var column) ? column
            : throw new DataException("ColumnNotFound", DataErrorKind.InvalidArgument,
                $"Dataset '{dataset.Name}' has no column '{name}'. Its columns: {string.Join(", ", dataset.Schema.Select(c => c.Name))}.",
                "Name the long-form columns with {option:ItemColumn}, {option:AnnotatorColumn} and {option:LabelColumn}, or convert a wide table with Import-DatasetLabel first.",
                column: name);

    internal static string? CellText(Column column, int row) => column switch
    {
        StringColumn s => s[row],
        _ when column.IsNull(row) => null,
        DoubleColumn d => d[row].ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(column.GetValue(row), CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Codes a column's cells in order of first appearance. String cells are looked up by their characters,
    /// so a million label rows do not allocate a million strings.
    /// </summary>
    private static Func<int, int> Coder(Column column, Dictionary<string, int> codes)
    {
        if (column is not StringColumn strings) return row => Code(codes, CellText(column, row)!);
        if (strings.IsDictionaryEncoded)
        {
            // One lookup per dictionary entry, then an array index per row.
            var dictionary = strings.Dictionary!;
            var mapped = new int[dictionary.Count];
            Array.Fill(mapped, -1);
            return row =>
            {
                var entry = strings.Codes[row];
                return mapped[entry] >= 0 ? mapped[entry] : mapped[entry] = Code(codes, dictionary[entry]);
            };
        }
        var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
        return row =>
        {
            var text = strings.GetSpan(row);
            if (!lookup.TryGetValue(text, out var code)) codes[text.ToString()] = code = codes.Count;
            return code;
        };
    }

    private static int Code(Dictionary<string, int> codes, string text)
    {
        if (!codes.TryGetValue(text, out var code)) codes[text] = code = codes.Count;
        return code;
    }

    private static string[] Names(Dictionary<string, int> codes)
    {
        var names = new string[codes.Count];
        foreach (var (text, code) in codes) names[code] = text;
        return names;
    }
}
