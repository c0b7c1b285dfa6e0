namespace DataCenterTools.Core.Text.Quality;

/// <summary>FineWeb: the number of newlines divided by the number of words must be at most fineweb_max_newline_word_ratio = 0.3 (a page that is mostly a list). CJK: words are characters.</summary>
public sealed class FineWebListRatioRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("fineweb_max_newline_word_ratio", 0.3);

    public override QualityScore Evaluate(QualityDocument d)
    {
        if (d.NonBlankLines.Count == 0) return new(0, false);
        var ratio = Ratio(TextUnits.Count(d.Text, "\n"), d.WordCount);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "fineweb_list_ratio";
    public override QualityFamily Family => QualityFamily.FineWeb;
    public override string Help =>
        "FineWeb: the number of newlines divided by the number of words must be at most fineweb_max_newline_word_ratio = 0.3 (a page that is mostly a list). CJK: words are characters.";
}
