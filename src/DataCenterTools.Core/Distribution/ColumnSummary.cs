using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// A mergeable, serializable summary of one column: exact counts, min/max and moments, a KLL sketch of
/// the values (numbers, or DateTime ticks) for quantiles and histograms, a HyperLogLog sketch for the
/// distinct count, and for categorical columns a Misra-Gries heavy-hitters summary (<see cref="HeavyHitters"/>)
/// of <see cref="MaxExactValues"/> counters: exact value counts up to that many distinct values, lower
/// bounds within <see cref="ValueCountError"/> above it. Every property is plain (numbers, strings, arrays) so Export-Clixml, Receive-Job or
/// ConvertTo-Json carry it; summaries of parts merge into the summary of the whole.
/// </summary>
public sealed class ColumnSummary
{
    /// <summary>Above this many distinct values only the most frequent are kept and their counts stop being exact.</summary>
    public const int MaxExactValues = HeavyHitters.DefaultCapacity;

    public string Dataset { get; init; } = "";
    public required string Column { get; init; }
    public required ColumnType Type { get; init; }
    /// <summary>"numeric", "categorical" or "datetime", as <see cref="ColumnDistribution.Kind"/>.</summary>
    public required string Kind { get; init; }
    public long Count { get; init; }
    public long Missing { get; init; }
    /// <summary>Numeric: the smallest and largest value; DateTime: their ticks.</summary>
    public double? Min { get; init; }
    public double? Max { get; init; }
    public long Zeros { get; init; }
    /// <summary>The exact moments of numeric values (Count is <see cref="Count"/>); see <see cref="Distribution.Moments"/>.</summary>
    public double Mean { get; init; } = double.NaN;
    public double M2 { get; init; }
    public double M3 { get; init; }
    public double M4 { get; init; }
    /// <summary>The values (numeric) or ticks (DateTime); null for categorical columns.</summary>
    public KllSketch? Quantiles { get; init; }
    public required HyperLogLog Distinct { get; init; }
    /// <summary>Categorical: the counters of the heavy-hitters summary, values and counts as parallel arrays, most frequent first.</summary>
    public string[] Values { get; init; } = [];
    public long[] ValueCounts { get; init; } = [];
    /// <summary>False once a column had more than <see cref="MaxExactValues"/> distinct values: Values holds the most frequent and their counts are lower bounds.</summary>
    public bool ValueCountsExact { get; init; } = true;
    /// <summary>The most any of <see cref="ValueCounts"/> is below the true count (0 while exact): (Count - their sum) / (MaxExactValues + 1).</summary>
    public long ValueCountError => ValueCountsExact ? 0 : Math.Max(0, Count - ValueCounts.Sum()) / (MaxExactValues + 1);

    /// <summary>The value counts as a heavy-hitters summary, to merge or query.</summary>
    public HeavyHitters TopCounts() => HeavyHitters.FromState(MaxExactValues, Count, ValueCountsExact, Values.Zip(ValueCounts, KeyValuePair.Create));

    public Moments Moments => Count == 0 || Kind != "numeric" ? Moments.Empty : new Moments(Count, Mean, M2, M3, M4);

    /// <summary>Which figures of <see cref="ToDistribution"/> are estimates rather than exact.</summary>
    public string[] EstimatedFields
    {
        get
        {
            var fields = new List<string>();
            if (Quantiles is { } sketch && sketch.Items.Length < sketch.Count) fields.AddRange(["Quantiles", "Median", "Histogram"]);
            if (Kind != "categorical" || !ValueCountsExact) fields.Add("Distinct");
            if (!ValueCountsExact) fields.Add("TopValues");
            return [.. fields];
        }
    }

