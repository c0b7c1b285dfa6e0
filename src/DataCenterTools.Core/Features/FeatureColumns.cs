using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Features;

/// <summary>Column look-ups and checks shared by the scalers, encoders and the splitter, so every one reports the same errors.</summary>
internal static class FeatureColumns
{
    /// <summary>The named column, or a DataCenterTools.ColumnNotFound error that names it and lists what the dataset has.</summary>
    public static Column Require(Dataset dataset, string name, string purpose)
    {
        if (dataset.TryGetColumn(name, out var column)) return column;
        throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
            $"Dataset '{dataset.Name}' has no column '{name}' ({purpose}); its columns are: {string.Join(", ", dataset.Schema.Select(s => s.Name))}.",
            "Check the spelling of the column name, or that this is the dataset you meant.", column: name);
    }

    public static bool IsNumeric(Column column) => column.Type is ColumnType.Int64 or ColumnType.Double;

    /// <summary>The named Int64 or Double column; anything else is a DataCenterTools.ColumnNotNumeric error.</summary>
    public static Column RequireNumeric(Dataset dataset, string name, string purpose)
    {
        var column = Require(dataset, name, purpose);
        if (IsNumeric(column)) return column;
        throw new DataException("ColumnNotNumeric", DataErrorKind.InvalidArgument,
            $"Column '{column.Name}' of dataset '{dataset.Name}' is {column.Type}; {purpose} needs an Int64 or Double column.",
            "Convert the column to a number first, or leave it out of {option:Column}.", column: column.Name);
    }

    /// <summary>The cell as a double (Int64 widened); only for rows that are not missing.</summary>
    public static double NumberAt(Column column, int row) => column switch
    {
        DoubleColumn d => d[row],
        Int64Column l => l[row],
        _ => throw new InvalidOperationException($"Column '{column.Name}' is not numeric."),
    };

    /// <summary>The non-missing values of a numeric column.</summary>
    public static double[] PresentNumbers(Column column)
    {
        if (!IsNumeric(column)) throw new InvalidOperationException($"Column '{column.Name}' is not numeric.");
        return Numerics.ColumnNumbers.Present(column, skipNaN: false);
    }

    /// <summary>The cell as invariant text: the key used for categories and groups. Null when missing.</summary>
    public static string? TextAt(Column column, int row) => column.IsNull(row) ? null : column switch
    {
        StringColumn s => s[row],
        Int64Column l => l[row].ToString(CultureInfo.InvariantCulture),
        DoubleColumn d => d[row].ToString("R", CultureInfo.InvariantCulture),
        BooleanColumn b => b[row] ? "True" : "False",
        DateTimeColumn t => t[row].ToString("O", CultureInfo.InvariantCulture),
        _ => column.GetValue(row)?.ToString(),
    };

    /// <summary>Dataset column names joined for lineage and messages.</summary>
    public static string Join(IEnumerable<string> names) => string.Join(",", names);

    /// <summary>Column names given by the user with duplicates (case-insensitive) removed, order kept.</summary>
    public static string[] Distinct(IEnumerable<string> names) => names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
