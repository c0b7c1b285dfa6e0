using System.Globalization;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// Gopher repetition: the characters of word n-grams that repeat an earlier n-gram (words joined without a space;
/// after a repeat the walk jumps past it, so characters are not counted twice), divided by the characters of the
/// document, must be at most 0.15, 0.14, 0.13, 0.12, 0.11, 0.10 for n = 5..10 (gopher_max_dup_{n}gram_char_frac).
/// </summary>
public sealed class GopherDuplicateNGramRule : QualityRule
{
    private readonly int _n;
    private readonly double _max;

    public GopherDuplicateNGramRule(QualityThresholds thresholds, int n, double defaultMax)
    {
        _n = n;
        _max = thresholds.Get($"gopher_max_dup_{n}gram_char_frac", defaultMax);
    }

    /// <summary>The six rules of the published table.</summary>
    public static IEnumerable<QualityRule> Published(QualityThresholds t) =>
        Enumerable.Range(5, 6).Select(n => (QualityRule)new GopherDuplicateNGramRule(t, n, 0.15 - 0.01 * (n - 5))).ToList();

    public override string Name => $"gopher_dup_{_n}gram";
    public override QualityFamily Family => QualityFamily.Gopher;
    public override string Help =>
        $"Gopher repetition: the characters of repeated word {_n}-grams, divided by the document's characters, must be at most gopher_max_dup_{_n}gram_char_frac = {_max.ToString(CultureInfo.InvariantCulture)}. CJK: character n-grams.";

    public override QualityScore Evaluate(QualityDocument d)
    {
        var ratio = Ratio(d.DuplicateNGramChars(_n), d.Text.Length);
        return new(ratio, ratio <= _max);
    }
}