    /// <summary>The summary of one column (every row, missing values counted in Missing).</summary>
    public static ColumnSummary Of(Column column, string dataset = "")
    {
        var distinct = new HyperLogLog();
        switch (column)
        {
            case Int64Column or DoubleColumn:
            {
                var values = NumericStats.PresentValues(column);
                var sketch = new KllSketch();
                long zeros = 0;
                foreach (var v in values)
                {
                    sketch.Add(v);
                    distinct.Add(v);
                    if (v == 0) zeros++;
                }
                var moments = Moments.Of(values);
                return new ColumnSummary
                {
                    Dataset = dataset, Column = column.Name, Type = column.Type, Kind = "numeric",
                    Count = values.Length, Missing = column.Length - values.Length,
                    Min = values.Length > 0 ? sketch.Min : null, Max = values.Length > 0 ? sketch.Max : null, Zeros = zeros,
                    Mean = moments.Mean, M2 = moments.M2, M3 = moments.M3, M4 = moments.M4,
                    Quantiles = sketch, Distinct = distinct,
                };
            }
            case DateTimeColumn times:
            {
                var sketch = new KllSketch();
                for (var row = 0; row < times.Length; row++)
                {
                    if (times.IsNull(row)) continue;
                    sketch.Add(times[row].Ticks);
                    distinct.Add(times[row].Ticks);
                }
                return new ColumnSummary
                {
                    Dataset = dataset, Column = column.Name, Type = column.Type, Kind = "datetime",
                    Count = sketch.Count, Missing = column.Length - sketch.Count,
                    Min = sketch.Count > 0 ? sketch.Min : null, Max = sketch.Count > 0 ? sketch.Max : null,
                    Quantiles = sketch, Distinct = distinct,
                };
            }
            default:
            {
                var counts = DistributionAnalyzer.CategoryCounts(column);
                foreach (var value in counts.Keys) distinct.Add(value);
                var top = HeavyHitters.FromCounts(counts, MaxExactValues);
                return Categorical(column.Name, column.Type, dataset, column.Length - top.Count, distinct, top);
            }
        }
    }

    private static ColumnSummary Categorical(string column, ColumnType type, string dataset, long missing, HyperLogLog distinct, HeavyHitters top)
    {
        var pairs = top.Counters();
        return new ColumnSummary
        {
            Dataset = dataset, Column = column, Type = type, Kind = "categorical", Count = top.Count, Missing = missing,
            Distinct = distinct, Values = [.. pairs.Select(p => p.Key)], ValueCounts = [.. pairs.Select(p => p.Value)], ValueCountsExact = top.Exact,
        };
    }

    /// <summary>
    /// The summary of both parts: counts, min/max, moments and value counts exactly, the sketches merged.
    /// Int64 and Double parts merge as Double. Different kinds (numeric in one, text in the other) cannot merge.
    /// </summary>
    public ColumnSummary Merge(ColumnSummary other)
    {
        // A part where the column has no values has no say in its kind (as in type inference): only its missing cells count.
        if (other.Kind != Kind && other.Count == 0) return Merge(EmptyLike(this, other.Missing, other.Dataset));
        if (other.Kind != Kind && Count == 0) return EmptyLike(other, Missing, Dataset).Merge(other);
        if (other.Kind != Kind || (Kind != "numeric" && other.Type != Type))
            throw new DataException("SummaryMismatch", DataErrorKind.InvalidData,
                $"Column '{Column}' is {Type} ({Kind}) in one summary and {other.Type} ({other.Kind}) in another; they cannot be merged.",
                "Import the parts with the same {option:Schema} so the column has one type everywhere, or leave it out with {option:Column}.", column: Column);
        var distinct = Distinct.Clone();
        distinct.Merge(other.Distinct);
        var dataset = Dataset == other.Dataset ? Dataset : string.Join(",", new[] { Dataset, other.Dataset }.Where(d => d != "").Distinct());
        if (Kind == "categorical")
        {
            var top = TopCounts();
            top.Merge(other.TopCounts());
            return Categorical(Column, Type, dataset, Missing + other.Missing, distinct, top);
        }
        var quantiles = Quantiles!.Clone();
        quantiles.Merge(other.Quantiles!);
        var moments = Moments.Merge(other.Moments);
        return new ColumnSummary
        {
            Dataset = dataset, Column = Column, Kind = Kind,
            Type = Type == other.Type ? Type : ColumnType.Double,
            Count = Count + other.Count, Missing = Missing + other.Missing,
            Min = quantiles.Count > 0 ? quantiles.Min : null, Max = quantiles.Count > 0 ? quantiles.Max : null,
            Zeros = Zeros + other.Zeros,
            Mean = moments.Mean, M2 = moments.M2, M3 = moments.M3, M4 = moments.M4,
            Quantiles = quantiles, Distinct = distinct,
        };
    }

    /// <summary>A summary of the same column, type and kind as <paramref name="shape"/> with no values.</summary>
    internal static ColumnSummary EmptyLike(ColumnSummary shape, long missing, string dataset) => new()
    {
        Dataset = dataset, Column = shape.Column, Type = shape.Type, Kind = shape.Kind, Missing = missing,
        Min = null, Max = null, Quantiles = shape.Kind == "categorical" ? null : new KllSketch(), Distinct = new HyperLogLog(),
    };

