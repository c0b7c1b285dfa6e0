namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher: the document must contain at least gopher_min_stop_words = 2 of the English stop words the, be, to, of, and, that, have, with (distinct, as written). Not applied to CJK documents (score empty).</summary>
public sealed class GopherStopWordsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _min = thresholds.Get("gopher_min_stop_words", 2);

    public override QualityScore Evaluate(QualityDocument d)
    {
        if (d.IsCjk) return QualityScore.NotApplicable;
        var found = d.StopWordCount;
        return new(found, found >= _min);
    }

    public override string Name => "gopher_stop_words";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher: the document must contain at least gopher_min_stop_words = 2 of the English stop words the, be, to, of, and, that, have, with (distinct, as written). Not applied to CJK documents (score empty).";
}
