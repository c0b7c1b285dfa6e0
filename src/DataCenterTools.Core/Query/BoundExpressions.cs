using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>
/// An expression whose names and types are checked against a schema: what evaluates, a whole column at a time.
/// Missing values follow SQL: they propagate through arithmetic and comparisons, and and/or use three-valued
/// logic (false and missing is false; true or missing is true).
/// </summary>
internal abstract class BoundExpression(ColumnType? type, int position)
{
    /// <summary>The result type; null only for a bare NULL literal.</summary>
    public ColumnType? Type { get; } = type;
    public int Position { get; } = position;
    public abstract Vector Evaluate(EvaluationContext context);

    /// <summary>The columns this expression reads (for lineage and messages).</summary>
    public virtual IEnumerable<string> Columns => [];
}

internal sealed class BoundColumn(Column column, int position) : BoundExpression(column.Type, position)
{
    public Column Column { get; } = column;
    public override Vector Evaluate(EvaluationContext context) => Vector.FromColumn(Column);
    public override IEnumerable<string> Columns => [Column.Name];
}

internal sealed class BoundLiteral(object? value, ColumnType? type, int position) : BoundExpression(type, position)
{
    public object? Value { get; } = value;
    public override Vector Evaluate(EvaluationContext context) => new ScalarVector(Value, Type, context.Rows);
}

/// <summary>Int64 widened to Double where a Double is expected (mixed arithmetic and comparisons).</summary>
internal sealed class BoundToDouble(BoundExpression inner) : BoundExpression(ColumnType.Double, inner.Position)
{
    public BoundExpression Inner { get; } = inner;
    public override IEnumerable<string> Columns => Inner.Columns;

    public override Vector Evaluate(EvaluationContext context) => Inner.Evaluate(context) switch
    {
        ScalarVector s => new ScalarVector(s.Value is long l ? (double)l : s.Value, ColumnType.Double, s.Length),
        LongVector v => new DoubleVector(Kernels.ToDoubles(v.Values.AsSpan(0, v.Length)), v.Length, v.Valid),
        var v => v,
    };
}

