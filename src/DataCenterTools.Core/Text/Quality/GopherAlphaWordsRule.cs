namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the fraction of words that contain at least one letter must be at least gopher_min_alpha_words_ratio = 0.8. CJK characters are letters.</summary>
public sealed class GopherAlphaWordsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _min = thresholds.Get("gopher_min_alpha_words_ratio", 0.8);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(d.LetterWordCount, d.WordCount);
        return new(ratio, ratio >= _min);
    }

    public override string Name => "gopher_alpha_words";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the fraction of words that contain at least one letter must be at least gopher_min_alpha_words_ratio = 0.8. CJK characters are letters.";
}
