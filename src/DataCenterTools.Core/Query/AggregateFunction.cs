using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

public enum AggregateKind { Count, Missing, Sum, Mean, Std, Var, Min, Max, Median, Quantile, First, Last, CountDistinct }

/// <summary>
/// One aggregate of one column, as written in -Aggregate: count, missing, sum, mean (avg), std, var, min, max, median,
/// p&lt;N&gt; (the N-th percentile, e.g. p95 or p99.9), first, last, count_distinct (nunique). std and var are the sample
/// figures (n - 1), percentiles interpolate linearly between the closest ranks: pandas' and polars' defaults.
/// </summary>
public sealed record AggregateFunction(string Column, AggregateKind Kind, double Quantile, string Spec)
{
    /// <summary>The output column's name: column_spec, e.g. cpu_pct_p95.</summary>
    public string OutputName => $"{Column}_{Spec}";

    /// <summary>
    /// The aggregates of an -Aggregate table (column to one or more specs). Columns are resolved against the schema;
    /// when the table has no order of its own (a plain @{} hashtable) they are taken in the Dataset's column order,
    /// so the output's columns do not depend on hashing.
    /// </summary>
    public static IReadOnlyList<AggregateFunction> ParseAll(Schema schema, IEnumerable<(string Column, IReadOnlyList<string> Specs)> table, bool ordered)
    {
        var entries = table.Select(e => (Column: ColumnNames.Single(schema, e.Column, "{option:Aggregate}"), e.Specs)).ToList();
        if (!ordered) entries = entries.OrderBy(e => schema.IndexOf(e.Column)).ToList();
        var result = entries.SelectMany(e => e.Specs.Select(s => Parse(e.Column, s))).ToList();
        var duplicate = result.GroupBy(a => a.OutputName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new DataException("InvalidArgument", DataErrorKind.InvalidArgument, $"{{option:Aggregate}} asks for '{duplicate.Key}' twice.", "List each aggregate once.");
        return result;
    }

    public static AggregateFunction Parse(string column, string spec)
    {
        var s = spec.Trim().ToLowerInvariant();
        AggregateKind? kind = s switch
        {
            "count" => AggregateKind.Count,
            "missing" or "null_count" or "nulls" => AggregateKind.Missing,
            "sum" => AggregateKind.Sum,
            "mean" or "avg" or "average" => AggregateKind.Mean,
            "std" or "stddev" => AggregateKind.Std,
            "var" or "variance" => AggregateKind.Var,
            "min" => AggregateKind.Min,
            "max" => AggregateKind.Max,
            "median" => AggregateKind.Median,
            "first" => AggregateKind.First,
            "last" => AggregateKind.Last,
            "count_distinct" or "nunique" or "distinct" => AggregateKind.CountDistinct,
            _ => null,
        };
        var canonical = kind switch
        {
            AggregateKind.Mean => "mean",
            AggregateKind.Std => "std",
            AggregateKind.Var => "var",
            AggregateKind.Missing => "missing",
            AggregateKind.CountDistinct => "count_distinct",
            _ => s,
        };
        if (kind != null) return new AggregateFunction(column, kind.Value, kind == AggregateKind.Median ? 0.5 : 0, canonical);
        if (s.Length > 1 && s[0] == 'p' && double.TryParse(s.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p <= 100)
            return new AggregateFunction(column, AggregateKind.Quantile, p / 100, "p" + p.ToString("0.###", CultureInfo.InvariantCulture));
        throw new DataException("UnknownAggregate", DataErrorKind.InvalidArgument,
            $"{{option:Aggregate}} asks for '{spec}' of column '{column}', which is not an aggregate.",
            "Use count, missing, sum, mean, std, var, min, max, median, p50/p95/p99 (any percentile pN), first, last or count_distinct.", column: column);
    }

    /// <summary>The result type for an input column of <paramref name="input"/>, or DataCenterTools.AggregateTypeMismatch.</summary>
    public ColumnType ResultType(ColumnType input)
    {
        var numeric = input is ColumnType.Int64 or ColumnType.Double;
        switch (Kind)
        {
            case AggregateKind.Count or AggregateKind.Missing or AggregateKind.CountDistinct: return ColumnType.Int64;
            case AggregateKind.First or AggregateKind.Last or AggregateKind.Min or AggregateKind.Max: return input;
            case AggregateKind.Sum when input is ColumnType.Int64 or ColumnType.Boolean: return ColumnType.Int64;
            case AggregateKind.Sum when input == ColumnType.Double: return ColumnType.Double;
            case AggregateKind.Mean or AggregateKind.Std or AggregateKind.Var when numeric || input == ColumnType.Boolean: return ColumnType.Double;
            case AggregateKind.Median or AggregateKind.Quantile when numeric: return ColumnType.Double;
        }
        throw new DataException("AggregateTypeMismatch", DataErrorKind.InvalidArgument,
            $"'{Spec}' of column '{Column}' needs numbers, but '{Column}' is {input}.",
            input == ColumnType.String
                ? "Text takes count, missing, count_distinct, min, max, first or last; convert numbers stored as text first: Add-DataColumn -Name x -Expression 'cast(col as Double)'."
                : "A DateTime takes count, missing, count_distinct, min, max, first or last.", column: Column);
    }
}
