using System.Globalization;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// Gopher repetition: the characters covered by the most frequent word n-gram (its length times its count,
/// words joined by a space), divided by the characters of the document, must be at most the published limit:
/// 0.20 for 2-grams, 0.18 for 3-grams, 0.16 for 4-grams (gopher_max_top_{n}gram_char_frac). Ties go to the
/// n-gram seen first. CJK: the n-grams are of characters.
/// </summary>
public sealed class GopherTopNGramRule : QualityRule
{
    private readonly int _n;
    private readonly double _max;

    public GopherTopNGramRule(QualityThresholds thresholds, int n, double defaultMax)
    {
        _n = n;
        _max = thresholds.Get($"gopher_max_top_{n}gram_char_frac", defaultMax);
    }

    /// <summary>The three rules of the published table.</summary>
    public static IEnumerable<QualityRule> Published(QualityThresholds t) =>
        [new GopherTopNGramRule(t, 2, 0.20), new GopherTopNGramRule(t, 3, 0.18), new GopherTopNGramRule(t, 4, 0.16)];

    public override string Name => $"gopher_top_{_n}gram";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        $"Gopher repetition: the most frequent word {_n}-gram's characters times its count, divided by the document's characters, must be at most gopher_max_top_{_n}gram_char_frac = {_max.ToString(CultureInfo.InvariantCulture)}. CJK: character n-grams.";

    public override QualityScore Evaluate(QualityDocument d)
    {
        if (d.WordCount < _n) return new(0, true);
        var (chars, count) = d.TopNGram(_n);
        var ratio = Ratio((double)chars * count, d.Text.Length);
        return new(ratio, ratio <= _max);
    }
}
