using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// cast(x as T) and try_cast in expressions: Cleaning's TypeConversion (the one conversion of the module, also behind
/// Invoke-DataCleaning -ConvertType) applied to a vector. cast warns with the count of cells that did not convert and
/// fails when no present cell converts; try_cast makes them missing silently.
/// </summary>
internal static class ValueCasts
{
    /// <summary>Which conversions make sense at all (checked when the expression is bound): DateTime only to and from text.</summary>
    public static bool CanCast(ColumnType from, ColumnType to) => (from, to) switch
    {
        _ when from == to => true,
        (_, ColumnType.String) => true,
        (ColumnType.String, _) => true,
        (ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean, ColumnType.Int64 or ColumnType.Double or ColumnType.Boolean) => true,
        _ => false,
    };

    public static Vector Cast(Vector v, ColumnType target, bool isTry, EvaluationContext context, string text, string valueText)
    {
        if (v.Type == target) return v;
        if (v is ScalarVector { IsMissing: true }) return new ScalarVector(null, target, v.Length);
        // A literal converts as a column of one row, by the same rules.
        var source = v is ScalarVector s ? new ScalarVector(s.Value, s.Type, 1).ToColumn(valueText) : v.ToColumn(valueText);
        var result = TypeConversion.Convert(source, target);
        if (!isTry)
        {
            var (warning, error) = result.Problem("cast");
            if (error != null) throw error;
            if (warning != null) context.Warn("cast:" + text, result.Failed, _ => warning);
        }
        var converted = Vector.FromColumn(result.Column);
        return v is ScalarVector ? new ScalarVector(converted.GetValue(0), target, v.Length) : converted;
    }
}
