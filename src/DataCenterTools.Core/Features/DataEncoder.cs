using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>How an encoder turns categories into numbers; the definitions are scikit-learn's.</summary>
public enum EncodingMethod
{
    /// <summary>OneHotEncoder: one 0/1 Int64 column per category, named &lt;column&gt;_&lt;category&gt;, replacing the column.</summary>
    OneHot,
    /// <summary>OrdinalEncoder: the sorted categories numbered 0..n-1, as one Int64 column.</summary>
    Ordinal,
}

/// <summary>What to do with a category the encoder did not see when it was fitted (scikit-learn's handle_unknown).</summary>
public enum UnknownCategoryHandling
{
    /// <summary>Stop with a DataCenterTools.UnknownCategory error that names the column and the value.</summary>
    Error,
    /// <summary>OneHot: all indicator columns 0. Ordinal: the cell becomes missing.</summary>
    Ignore,
}

/// <summary>One column's fitted categories, sorted as scikit-learn sorts them (numbers numerically, text by code point).</summary>
public sealed class ColumnCategories
{
    public string Column { get; set; } = "";

    /// <summary>The categories as invariant text (Int64 as digits, Boolean as False/True).</summary>
    public string[] Categories { get; set; } = [];

    public override string ToString() => Column;
}

/// <summary>
/// A categorical encoder fitted on one dataset and applied unchanged to others. A plain class with
/// settable properties: it round-trips through Export-Clixml and JSON. Missing cells stay missing
/// (OneHot: every indicator column of that row is missing).
/// </summary>
public sealed class DataEncoder
{
    public EncodingMethod Method { get; set; }
    public UnknownCategoryHandling HandleUnknown { get; set; }
    public ColumnCategories[] Columns { get; set; } = [];
    public string? FittedOn { get; set; }
    public int FittedRows { get; set; }

    public override string ToString() => $"{Method} encoder of {string.Join(", ", Columns.Select(c => c.Column))}";

    /// <summary>Fits the categories of the named String, Int64 or Boolean columns; missing cells are not a category.</summary>
    public static DataEncoder Fit(Dataset dataset, EncodingMethod method, IEnumerable<string> columns, UnknownCategoryHandling handleUnknown = UnknownCategoryHandling.Error)
    {
        var names = FeatureColumns.Distinct(columns);
        if (names.Length == 0)
            throw new DataException("NoColumnsToEncode", DataErrorKind.InvalidArgument, $"Dataset '{dataset.Name}' has no text column to encode.",
                "Name the columns with {option:Column}.");
        var sources = names.Select(n => RequireCategorical(dataset, n, "encoding")).ToArray();
        var fitted = sources.Select(source => new ColumnCategories { Column = source.Name, Categories = SortedCategories(source) }).ToArray();
        foreach (var (source, categories) in sources.Zip(fitted))
            if (categories.Categories.Length == 0)
                throw new DataException("NoValuesToFit", DataErrorKind.InvalidData,
                    $"Column '{source.Name}' of dataset '{dataset.Name}' has no values (every cell is missing), so there are no categories.",
                    "Leave the column out of {option:Column}, or fill its missing values first.", column: source.Name);
        return new DataEncoder { Method = method, HandleUnknown = handleUnknown, Columns = fitted, FittedOn = dataset.Name, FittedRows = dataset.RowCount };
    }

    private static Column RequireCategorical(Dataset dataset, string name, string purpose)
    {
        var column = FeatureColumns.Require(dataset, name, purpose);
        if (column.Type is ColumnType.String or ColumnType.Int64 or ColumnType.Boolean) return column;
        throw new DataException("ColumnNotCategorical", DataErrorKind.InvalidArgument,
            $"Column '{column.Name}' of dataset '{dataset.Name}' is {column.Type}; {purpose} needs a String, Int64 or Boolean column.",
            "Bin a Double or DateTime column into categories first, or leave it out of {option:Column}.", column: column.Name);
    }

