namespace DataCenterTools.Core.Text.Quality;

/// <summary>C4: after dropping lines that do not end in terminal punctuation, end in an ellipsis, have fewer than c4_min_words_per_line = 3 words, have a word over c4_max_word_length = 1,000 characters, or mention javascript or cookies/terms of use, the kept lines must hold at least c4_min_sentences = 5 sentences. CJK: a line's words are its characters and 。！？ end a line.</summary>
public sealed class C4SentenceCountRule(QualityThresholds thresholds) : QualityRule
{
    private readonly C4LineSettings _lines = C4LineSettings.From(thresholds);
    private readonly double _min = thresholds.Get("c4_min_sentences", 5);

    public override QualityScore Evaluate(QualityDocument d)
    {
        var n = d.C4(_lines).Sentences;
        return new(n, n >= _min);
    }

    public override string Name => "c4_min_sentences";
    public override QualityFamily Family => QualityFamily.C4;
    public override string Help =>
        "C4: after dropping lines that do not end in terminal punctuation, end in an ellipsis, have fewer than c4_min_words_per_line = 3 words, have a word over c4_max_word_length = 1,000 characters, or mention javascript or cookies/terms of use, the kept lines must hold at least c4_min_sentences = 5 sentences. CJK: a line's words are its characters and 。！？ end a line.";
}
