using DataCenterTools.Core.Data;
using DataCenterTools.Core.Distribution;

namespace DataCenterTools.Core.Reporting;

public enum AlertKind { HighMissing, Constant, HighCardinality, HighlySkewed, HighCorrelation }

/// <summary>One thing in the data worth a look before training on it.</summary>
public sealed record DataAlert(AlertKind Kind, string Column, string Message);

/// <summary>The report's alert rules, after ydata-profiling's defaults.</summary>
public static class DataAlerts
{
    public const double HighMissingPercent = 20;
    /// <summary>A string column with more distinct values than this fraction of the rows is likely an identifier or free text.</summary>
    public const double HighCardinalityFraction = 0.5;
    public const double HighSkewness = 2;
    public const double HighCorrelation = 0.9;

    public static IReadOnlyList<DataAlert> Find(IReadOnlyList<ColumnDistribution> columns, CorrelationMatrix correlations, int rowCount)
    {
        var alerts = new List<DataAlert>();
        foreach (var c in columns)
        {
            if (c.MissingPercent > HighMissingPercent)
                alerts.Add(new DataAlert(AlertKind.HighMissing, c.Column, $"{c.MissingPercent:0.#}% of the values are missing ({c.Missing:N0})."));
            if (c.Distinct == 1)
                alerts.Add(new DataAlert(AlertKind.Constant, c.Column, "Every present value is the same; the column carries no information."));
            if (c.Type == ColumnType.String && rowCount > 0 && c.Distinct > HighCardinalityFraction * rowCount)
                alerts.Add(new DataAlert(AlertKind.HighCardinality, c.Column, $"{c.Distinct:N0} distinct values in {rowCount:N0} rows: an identifier or free text?"));
            if (c.Skewness is { } skew && Math.Abs(skew) > HighSkewness)
                alerts.Add(new DataAlert(AlertKind.HighlySkewed, c.Column, $"Skewness {skew:0.##}: consider a log or rank transform."));
        }
        foreach (var (first, second, r) in correlations.Pairs())
            if (Math.Abs(r) > HighCorrelation)
                alerts.Add(new DataAlert(AlertKind.HighCorrelation, $"{first}, {second}", $"Pearson r = {r:0.###}: the columns are nearly redundant."));
        return alerts;
    }
}
