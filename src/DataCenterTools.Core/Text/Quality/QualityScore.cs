namespace DataCenterTools.Core.Text.Quality;

/// <summary>One measure of a document: its value (null where the rule does not apply, e.g. mean word length of Chinese) and whether it passes.</summary>
public readonly record struct QualityScore(double? Value, bool Passed)
{
    public static QualityScore NotApplicable => new(null, true);
}
