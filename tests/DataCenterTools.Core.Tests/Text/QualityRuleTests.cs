using DataCenterTools.Core.Text;
using DataCenterTools.Core.Text.Quality;

namespace DataCenterTools.Core.Tests.Text;

/// <summary>
/// Each quality rule on hand-worked documents: one it flags (found) and one it passes (not found), with the exact
/// score worked out by hand from the rule's published definition (datatrove's implementation of Gopher, C4 and
/// FineWeb), in English and in Chinese.
/// </summary>
public class QualityRuleTests
{
    private static readonly string Chinese = "今天天气很好。我们去公园散步。";

    public static TheoryData<string, string, double?, bool> Cases => new()
    {
        // Words: The, cat, sat, . -> 3 words that are not only symbols.
        { "gopher_word_count", "The cat sat.", 3, false },
        { "gopher_word_count", string.Join(' ', Enumerable.Repeat("word", 60)), 60, true },
        // Chinese: 13 Han characters are 13 words (the two 。 are symbols).
        { "gopher_word_count", Chinese, 13, false },
        { "gopher_mean_word_length", "The cat sat.", 3, true },
        { "gopher_mean_word_length", "I a", 1, false },
        { "gopher_mean_word_length", Chinese, null, true },
        // # a # b # c: 6 words, 3 hashes.
        { "gopher_hash_ratio", "#a #b #c", 0.5, false },
        { "gopher_hash_ratio", "a b c d e f g h i j #k", 1.0 / 12, true },
        // wait ... what … ok: 5 words, 2 ellipses.
        { "gopher_ellipsis_ratio", "wait... what… ok", 0.4, false },
        { "gopher_ellipsis_ratio", "one two three four five six seven eight nine ten...", 1.0 / 11, true },
        { "gopher_bullet_lines", "- a\n- b\n  • c", 1, false },
        { "gopher_bullet_lines", "- a\nb", 0.5, true },
        { "gopher_ellipsis_lines", "a...\nb…\nc", 2.0 / 3, false },
        { "gopher_ellipsis_lines", "a...\nb\nc\nd", 0.25, true },
        { "gopher_alpha_words", "12 34 ab", 1.0 / 3, false },
        { "gopher_alpha_words", "ab cd 12 ef gh", 0.8, true },
        { "gopher_stop_words", "the cat and the dog", 2, true },
        { "gopher_stop_words", "The Cat", 0, false },
        { "gopher_stop_words", Chinese, null, true },
        // Paragraphs a, b, a, a: 2 repeats of 4.
        { "gopher_dup_para_frac", "a\n\nb\n\na\n\na", 0.5, false },
        { "gopher_dup_para_frac", "a\n\nb\n\nc", 0, true },
        // 2 repeated characters of 10.
        { "gopher_dup_para_char_frac", "a\n\nb\n\na\n\na", 0.2, true },
        { "gopher_dup_para_char_frac", "abc\n\nabc", 3.0 / 8, false },
        { "gopher_dup_line_frac", "x\ny\nx", 1.0 / 3, false },
        { "gopher_dup_line_frac", "x\ny\nz", 0, true },
        { "gopher_dup_line_char_frac", "x\ny\nx", 0.2, true },
        { "gopher_dup_line_char_frac", "xyz\nxyz", 3.0 / 7, false },
        // 2-grams "a b" x3 (3 chars), "b a" x2: 9 / 11.
        { "gopher_top_2gram", "a b a b a b", 9.0 / 11, false },
        { "gopher_top_2gram", "alpha beta gamma delta epsilon zeta eta theta", 10.0 / 45, false },
        { "gopher_top_2gram", "one two three four five six seven eight nine ten eleven twelve", 7.0 / 62, true },
        // The other members of the two n-gram families; expected values from the published definitions run in Python.
        { "gopher_top_3gram", "a b c a b c a b c", 0.8823529411764706, false },
        { "gopher_top_3gram", "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu", 16.0 / 66, false },
        { "gopher_top_4gram", "a b c d a b c d a b c d", 0.9130434782608695, false },
        { "gopher_dup_6gram", "a b c d e f a b c d e f", 0.2608695652173913, false },
        { "gopher_dup_7gram", "a b c d e f g a b c d e f g", 0.25925925925925924, false },
        { "gopher_dup_8gram", "a b c d e f g h a b c d e f g h", 0.25806451612903225, false },
        { "gopher_dup_9gram", "a b c d e f g h i a b c d e f g h i", 0.2571428571428571, false },
        { "gopher_dup_10gram", "a b c d e f g h i j a b c d e f g h i j", 0.2564102564102564, false },
        { "gopher_dup_10gram", "a b c d e f g h i j k l m n o p q r s t", 0, true },
        // "abcde" repeats once at word 5: 5 / 19.
        { "gopher_dup_5gram", "a b c d e a b c d e", 5.0 / 19, false },
        { "gopher_dup_5gram", "a b c d e f g h i j", 0, true },
        // Chinese repeated 5-character run: 今天天气很 then again; 12 chars + 。 x2 tokens -> the repeat starts at token 7 (今).
        { "gopher_dup_5gram", "今天天气很好今天天气很好", 5.0 / 12, false },
        { "c4_lorem_ipsum", "Lorem ipsum dolor sit amet.", 1, false },
        { "c4_lorem_ipsum", "lorem ipsum", 0, true }, // no terminal punctuation: C4 drops the line before it looks
        { "c4_curly_bracket", "The function is {x} here.", 1, false },
        { "c4_curly_bracket", "The function is (x) here.", 0, true },
        { "c4_min_sentences", "One two three. Four five six. Seven eight nine.", 3, false },
        { "c4_min_sentences", "One two three.\nFour five six.\nSeven eight nine.\nTen eleven twelve!\nThirteen fourteen fifteen?", 5, true },
        // javascript and cookie lines are dropped, as are short and unpunctuated ones.
        { "c4_min_sentences", "Please enable JavaScript to view this page.\nThis site uses cookies for you.\nOk.\nno punctuation at all\nOne two three.", 1, false },
        // Chinese: 。 ends a line and a sentence; the line has 12 character words.
        { "c4_min_sentences", Chinese, 2, false },
        { "fineweb_line_punct_ratio", "a.\nb\nc\nd\ne\nf\ng\nh\ni", 1.0 / 9, false },
        { "fineweb_line_punct_ratio", "你好。\n再见", 0.5, true },
        { "fineweb_short_line_ratio", "short\nshort2\nthis line is definitely longer than thirty characters", 2.0 / 3, true },
        { "fineweb_short_line_ratio", "short\nshort2\nshort3", 1, false },
        // Repeated line: 12 chars of 29 (newlines not counted).
        { "fineweb_char_dup_ratio", "hello world.\nhello world.\nother", 12.0 / 29, false },
        { "fineweb_char_dup_ratio", "hello world.\nother", 0, true },
        { "fineweb_list_ratio", "a\nb\nc", 2.0 / 3, false },
        { "fineweb_list_ratio", "a b c d e f g\nh", 1.0 / 8, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_scores_hand_worked_document(string rule, string text, double? expected, bool passes)
    {
        var thresholds = new QualityThresholds();
        var all = QualityRules.Create([QualityFamily.Gopher, QualityFamily.C4, QualityFamily.FineWeb], thresholds);
        var score = all.Single(r => r.Name == rule).Evaluate(new QualityDocument(text));
        if (expected == null) Assert.Null(score.Value);
        else Assert.Equal(expected.Value, score.Value!.Value, 9);
        Assert.Equal(passes, score.Passed);
    }

    [Fact]
    public void Every_rule_has_a_fixture_and_a_help_paragraph()
    {
        var all = QualityRules.Create([QualityFamily.Gopher, QualityFamily.C4, QualityFamily.FineWeb], new QualityThresholds(), ["badword"]);
        var covered = Cases.Select(c => (string)c[0]).ToHashSet();
        covered.Add("c4_bad_words"); // tested on its own below
        foreach (var rule in all)
        {
            Assert.Contains(rule.Name, covered);
            Assert.True(rule.Help.Length > 40, rule.Name);
        }
        Assert.Equal(12 + 3 + 6 + 4 + 4, all.Count);
    }

    [Fact]
    public void Bad_words_match_at_word_boundaries_and_anywhere_in_chinese()
    {
        var rule = new C4BadWordsRule(["spam", "赌博"]);
        Assert.Equal(1, rule.Evaluate(new QualityDocument("Buy SPAM now. Spammer.")).Value); // "Spammer" is not the word
        Assert.False(rule.Evaluate(new QualityDocument("Buy SPAM now.")).Passed);
        Assert.Equal(2, rule.Evaluate(new QualityDocument("网上赌博平台，赌博。")).Value);
        Assert.True(rule.Evaluate(new QualityDocument("Good text.")).Passed);
    }

    [Fact]
    public void Words_split_punctuation_and_cjk_characters()
    {
        Assert.Equal(["Hello", ",", "world", "...", "don't", "#", "tag"], TextUnits.Words("Hello, world... don't #tag"));
        Assert.Equal(["中", "文", "。", "ok"], TextUnits.Words("中文。ok"));
    }

    [Fact]
    public void Unknown_threshold_is_an_error_naming_the_known_ones()
    {
        var e = Assert.Throws<DataCenterTools.Core.Data.DataException>(() =>
            new TextQualityStage(new TextQualityOptions { Families = [QualityFamily.FineWeb], Thresholds = new Dictionary<string, double> { ["fineweb_short_lines"] = 0.5 } }));
        Assert.Equal("DataCenterTools.UnknownQualityThreshold", e.ErrorId);
        Assert.Contains("fineweb_max_short_line_ratio", e.Recommendation);
    }

    [Fact]
    public void First_failed_rule_follows_the_published_order_and_thresholds_override()
    {
        var stage = new TextQualityStage(new TextQualityOptions { Families = [QualityFamily.FineWeb, QualityFamily.Gopher] });
        var r = stage.Process(["short\nshort2\nshort3"], ["d1"], new(0, 0), default);
        Assert.Equal("fineweb_line_punct_ratio", r.Rejections![0]);
        var relaxed = new TextQualityStage(new TextQualityOptions
        {
            Families = [QualityFamily.FineWeb],
            Thresholds = new Dictionary<string, double> { ["fineweb_min_line_punct_ratio"] = 0, ["fineweb_max_short_line_ratio"] = 1, ["fineweb_max_newline_word_ratio"] = 1 },
        });
        Assert.Null(relaxed.Process(["short\nshort2\nshort3"], ["d1"], new(0, 0), default).Rejections![0]);
    }
}
