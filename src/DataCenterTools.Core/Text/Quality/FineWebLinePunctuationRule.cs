namespace DataCenterTools.Core.Text.Quality;

/// <summary>FineWeb (Penedo et al. 2024): the fraction of non-blank lines that end in a sentence terminal (Unicode Sentence_Terminal: . ! ? 。 ！ ？ and others) must be at least fineweb_min_line_punct_ratio = 0.12. An empty document fails.</summary>
public sealed class FineWebLinePunctuationRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _min = thresholds.Get("fineweb_min_line_punct_ratio", 0.12);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var lines = d.NonBlankLines;
        if (lines.Count == 0) return new(0, false);
        var ended = 0;
        foreach (var line in lines) if (SentenceTerminals.EndsWithTerminal(line.Of(d.Text))) ended++;
        var ratio = Ratio(ended, lines.Count);
        return new(ratio, ratio >= _min);
    }

    public override string Name => "fineweb_line_punct_ratio";
    public override QualityFamily Family => QualityFamily.FineWeb;
    public override string Help =>
        "FineWeb (Penedo et al. 2024): the fraction of non-blank lines that end in a sentence terminal (Unicode Sentence_Terminal: . ! ? 。 ！ ？ and others) must be at least fineweb_min_line_punct_ratio = 0.12. An empty document fails.";
}
