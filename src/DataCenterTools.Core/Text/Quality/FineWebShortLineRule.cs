namespace DataCenterTools.Core.Text.Quality;

/// <summary>FineWeb: the fraction of non-blank lines of at most fineweb_short_line_length = 30 characters must be at most fineweb_max_short_line_ratio = 0.67. Characters, not words, so CJK text is measured the same way.</summary>
public sealed class FineWebShortLineRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _length = thresholds.Get("fineweb_short_line_length", 30);
    private readonly double _max = thresholds.Get("fineweb_max_short_line_ratio", 0.67);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var lines = d.NonBlankLines;
        if (lines.Count == 0) return new(0, false);
        var shortLines = 0;
        foreach (var line in lines) if (line.Length <= _length) shortLines++;
        var ratio = Ratio(shortLines, lines.Count);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "fineweb_short_line_ratio";
    public override QualityFamily Family => QualityFamily.FineWeb;
    public override string Help =>
        "FineWeb: the fraction of non-blank lines of at most fineweb_short_line_length = 30 characters must be at most fineweb_max_short_line_ratio = 0.67. Characters, not words, so CJK text is measured the same way.";
}