internal sealed class BoundArithmetic(BinaryOperator op, BoundExpression left, BoundExpression right, ColumnType type, string text)
    : BoundExpression(type, left.Position)
{
    public override IEnumerable<string> Columns => left.Columns.Concat(right.Columns);

    public override Vector Evaluate(EvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        var n = context.Rows;
        if (a is ScalarVector { IsMissing: true } || b is ScalarVector { IsMissing: true }) return new ScalarVector(null, Type, n);
        if (a is ScalarVector sa && b is ScalarVector sb)
            return new ScalarVector(Compute(OneRow(sa), OneRow(sb), 1, context).GetValue(0), Type, n);
        return Compute(a, b, n, context);
    }

    private Vector OneRow(ScalarVector s) => Type == ColumnType.Int64
        ? new LongVector([(long)s.Value!], 1, null)
        : new DoubleVector([Convert.ToDouble(s.Value!, System.Globalization.CultureInfo.InvariantCulture)], 1, null);

    private Vector Compute(Vector a, Vector b, int n, EvaluationContext context)
    {
        var valid = Bits.And(a.Valid, b.Valid, n);
        if (op is BinaryOperator.Divide or BinaryOperator.Modulo) return Divide(a, b, n, valid, context);
        if (Type == ColumnType.Int64)
        {
            var result = new long[n];
            try
            {
                ArithmeticKernels.Longs(op, Longs(a, n), Longs(b, n), result);
            }
            catch (OverflowException)
            {
                throw new DataException("ExpressionOverflow", DataErrorKind.InvalidData,
                    $"'{text}' does not fit in Int64 in at least one row.", "Compute in Double instead: cast(x as Double) * y.");
            }
            return new LongVector(result, n, valid);
        }
        var doubles = new double[n];
        ArithmeticKernels.Doubles(op, Doubles(a, n), Doubles(b, n), doubles);
        return new DoubleVector(doubles, n, valid);
    }

    private static Operand<long> Longs(Vector v, int n) => v is ScalarVector s ? new((long)s.Value!) : new(((LongVector)v).Values.AsSpan(0, n));
    private static Operand<double> Doubles(Vector v, int n) => v is ScalarVector s ? new(Convert.ToDouble(s.Value!, System.Globalization.CultureInfo.InvariantCulture)) : new(((DoubleVector)v).Values.AsSpan(0, n));

    /// <summary>/ and %: a zero divisor makes the cell missing (as DuckDB does) and is counted in a warning.</summary>
    private Vector Divide(Vector a, Vector b, int n, ulong[]? valid, EvaluationContext context)
    {
        var mask = valid == null ? Bits.AllSet(n) : (ulong[])valid.Clone();
        var zeros = 0;
        if (Type == ColumnType.Int64)
        {
            var x = Longs(a, n);
            var y = Longs(b, n);
            var result = new long[n];
            for (var i = 0; i < n; i++)
            {
                if (!Bits.Get(mask, i)) continue;
                var d = y[i];
                if (d == 0) { mask[i >> 6] &= ~(1UL << (i & 63)); zeros++; continue; }
                result[i] = d == -1 ? 0 : x[i] % d;
            }
            context.Warn("zero:" + text, zeros, c => $"'{text}': {c:N0} row(s) divide by zero; those cells are missing.");
            return new LongVector(result, n, ValidOrNull(mask, n));
        }
        var xs = Doubles(a, n);
        var ys = Doubles(b, n);
        var doubles = new double[n];
        for (var i = 0; i < n; i++)
        {
            var d = ys[i];
            if (d == 0)
            {
                if (Bits.Get(mask, i)) { mask[i >> 6] &= ~(1UL << (i & 63)); zeros++; }
                continue;
            }
            doubles[i] = op == BinaryOperator.Divide ? xs[i] / d : xs[i] % d;
        }
        context.Warn("zero:" + text, zeros, c => $"'{text}': {c:N0} row(s) divide by zero; those cells are missing.");
        return new DoubleVector(doubles, n, ValidOrNull(mask, n));
    }

    private static ulong[]? ValidOrNull(ulong[] mask, int n) => Bits.Count(mask, n) == n ? null : mask;

    public override string ToString() => text;
}

/// <summary>One side of an arithmetic operation: a span of values or one value for every row.</summary>
internal readonly ref struct Operand<T>
{
    private readonly ReadOnlySpan<T> _values;
    private readonly T _scalar;
    public readonly bool IsScalar;

    public Operand(ReadOnlySpan<T> values) { _values = values; _scalar = default!; IsScalar = false; }
    public Operand(T scalar) { _values = default; _scalar = scalar; IsScalar = true; }

    public T this[int i] => IsScalar ? _scalar : _values[i];
    public ReadOnlySpan<T> Span => _values;
    public T Scalar => _scalar;
}

internal sealed class BoundNegate(BoundExpression inner, string text) : BoundExpression(inner.Type, inner.Position)
{
    public override IEnumerable<string> Columns => inner.Columns;

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = inner.Evaluate(context);
        switch (v)
        {
            case ScalarVector s: return new ScalarVector(s.Value switch { long l => -l, double d => -d, _ => null }, Type, s.Length);
            case DoubleVector d:
                var doubles = new double[d.Length];
                for (var i = 0; i < doubles.Length; i++) doubles[i] = -d.Values[i];
                return new DoubleVector(doubles, d.Length, d.Valid);
            case LongVector l:
                var longs = new long[l.Length];
                for (var i = 0; i < longs.Length; i++)
                {
                    if (l.Values[i] == long.MinValue && l.IsValid(i))
                        throw new DataException("ExpressionOverflow", DataErrorKind.InvalidData, $"'{text}' does not fit in Int64 at row {i + 1}.", "Cast to Double first.");
                    longs[i] = -l.Values[i];
                }
                return new LongVector(longs, l.Length, l.Valid);
            default: throw new InvalidOperationException();
        }
    }
}

