namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher repetition: the characters in paragraphs that repeat an earlier one, divided by the characters of the document, must be at most gopher_max_dup_para_char_frac = 0.2.</summary>
public sealed class GopherDuplicateParagraphCharsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_dup_para_char_frac", 0.2);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(d.DuplicateParagraphs.Chars, d.Text.Length);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_dup_para_char_frac";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher repetition: the characters in paragraphs that repeat an earlier one, divided by the characters of the document, must be at most gopher_max_dup_para_char_frac = 0.2.";
}
