using System.Collections.Concurrent;
using System.Globalization;
using DataCenterTools.Core.Cleaning;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;
using DataCenterTools.Core.Numerics;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Describes the distribution of each column of a Dataset, optionally per group (-GroupBy) and per
/// time bucket (-TimeColumn/-Interval). Definitions follow pandas: std with ddof 1, quantiles by linear
/// interpolation, skew() and kurt() bias-corrected, nunique() ignoring missing values.
/// </summary>
public static class DistributionAnalyzer
{
    public static IReadOnlyList<ColumnDistribution> Analyze(Dataset dataset, DistributionOptions options)
    {
        if (options.Bins < 1) throw new ArgumentOutOfRangeException(nameof(options), "Bins must be at least 1.");
        foreach (var q in options.Quantiles)
            if (!(q >= 0 && q <= 1))
                throw new DataException("InvalidQuantile", DataErrorKind.InvalidArgument, $"Quantile {q} is outside 0-1.",
                    "Give quantiles as fractions, for example {option:Quantile} 0.1,0.5,0.9.");

        var (groupColumns, timeColumn) = KeyColumns(dataset, options);
        var keyNames = new HashSet<string>(groupColumns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        if (timeColumn != null) keyNames.Add(timeColumn.Name);

        var targets = options.Columns == null
            ? dataset.Columns.Where(c => !keyNames.Contains(c.Name)).ToArray()
            : options.Columns.Select(name => FeatureColumns.Require(dataset, name, "{option:Column}")).ToArray();
        foreach (var name in options.Numeric ?? [])
        {
            var column = FeatureColumns.Require(dataset, name, "{option:Numeric}");
            if (FeatureColumns.IsNumeric(column)) continue;
            options.Warning?.Invoke($"Column '{column.Name}' is {column.Type}, not numeric; describing it with {(column.Type == ColumnType.DateTime ? "DateTime" : "categorical")} statistics instead.");
        }
        if (dataset.RowCount == 0) options.Warning?.Invoke($"Dataset '{dataset.Name}' has no rows; every column has count 0.");

        var results = new List<ColumnDistribution>();
        if (groupColumns.Length == 0 && timeColumn == null)
        {
            // Columns are independent: describe them on all cores (sorting for quantiles and distinct counts dominates).
            // Buffers are handed from column to column, one set per core at most: two 8-byte arrays of a row per column
            // allocated anew were most of a profile's peak memory (the large-object heap is collected long after they
            // are garbage). Not Parallel.For's per-worker state: its workers end and restart while a long column runs.
            var described = new ColumnDistribution[targets.Length];
            var spare = new ConcurrentBag<ColumnScratch>();
            Parallel.For(0, targets.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                if (!spare.TryTake(out var scratch)) scratch = new ColumnScratch(dataset.RowCount);
                described[i] = Describe(targets[i], options, scratch) with { Dataset = dataset.Name };
                spare.Add(scratch);
            });
            results.AddRange(described);
            return results;
        }
        var partitions = Partition(dataset, groupColumns, timeColumn, options.Interval, out var skipped);
        if (skipped > 0) options.Warning?.Invoke($"{skipped} rows have no '{timeColumn!.Name}' time and are left out of the time buckets.");
        foreach (var (group, bucket, rows) in partitions)
        {
            var groupValues = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < groupColumns.Length; i++) groupValues[groupColumns[i].Name] = group[i];
            foreach (var column in targets) results.Add(Describe(column.Take(rows), options) with { Dataset = dataset.Name, Group = groupValues, Bucket = bucket });
        }
        return results;
    }

    /// <summary>The -GroupBy columns and the -TimeColumn (which must be DateTime) of <paramref name="dataset"/>.</summary>
    internal static (Column[] GroupColumns, DateTimeColumn? TimeColumn) KeyColumns(Dataset dataset, DistributionOptions options)
    {
        var groupColumns = (options.GroupBy ?? []).Select(name => FeatureColumns.Require(dataset, name, "{option:GroupBy}")).ToArray();
        DateTimeColumn? timeColumn = null;
        if (options.TimeColumn != null)
        {
            var column = FeatureColumns.Require(dataset, options.TimeColumn, "{option:TimeColumn}");
            timeColumn = column as DateTimeColumn ?? throw new DataException("TimeColumnNotDateTime", DataErrorKind.InvalidArgument,
                $"{{option:TimeColumn}} '{column.Name}' is {column.Type}, not DateTime.",
                "Name a DateTime column, or import with {option:Schema} @{ " + column.Name + " = 'DateTime' }.", column: column.Name);
        }
        return (groupColumns, timeColumn);
    }

    /// <summary>The rows of each group and time bucket, ordered by group values then bucket; rows without a time are skipped and counted.</summary>
    internal static IReadOnlyList<(string?[] Group, DateTime? Bucket, int[] Rows)> Partition(
        Dataset dataset, Column[] groupColumns, DateTimeColumn? timeColumn, TimeSpan? bucketWidth, out int skipped)
    {
        var interval = bucketWidth ?? TimeSpan.FromDays(1);
        var partitions = new Dictionary<string, (string?[] Group, DateTime? Bucket, List<int> Rows)>(StringComparer.Ordinal);
        skipped = 0;
        for (var row = 0; row < dataset.RowCount; row++)
        {
            DateTime? bucket = null;
            if (timeColumn != null)
            {
                if (timeColumn.IsNull(row)) { skipped++; continue; }
                bucket = TimeInterval.Floor(timeColumn[row], interval);
            }
            var group = new string?[groupColumns.Length];
            for (var i = 0; i < group.Length; i++) group[i] = KeyText(groupColumns[i], row);
            var key = PartitionKey(group, bucket);
            if (!partitions.TryGetValue(key, out var partition))
                partitions[key] = partition = (group, bucket, new List<int>());
            partition.Rows.Add(row);
        }
        return [.. partitions.Values
            .OrderBy(p => p.Group, GroupComparer.Instance)
            .ThenBy(p => p.Bucket)
            .Select(p => (p.Group, p.Bucket, p.Rows.ToArray()))];
    }

    /// <summary>One text per group and bucket: \u001f cannot appear in a key written by KeyText's formats, so joined keys stay distinct.</summary>
    internal static string PartitionKey(string?[] group, DateTime? bucket) =>
        string.Join("\u001f", group.Select(g => g ?? "\u001e")) + "\u001f" + bucket?.Ticks;

    private static string? KeyText(Column column, int row) => column.GetValue(row) switch
    {
        null => null,
        DateTime t => t.ToString("o", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString(),
    };

    internal sealed class GroupComparer : IComparer<string?[]>
    {
        public static readonly GroupComparer Instance = new();
        public int Compare(string?[]? x, string?[]? y)
        {
            for (var i = 0; i < x!.Length; i++)
            {
                var c = string.CompareOrdinal(x[i], y![i]);
                if (c != 0) return c;
            }
            return 0;
        }
    }

    /// <summary>The distribution of one column by its type: numeric, DateTime or categorical.</summary>
    public static ColumnDistribution Describe(Column column, DistributionOptions options) => Describe(column, options, new ColumnScratch());

    internal static ColumnDistribution Describe(Column column, DistributionOptions options, ColumnScratch scratch) => column switch
    {
        Int64Column or DoubleColumn => DescribeNumeric(column, options, scratch),
        DateTimeColumn times => DescribeTimes(times, options, scratch),
        _ => DescribeCategories(column, options),
    };

    /// <summary>
    /// The present values of a column and the radix sort's other half, reused from column to column. Made for
    /// <paramref name="rows"/> (the Dataset's), so a column with a few more present values than the last does not
    /// allocate both again.
    /// </summary>
    internal sealed class ColumnScratch(int rows = 0)
    {
        private double[] _values = [];
        private ulong[] _radix = [];

        public Span<double> Values(int length)
        {
            if (_values.Length < length) _values = GC.AllocateUninitializedArray<double>(Math.Max(length, rows));
            return _values.AsSpan(0, length);
        }

        public Span<ulong> Radix(int length)
        {
            if (_radix.Length < length) _radix = GC.AllocateUninitializedArray<ulong>(Math.Max(length, rows));
            return _radix.AsSpan(0, length);
        }
    }

    /// <summary>The fields every kind of column fills.</summary>
    private static ColumnDistribution Counted(Column column, string kind, long present, long distinct) => new()
    {
        Column = column.Name,
        Type = column.Type,
        Kind = kind,
        Count = present,
        Missing = column.Length - present,
        Distinct = distinct,
    };

    private static ColumnDistribution DescribeNumeric(Column column, DistributionOptions options, ColumnScratch scratch)
    {
        // The moments are summed in row order first (the order decides the last bits of a sum), then the same values are
        // sorted in place for everything else: no second copy of the column.
        var buffer = scratch.Values(column.Length - column.NullCount);
        Span<double> sorted = buffer[..ColumnNumbers.CopyPresent(column, skipNaN: true, buffer)];
        var moments = Moments.Of(sorted);
        NumericSort.Sort(sorted, scratch.Radix(sorted.Length));
        var distinct = 0L;
        var zeros = 0L;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) distinct++;
            if (sorted[i] == 0) zeros++;
        }
        var any = sorted.Length > 0;
        var quantiles = new QuantileValue[any ? options.Quantiles.Count : 0];
        for (var q = 0; q < quantiles.Length; q++) quantiles[q] = new QuantileValue(options.Quantiles[q], NumericStats.Quantile(sorted, options.Quantiles[q]));
        return Counted(column, "numeric", sorted.Length, distinct) with
        {
            Moments = moments,
            Min = any ? sorted[0] : null,
            Max = any ? sorted[^1] : null,
            Zeros = zeros,
            Median = any ? NumericStats.Quantile(sorted, 0.5) : null,
            Quantiles = quantiles,
            Histogram = any ? Histogram.Of(sorted, options.Bins) : null,
        };
    }

    private static ColumnDistribution DescribeTimes(DateTimeColumn column, DistributionOptions options, ColumnScratch scratch)
    {
        var ticks = scratch.Values(column.Length - column.NullCount);
        var count = 0;
        var distinct = new HashSet<long>();
        long min = long.MaxValue, max = long.MinValue, previous = 0;
        var values = column.Values;
        for (var row = 0; row < values.Length; row++)
        {
            if (column.IsNull(row)) continue;
            var t = values[row].Ticks;
            ticks[count] = t;
            // Rows of one time come together in telemetry (every host at each tick): look up a time once per run.
            if (count++ == 0 || t != previous) distinct.Add(t);
            previous = t;
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }
        var any = count > 0;
        var kind = any ? column[FirstPresentRow(column)].Kind : DateTimeKind.Unspecified;
        return Counted(column, "datetime", count, distinct.Count) with
        {
            Earliest = any ? new DateTime(min, kind) : null,
            Latest = any ? new DateTime(max, kind) : null,
            // Edges are DateTime ticks; the sparkline shows how the rows spread over time.
            Histogram = any ? Histogram.Of(ticks, options.Bins) : null,
        };
    }

    private static int FirstPresentRow(Column column)
    {
        for (var row = 0; row < column.Length; row++) if (!column.IsNull(row)) return row;
        return -1;
    }

    private static ColumnDistribution DescribeCategories(Column column, DistributionOptions options)
    {
        if (column is StringColumn { IsDictionaryEncoded: false } text)
        {
            var (inText, distinct, top) = TextValueCounts.Count(text, options.Top);
            return Counted(column, "categorical", inText, distinct) with
            {
                TopValues = top.Select(kv => new ValueCount(kv.Key, kv.Value, 100.0 * kv.Value / inText)).ToArray(),
            };
        }
        var counts = CategoryCounts(column);
        var present = counts.Values.Sum();
        return Counted(column, "categorical", present, counts.Count) with
        {
            // Most frequent first; ties in ordinal order of the value so the result is deterministic.
            TopValues = Top(counts, options.Top).Select(kv => new ValueCount(kv.Key, kv.Value, 100.0 * kv.Value / present)).ToArray(),
        };
    }

    /// <summary>
    /// The <paramref name="k"/> most frequent values, most frequent first, ties in ordinal order: one pass keeping the
    /// best k so far (sorting a million distinct addresses to show ten of them cost more than counting them).
    /// </summary>
    internal static List<KeyValuePair<string, long>> Top(Dictionary<string, long> counts, int k)
    {
        var best = new List<KeyValuePair<string, long>>(Math.Max(0, k) + 1);
        if (k <= 0) return best;
        static bool Before(KeyValuePair<string, long> a, KeyValuePair<string, long> b) =>
            a.Value > b.Value || (a.Value == b.Value && string.CompareOrdinal(a.Key, b.Key) < 0);
        foreach (var kv in counts)
        {
            if (best.Count == k && !Before(kv, best[^1])) continue;
            var at = best.Count;
            while (at > 0 && Before(kv, best[at - 1])) at--;
            best.Insert(at, kv);
            if (best.Count > k) best.RemoveAt(k);
        }
        return best;
    }

    /// <summary>How often each present value occurs, as text (booleans as True/False, numbers invariant).</summary>
    public static Dictionary<string, long> CategoryCounts(Column column)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (column is StringColumn { IsDictionaryEncoded: true } encoded)
        {
            var byCode = new long[encoded.Dictionary!.Count];
            foreach (var code in encoded.Codes)
                if (code >= 0) byCode[code]++;
            for (var code = 0; code < byCode.Length; code++)
                if (byCode[code] > 0) counts[encoded.Dictionary[code]] = counts.GetValueOrDefault(encoded.Dictionary[code]) + byCode[code];
            return counts;
        }
        if (column is StringColumn strings)
        {
            // Looked up by the cell's characters: a string is made once per distinct value, not once per row
            // (for a 1,000-host column of 1M rows that is most of the profile's time).
            // Text kept as one buffer (not dictionary-encoded) is high-cardinality: size the table once instead of rehashing as it grows.
            counts.EnsureCapacity(Math.Min(strings.Length, 1 << 20));
            var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var row = 0; row < strings.Length; row++)
            {
                if (strings.IsNull(row)) continue;
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lookup, strings.GetSpan(row), out _)++;
            }
            return counts;
        }
        for (var row = 0; row < column.Length; row++)
        {
            var text = KeyText(column, row);
            if (text != null) counts[text] = counts.GetValueOrDefault(text) + 1;
        }
        return counts;
    }
}
