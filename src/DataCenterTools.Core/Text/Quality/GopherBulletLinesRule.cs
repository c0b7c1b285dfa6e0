namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the fraction of lines that start (after leading spaces) with a bullet (• or -) must be at most gopher_max_bullet_lines_ratio = 0.9.</summary>
public sealed class GopherBulletLinesRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_bullet_lines_ratio", 0.9);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var bullets = 0;
        foreach (var line in d.Lines)
            if (line.Of(d.Text).TrimStart() is [ '•' or '-', ..]) bullets++;
        var ratio = Ratio(bullets, d.Lines.Count);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_bullet_lines";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the fraction of lines that start (after leading spaces) with a bullet (• or -) must be at most gopher_max_bullet_lines_ratio = 0.9.";
}
