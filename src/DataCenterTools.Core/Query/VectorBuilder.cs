using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Builds a vector row by row from cells of other vectors of the same type (case, coalesce).</summary>
internal static class VectorBuilder
{
    /// <summary>
    /// A vector of <paramref name="type"/> whose row i is row <c>Row</c> of <c>Source</c> as chosen for i, or missing
    /// when the source is null or missing there. Sources hold the result type already (the binder widens).
    /// </summary>
    public static Vector Pick(ColumnType type, int n, Func<int, (Vector? Source, int Row)> choose)
    {
        var valid = new ulong[Bits.WordCount(n)];
        switch (type)
        {
            case ColumnType.Int64:
            {
                var values = new long[n];
                for (var i = 0; i < n; i++)
                    if (Take(choose(i), valid, i) is { } c) values[i] = c.Source is ScalarVector s ? (long)s.Value! : ((LongVector)c.Source).Values[c.Row];
                return new LongVector(values, n, Normalize(valid, n));
            }
            case ColumnType.Double:
            {
                var values = new double[n];
                for (var i = 0; i < n; i++)
                    if (Take(choose(i), valid, i) is { } c) values[i] = c.Source is ScalarVector s ? (double)s.Value! : ((DoubleVector)c.Source).Values[c.Row];
                return new DoubleVector(values, n, Normalize(valid, n));
            }
            case ColumnType.DateTime:
            {
                var values = new DateTime[n];
                for (var i = 0; i < n; i++)
                    if (Take(choose(i), valid, i) is { } c) values[i] = c.Source is ScalarVector s ? (DateTime)s.Value! : ((DateVector)c.Source).Values[c.Row];
                return new DateVector(values, n, Normalize(valid, n));
            }
            case ColumnType.Boolean:
            {
                var bits = new ulong[Bits.WordCount(n)];
                for (var i = 0; i < n; i++)
                    if (Take(choose(i), valid, i) is { } c && (c.Source is ScalarVector s ? (bool)s.Value! : ((BoolVector)c.Source)[c.Row]))
                        Bits.Set(bits, i);
                return new BoolVector(bits, n, Normalize(valid, n));
            }
            default:
            {
                var builder = new StringColumnBuilder(n);
                for (var i = 0; i < n; i++)
                {
                    if (Take(choose(i), valid, i) is not { } c) { builder.AppendNull(); continue; }
                    if (c.Source is ScalarVector s) builder.Append((string)s.Value!);
                    else builder.Append(((StringVector)c.Source).Column.GetSpan(c.Row));
                }
                return new StringVector(builder.Build("value"));
            }
        }
    }

    /// <summary>The chosen cell when it has a value (and marks the row valid), else null.</summary>
    private static (Vector Source, int Row)? Take((Vector? Source, int Row) choice, ulong[] valid, int i)
    {
        if (choice.Source is not { } source) return null;
        if (source is ScalarVector { IsMissing: true } || !source.IsValid(choice.Row)) return null;
        Bits.Set(valid, i);
        return (source, choice.Row);
    }

    private static ulong[]? Normalize(ulong[] valid, int n) => Bits.Count(valid, n) == n ? null : valid;
}
