using DataCenterTools.Core.Data;
using DataCenterTools.Core.Features;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Builds the distribution of a file read in chunks (<see cref="CsvDatasetReader.ReadChunks"/>,
/// <see cref="JsonLinesDatasetReader.ReadChunks"/>): each chunk is split by -GroupBy / -TimeColumn as
/// <see cref="DistributionAnalyzer"/> splits a whole Dataset, each part is summarised (<see cref="ColumnSummary"/>)
/// and merged into the summary of its group and bucket, so memory holds one chunk and the summaries, never the file.
/// Columns are matched by name: a column missing from a chunk (a JSON key absent from it) counts that chunk's rows
/// as missing, and a column that first appears in a later chunk counts the rows before it as missing.
/// </summary>
public sealed class StreamingDistribution(DistributionOptions options)
{
    private sealed class Partition(string?[] group, DateTime? bucket)
    {
        public string?[] Group { get; } = group;
        public DateTime? Bucket { get; } = bucket;
        public long Rows { get; set; }
        public Dictionary<string, ColumnSummary> Columns { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private readonly Dictionary<string, Partition> _partitions = new(StringComparer.Ordinal);
    // Column names in the order they first appear (the file's order); key names as the file spells them.
    private readonly List<string> _order = [];
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private string[]? _groupNames;
    private long _skipped;
    private bool _first = true;

    /// <summary>Adds one chunk. With <paramref name="columnsFixed"/> (CSV: every chunk has every column) a -Column, -GroupBy or -TimeColumn the first chunk lacks fails at once.</summary>
    public void Add(Dataset chunk, bool columnsFixed)
    {
        if (_first && (columnsFixed || chunk.RowCount > 0)) CheckNames(chunk, columnsFixed);
        _first = false;
        var keyed = WithKeyColumns(chunk);
        var (groupColumns, timeColumn) = DistributionAnalyzer.KeyColumns(keyed, options with { TimeColumn = timeColumnOrNull(keyed) });
        _groupNames ??= [.. groupColumns.Select(c => c.Name)];
        var keyNames = new HashSet<string>(_groupNames, StringComparer.OrdinalIgnoreCase);
        if (options.TimeColumn != null) keyNames.Add(options.TimeColumn);
        var targets = options.Columns == null
            ? keyed.Columns.Where(c => !keyNames.Contains(c.Name)).ToArray()
            : options.Columns.Select(name => keyed.TryGetColumn(name, out var c) ? c : null).OfType<Column>().ToArray();
        foreach (var column in targets)
            if (_seen.Add(column.Name)) _order.Add(column.Name);

        IReadOnlyList<(string?[] Group, DateTime? Bucket, int[]? Rows)> parts;
        if (groupColumns.Length == 0 && options.TimeColumn == null) parts = [([], null, null)];
        else if (options.TimeColumn != null && timeColumn == null)
        {
            // The chunk has no time values at all (a JSON key absent from it): every row is left out.
            _skipped += keyed.RowCount;
            parts = [];
        }
        else
        {
            parts = [.. DistributionAnalyzer.Partition(keyed, groupColumns, timeColumn, options.Interval, out var skipped)
                .Select(p => (p.Group, p.Bucket, (int[]?)p.Rows))];
            _skipped += skipped;
        }
        foreach (var (group, bucket, rows) in parts)
        {
            var key = DistributionAnalyzer.PartitionKey(group, bucket);
            if (!_partitions.TryGetValue(key, out var partition)) _partitions[key] = partition = new Partition(group, bucket);
            var count = rows?.Length ?? keyed.RowCount;
            foreach (var column in targets)
            {
                var part = ColumnSummary.Of(rows == null ? column : column.Take(rows), chunk.Name);
                partition.Columns[column.Name] = partition.Columns.TryGetValue(column.Name, out var sofar)
                    ? sofar.Merge(part)
                    : part.PlusMissing(partition.Rows);
            }
            foreach (var (name, summary) in partition.Columns.ToArray())
                if (!targets.Any(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) partition.Columns[name] = summary.PlusMissing(count);
            partition.Rows += count;
        }
    }

    /// <summary>The summary of each column (without -GroupBy or -TimeColumn), in the order the columns first appeared.</summary>
    public IReadOnlyList<ColumnSummary> Summaries()
    {
        CheckRequestedColumnsSeen();
        var whole = _partitions.Values.SingleOrDefault();
        return whole == null ? [] : [.. Ordered(whole)];
    }

    /// <summary>The distribution per group and bucket (ordered as <see cref="DistributionAnalyzer.Analyze"/> orders them), or per column.</summary>
    public IReadOnlyList<ColumnDistribution> Results()
    {
        CheckRequestedColumnsSeen();
        if (_skipped > 0) options.Warning?.Invoke($"{_skipped} rows have no '{options.TimeColumn}' time and are left out of the time buckets.");
        var results = new List<ColumnDistribution>();
        var grouped = options.GroupBy != null || options.TimeColumn != null;
        foreach (var partition in _partitions.Values.OrderBy(p => p.Group, DistributionAnalyzer.GroupComparer.Instance).ThenBy(p => p.Bucket))
        {
            var groupValues = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < partition.Group.Length; i++) groupValues[_groupNames![i]] = partition.Group[i];
            foreach (var summary in Ordered(partition))
            {
                var result = summary.ToDistribution(options);
                results.Add(grouped ? result with { Group = groupValues, Bucket = partition.Bucket } : result);
            }
        }
        return results;
    }

    /// <summary>The partition's summaries in column order; a column it never saw has every one of its rows missing.</summary>
    private IEnumerable<ColumnSummary> Ordered(Partition partition)
    {
        foreach (var name in _order)
        {
            if (partition.Columns.TryGetValue(name, out var summary)) yield return summary;
            else if (_partitions.Values.Select(p => p.Columns.GetValueOrDefault(name)).FirstOrDefault(s => s != null) is { } shape)
                yield return ColumnSummary.EmptyLike(shape, partition.Rows, shape.Dataset);
        }
    }

    private string? timeColumnOrNull(Dataset chunk) =>
        options.TimeColumn != null && chunk.TryGetColumn(options.TimeColumn, out var c) && c.NullCount < c.Length ? options.TimeColumn : null;

    /// <summary>The chunk with any -GroupBy column it lacks added as all missing (a JSON key absent from the chunk).</summary>
    private Dataset WithKeyColumns(Dataset chunk)
    {
        var absent = (options.GroupBy ?? []).Where(name => !chunk.TryGetColumn(name, out _)).ToArray();
        if (absent.Length == 0) return chunk;
        var added = absent.Select(name => (Column)new StringColumn(_groupNames?.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name,
            Enumerable.Repeat(-1, chunk.RowCount).ToArray(), []));
        return new Dataset(chunk.Name, [.. chunk.Columns, .. added], chunk.Source);
    }

    private void CheckNames(Dataset chunk, bool columnsFixed)
    {
        if (!columnsFixed) return;
        foreach (var name in options.Columns ?? []) FeatureColumns.Require(chunk, name, "{option:Column}");
        foreach (var name in options.GroupBy ?? []) FeatureColumns.Require(chunk, name, "{option:GroupBy}");
        if (options.TimeColumn != null) FeatureColumns.Require(chunk, options.TimeColumn, "{option:TimeColumn}");
    }

    private void CheckRequestedColumnsSeen()
    {
        foreach (var name in options.Columns ?? [])
            if (!_seen.Contains(name))
                throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                    $"No row of the file has column '{name}' ({{option:Column}}); its columns are: {string.Join(", ", _order)}.",
                    "Check the spelling of the column name, or that this is the file you meant.", column: name);
    }
}