/// <summary>A comparison of two operands of one type (the binder widens Int64 to Double and parses date text first).</summary>
internal sealed class BoundComparison(BinaryOperator op, BoundExpression left, BoundExpression right, bool ignoreCase)
    : BoundExpression(ColumnType.Boolean, left.Position)
{
    public override IEnumerable<string> Columns => left.Columns.Concat(right.Columns);

    public override Vector Evaluate(EvaluationContext context) => Compare(op, left.Evaluate(context), right.Evaluate(context), ignoreCase, context.Rows);

    public static Vector Compare(BinaryOperator op, Vector a, Vector b, bool ignoreCase, int n)
    {
        if (a is ScalarVector sa && b is ScalarVector sb)
            return new ScalarVector(sa.IsMissing || sb.IsMissing ? null : Kernels.Holds(op, CompareValues(sa.Value!, sb.Value!, ignoreCase)), ColumnType.Boolean, n);
        if (a is ScalarVector { IsMissing: true } || b is ScalarVector { IsMissing: true }) return new ScalarVector(null, ColumnType.Boolean, n);
        if (a is ScalarVector) { (a, b) = (b, a); op = Kernels.Mirror(op); }
        var valid = Bits.And(a.Valid, b.Valid, n);
        var bits = (a, b) switch
        {
            (LongVector x, LongVector y) => Kernels.Compare(op, x.Values.AsSpan(0, n), y.Values.AsSpan(0, n)),
            (LongVector x, ScalarVector y) => Kernels.Compare(op, x.Values.AsSpan(0, n), (long)y.Value!),
            (DoubleVector x, DoubleVector y) => Kernels.Compare(op, x.Values.AsSpan(0, n), y.Values.AsSpan(0, n)),
            (DoubleVector x, ScalarVector y) => Kernels.Compare(op, x.Values.AsSpan(0, n), (double)y.Value!),
            (DateVector x, DateVector y) => Kernels.Compare<long>(op, Kernels.Ticks(x.Values.AsSpan(0, n)), Kernels.Ticks(y.Values.AsSpan(0, n))),
            (DateVector x, ScalarVector y) => Kernels.Compare(op, Kernels.Ticks(x.Values.AsSpan(0, n)), ((DateTime)y.Value!).Ticks),
            (BoolVector x, BoolVector y) => CompareBools(op, x.Bits, y.Bits),
            (BoolVector x, ScalarVector y) => CompareBools(op, x.Bits, (bool)y.Value! ? Bits.AllSet(n) : new ulong[Bits.WordCount(n)]),
            (StringVector x, ScalarVector y) => CompareText(op, x, (string)y.Value!, ignoreCase),
            (StringVector x, StringVector y) => CompareText(op, x, y, ignoreCase, n),
            _ => throw new InvalidOperationException($"No comparison for {a.GetType().Name} and {b.GetType().Name}."),
        };
        return new BoolVector(bits, n, valid);
    }

    public static int CompareValues(object a, object b, bool ignoreCase) => (a, b) switch
    {
        (string x, string y) => ignoreCase ? string.Compare(x, y, StringComparison.OrdinalIgnoreCase) : string.CompareOrdinal(x, y),
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x < y ? -1 : x > y ? 1 : x == y ? 0 : 2, // NaN: unequal, neither less nor greater
        (DateTime x, DateTime y) => x.Ticks.CompareTo(y.Ticks),
        (bool x, bool y) => x.CompareTo(y),
        _ => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static ulong[] CompareBools(BinaryOperator op, ulong[] a, ulong[] b)
    {
        var bits = new ulong[a.Length];
        for (var w = 0; w < bits.Length; w++)
        {
            ulong x = a[w], y = b[w];
            bits[w] = op switch
            {
                BinaryOperator.Equal => ~(x ^ y),
                BinaryOperator.NotEqual => x ^ y,
                BinaryOperator.Less => ~x & y,
                BinaryOperator.LessOrEqual => ~x | y,
                BinaryOperator.Greater => x & ~y,
                _ => x | ~y,
            };
        }
        return bits;
    }

    private static ulong[] CompareText(BinaryOperator op, StringVector x, string literal, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (op is BinaryOperator.Equal or BinaryOperator.NotEqual)
        {
            var equal = op == BinaryOperator.Equal;
            return x.TestPerValue(v => string.Equals(v, literal, comparison) == equal, s => s.Equals(literal, comparison) == equal);
        }
        return x.TestPerValue(v => Kernels.Holds(op, string.Compare(v, literal, comparison)), s => Kernels.Holds(op, s.CompareTo(literal, comparison)));
    }

    private static ulong[] CompareText(BinaryOperator op, StringVector x, StringVector y, bool ignoreCase, int n)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var bits = new ulong[Bits.WordCount(n)];
        for (var i = 0; i < n; i++)
            if (Kernels.Holds(op, x.Column.GetSpan(i).CompareTo(y.Column.GetSpan(i), comparison))) bits[i >> 6] |= 1UL << (i & 63);
        return bits;
    }
}

