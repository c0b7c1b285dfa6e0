namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the number of # characters divided by the number of words must be at most gopher_max_symbol_word_ratio = 0.1.</summary>
public sealed class GopherHashRatioRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_symbol_word_ratio", 0.1);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(TextUnits.Count(d.Text, "#"), d.WordCount);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_hash_ratio";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the number of # characters divided by the number of words must be at most gopher_max_symbol_word_ratio = 0.1.";
}
