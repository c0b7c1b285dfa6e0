namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// C4: a document containing a word of a bad-words list is rejected (C4 used the "List of Dirty, Naughty, Obscene
/// or Otherwise Bad Words"). The module ships no list: the rule runs only when -BadWords gives one. Matching is on
/// lowercased text, at word boundaries; for CJK documents anywhere (no spaces to bound a word), as C4 does for
/// Chinese, Japanese and Thai. The score is the number of matches.
/// </summary>
public sealed class C4BadWordsRule(IReadOnlyCollection<string> badWords) : QualityRule
{
    private readonly string[] _words = badWords.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public override string Name => "c4_bad_words";
    public override QualityFamily Family => QualityFamily.C4;
    public override string Help =>
        "C4: a document containing a word of the BadWords list (lowercased, at word boundaries; anywhere in CJK text) is rejected. No list is shipped: the rule runs only when one is given.";

    public override QualityScore Evaluate(QualityDocument d)
    {
        var text = d.Text.ToLowerInvariant();
        var n = 0;
        foreach (var word in _words)
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
                if (d.IsCjk || (IsBoundary(text, at - 1) && IsBoundary(text, at + word.Length))) n++;
        return new(n, n == 0);
    }

    private static bool IsBoundary(string text, int at) => at < 0 || at >= text.Length || !char.IsLetterOrDigit(text[at]) && text[at] != '_';
}