/// <summary>and / or with SQL's three-valued logic.</summary>
internal sealed class BoundLogical(bool isAnd, BoundExpression left, BoundExpression right) : BoundExpression(ColumnType.Boolean, left.Position)
{
    public override IEnumerable<string> Columns => left.Columns.Concat(right.Columns);

    public override Vector Evaluate(EvaluationContext context)
    {
        var n = context.Rows;
        var (a, va) = BoolMask.Of(left.Evaluate(context), n);
        // A side already false (and) or true (or) everywhere decides the result: skip the other.
        if (va == null && (isAnd ? IsAllClear(a, n) : IsAllSet(a, n))) return new BoolVector(a, n, null);
        var (b, vb) = BoolMask.Of(right.Evaluate(context), n);
        var words = Bits.WordCount(n);
        var value = new ulong[words];
        ulong[]? valid = va == null && vb == null ? null : new ulong[words];
        for (var w = 0; w < words; w++)
        {
            ulong knownA = va?[w] ?? ulong.MaxValue, knownB = vb?[w] ?? ulong.MaxValue;
            ulong trueA = a[w] & knownA, trueB = b[w] & knownB;
            if (isAnd)
            {
                var falseAny = (knownA & ~a[w]) | (knownB & ~b[w]);
                value[w] = trueA & trueB;
                if (valid != null) valid[w] = value[w] | falseAny;
            }
            else
            {
                var falseBoth = (knownA & ~a[w]) & (knownB & ~b[w]);
                value[w] = trueA | trueB;
                if (valid != null) valid[w] = value[w] | falseBoth;
            }
        }
        return new BoolVector(value, n, valid);
    }

    private static bool IsAllClear(ulong[] bits, int n)
    {
        foreach (var w in bits) if (w != 0) return false;
        return n >= 0;
    }

    private static bool IsAllSet(ulong[] bits, int n) => Bits.Count(bits, n) == n;
}

internal sealed class BoundNot(BoundExpression inner) : BoundExpression(ColumnType.Boolean, inner.Position)
{
    public override IEnumerable<string> Columns => inner.Columns;

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = inner.Evaluate(context);
        if (v is ScalarVector s) return new ScalarVector(s.Value is bool b ? !b : null, ColumnType.Boolean, s.Length);
        var (bits, valid) = BoolMask.Of(v, context.Rows);
        var result = new ulong[bits.Length];
        for (var w = 0; w < result.Length; w++) result[w] = ~bits[w];
        return new BoolVector(result, context.Rows, valid);
    }
}

