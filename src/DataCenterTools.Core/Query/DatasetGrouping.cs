using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>A part of the calendar to group by, so 'the 24 hours of the day' is 24 groups, not one per hour of the data.</summary>
public enum CalendarPart { HourOfDay, DayOfWeek, DayOfMonth, DayOfYear, WeekOfYear, Month, Quarter, Year }

/// <summary>How Group-Dataset groups and what it computes per group.</summary>
public sealed record GroupOptions
{
    public IReadOnlyList<string> By { get; init; } = [];
    /// <summary>A DateTime column to bucket by <see cref="Interval"/> and/or <see cref="CalendarParts"/>.</summary>
    public string? TimeColumn { get; init; }
    public TimeBucket? Interval { get; init; }
    public IReadOnlyList<CalendarPart> CalendarParts { get; init; } = [];
    public IReadOnlyList<AggregateFunction> Aggregates { get; init; } = [];
    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// Group-Dataset: one row per distinct key (the -By columns, then the time bucket, then calendar parts), ordered by
/// the keys (missing last), with the rows in each group (rows) and the aggregates asked for. Missing key values
/// form a group of their own (nothing is dropped, as in SQL). Aggregates skip missing cells and NaN (pandas' rule);
/// a group with no value for an aggregate gets a missing cell there.
/// </summary>
public static class DatasetGrouping
{
    public static Dataset Group(Dataset dataset, GroupOptions options)
    {
        var keyColumns = KeyColumns(dataset, options);
        foreach (var a in options.Aggregates) a.ResultType(dataset[ColumnNames.Single(dataset.Schema, a.Column, "{option:Aggregate}")].Type);
        options.Cancellation.ThrowIfCancellationRequested();

        var n = dataset.RowCount;
        var keys = GroupKeys.Compute(keyColumns, n);
        // Groups in key order: sort one representative row per group.
        var representatives = new Dataset("keys", keyColumns.Select(c => c.Take(keys.FirstRow)));
        var order = RowOrder.Sort(representatives, keyColumns.Select(c => new SortKey(c.Name)).ToList());
        var rank = new int[keys.Count];
        for (var r = 0; r < order.Length; r++) rank[order[r]] = r;
        var groupOf = new int[n];
        for (var i = 0; i < n; i++) groupOf[i] = rank[keys.GroupOf[i]];
        var groups = keys.Count;
        var firstRows = order.Select(g => keys.FirstRow[g]).ToArray();

        var columns = new List<Column>();
        foreach (var key in keyColumns) columns.Add(key.Take(firstRows));
        var sizes = new long[groups];
        foreach (var g in groupOf) sizes[g]++;
        var used = new HashSet<string>(columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        columns.Add(new Int64Column(Unique("rows", used), sizes)); // not "count": $rows.count in PowerShell is the array's length
        var members = new Lazy<GroupMembers>(() => GroupMembers.Of(groupOf, groups));
        // The aggregates of one source column share its numbers, sums and per-group selections; source columns
        // are independent, so they run on all cores.
        var sourceOf = options.Aggregates.Select(a => dataset[ColumnNames.Single(dataset.Schema, a.Column, "{option:Aggregate}")]).ToArray();
        var bySource = Enumerable.Range(0, sourceOf.Length).GroupBy(i => sourceOf[i], ReferenceEqualityComparer.Instance).Select(g => g.ToArray()).ToArray();
        var results = new Column[sourceOf.Length];
        Numerics.ColumnParallel.For(bySource.Length, s =>
        {
            var indexes = bySource[s];
            var quantiles = indexes.Select(i => options.Aggregates[i]).Where(a => a.Kind is AggregateKind.Median or AggregateKind.Quantile).Select(a => a.Quantile).ToArray();
            var shared = new AggregateSource(sourceOf[indexes[0]], groupOf, groups, members, quantiles);
            foreach (var i in indexes)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                results[i] = Aggregates.Compute(options.Aggregates[i], shared, groupOf, groups, members);
            }
        });
        for (var i = 0; i < results.Length; i++) columns.Add(results[i].WithName(Unique(options.Aggregates[i].OutputName, used)));
        var parameters = new Dictionary<string, string>
        {
            ["By"] = string.Join(",", keyColumns.Select(c => c.Name)),
            ["Aggregates"] = string.Join(",", options.Aggregates.Select(a => a.OutputName)),
            ["Groups"] = groups.ToString(CultureInfo.InvariantCulture),
        };
        if (options.Interval is { } interval) parameters["Interval"] = interval.Text;
        return new Dataset(dataset.Name, columns, dataset.Source, dataset.Lineage.Append(new LineageEntry("Group-Dataset", parameters)));
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var k = 2; !used.Add(candidate); k++) candidate = $"{name}_{k}";
        return candidate;
    }

