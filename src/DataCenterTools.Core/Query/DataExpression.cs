using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// An expression of the -Filter / -Expression language, checked against one Dataset and ready to evaluate a whole
/// column at a time. Compiling finds every syntax, name and type error before any row is read
/// (DataCenterTools.ExpressionInvalid, DataCenterTools.ColumnNotFound).
/// </summary>
public sealed class DataExpression
{
    private readonly BoundExpression _bound;
    private readonly Dataset _dataset;

    private DataExpression(Dataset dataset, string text, BoundExpression bound)
    {
        _dataset = dataset;
        Text = text;
        _bound = bound;
    }

    public static DataExpression Compile(Dataset dataset, string expression) =>
        new(dataset, expression, ExpressionBinder.Bind(dataset, expression));

    public string Text { get; }

    /// <summary>The result type; null for an expression that is only NULL.</summary>
    public ColumnType? Type => _bound.Type;

    /// <summary>The columns the expression reads, each once.</summary>
    public IReadOnlyList<string> Columns => _bound.Columns.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The value for every row, as a column named <paramref name="name"/>; warnings (cast failures, division by zero) are returned.</summary>
    public Column Evaluate(string name, out IReadOnlyList<string> warnings, CancellationToken cancellation = default)
    {
        var context = new EvaluationContext(_dataset, Text) { Cancellation = cancellation };
        var vector = _bound.Evaluate(context);
        warnings = context.Warnings;
        var column = vector.ToColumn(name);
        return column.Name == name ? column : column.WithName(name);
    }

    /// <summary>
    /// The rows where the expression is true, ascending. Missing counts as not true, as in SQL's WHERE. An
    /// expression that is not a condition is DataCenterTools.ExpressionInvalid.
    /// </summary>
    public int[] SelectRows(out IReadOnlyList<string> warnings, CancellationToken cancellation = default)
    {
        if (Type is { } t && t != ColumnType.Boolean)
            throw ExpressionError.Invalid(Text, 0, $"A filter must be true or false for each row, but this expression is {t}",
                t is ColumnType.Int64 or ColumnType.Double ? $"Compare it, e.g. {Text} > 0." : "Compare it, e.g. region = 'cn-east'.");
        var context = new EvaluationContext(_dataset, Text) { Cancellation = cancellation };
        var vector = _bound.Evaluate(context);
        warnings = context.Warnings;
        var n = _dataset.RowCount;
        return vector switch
        {
            ScalarVector { Value: true } => Enumerable.Range(0, n).ToArray(),
            ScalarVector => [],
            BoolVector b => Bits.Indices(b.Bits, b.Valid, n),
            _ => throw new InvalidOperationException(),
        };
    }
}
