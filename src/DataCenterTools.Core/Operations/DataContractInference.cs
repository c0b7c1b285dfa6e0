using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Operations;

/// <summary>What <see cref="DataContractInference.Infer"/> drafts beyond the per-column rules.</summary>
public sealed record ContractInferenceOptions
{
    /// <summary>Columns whose values together must be unique; they must be unique in the data the draft is made from.</summary>
    public IReadOnlyList<string>? KeyColumns { get; init; }

    /// <summary>A DateTime column whose newest value dates the data (the freshness rule).</summary>
    public string? TimestampColumn { get; init; }

    /// <summary>How far bounds are widened beyond what the data shows, as a fraction of its span (0.1: 10%).</summary>
    public double RangeMargin { get; init; } = 0.1;

    /// <summary>A String column with at most this many distinct values, each seen twice on average, gets allowedValues.</summary>
    public int MaxAllowedValues { get; init; } = 20;

    /// <summary>The time the draft is made at (UTC): the freshness rule allows the data's age at that time, widened by the margin.</summary>
    public DateTime? Now { get; init; }
}

/// <summary>
/// Drafts a <see cref="DataContract"/> from a dataset taken as good, for people to review and edit:
/// <list type="bullet">
/// <item>every column: its type, and nullable false when it has no missing cell;</item>
/// <item>Int64 and Double: min and max, the observed ones widened by the margin times the span (the value itself
/// when all values are equal), rounded outward to three significant digits of the span, and not below 0 when no
/// value was negative; Int64 bounds are whole;</item>
/// <item>String: allowedValues when the values are few (at most MaxAllowedValues distinct, each seen at least twice on
/// average), else a pattern when every value fits one identifier shape (<see cref="IdentifierPattern"/>);</item>
/// <item>rows: the count widened by the margin (floor and ceiling); the key; freshness: the age of the newest
/// timestamp at <see cref="ContractInferenceOptions.Now"/>, widened by the margin and rounded up to the hour.</item>
/// </list>
/// </summary>
public static class DataContractInference
{
    public static DataContract Infer(Dataset dataset, ContractInferenceOptions options)
    {
        if (!(options.RangeMargin >= 0 && options.RangeMargin <= 10))
            throw new DataException("InvalidRangeMargin", DataErrorKind.InvalidArgument,
                $"{{option:RangeMargin}} {options.RangeMargin} is outside 0 to 10.", "Give a fraction of the observed span, such as 0.1 for 10%.");
        var now = DataContractChecker.Utc(options.Now ?? DateTime.UtcNow);
        var margin = options.RangeMargin;
        var contract = new DataContract
        {
            Dataset = dataset.Name,
            Created = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
            // Rounded first, so 720 x 1.1 (792.0000000000001 in binary) allows 792 rows, not 793.
            MinRows = (long)Math.Floor(Math.Round(dataset.RowCount * (1 - Math.Min(1, margin)), 6)),
            MaxRows = (long)Math.Ceiling(Math.Round(dataset.RowCount * (1 + margin), 6)),
        };
        foreach (var column in dataset.Columns) contract.Columns.Add(InferColumn(column, margin, options.MaxAllowedValues));

        foreach (var key in options.KeyColumns ?? []) Require(dataset, key, "{option:KeyColumn}");
        if (options.KeyColumns is { Count: > 0 } keys)
        {
            contract.Key = keys.Select(k => dataset[k].Name).ToList();
            var check = DataContractChecker.Check(dataset, new DataContract { Key = contract.Key }, now);
            if (check.Violations.Count > 0)
            {
                var repeat = check.Violations[0];
                throw new DataException("DataContractKeyNotUnique", DataErrorKind.InvalidData,
                    $"The key ({string.Join(", ", contract.Key)}) is not unique in '{dataset.Name}': {repeat.Count:N0} row(s) repeat an earlier row's key, e.g. {string.Join("; ", repeat.Samples.Take(3))} ({(repeat.LineKind == RowLocation.SourceLine ? "lines" : "rows")} {string.Join(", ", repeat.Lines)}).",
                    "Give the columns that identify a row ({option:KeyColumn} a, b for a composite key), or remove the duplicates first.");
            }
        }
        if (options.TimestampColumn is { } timestamp)
        {
            var column = Require(dataset, timestamp, "{option:TimestampColumn}");
            if (column is not DateTimeColumn times)
                throw new DataException("NotATimestampColumn", DataErrorKind.InvalidArgument,
                    $"{{option:TimestampColumn}} '{column.Name}' is {column.Type}; freshness needs a DateTime column.",
                    "Name a DateTime column, or import the column as DateTime ({option:Schema} @{ col = 'DateTime' }).", column: column.Name);
            var newest = long.MinValue;
            for (var i = 0; i < times.Length; i++)
                if (!times.IsNull(i)) newest = Math.Max(newest, DataContractChecker.Utc(times[i]).Ticks);
            if (newest == long.MinValue)
                throw new DataException("NotATimestampColumn", DataErrorKind.InvalidData,
                    $"{{option:TimestampColumn}} '{column.Name}' has no value, so the data's age is unknown.", "Name a column that dates the rows.", column: column.Name);
            var age = TimeSpan.FromTicks((long)(Math.Max(0, now.Ticks - newest) * (1 + margin)));
            contract.FreshnessColumn = column.Name;
            contract.MaxAge = TimeSpan.FromHours(Math.Max(1, Math.Ceiling(age.TotalHours)));
        }
        return contract;
    }

