namespace DataCenterTools.Core.Text.Quality;

/// <summary>C4: a document with a curly bracket ({) in a line that passes C4's line filters is rejected (it is likely code). The score is the number of such lines.</summary>
public sealed class C4CurlyBracketRule(QualityThresholds thresholds) : QualityRule
{
    private readonly C4LineSettings _lines = C4LineSettings.From(thresholds);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var n = d.C4(_lines).CurlyBracketLines;
        return new(n, n == 0);
    }

    public override string Name => "c4_curly_bracket";
    public override QualityFamily Family => QualityFamily.C4;
    public override string Help =>
        "C4: a document with a curly bracket ({) in a line that passes C4's line filters is rejected (it is likely code). The score is the number of such lines.";
}
