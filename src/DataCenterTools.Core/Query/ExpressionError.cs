using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// The one place expression errors are built: DataCenterTools.ExpressionInvalid with the expression, the
/// 1-based position and a caret under it, what was found and what was expected.
/// </summary>
public static class ExpressionError
{
    public static DataException Invalid(string expression, int position, string problem, string? recommendation = null)
    {
        // One line (PowerShell's error view wraps and re-flows text): the position, then the expression from there on.
        var at = Math.Clamp(position, 0, expression.Length);
        var rest = expression[at..];
        var where = rest.Length == 0 ? "at its end" : $"at \"{(rest.Length > 40 ? rest[..40] + "…" : rest)}\"";
        var message = $"{problem} (at position {at + 1} of the expression \"{expression}\", {where}).";
        return new DataException("ExpressionInvalid", DataErrorKind.InvalidArgument, message,
            recommendation ?? "See Get-Help about_DataCenterTools (section 'Expressions') for the operators and functions.");
    }

    /// <summary>A column the expression names that the Dataset lacks, with the nearest names.</summary>
    public static DataException UnknownColumn(string expression, int position, string name, IEnumerable<string> columns)
    {
        var near = ColumnNames.Nearest(name, columns);
        var hint = near.Count > 0 ? $" Did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?" : "";
        var e = Invalid(expression, position, $"There is no column '{name}'.{hint}",
            "Check the spelling; quote names with spaces or symbols with backticks or brackets: `cpu %` or [Timestamp [ms]]. Text values take single quotes: 'cn-east'.");
        return new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound, e.Message, e.Recommendation, column: name);
    }
}
