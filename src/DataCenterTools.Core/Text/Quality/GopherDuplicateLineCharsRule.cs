namespace DataCenterTools.Core.Text.Quality;

/// <summary>Gopher repetition: the characters in lines that repeat an earlier one, divided by the characters of the document, must be at most gopher_max_dup_line_char_frac = 0.2.</summary>
public sealed class GopherDuplicateLineCharsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("gopher_max_dup_line_char_frac", 0.2);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(d.DuplicateLines.Chars, d.Text.Length);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "gopher_dup_line_char_frac";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        "Gopher repetition: the characters in lines that repeat an earlier one, divided by the characters of the document, must be at most gopher_max_dup_line_char_frac = 0.2.";
}