    /// <summary>The key columns: -By columns, the time bucket (named as the time column), then calendar parts.</summary>
    private static List<Column> KeyColumns(Dataset dataset, GroupOptions o)
    {
        var keys = ColumnNames.Resolve(dataset.Schema, o.By, "{option:By}").Select(name => dataset[name]).ToList();
        if (o.TimeColumn == null)
        {
            if (o.Interval != null || o.CalendarParts.Count > 0)
                throw new DataException("InvalidArgumentCombination", DataErrorKind.InvalidArgument,
                    "{option:Interval} and {option:CalendarPart} need {option:TimeColumn}: the DateTime column to bucket.", "Add {option:TimeColumn} timestamp.");
            return keys;
        }
        if (o.Interval == null && o.CalendarParts.Count == 0)
            throw new DataException("InvalidArgumentCombination", DataErrorKind.InvalidArgument,
                "{option:TimeColumn} needs {option:Interval} (1h, 1d, 7d...) or {option:CalendarPart} (HourOfDay, DayOfWeek, Month...).", "Add for example {option:Interval} 1h.");
        var time = dataset[ColumnNames.Single(dataset.Schema, o.TimeColumn, "{option:TimeColumn}")];
        if (time is not DateTimeColumn t)
            throw new DataException("ColumnTypeMismatch", DataErrorKind.InvalidArgument,
                $"{{option:TimeColumn}} '{time.Name}' is {time.Type}, not DateTime.",
                time.Type is ColumnType.Int64 or ColumnType.Double
                    ? $"Convert unix times first: Add-DataColumn -Name t -Expression 'from_unixtime({time.Name})' (or from_unixtime_ms)."
                    : $"Convert it first: Add-DataColumn -Name t -Expression 'cast({time.Name} as DateTime)'.", column: time.Name);
        if (o.Interval is { } bucket)
        {
            var values = new DateTime[t.Length];
            var source = t.Values;
            for (var i = 0; i < values.Length; i++) values[i] = t.IsNull(i) ? default : bucket.Floor(source[i]);
            keys.RemoveAll(k => k.Name.Equals(t.Name, StringComparison.OrdinalIgnoreCase));
            keys.Add(new DateTimeColumn(t.Name, values, t.Validity));
        }
        foreach (var part in o.CalendarParts)
        {
            var values = new long[t.Length];
            var source = t.Values;
            for (var i = 0; i < values.Length; i++) if (!t.IsNull(i)) values[i] = PartOf(source[i], part);
            keys.Add(new Int64Column(PartName(part), values, t.Validity));
        }
        return keys;
    }

    private static long PartOf(DateTime t, CalendarPart part) => part switch
    {
        CalendarPart.HourOfDay => t.Hour,
        CalendarPart.DayOfWeek => (long)t.DayOfWeek,
        CalendarPart.DayOfMonth => t.Day,
        CalendarPart.DayOfYear => t.DayOfYear,
        CalendarPart.WeekOfYear => ISOWeek.GetWeekOfYear(t),
        CalendarPart.Month => t.Month,
        CalendarPart.Quarter => (t.Month + 2) / 3,
        _ => t.Year,
    };