    /// <summary>This summary with <paramref name="missing"/> more missing cells (rows where the column was absent).</summary>
    public ColumnSummary PlusMissing(long missing) => missing == 0 ? this : Merge(EmptyLike(this, missing, Dataset));

    /// <summary>
    /// One summary per column of a Dataset read in parts (<see cref="CsvDatasetReader.ReadChunks"/>): each part
    /// is summarised and merged in turn, so memory holds one part and the summaries, never the whole.
    /// </summary>
    public static IReadOnlyList<ColumnSummary> SummarizeChunks(IEnumerable<Dataset> chunks, IReadOnlyList<string>? columns)
    {
        var stream = new StreamingDistribution(new DistributionOptions { Columns = columns });
        foreach (var chunk in chunks) stream.Add(chunk, columnsFixed: true);
        return stream.Summaries();
    }

    /// <summary>One summary per column of <paramref name="dataset"/> (or of the named <paramref name="columns"/>).</summary>
    public static IReadOnlyList<ColumnSummary> Summarize(Dataset dataset, IReadOnlyList<string>? columns)
    {
        var targets = columns == null ? dataset.Columns : columns.Select(name => FeatureColumns.Require(dataset, name, "{option:Column}")).ToArray();
        return [.. targets.Select(column => Of(column, dataset.Name))];
    }

    /// <summary>Merges summaries of the same column (matched by name, ignoring case), in the order the columns first appear.</summary>
    public static IReadOnlyList<ColumnSummary> MergeAll(IEnumerable<ColumnSummary> summaries)
    {
        var merged = new Dictionary<string, ColumnSummary>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var summary in summaries)
        {
            if (merged.TryGetValue(summary.Column, out var sofar)) merged[summary.Column] = sofar.Merge(summary);
            else { merged[summary.Column] = summary; order.Add(summary.Column); }
        }
        return [.. order.Select(name => merged[name])];
    }

    /// <summary>The same view Get-DataDistribution gives, from the summary (see <see cref="EstimatedFields"/>).</summary>
    public ColumnDistribution ToDistribution(DistributionOptions options)
    {
        var result = new ColumnDistribution
        {
            Dataset = Dataset, Column = Column, Type = Type, Kind = Kind, Count = Count, Missing = Missing,
            EstimatedFields = EstimatedFields,
        };
        if (Kind == "categorical")
        {
            var present = Count;
            var error = ValueCountError;
            return result with
            {
                Distinct = ValueCountsExact ? Values.Length : Distinct.Estimate(),
                TopValues = TopCounts().Counters().Take(options.Top)
                    .Select(p => new ValueCount(p.Key, p.Value, 100.0 * p.Value / present) { CountError = error }).ToArray(),
            };
        }
        var sketch = Quantiles!;
        var any = sketch.Count > 0;
        result = result with { Distinct = any ? Distinct.Estimate() : 0, Histogram = any ? WeightedHistogram(sketch, options.Bins) : null };
        // While the sketch still holds every value the quantiles are exact, interpolated as pandas does.
        var exact = any && sketch.Items.Length == sketch.Count ? sketch.Items.Order().ToArray() : null;
        double quantile(double q) => exact != null ? NumericStats.Quantile(exact, q) : sketch.Quantile(q);
        if (Kind == "datetime")
            return result with
            {
                Earliest = any ? new DateTime((long)sketch.Min) : null,
                Latest = any ? new DateTime((long)sketch.Max) : null,
            };
        return result with
        {
            Moments = Moments, Min = Min, Max = Max, Zeros = Zeros,
            Median = any ? quantile(0.5) : null,
            Quantiles = any ? options.Quantiles.Select(q => new QuantileValue(q, quantile(q))).ToArray() : [],
        };
    }

    /// <summary>The histogram over [Min, Max] of the sketch's items, each counted with its weight (2^level).</summary>
    private static Histogram WeightedHistogram(KllSketch sketch, int bins)
    {
        var items = sketch.Items;
        var starts = sketch.LevelStarts;
        var counts = new long[bins];
        double[]? edges = null;
        for (var level = 0; level + 1 < starts.Length; level++)
        {
            var part = Histogram.Of(items.AsSpan(starts[level], starts[level + 1] - starts[level]), sketch.Min, sketch.Max, bins);
            edges ??= [.. part.Edges];
            for (var i = 0; i < bins; i++) counts[i] += part.Counts[i] << level;
        }
        return new Histogram(edges!, counts);
    }
}
