namespace DataCenterTools.Core.Text.Quality;

/// <summary>C4 (Raffel et al. 2020): a document with "lorem ipsum" in a line that passes C4's line filters is rejected. The score is the number of such lines.</summary>
public sealed class C4LoremIpsumRule(QualityThresholds thresholds) : QualityRule
{
    private readonly C4LineSettings _lines = C4LineSettings.From(thresholds);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var n = d.C4(_lines).LoremIpsumLines;
        return new(n, n == 0);
    }

    public override string Name => "c4_lorem_ipsum";
    public override QualityFamily Family => QualityFamily.C4;
    public override string Help =>
        "C4 (Raffel et al. 2020): a document with \"lorem ipsum\" in a line that passes C4's line filters is rejected. The score is the number of such lines.";
}