    private static string PartName(CalendarPart part) => part switch
    {
        CalendarPart.HourOfDay => "hour_of_day",
        CalendarPart.DayOfWeek => "day_of_week",
        CalendarPart.DayOfMonth => "day_of_month",
        CalendarPart.DayOfYear => "day_of_year",
        CalendarPart.WeekOfYear => "week_of_year",
        CalendarPart.Month => "month",
        CalendarPart.Quarter => "quarter",
        _ => "year",
    };
}

/// <summary>The rows of each group, in row order: offsets into one array (built once, by counting).</summary>
internal sealed class GroupMembers(int[] offsets, int[] rows)
{
    public int[] Offsets { get; } = offsets;
    public int[] Rows { get; } = rows;
    public ReadOnlySpan<int> Of(int group) => Rows.AsSpan(Offsets[group], Offsets[group + 1] - Offsets[group]);

    /// <summary>The rows of the largest group.</summary>
    public int MaxGroupSize
    {
        get
        {
            var max = 0;
            for (var g = 0; g + 1 < Offsets.Length; g++) max = Math.Max(max, Offsets[g + 1] - Offsets[g]);
            return max;
        }
    }

    public static GroupMembers Of(int[] groupOf, int groups)
    {
        var offsets = new int[groups + 1];
        foreach (var g in groupOf) offsets[g + 1]++;
        for (var g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
        var next = (int[])offsets.Clone();
        var rows = new int[groupOf.Length];
        for (var i = 0; i < groupOf.Length; i++) rows[next[groupOf[i]]++] = i;
        return new GroupMembers(offsets, rows);
    }
}

/// <summary>The aggregate computations over group ids.</summary>
internal static class Aggregates
{
    public static Column Compute(AggregateFunction a, AggregateSource shared, int[] groupOf, int groups, Lazy<GroupMembers> members)
    {
        var source = shared.Source;
        var present = Present(source);
        switch (a.Kind)
        {
            case AggregateKind.Count:
            {
                var counts = new long[groups];
                for (var i = 0; i < groupOf.Length; i++) if (present(i)) counts[groupOf[i]]++;
                return new Int64Column(a.OutputName, counts);
            }
            case AggregateKind.Missing:
            {
                var counts = new long[groups];
                for (var i = 0; i < groupOf.Length; i++) if (!present(i)) counts[groupOf[i]]++;
                return new Int64Column(a.OutputName, counts);
            }
            case AggregateKind.CountDistinct: return CountDistinct(a, source, present, groups, members.Value);
            case AggregateKind.First or AggregateKind.Last: return FirstOrLast(a, source, present, groups, members.Value);
            case AggregateKind.Min or AggregateKind.Max: return Extreme(a, source, present, groupOf, groups);
            case AggregateKind.Sum when source.Type != ColumnType.Double: return LongSum(a, source, present, groupOf, groups);
            case AggregateKind.Median or AggregateKind.Quantile: return Quantile(a, shared, groups);
            default: return Moments(a, shared, groups);
        }
    }

    /// <summary>Whether a row holds a value the aggregates use: not missing, and not NaN.</summary>
    private static Func<int, bool> Present(Column source) => source is DoubleColumn d
        ? i => !d.IsNull(i) && !double.IsNaN(d[i])
        : i => !source.IsNull(i);

    /// <summary>sum (of doubles), mean, std, var: sums per group, then squared deviations from each mean (shared by the column's aggregates).</summary>
    private static Column Moments(AggregateFunction a, AggregateSource shared, int groups)
    {
        var (count, sum) = shared.Sums;
        if (a.Kind == AggregateKind.Sum) return new DoubleColumn(a.OutputName, (double[])sum.Clone());
        var result = new double[groups];
        var missing = new ValidityBitmap.Builder(groups);
        if (a.Kind == AggregateKind.Mean)
        {
            var mean = shared.Means();
            for (var g = 0; g < groups; g++) { result[g] = mean[g]; if (count[g] == 0) missing.SetNull(g); }
        }
        else
        {
            var squares = shared.Squares;
            for (var g = 0; g < groups; g++)
            {
                if (count[g] < 2) { missing.SetNull(g); continue; }
                var variance = squares[g] / (count[g] - 1);
                result[g] = a.Kind == AggregateKind.Var ? variance : Math.Sqrt(variance);
            }
        }
        missing.SetLength(groups);
        return new DoubleColumn(a.OutputName, result, missing.Build());
    }