    private static string[] SortedCategories(Column column)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < column.Length; row++)
            if (FeatureColumns.TextAt(column, row) is { } text) distinct.Add(text);
        return column.Type switch
        {
            ColumnType.Int64 => distinct.OrderBy(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray(),
            ColumnType.Boolean => distinct.OrderBy(t => t == "True").ToArray(),
            _ => distinct.Order(StringComparer.Ordinal).ToArray(),
        };
    }

    /// <summary>A new dataset with each encoded column replaced, in place, by its encoding; other columns shared unchanged.</summary>
    public Dataset Transform(Dataset dataset)
    {
        Validate();
        var purpose = $"the {Method} encoder fitted on '{FittedOn}'";
        var sources = Columns.Select(c => RequireCategorical(dataset, c.Column, purpose)).ToArray();
        var replacements = new Dictionary<string, Column[]>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Columns.Length; i++)
        {
            var codes = CategoryCodes(dataset, sources[i], Columns[i]);
            replacements[sources[i].Name] = Method == EncodingMethod.OneHot
                ? OneHotColumns(sources[i].Name, Columns[i].Categories, codes)
                : [OrdinalColumn(sources[i].Name, codes)];
        }
        var output = dataset.Columns.SelectMany(c => replacements.GetValueOrDefault(c.Name, [c])).ToArray();
        var clash = output.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash != null)
            throw new DataException("ColumnNameConflict", DataErrorKind.InvalidData,
                $"Encoding would make a second column named '{clash.Key}' in dataset '{dataset.Name}'.",
                "Rename the existing column before encoding.", column: clash.Key);
        var step = new LineageEntry("Invoke-DataEncoding", new Dictionary<string, string>
        {
            ["Method"] = Method.ToString(),
            ["Columns"] = FeatureColumns.Join(sources.Select(s => s.Name)),
            ["HandleUnknown"] = HandleUnknown.ToString(),
            ["FittedOn"] = FittedOn ?? "",
        });
        return dataset.WithColumns(output, step);
    }

    private const int Missing = -1;
    private const int Unknown = -2;

    /// <summary>Per row the category's index, Missing, or (with HandleUnknown Ignore) Unknown.</summary>
    private int[] CategoryCodes(Dataset dataset, Column column, ColumnCategories fitted)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fitted.Categories.Length; i++) index[fitted.Categories[i]] = i;
        var codes = new int[column.Length];
        for (var row = 0; row < column.Length; row++)
        {
            var text = FeatureColumns.TextAt(column, row);
            if (text == null) codes[row] = Missing;
            else if (index.TryGetValue(text, out var code)) codes[row] = code;
            else if (HandleUnknown == UnknownCategoryHandling.Ignore) codes[row] = Unknown;
            else
                throw new DataException("UnknownCategory", DataErrorKind.InvalidData,
                    $"Column '{column.Name}' of dataset '{dataset.Name}' holds '{text}' (row {row + 1}), a category the encoder did not see when fitted on '{FittedOn}' (it knows {fitted.Categories.Length}: {Preview(fitted.Categories)}).",
                    "Fit the encoder on data that holds every category, or fit it with {option:HandleUnknown} Ignore.", column: column.Name);
        }
        return codes;
    }

    private static string Preview(string[] categories) =>
        string.Join(", ", categories.Take(10)) + (categories.Length > 10 ? ", ..." : "");

    private static Column[] OneHotColumns(string name, string[] categories, int[] codes)
    {
        var missing = MissingRows(codes);
        var columns = new Column[categories.Length];
        for (var k = 0; k < categories.Length; k++)
        {
            var indicator = new long[codes.Length];
            for (var row = 0; row < codes.Length; row++) indicator[row] = codes[row] == k ? 1 : 0;
            columns[k] = new Int64Column($"{name}_{categories[k]}", indicator, missing);
        }
        return columns;
    }

    private static Column OrdinalColumn(string name, int[] codes)
    {
        var values = new long[codes.Length];
        var missing = new ValidityBitmap.Builder(codes.Length);
        for (var row = 0; row < codes.Length; row++)
        {
            if (codes[row] >= 0) values[row] = codes[row];
            else missing.SetNull(row); // missing stays missing; an ignored unknown becomes missing
        }
        return new Int64Column(name, values, missing.Build());
    }

    private static ValidityBitmap? MissingRows(int[] codes)
    {
        var missing = new ValidityBitmap.Builder(codes.Length);
        for (var row = 0; row < codes.Length; row++) if (codes[row] == Missing) missing.SetNull(row);
        return missing.Build();
    }

    /// <summary>Checks an encoder rebuilt from its properties: a known method, and categories for each named column.</summary>
    public void Validate()
    {
        string? why = null;
        if (!Enum.IsDefined(Method)) why = $"'{Method}' is not an encoding method.";
        else if (!Enum.IsDefined(HandleUnknown)) why = $"'{HandleUnknown}' is not a way to handle unknown categories.";
        else if (Columns is not { Length: > 0 }) why = "it names no columns.";
        else if (Columns.FirstOrDefault(c => c == null || string.IsNullOrEmpty(c.Column)) != null) why = "a column has no name.";
        else if (Columns.FirstOrDefault(c => c.Categories is not { Length: > 0 } || c.Categories.Any(k => k == null)) is { } bad)
            why = $"column '{bad.Column}' has no categories.";
        if (why != null)
            throw new DataException("InvalidEncoder", DataErrorKind.InvalidArgument, $"The encoder is not usable: {why}",
                "Pass an encoder made by New-DataEncoder (or read back with Import-Clixml / ConvertFrom-Json without editing).");
    }
}
