namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// One quality rule: a named measure (its score column), its thresholds (named parameters with the published
/// defaults) and a help paragraph. One rule per file, as PSScriptAnalyzer keeps its rules.
/// </summary>
public abstract class QualityRule
{
    /// <summary>The rule's name, which is also its score column and the reason a rejected document carries.</summary>
    public abstract string Name { get; }
    public abstract QualityFamily Family { get; }
    /// <summary>What the rule measures, where it comes from, its thresholds and how CJK text is measured.</summary>
    public abstract string Help { get; }
    public abstract QualityScore Evaluate(QualityDocument document);

    protected static double Ratio(double part, double whole) => whole == 0 ? 0 : part / whole;
}
