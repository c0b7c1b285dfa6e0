namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the fraction of lines that end (before trailing spaces) with an ellipsis (... or …) must be at most gopher_max_ellipsis_lines_ratio = 0.3.</summary>
public sealed class GopherEllipsisLinesRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_ellipsis_lines_ratio", 0.3);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ellipses = 0;
        foreach (var line in d.Lines)
            if (line.Of(d.Text).TrimEnd() is var s && (s.EndsWith("...", StringComparison.Ordinal) || s is [.., '…'])) ellipses++;
        var ratio = Ratio(ellipses, d.Lines.Count);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_ellipsis_lines";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the fraction of lines that end (before trailing spaces) with an ellipsis (... or …) must be at most gopher_max_ellipsis_lines_ratio = 0.3.";
}
