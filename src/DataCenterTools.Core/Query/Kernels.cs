using System.Numerics;

namespace DataCenterTools.Core.Query;

/// <summary>The comparison operators as types, so each (type, operator) pair compiles to its own tight loop.</summary>
internal interface ICompareOp
{
    static abstract bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool>;
}

internal struct EqualOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a == b; }
internal struct NotEqualOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a != b; }
internal struct LessOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a < b; }
internal struct LessOrEqualOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a <= b; }
internal struct GreaterOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a > b; }
internal struct GreaterOrEqualOp : ICompareOp { public static bool Test<T>(T a, T b) where T : IComparisonOperators<T, T, bool> => a >= b; }

/// <summary>Column-at-a-time loops: comparisons into bit masks, arithmetic into fresh arrays.</summary>
internal static class Kernels
{
    public static ulong[] Compare<T>(BinaryOperator op, ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IComparisonOperators<T, T, bool> => op switch
    {
        BinaryOperator.Equal => Compare<T, EqualOp>(a, b),
        BinaryOperator.NotEqual => Compare<T, NotEqualOp>(a, b),
        BinaryOperator.Less => Compare<T, LessOp>(a, b),
        BinaryOperator.LessOrEqual => Compare<T, LessOrEqualOp>(a, b),
        BinaryOperator.Greater => Compare<T, GreaterOp>(a, b),
        BinaryOperator.GreaterOrEqual => Compare<T, GreaterOrEqualOp>(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static ulong[] Compare<T>(BinaryOperator op, ReadOnlySpan<T> a, T b) where T : IComparisonOperators<T, T, bool> => op switch
    {
        BinaryOperator.Equal => Compare<T, EqualOp>(a, b),
        BinaryOperator.NotEqual => Compare<T, NotEqualOp>(a, b),
        BinaryOperator.Less => Compare<T, LessOp>(a, b),
        BinaryOperator.LessOrEqual => Compare<T, LessOrEqualOp>(a, b),
        BinaryOperator.Greater => Compare<T, GreaterOp>(a, b),
        BinaryOperator.GreaterOrEqual => Compare<T, GreaterOrEqualOp>(a, b),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>The operator with its sides swapped: a &lt; b is b &gt; a.</summary>
    public static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Less => BinaryOperator.Greater,
        BinaryOperator.LessOrEqual => BinaryOperator.GreaterOrEqual,
        BinaryOperator.Greater => BinaryOperator.Less,
        BinaryOperator.GreaterOrEqual => BinaryOperator.LessOrEqual,
        _ => op,
    };

    /// <summary>Whether a three-way comparison result satisfies the operator.</summary>
    public static bool Holds(BinaryOperator op, int order) => op switch
    {
        BinaryOperator.Equal => order == 0,
        BinaryOperator.NotEqual => order != 0,
        BinaryOperator.Less => order < 0,
        BinaryOperator.LessOrEqual => order <= 0,
        BinaryOperator.Greater => order > 0,
        BinaryOperator.GreaterOrEqual => order >= 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static ulong[] Compare<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IComparisonOperators<T, T, bool> where TOp : ICompareOp
    {
        var n = a.Length;
        var bits = new ulong[Bits.WordCount(n)];
        for (var w = 0; w < bits.Length; w++)
        {
            var start = w << 6;
            var end = Math.Min(64, n - start);
            ulong word = 0;
            for (var j = 0; j < end; j++)
                if (TOp.Test(a[start + j], b[start + j])) word |= 1UL << j;
            bits[w] = word;
        }
        return bits;
    }

    private static ulong[] Compare<T, TOp>(ReadOnlySpan<T> a, T b) where T : IComparisonOperators<T, T, bool> where TOp : ICompareOp
    {
        var n = a.Length;
        var bits = new ulong[Bits.WordCount(n)];
        for (var w = 0; w < bits.Length; w++)
        {
            var start = w << 6;
            var end = Math.Min(64, n - start);
            ulong word = 0;
            for (var j = 0; j < end; j++)
                if (TOp.Test(a[start + j], b)) word |= 1UL << j;
            bits[w] = word;
        }
        return bits;
    }

    /// <summary>Int64 values widened to Double (exact up to 2^53, as in every engine).</summary>
    public static double[] ToDoubles(ReadOnlySpan<long> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }

    /// <summary>DateTime values as ticks, for comparisons (Kind is ignored: Unspecified is read as UTC).</summary>
    public static long[] Ticks(ReadOnlySpan<DateTime> values)
    {
        var result = new long[values.Length];
        for (var i = 0; i < result.Length; i++) result[i] = values[i].Ticks;
        return result;
    }
}

/// <summary>+ - * over spans or a scalar, one tight loop per layout; Int64 is checked for overflow.</summary>
internal static class ArithmeticKernels
{
    public static void Longs(BinaryOperator op, Operand<long> a, Operand<long> b, Span<long> result)
    {
        checked
        {
            switch (op)
            {
                case BinaryOperator.Add:
                    if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x + y[i]; }
                    else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] + y; }
                    else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] + y[i]; }
                    break;
                case BinaryOperator.Subtract:
                    if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x - y[i]; }
                    else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] - y; }
                    else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] - y[i]; }
                    break;
                case BinaryOperator.Multiply:
                    if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x * y[i]; }
                    else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] * y; }
                    else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] * y[i]; }
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(op));
            }
        }
    }

    public static void Doubles(BinaryOperator op, Operand<double> a, Operand<double> b, Span<double> result)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x + y[i]; }
                else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] + y; }
                else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] + y[i]; }
                break;
            case BinaryOperator.Subtract:
                if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x - y[i]; }
                else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] - y; }
                else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] - y[i]; }
                break;
            case BinaryOperator.Multiply:
                if (a.IsScalar) { var x = a.Scalar; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x * y[i]; }
                else if (b.IsScalar) { var x = a.Span; var y = b.Scalar; for (var i = 0; i < result.Length; i++) result[i] = x[i] * y; }
                else { var x = a.Span; var y = b.Span; for (var i = 0; i < result.Length; i++) result[i] = x[i] * y[i]; }
                break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }
}
