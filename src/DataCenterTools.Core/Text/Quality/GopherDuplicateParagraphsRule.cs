namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher repetition: the fraction of paragraphs (split on blank lines) that repeat an earlier one must be at most gopher_max_dup_para_frac = 0.3.</summary>
public sealed class GopherDuplicateParagraphsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_dup_para_frac", 0.3);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(d.DuplicateParagraphs.Elements, d.Paragraphs.Count);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_dup_para_frac";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher repetition: the fraction of paragraphs (split on blank lines) that repeat an earlier one must be at most gopher_max_dup_para_frac = 0.3.";
}
