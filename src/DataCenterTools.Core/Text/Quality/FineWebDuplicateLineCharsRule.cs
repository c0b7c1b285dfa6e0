namespace DataCenterTools.Core.Text.Quality;

/// <summary>FineWeb: the characters of non-blank lines that repeat an earlier line, divided by the document's characters without newlines, must be at most fineweb_max_char_dup_ratio = 0.01.</summary>
public sealed class FineWebDuplicateLineCharsRule(QualityThresholds thresholds) : QualityRule
{
    private readonly double _max = thresholds.Get("fineweb_max_char_dup_ratio", 0.01);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var lines = d.NonBlankLines;
        if (lines.Count == 0) return new(0, false);
        var chars = d.Text.Length - TextUnits.Count(d.Text, "\n");
        var ratio = Ratio(d.DuplicateNonBlankLines.Chars, chars);
        return new(ratio, ratio <= _max);
    }

    public override string Name => "fineweb_char_dup_ratio";
    public override QualityFamily Family => QualityFamily.FineWeb;
    public override string Help =>
        "FineWeb: the characters of non-blank lines that repeat an earlier line, divided by the document's characters without newlines, must be at most fineweb_max_char_dup_ratio = 0.01.";
}
