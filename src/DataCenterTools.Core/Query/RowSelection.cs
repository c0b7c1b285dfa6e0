using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>What Select-DataRow keeps. Steps run in SQL's order: filter, distinct, sample, order, skip, first or last.</summary>
public sealed record RowSelectionOptions
{
    /// <summary>An expression; rows where it is true are kept (missing counts as not true).</summary>
    public string? Filter { get; init; }
    /// <summary>Keep the first row of each distinct key (the values of <see cref="DistinctColumns"/>, or of every column).</summary>
    public bool Distinct { get; init; }
    public IReadOnlyList<string>? DistinctColumns { get; init; }
    /// <summary>A random sample of this many rows (without replacement), in their original order.</summary>
    public int? Sample { get; init; }
    /// <summary>A random sample of this share of the rows, rounded to the nearest row.</summary>
    public double? Fraction { get; init; }
    /// <summary>Seed of the sample; the same seed gives the same rows on every machine. Drawn at random (and reported) when null.</summary>
    public long? Seed { get; init; }
    public IReadOnlyList<SortKey>? OrderBy { get; init; }
    public int Skip { get; init; }
    public int? First { get; init; }
    public int? Last { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>A verb's result: the new Dataset, and warnings to show (cast failures, division by zero...).</summary>
public sealed record QueryResult(Dataset Dataset, IReadOnlyList<string> Warnings);

/// <summary>Select-DataRow: keeps rows of a Dataset by condition, distinctness, sampling, order and position.</summary>
public static class RowSelection
{
    public static QueryResult Select(Dataset dataset, RowSelectionOptions options)
    {
        Validate(options);
        var warnings = new List<string>();
        var parameters = new Dictionary<string, string>();
        var n = dataset.RowCount;
        int[]? rows = null; // null: every row, in order

        if (options.Filter != null)
        {
            var expression = DataExpression.Compile(dataset, options.Filter);
            rows = expression.SelectRows(out var w, options.Cancellation);
            warnings.AddRange(w);
            parameters["Filter"] = options.Filter;
        }
        if (options.Distinct)
        {
            var names = options.DistinctColumns is { Count: > 0 } d ? ColumnNames.Resolve(dataset.Schema, d, "{option:Column}") : dataset.Schema.Select(c => c.Name).ToList();
            var current = rows ?? Enumerable.Range(0, n).ToArray();
            var keyColumns = names.Select(name => dataset[name].Take(current)).ToList();
            var keys = GroupKeys.Compute(keyColumns, current.Length);
            rows = keys.FirstRow.Select(i => current[i]).ToArray();
            parameters["Distinct"] = string.Join(",", names);
        }
        if (options.Sample != null || options.Fraction != null)
        {
            var current = rows ?? Enumerable.Range(0, n).ToArray();
            var seed = options.Seed ?? Random.Shared.NextInt64();
            var count = options.Sample ?? (int)Math.Round(options.Fraction!.Value * current.Length, MidpointRounding.AwayFromZero);
            rows = Sample(current, Math.Min(count, current.Length), seed);
            parameters[options.Sample != null ? "Sample" : "Fraction"] = options.Sample?.ToString(CultureInfo.InvariantCulture) ?? options.Fraction!.Value.ToString("R", CultureInfo.InvariantCulture);
            parameters["Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        }
        if (options.OrderBy is { Count: > 0 } keysToSort)
        {
            var current = rows ?? Enumerable.Range(0, n).ToArray();
            var subset = rows == null ? dataset : new Dataset(dataset.Name, keysToSort.Select(k => dataset[ColumnNames.Single(dataset.Schema, k.Column, "{option:OrderBy}")].Take(current)));
            var order = RowOrder.Sort(subset, keysToSort);
            rows = order.Select(i => current[i]).ToArray();
            parameters["OrderBy"] = string.Join(",", keysToSort.Select(k => k.Column + (k.Descending ? " desc" : "")));
        }
        if (options.Skip > 0 || options.First != null || options.Last != null)
        {
            var current = rows ?? Enumerable.Range(0, n).ToArray();
            var start = Math.Min(options.Skip, current.Length);
            var length = current.Length - start;
            if (options.First is { } first) length = Math.Min(first, length);
            if (options.Last is { } last) { var take = Math.Min(last, length); start += length - take; length = take; }
            rows = current.AsSpan(start, length).ToArray();
            if (options.Skip > 0) parameters["Skip"] = options.Skip.ToString(CultureInfo.InvariantCulture);
            if (options.First != null) parameters["First"] = options.First.Value.ToString(CultureInfo.InvariantCulture);
            if (options.Last != null) parameters["Last"] = options.Last.Value.ToString(CultureInfo.InvariantCulture);
        }
        parameters["Rows"] = (rows?.Length ?? n).ToString(CultureInfo.InvariantCulture);
        var step = new LineageEntry("Select-DataRow", parameters);
        var result = rows == null ? dataset.WithLineage(step) : ColumnGather.TakeRows(dataset, rows, step);
        return new QueryResult(result, warnings);
    }

    private static void Validate(RowSelectionOptions o)
    {
        if (o.First != null && o.Last != null) throw Invalid("{option:First} and {option:Last} cannot be used together.", "Use one; {option:Skip} N {option:First} M takes rows N+1 to N+M.");
        if (o.Sample != null && o.Fraction != null) throw Invalid("{option:Sample} and {option:Fraction} cannot be used together.", "{option:Sample} takes a number of rows, {option:Fraction} a share (0 to 1).");
        if (o.Fraction is { } f && !(f >= 0 && f <= 1)) throw Invalid($"{{option:Fraction}} must be between 0 and 1, not {f}.", "Use for example {option:Fraction} 0.1 for a tenth of the rows.");
        if (o.Sample is < 0 || o.First is < 0 || o.Last is < 0 || o.Skip < 0) throw Invalid("{option:Sample}, {option:First}, {option:Last} and {option:Skip} take 0 or more rows.", null);
        if (o.Seed != null && o.Sample == null && o.Fraction == null) throw Invalid("{option:Seed} applies to a sample: add {option:Sample} N or {option:Fraction} f.", null);
        if (o.DistinctColumns is { Count: > 0 } && !o.Distinct) throw Invalid("{option:Column} applies to {option:Distinct}.", "Add {option:Distinct}, or use Select-DataColumn to choose columns.");
    }

    private static DataException Invalid(string message, string? recommendation) =>
        new("InvalidArgumentCombination", DataErrorKind.InvalidArgument, message, recommendation);

    /// <summary>
    /// A uniform sample without replacement (a partial Fisher-Yates shuffle driven by SplitMix64, so the same seed
    /// picks the same rows everywhere), returned in the rows' original order.
    /// </summary>
    private static int[] Sample(int[] rows, int count, long seed)
    {
        var pool = (int[])rows.Clone();
        var random = new Features.SplitMix64((ulong)seed);
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextBelow(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var chosen = pool.AsSpan(0, count).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