    private static Column Require(Dataset dataset, string name, string parameter) =>
        dataset.TryGetColumn(name, out var column) ? column
            : throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound,
                $"{parameter} '{name}' is not a column of '{dataset.Name}' (columns: {string.Join(", ", dataset.Schema.Select(c => c.Name))}).",
                "Check the spelling of the column name.", column: name);

    private static ContractColumn InferColumn(Column column, double margin, int maxAllowed)
    {
        var rule = new ContractColumn { Name = column.Name, Nullable = column.NullCount > 0 };
        var present = column.Length - column.NullCount;
        if (present == 0) return rule; // nothing shows what the column holds
        rule.Type = column.Type;
        switch (column)
        {
            case Int64Column longs:
                var (lmin, lmax) = Bounds(longs.Values, longs);
                (rule.Min, rule.Max) = Widen(lmin, lmax, margin, whole: true);
                break;
            case DoubleColumn doubles:
                var (dmin, dmax) = Bounds(doubles.Values, doubles);
                if (double.IsFinite(dmin) && double.IsFinite(dmax)) (rule.Min, rule.Max) = Widen(dmin, dmax, margin, whole: false);
                break;
            case StringColumn strings:
                var distinct = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < strings.Length; i++)
                    if (!strings.IsNull(i)) distinct.Add(strings[i]!);
                if (distinct.Count <= maxAllowed && distinct.Count * 2 <= present)
                    rule.AllowedValues = distinct.Order(StringComparer.Ordinal).ToList();
                else
                    rule.Pattern = IdentifierPattern.Infer(distinct);
                break;
        }
        return rule;
    }

    /// <summary>The smallest and largest present value (NaN is skipped: it has no place in a range).</summary>
    private static (double Min, double Max) Bounds<T>(ReadOnlySpan<T> values, Column column) where T : struct, System.Numerics.INumber<T>
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            if (column.IsNull(i)) continue;
            var v = double.CreateTruncating(values[i]);
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (min, max);
    }

    /// <summary>The observed bounds widened by margin x span, rounded outward to a step of 1/100 of the span's power of ten.</summary>
    internal static (double Min, double Max) Widen(double min, double max, double margin, bool whole)
    {
        var span = max - min;
        if (span == 0) span = Math.Abs(max) > 0 ? Math.Abs(max) : 1;
        var low = min - margin * span;
        var high = max + margin * span;
        var exponent = (int)Math.Floor(Math.Log10(span)) - 2;
        var step = Math.Pow(10, exponent);
        var digits = Math.Clamp(-exponent, 0, 15);
        low = Math.Round(Math.Floor(low / step + 1e-9) * step, digits); // the tolerance keeps 9.0 / 0.01 = 899.99... at 900
        high = Math.Round(Math.Ceiling(high / step - 1e-9) * step, digits);
        if (whole)
        {
            low = Math.Floor(low);
            high = Math.Ceiling(high);
        }
        if (min >= 0 && low < 0) low = 0;
        return (low, high);
    }
}
