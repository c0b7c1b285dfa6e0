using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Reporting;

public enum ChartKind { Histogram, Box, Bar, TimeSeries, Scatter, CorrelationHeatmap }

public enum ChartFormat { Png, Svg }

/// <summary>What Export-DataChart draws: the kind, its columns and the image size in pixels.</summary>
public sealed record ChartRequest
{
    public required ChartKind Kind { get; init; }
    /// <summary>Histogram, Box, Bar: one column; Scatter: x then y; TimeSeries: the DateTime column then value columns; CorrelationHeatmap: the numeric columns (default all).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
    /// <summary>One box, or one series, per value of this column (Box, Scatter, TimeSeries).</summary>
    public string? GroupBy { get; init; }
    public int Width { get; init; } = 800;
    public int Height { get; init; } = 500;
    /// <summary>Replaces the generated title.</summary>
    public string? Title { get; init; }
    public int Bins { get; init; } = 20;
    /// <summary>How many of the most frequent values a Bar chart shows.</summary>
    public int Top { get; init; } = 10;
}

public static class ChartFormats
{
    /// <summary>The image format named by the file's extension (.png or .svg).</summary>
    public static ChartFormat FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => ChartFormat.Png,
        ".svg" => ChartFormat.Svg,
        var ext => throw new DataException("UnsupportedChartFormat", DataErrorKind.InvalidArgument,
            $"Charts are written as .png or .svg, not '{(ext.Length == 0 ? "(no extension)" : ext)}'.",
            "End {option:Path} with .png (a picture) or .svg (scalable, for web pages).", path),
    };
}
