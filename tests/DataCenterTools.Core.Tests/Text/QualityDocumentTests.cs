using DataCenterTools.Core.Text.Quality;

namespace DataCenterTools.Core.Tests.Text;

/// <summary>
/// The shared pieces the quality rules read (word n-grams, duplicate lines and paragraphs), on documents worked by
/// hand, including the cases where counting ranges by content must give what datatrove's strings give.
/// </summary>
public class QualityDocumentTests
{
    [Fact]
    public void Repeated_ngram_is_found_by_its_joined_characters_even_across_other_word_boundaries()
    {
        // Words ab c d e f a bc d e f: the 5-gram at 5 (a+bc+d+e+f) joins to "abcdef", as the one at 0 (ab+c+d+e+f)
        // does, so datatrove counts its 6 characters as repeated although the words differ; the walk then jumps to
        // 10 and stops. 21 characters in all.
        var d = new QualityDocument("ab c d e f a bc d e f");
        Assert.Equal(10, d.WordCount);
        Assert.Equal(6, d.DuplicateNGramChars(5));
        Assert.Equal(0, d.DuplicateNGramChars(6)); // 6-grams: abcdefa, cdefabc, defabcd, efabcde, fabcdef: none repeats
        var rule = GopherDuplicateNGramRule.Published(new QualityThresholds()).Single(r => r.Name == "gopher_dup_5gram");
        Assert.Equal(6.0 / 21, rule.Evaluate(d).Value);
    }

    [Fact]
    public void Repeated_ngram_walk_jumps_past_a_repeat()
    {
        // x y x y x y (11 characters): 2-grams xy, yx, then xy again at 2 (2 characters), jump to 4: xy again (2 more).
        var d = new QualityDocument("x y x y x y");
        Assert.Equal(4, d.DuplicateNGramChars(2));
    }

    [Fact]
    public void Top_ngram_counts_words_joined_by_a_space_and_the_first_to_the_top_count_wins()
    {
        // a b a b c: "a b" twice (3 characters each); b a, b c once.
        Assert.Equal((3L, 2), new QualityDocument("a b a b c").TopNGram(2));
        // x yy z: every 2-gram once; the first, "x yy" (4 characters), is the top.
        Assert.Equal((4L, 1), new QualityDocument("x yy z").TopNGram(2));
        Assert.Equal((0L, 0), new QualityDocument("one").TopNGram(2));
        // Chinese: characters are words; 天气 twice among 今天 天天 天气 气很 很好 好天 天气.
        Assert.Equal((3L, 2), new QualityDocument("今天天气很好天气").TopNGram(2));
    }

    [Fact]
    public void Duplicate_lines_and_paragraphs_are_counted_on_the_stripped_text()
    {
        // "  a\n\nb\n\na  " (11 characters) stripped: paragraphs a, b, a: one repeated, of 1 character.
        var d = new QualityDocument("  a\n\nb\n\na  ");
        Assert.Equal((1, 1L), d.DuplicateParagraphs);
        // Lines on runs of newlines: "  a", "b", "a  ": none repeats (the spaces count).
        Assert.Equal((0, 0L), d.DuplicateLines);
        // FineWeb's non-blank lines of "x\n \nx\n": x, x (the blank " " and the empty last piece are skipped).
        Assert.Equal((1, 1L), new QualityDocument("x\n \nx\n").DuplicateNonBlankLines);
    }

    [Fact]
    public void Word_measures_come_from_one_pass()
    {
        // Words: The, cat's, ",", "...", 42, the, end, "." : 3 all-symbol words, 5 others (3+5+2+3+3 = 16 characters),
        // 4 with a letter; stop words: "the" only ("The" is not the same as written).
        var d = new QualityDocument("The cat's, ... 42 the end.");
        Assert.Equal(8, d.WordCount);
        Assert.Equal(5, d.NonSymbolWordCount);
        Assert.Equal(16, d.NonSymbolWordChars);
        Assert.Equal(4, d.LetterWordCount);
        Assert.Equal(1, d.StopWordCount);
        Assert.False(d.IsCjk);
    }
}