    private static Column LongSum(AggregateFunction a, Column source, Func<int, bool> present, int[] groupOf, int groups)
    {
        var sum = new long[groups];
        try
        {
            checked
            {
                for (var i = 0; i < groupOf.Length; i++)
                    if (present(i)) sum[groupOf[i]] += source is BooleanColumn b ? (b[i] ? 1 : 0) : ((Int64Column)source)[i];
            }
        }
        catch (OverflowException)
        {
            throw new DataException("ExpressionOverflow", DataErrorKind.InvalidData, $"The sum of '{a.Column}' in a group does not fit in Int64.",
                $"Sum it as Double: Add-DataColumn -Name x -Expression 'cast({a.Column} as Double)', then aggregate x.");
        }
        return new Int64Column(a.OutputName, sum);
    }

    /// <summary>A percentile per group by selection (linear time), not a sort: every q of the column from one selection per group.</summary>
    private static Column Quantile(AggregateFunction a, AggregateSource shared, int groups)
    {
        var values = (double[])shared.Quantile(a.Quantile).Clone();
        var missing = new ValidityBitmap.Builder(groups);
        var (count, _) = shared.Sums;
        for (var g = 0; g < groups; g++) if (count[g] == 0) { missing.SetNull(g); values[g] = 0; }
        missing.SetLength(groups);
        return new DoubleColumn(a.OutputName, values, missing.Build());
    }

    private static Column CountDistinct(AggregateFunction a, Column source, Func<int, bool> present, int groups, GroupMembers members)
    {
        var (codes, _) = GroupKeys.Codes(source);
        var result = new long[groups];
        var buffer = new int[Math.Max(1, members.MaxGroupSize)];
        for (var g = 0; g < groups; g++)
        {
            var k = 0;
            foreach (var row in members.Of(g)) if (present(row)) buffer[k++] = codes[row];
            var values = buffer.AsSpan(0, k);
            values.Sort();
            long distinct = 0;
            for (var i = 0; i < k; i++) if (i == 0 || values[i] != values[i - 1]) distinct++;
            result[g] = distinct;
        }
        return new Int64Column(a.OutputName, result);
    }

    private static Column FirstOrLast(AggregateFunction a, Column source, Func<int, bool> present, int groups, GroupMembers members)
    {
        var chosen = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            chosen[g] = -1;
            var rows = members.Of(g);
            if (a.Kind == AggregateKind.First) { foreach (var r in rows) if (present(r)) { chosen[g] = r; break; } }
            else for (var i = rows.Length - 1; i >= 0; i--) if (present(rows[i])) { chosen[g] = rows[i]; break; }
        }
        return ColumnGather.TakeOrMissing(source, chosen, a.OutputName);
    }

    /// <summary>min / max of any ordered type, by the sort keys of RowOrder, so the result keeps the column's type.</summary>
    private static Column Extreme(AggregateFunction a, Column source, Func<int, bool> present, int[] groupOf, int groups)
    {
        var keys = RowOrder.SortableKeys(source, descending: false);
        var chosen = new int[groups];
        Array.Fill(chosen, -1);
        var max = a.Kind == AggregateKind.Max;
        for (var i = 0; i < groupOf.Length; i++)
        {
            if (!present(i)) continue;
            var g = groupOf[i];
            var c = chosen[g];
            if (c < 0 || (max ? keys[i] > keys[c] : keys[i] < keys[c])) chosen[g] = i;
        }
        return ColumnGather.TakeOrMissing(source, chosen, a.OutputName);
    }
}