internal static class BoolMask
{
    /// <summary>A Boolean vector as value bits and validity (scalars broadcast).</summary>
    public static (ulong[] Bits, ulong[]? Valid) Of(Vector v, int n) => v switch
    {
        BoolVector b => (b.Bits, b.Valid),
        ScalarVector { Value: true } => (Bits.AllSet(n), null),
        ScalarVector { Value: false } => (new ulong[Bits.WordCount(n)], null),
        ScalarVector => (new ulong[Bits.WordCount(n)], new ulong[Bits.WordCount(n)]),
        _ => throw new InvalidOperationException("Not a Boolean vector."),
    };
}

internal sealed class BoundIsNull(BoundExpression inner, bool negated) : BoundExpression(ColumnType.Boolean, inner.Position)
{
    public override IEnumerable<string> Columns => inner.Columns;

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = inner.Evaluate(context);
        var n = context.Rows;
        if (v is ScalarVector s) return new ScalarVector(s.IsMissing != negated, ColumnType.Boolean, n);
        var valid = v.Valid;
        if (valid == null) return new ScalarVector(negated, ColumnType.Boolean, n);
        var bits = new ulong[Bits.WordCount(n)];
        for (var w = 0; w < bits.Length; w++) bits[w] = negated ? valid[w] : ~valid[w];
        return new BoolVector(bits, n, null);
    }
}

/// <summary>value in (literal, ...): a set lookup, once per distinct value for dictionary-encoded text.</summary>
internal sealed class BoundIn(BoundExpression value, IReadOnlyList<object> items, bool negated, bool ignoreCase) : BoundExpression(ColumnType.Boolean, value.Position)
{
    public override IEnumerable<string> Columns => value.Columns;

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = value.Evaluate(context);
        var n = context.Rows;
        if (v is ScalarVector s)
            return new ScalarVector(s.IsMissing ? null : items.Any(i => BoundComparison.CompareValues(s.Value!, i, ignoreCase) == 0) != negated, ColumnType.Boolean, n);
        ulong[] bits;
        switch (v)
        {
            case LongVector l:
                var longs = items.Select(i => (long)i).ToHashSet();
                bits = Bits.FromPredicate(n, i => longs.Contains(l.Values[i]));
                break;
            case DoubleVector d:
                var doubles = items.Select(i => (double)i).ToHashSet();
                bits = Bits.FromPredicate(n, i => doubles.Contains(d.Values[i]));
                break;
            case DateVector t:
                var ticks = items.Select(i => ((DateTime)i).Ticks).ToHashSet();
                bits = Bits.FromPredicate(n, i => ticks.Contains(t.Values[i].Ticks));
                break;
            case BoolVector b:
                bool hasTrue = items.Contains(true), hasFalse = items.Contains(false);
                bits = Bits.FromPredicate(n, i => b[i] ? hasTrue : hasFalse);
                break;
            case StringVector text:
                var set = items.Cast<string>().ToHashSet(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
                bits = text.TestPerValue(set.Contains, span => lookup.Contains(span));
                break;
            default: throw new InvalidOperationException();
        }
        if (negated) for (var w = 0; w < bits.Length; w++) bits[w] = ~bits[w];
        return new BoolVector(bits, n, v.Valid);
    }
}

/// <summary>like / -like / regex_match against a pattern fixed when the expression is bound.</summary>
internal sealed class BoundPattern(BoundExpression value, TextPattern pattern, bool negated) : BoundExpression(ColumnType.Boolean, value.Position)
{
    public override IEnumerable<string> Columns => value.Columns;

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = value.Evaluate(context);
        var n = context.Rows;
        if (v is ScalarVector s) return new ScalarVector(s.IsMissing ? null : pattern.IsMatch((string)s.Value!) != negated, ColumnType.Boolean, n);
        var bits = ((StringVector)v).TestPerValue(t => pattern.IsMatch(t) != negated, span => pattern.IsMatch(span) != negated);
        return new BoolVector(bits, n, v.Valid);
    }
}

