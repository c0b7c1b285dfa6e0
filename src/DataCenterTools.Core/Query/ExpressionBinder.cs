using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// Checks a parsed expression against a Dataset's columns: resolves names, infers the type of every part and
/// inserts the conversions SQL makes implicitly (Int64 to Double beside a Double; 'yyyy-mm-dd' text beside a
/// DateTime). Every type error is found here, before any row is read.
/// </summary>
internal sealed class ExpressionBinder
{
    private readonly Dataset _dataset;
    private readonly string _text;

    private ExpressionBinder(Dataset dataset, string text)
    {
        _dataset = dataset;
        _text = text;
    }

    public static BoundExpression Bind(Dataset dataset, string expression)
    {
        var syntax = ExpressionParser.Parse(expression);
        return new ExpressionBinder(dataset, expression).BindNode(syntax);
    }

    public DataException Error(int position, string problem, string? recommendation = null) =>
        ExpressionError.Invalid(_text, position, problem, recommendation);

    public BoundExpression BindNode(SyntaxNode node) => node switch
    {
        LiteralSyntax l => new BoundLiteral(l.Value, TypeOf(l.Value), l.Position),
        ColumnSyntax c => BindColumn(c),
        UnarySyntax u => BindUnary(u),
        BinarySyntax b => BindBinary(b),
        InSyntax i => BindIn(i),
        PatternSyntax p => BindPattern(p),
        IsNullSyntax n => new BoundIsNull(BindNode(n.Value), n.Negated),
        BetweenSyntax b => BindBetween(b),
        CallSyntax c => ExpressionFunctions.Bind(this, c),
        CastSyntax c => BindCast(c),
        CaseSyntax c => BindCase(c),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    public static ColumnType? TypeOf(object? value) => value switch
    {
        null => null,
        long => ColumnType.Int64,
        double => ColumnType.Double,
        bool => ColumnType.Boolean,
        DateTime => ColumnType.DateTime,
        _ => ColumnType.String,
    };

    private BoundExpression BindColumn(ColumnSyntax c)
    {
        if (_dataset.TryGetColumn(c.Name, out var column)) return new BoundColumn(column, c.Position);
        throw ExpressionError.UnknownColumn(_text, c.Position, c.Name, _dataset.Schema.Select(s => s.Name));
    }

    private BoundExpression BindUnary(UnarySyntax u)
    {
        var operand = BindNode(u.Operand);
        if (u.Operator == UnaryOperator.Not)
        {
            RequireBoolean(operand, u.Operand, "not");
            return new BoundNot(operand);
        }
        if (operand.Type is not (null or ColumnType.Int64 or ColumnType.Double))
            throw Error(u.Operand.Position, $"'-' needs a number, not {operand.Type}");
        return new BoundNegate(operand, Text(u));
    }

    private void RequireBoolean(BoundExpression e, SyntaxNode at, string op)
    {
        if (e.Type is null or ColumnType.Boolean) return;
        throw Error(at.Position, $"'{op}' needs a condition (true or false), but {Text(at)} is {e.Type}",
            e.Type is ColumnType.Int64 or ColumnType.Double ? $"Compare it: {Text(at)} > 0." : null);
    }

    private BoundExpression BindBinary(BinarySyntax b)
    {
        var left = BindNode(b.Left);
        var right = BindNode(b.Right);
        switch (b.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                var name = b.Operator == BinaryOperator.And ? "and" : "or";
                RequireBoolean(left, b.Left, name);
                RequireBoolean(right, b.Right, name);
                return new BoundLogical(b.Operator == BinaryOperator.And, left, right);
            case BinaryOperator.Concat:
                return new BoundConcat(CastToText(left), CastToText(right), b.Position);
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo:
                return BindArithmetic(b, left, right);
            default:
                return BindComparison(b.Operator, left, right, b.Left, b.Right, b.Position, b.IgnoreCase);
        }
    }

    private BoundExpression BindArithmetic(BinarySyntax b, BoundExpression left, BoundExpression right)
    {
        foreach (var (side, syntax) in new[] { (left, b.Left), (right, b.Right) })
            if (side.Type is not (null or ColumnType.Int64 or ColumnType.Double))
                throw Error(syntax.Position, $"'{Symbol(b.Operator)}' needs numbers, but {Text(syntax)} is {side.Type}",
                    side.Type == ColumnType.String && b.Operator == BinaryOperator.Add ? "Join text with || or concat(a, b)."
                    : side.Type == ColumnType.String ? $"Convert it: cast({Text(syntax)} as Double)."
                    : side.Type == ColumnType.DateTime ? "Take a part of the time (hour(t), unix_seconds(t)) or compare times directly." : null);
        var bothLong = left.Type != ColumnType.Double && right.Type != ColumnType.Double;
        var type = b.Operator != BinaryOperator.Divide && bothLong ? ColumnType.Int64 : ColumnType.Double;
        if (type == ColumnType.Double) { left = ToDouble(left); right = ToDouble(right); }
        return new BoundArithmetic(b.Operator, left, right, type, Text(b));
    }

    private BoundExpression BindComparison(BinaryOperator op, BoundExpression left, BoundExpression right, SyntaxNode leftSyntax, SyntaxNode rightSyntax, int position, bool ignoreCase)
    {
        if (left.Type == null || right.Type == null)
            throw Error(left.Type == null ? leftSyntax.Position : rightSyntax.Position,
                $"A comparison with null is never true", op == BinaryOperator.NotEqual ? "Write 'x is not null'." : "Write 'x is null'.");
        (left, right) = Harmonize(left, right, leftSyntax, rightSyntax, position, $"compare with '{Symbol(op)}'");
        return new BoundComparison(op, left, right, ignoreCase);
    }

    /// <summary>Brings two operands to one type: Int64 and Double meet as Double; text beside a DateTime is read as a date.</summary>
    private (BoundExpression, BoundExpression) Harmonize(BoundExpression left, BoundExpression right, SyntaxNode leftSyntax, SyntaxNode rightSyntax, int position, string what)
    {
        if (left.Type == right.Type) return (left, right);
        if (IsNumeric(left.Type) && IsNumeric(right.Type)) return (ToDouble(left), ToDouble(right));
        if (left.Type == ColumnType.DateTime && right is BoundLiteral { Value: string rs }) return (left, DateLiteral(rs, rightSyntax));
        if (right.Type == ColumnType.DateTime && left is BoundLiteral { Value: string ls }) return (DateLiteral(ls, leftSyntax), right);
        var hint = (left.Type, right.Type) switch
        {
            (ColumnType.String, ColumnType.Int64 or ColumnType.Double) or (ColumnType.Int64 or ColumnType.Double, ColumnType.String) =>
                right is BoundLiteral || left is BoundLiteral ? "Write numbers without quotes, or convert the column: cast(x as Double)." : "Convert one side: cast(x as Double).",
            _ => "Convert one side with cast(x as <type>).",
        };
        throw Error(position, $"Cannot {what} {Text(leftSyntax)} ({left.Type}) and {Text(rightSyntax)} ({right.Type})", hint);
    }

    private BoundLiteral DateLiteral(string text, SyntaxNode at) =>
        CellParser.TryParseDateTime(text, out var t) ? new BoundLiteral(t, ColumnType.DateTime, at.Position)
            : throw Error(at.Position, $"'{text}' is compared with a DateTime but is not a date or time", "Write ISO 8601: '2026-11-01' or '2026-11-01 13:00:00Z'.");

    private static bool IsNumeric(ColumnType? t) => t is ColumnType.Int64 or ColumnType.Double;

    public static BoundExpression ToDouble(BoundExpression e) => e.Type == ColumnType.Int64
        ? e is BoundLiteral { Value: long l } ? new BoundLiteral((double)l, ColumnType.Double, e.Position) : new BoundToDouble(e)
        : e;

    private BoundExpression BindIn(InSyntax i)
    {
        var value = BindNode(i.Value);
        var items = new List<object>();
        foreach (var item in i.List)
        {
            var bound = BindNode(item);
            if (bound is not BoundLiteral literal)
                throw Error(item.Position, "The list after 'in' holds only literal values (numbers, 'text', dates)");
            if (literal.Value == null) throw Error(item.Position, "null in an 'in' list never matches", "Write '... or x is null'.");
            var (_, converted) = Harmonize(value, literal, i.Value, item, item.Position, "look for");
            items.Add(((BoundLiteral)converted).Value!);
        }
        if (value.Type == ColumnType.Int64 && items.Any(x => x is double))
        {
            value = ToDouble(value);
            items = items.Select(x => x is long l ? (object)(double)l : x).ToList();
        }
        return new BoundIn(value, items, i.Negated, i.IgnoreCase);
    }

    private BoundExpression BindPattern(PatternSyntax p)
    {
        var value = BindNode(p.Value);
        if (value.Type is not (null or ColumnType.String))
            throw Error(p.Value.Position, $"Pattern matching needs text, but {Text(p.Value)} is {value.Type}", $"Convert it: cast({Text(p.Value)} as String).");
        if (BindNode(p.Pattern) is not BoundLiteral { Value: string pattern })
            throw Error(p.Pattern.Position, "The pattern must be written as 'text'");
        TextPattern compiled;
        try { compiled = TextPattern.Create(pattern, p.Kind, p.IgnoreCase); }
        catch (ArgumentException e) { throw Error(p.Pattern.Position, $"'{pattern}' is not a valid regular expression: {e.Message}"); }
        return new BoundPattern(value, compiled, p.Negated);
    }

    private BoundExpression BindBetween(BetweenSyntax b)
    {
        var value = BindNode(b.Value);
        var low = BindNode(b.Low);
        var high = BindNode(b.High);
        (value, low) = Harmonize(value, low, b.Value, b.Low, b.Position, "compare");
        (value, high) = Harmonize(value, high, b.Value, b.High, b.Position, "compare");
        if (low.Type != value.Type) low = ToDouble(low);
        return new BoundBetween(value, low, high, b.Negated);
    }

    private BoundExpression BindCast(CastSyntax c)
    {
        var value = BindNode(c.Value);
        if (!ColumnTypes.TryParse(c.TypeName, out var target))
            throw Error(c.TypePosition, $"'{c.TypeName}' is not a type", "Use Int64, Double, Boolean, DateTime or String.");
        if (value.Type is { } from && !ValueCasts.CanCast(from, target))
            throw Error(c.Position, $"A {from} cannot be cast to {target}",
                from is ColumnType.Int64 or ColumnType.Double && target == ColumnType.DateTime ? "Unix times convert with from_unixtime(x) or from_unixtime_ms(x)."
                : from == ColumnType.DateTime ? "Take a part of the time: unix_seconds(t), hour(t), year(t)." : null);
        var text = Text(c);
        return new BoundCastExpression(value, target, c.Try, text, Text(c.Value), c.Position);
    }

    public static BoundExpression CastToText(BoundExpression e) =>
        e.Type is null or ColumnType.String ? e : new BoundCastExpression(e, ColumnType.String, false, "text", "value", e.Position);

    private BoundExpression BindCase(CaseSyntax c)
    {
        var branches = new List<(BoundExpression, BoundExpression)>();
        foreach (var (when, then) in c.Branches)
        {
            var condition = BindNode(when);
            RequireBoolean(condition, when, "when");
            branches.Add((condition, BindNode(then)));
        }
        var otherwise = c.Else == null ? null : BindNode(c.Else);
        var values = branches.Select(b => b.Item2).Concat(otherwise == null ? [] : [otherwise]).ToList();
        var syntax = c.Branches.Select(b => b.Then).Concat(c.Else == null ? [] : [c.Else]).ToList();
        var type = Unify(syntax, values, "case");
        return new BoundCase(branches.Select(b => (b.Item1, Coerce(b.Item2, type))).ToList(), otherwise == null ? null : Coerce(otherwise, type), type, c.Position);
    }

    /// <summary>The one type several values share (Int64 and Double make Double; null fits any), or an error.</summary>
    public ColumnType? Unify(CallSyntax call, IReadOnlyList<BoundExpression> values) => Unify(call.Arguments, values, call.Name + "()");

    private ColumnType? Unify(IReadOnlyList<SyntaxNode> syntax, IReadOnlyList<BoundExpression> values, string what)
    {
        ColumnType? type = null;
        for (var i = 0; i < values.Count; i++)
        {
            var t = values[i].Type;
            if (t == null || t == type) continue;
            if (type == null) { type = t; continue; }
            if (IsNumeric(type) && IsNumeric(t)) { type = ColumnType.Double; continue; }
            throw Error(syntax[i].Position, $"The values of {what} must have one type, but {Text(syntax[i])} is {t} and an earlier one is {type}",
                "Convert them to one type with cast(x as <type>).");
        }
        return type;
    }

    public static BoundExpression Coerce(BoundExpression e, ColumnType? type) =>
        type == ColumnType.Double ? ToDouble(e) : e.Type == null && type != null ? new BoundLiteral(null, type, e.Position) : e;

    /// <summary>The expression text of a node, as written (for messages).</summary>
    public static string Text(SyntaxNode node) => SyntaxText.Of(node);

    private static string Symbol(BinaryOperator op) => SyntaxText.Symbol(op);
}

