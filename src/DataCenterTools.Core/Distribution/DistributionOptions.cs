namespace DataCenterTools.Core.Distribution;

/// <summary>What Get-DataDistribution computes.</summary>
public sealed record DistributionOptions
{
    public static readonly IReadOnlyList<double> DefaultQuantiles = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    /// <summary>The columns to describe; null means all (except -GroupBy and -TimeColumn columns).</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    public IReadOnlyList<double> Quantiles { get; init; } = DefaultQuantiles;
    public int Bins { get; init; } = 20;
    public int Top { get; init; } = 10;
    public IReadOnlyList<string>? GroupBy { get; init; }
    public string? TimeColumn { get; init; }
    /// <summary>The bucket width for <see cref="TimeColumn"/>; buckets start at multiples of it from 0001-01-01.</summary>
    public TimeSpan? Interval { get; init; }
    /// <summary>Columns to treat as numeric; a non-numeric one falls back to categorical statistics with a warning.</summary>
    public IReadOnlyList<string>? Numeric { get; init; }
    public Action<string>? Warning { get; init; }
}

/// <summary>Parses bucket widths as users write them: 15m, 1h, 6h, 1d, 7d (or a TimeSpan such as 01:00:00).</summary>
public static class TimeInterval
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && double.TryParse(t[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? span = char.ToLowerInvariant(t[^1]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                'w' => TimeSpan.FromDays(7 * n),
                _ => null,
            };
            if (span is { } s && s > TimeSpan.Zero) return s;
        }
        if (TimeSpan.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero) return parsed;
        throw new Data.DataException("InvalidInterval", Data.DataErrorKind.InvalidArgument,
            $"'{text}' is not a time interval.", "Use a number and a unit: 15m, 1h, 1d or 7d.");
    }

    /// <summary>The start of the bucket holding <paramref name="time"/>.</summary>
    public static DateTime Floor(DateTime time, TimeSpan interval) =>
        new(time.Ticks - time.Ticks % interval.Ticks, time.Kind);
}
