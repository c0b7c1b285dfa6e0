namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the mean length in characters of the words that are not only symbols must lie in [gopher_min_mean_word_length = 3, gopher_max_mean_word_length = 10]. Not applied to CJK documents, whose words are single characters (score empty).</summary>
public sealed class GopherMeanWordLengthRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _min = thresholds.Get("gopher_min_mean_word_length", 3);
    private readonly double _max = thresholds.Get("gopher_max_mean_word_length", 10);

    public override QualityScore Evaluate(QualityDocument d)
    {
        if (d.IsCjk || d.NonSymbolWordCount == 0) return QualityScore.NotApplicable;
        var mean = (double)d.NonSymbolWordChars / d.NonSymbolWordCount;
        return new(mean, mean >= _min && mean <= _max);
    }

    public override string Name => "gopher_mean_word_length";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the mean length in characters of the words that are not only symbols must lie in [gopher_min_mean_word_length = 3, gopher_max_mean_word_length = 10]. Not applied to CJK documents, whose words are single characters (score empty).";
}
