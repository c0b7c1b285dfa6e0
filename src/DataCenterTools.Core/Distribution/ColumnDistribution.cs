using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Distribution;

/// <summary>
/// One value of a string or boolean column and how often it occurs. From a heavy-hitters summary
/// (<see cref="HeavyHitters"/>) Count is a lower bound: the true count is between Count and Count + CountError.
/// </summary>
public sealed record ValueCount(string Value, long Count, double Percent)
{
    /// <summary>The most the true count can exceed <see cref="Count"/>; 0 when Count is exact.</summary>
    public long CountError { get; init; }
}

/// <summary>One requested quantile (0-1) and its value.</summary>
public sealed record QuantileValue(double Quantile, double Value);

/// <summary>
/// The distribution of one column (in one group and time bucket when grouped). Numeric columns fill
/// the moments, quantiles and histogram; strings and booleans the top values; DateTime columns the
/// earliest/latest time and a histogram over time. The exact moments are kept so a later summary can
/// be merged from these results without the raw values.
/// </summary>
public sealed record ColumnDistribution
{
    /// <summary>The name of the Dataset the column belongs to.</summary>
    public string Dataset { get; init; } = "";
    public required string Column { get; init; }
    public required ColumnType Type { get; init; }
    /// <summary>"numeric", "categorical" or "datetime": which statistics were computed.</summary>
    public required string Kind { get; init; }
    /// <summary>The -GroupBy values of this group, in -GroupBy order (empty when not grouped).</summary>
    public IReadOnlyDictionary<string, string?> Group { get; init; } = new Dictionary<string, string?>();
    /// <summary>The group values joined with '/', for display; empty when not grouped.</summary>
    public string GroupKey => string.Join("/", Group.Values.Select(v => v ?? "(missing)"));
    /// <summary>The start of the -TimeColumn bucket (UTC as read), or null when not bucketed.</summary>
    public DateTime? Bucket { get; init; }

    /// <summary>Present (non-missing) values.</summary>
    public long Count { get; init; }
    public long Missing { get; init; }
    public double MissingPercent => Count + Missing == 0 ? 0 : 100.0 * Missing / (Count + Missing);
    public long Distinct { get; init; }

    public Moments Moments { get; init; } = Moments.Empty;
    public double? Mean => Kind == "numeric" && Count > 0 ? Moments.Mean : null;
    public double? Std => Kind == "numeric" && Count > 1 ? Moments.StandardDeviation : null;
    public double? Skewness => Kind == "numeric" && Count > 2 ? Moments.Skewness : null;
    public double? Kurtosis => Kind == "numeric" && Count > 3 ? Moments.Kurtosis : null;
    public double? Min { get; init; }
    public double? Max { get; init; }
    public long? Zeros { get; init; }
    public IReadOnlyList<QuantileValue> Quantiles { get; init; } = [];
    /// <summary>The median (the 0.5 quantile, computed even when -Quantile leaves it out).</summary>
    public double? Median { get; init; }

    public DateTime? Earliest { get; init; }
    public DateTime? Latest { get; init; }

    public IReadOnlyList<ValueCount> TopValues { get; init; } = [];
    /// <summary>The figures that are sketch estimates (results merged from summaries); empty when every figure is exact.</summary>
    public IReadOnlyList<string> EstimatedFields { get; init; } = [];
    public Histogram? Histogram { get; init; }
    public string Sparkline => Histogram?.Sparkline ?? "";

    /// <summary>The value of quantile <paramref name="q"/> (0-1) if it was computed.</summary>
    public double? Quantile(double q) => Quantiles.FirstOrDefault(x => Math.Abs(x.Quantile - q) < 1e-12)?.Value;

    public override string ToString() => $"{Column} ({Kind}, {Count} values)";
}
