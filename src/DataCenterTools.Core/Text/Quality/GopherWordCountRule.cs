namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher (Rae et al. 2021, table A1): the number of words that are not only symbols must lie in [gopher_min_words = 50, gopher_max_words = 100,000]. CJK: Han and Kana characters count as words.</summary>
public sealed class GopherWordCountRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _min = thresholds.Get("gopher_min_words", 50);
    private readonly double _max = thresholds.Get("gopher_max_words", 100_000);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var n = d.NonSymbolWordCount;
        return new(n, n >= _min && n <= _max);
    }

    public override string Name => "gopher_word_count";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher (Rae et al. 2021, table A1): the number of words that are not only symbols must lie in [gopher_min_words = 50, gopher_max_words = 100,000]. CJK: Han and Kana characters count as words.";
}