internal sealed class BoundBetween(BoundExpression value, BoundExpression low, BoundExpression high, bool negated) : BoundExpression(ColumnType.Boolean, value.Position)
{
    public override IEnumerable<string> Columns => value.Columns.Concat(low.Columns).Concat(high.Columns);

    public override Vector Evaluate(EvaluationContext context)
    {
        var v = value.Evaluate(context);
        var n = context.Rows;
        var lower = BoundComparison.Compare(BinaryOperator.GreaterOrEqual, v, low.Evaluate(context), false, n);
        var upper = BoundComparison.Compare(BinaryOperator.LessOrEqual, v, high.Evaluate(context), false, n);
        var both = new BoundLogical(true, new Evaluated(lower), new Evaluated(upper)).Evaluate(context);
        return negated ? new BoundNot(new Evaluated(both)).Evaluate(context) : both;
    }
}

/// <summary>A vector already computed, so composite nodes can reuse the logical kernels.</summary>
internal sealed class Evaluated(Vector vector) : BoundExpression(vector.Type, 0)
{
    public override Vector Evaluate(EvaluationContext context) => vector;
}

/// <summary>case when ... then ... else ... end: the first branch whose condition is true; else the else value, or missing.</summary>
internal sealed class BoundCase(IReadOnlyList<(BoundExpression When, BoundExpression Then)> branches, BoundExpression? otherwise, ColumnType? type, int position)
    : BoundExpression(type, position)
{
    public override IEnumerable<string> Columns =>
        branches.SelectMany(b => b.When.Columns.Concat(b.Then.Columns)).Concat(otherwise?.Columns ?? []);

    public override Vector Evaluate(EvaluationContext context)
    {
        var n = context.Rows;
        var chosen = new int[n];
        Array.Fill(chosen, -1);
        var open = n;
        for (var k = 0; k < branches.Count && open > 0; k++)
        {
            var (bits, valid) = BoolMask.Of(branches[k].When.Evaluate(context), n);
            foreach (var row in Bits.Indices(bits, valid, n))
                if (chosen[row] < 0) { chosen[row] = k; open--; }
        }
        var values = branches.Select(b => b.Then.Evaluate(context)).ToList();
        var fallback = otherwise?.Evaluate(context);
        return VectorBuilder.Pick(Type ?? ColumnType.String, n, row =>
        {
            var k = chosen[row];
            return k >= 0 ? (values[k], row) : fallback == null ? (null, row) : (fallback, row);
        });
    }
}

/// <summary>cast / try_cast, and the implicit conversion to text for || and concat().</summary>
internal sealed class BoundCastExpression(BoundExpression value, ColumnType target, bool isTry, string text, string valueText, int position) : BoundExpression(target, position)
{
    public override IEnumerable<string> Columns => value.Columns;
    public override Vector Evaluate(EvaluationContext context) => ValueCasts.Cast(value.Evaluate(context), target, isTry, context, text, valueText);
}

/// <summary>a || b: text joined; missing when either side is.</summary>
internal sealed class BoundConcat(BoundExpression left, BoundExpression right, int position) : BoundExpression(ColumnType.String, position)
{
    public override IEnumerable<string> Columns => left.Columns.Concat(right.Columns);

    public override Vector Evaluate(EvaluationContext context)
    {
        var a = left.Evaluate(context);
        var b = right.Evaluate(context);
        var n = context.Rows;
        if (a is ScalarVector sa && b is ScalarVector sb)
            return new ScalarVector(sa.Value is string x && sb.Value is string y ? x + y : null, ColumnType.String, n);
        var builder = new StringColumnBuilder(n);
        for (var i = 0; i < n; i++)
        {
            var x = a.GetValue(a is ScalarVector ? 0 : i) as string;
            var y = b.GetValue(b is ScalarVector ? 0 : i) as string;
            if (x == null || y == null) builder.AppendNull();
            else builder.Append(string.Concat(x, y));
        }
        return new StringVector(builder.Build("value"));
    }
}
