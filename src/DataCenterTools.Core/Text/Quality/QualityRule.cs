namespace DataCenterTools.Core.Text.Quality;

/// <summary>The published rule families Test-TextQuality applies.</summary>
public enum QualityFamily { Gopher, C4, FineWeb }

/// <summary>One measure of a document: its value (null where the rule does not apply, e.g. mean word length of Chinese) and whether it passes.</summary>
public readonly record struct QualityScore(double? Value, bool Passed)
{
    public static QualityScore NotApplicable => new(null, true);
}

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
