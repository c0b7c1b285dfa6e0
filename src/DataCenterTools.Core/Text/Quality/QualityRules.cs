namespace DataCenterTools.Core.Text.Quality;

/// <summary>The rules of each family, in the order the published filters apply them (which decides the first failed rule).</summary>
public static class QualityRules
{
    public static List<QualityRule> Create(IEnumerable<QualityFamily> families, QualityThresholds thresholds, IReadOnlyCollection<string>? badWords = null)
    {
        var rules = new List<QualityRule>();
        foreach (var family in families.Distinct())
        {
            switch (family)
            {
                case QualityFamily.Gopher:
                    rules.AddRange([
                        new GopherWordCountRule(thresholds), new GopherMeanWordLengthRule(thresholds), new GopherHashRatioRule(thresholds),
                        new GopherEllipsisRatioRule(thresholds), new GopherBulletLinesRule(thresholds), new GopherEllipsisLinesRule(thresholds),
                        new GopherAlphaWordsRule(thresholds), new GopherStopWordsRule(thresholds),
                        new GopherDuplicateParagraphsRule(thresholds), new GopherDuplicateParagraphCharsRule(thresholds),
                        new GopherDuplicateLinesRule(thresholds), new GopherDuplicateLineCharsRule(thresholds)]);
                    rules.AddRange(GopherTopNGramRule.Published(thresholds));
                    rules.AddRange(GopherDuplicateNGramRule.Published(thresholds));
                    break;
                case QualityFamily.C4:
                    rules.AddRange([new C4LoremIpsumRule(thresholds), new C4CurlyBracketRule(thresholds), new C4SentenceCountRule(thresholds)]);
                    if (badWords is { Count: > 0 }) rules.Add(new C4BadWordsRule(badWords));
                    break;
                case QualityFamily.FineWeb:
                    rules.AddRange([new FineWebLinePunctuationRule(thresholds), new FineWebShortLineRule(thresholds),
                        new FineWebDuplicateLineCharsRule(thresholds), new FineWebListRatioRule(thresholds)]);
                    break;
            }
        }
        return rules;
    }
}
