using System.Text;
using DataCenterTools.Core.Text;
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

/// <summary>
/// The fast paths of the shared pieces against the plain definitions: n-grams counted as strings (datatrove's way),
/// words cut character by character, and range hashes against hashes of the same elements on their own.
/// </summary>
public class QualityDocumentFastPathTests
{
    // Few, short, overlapping pieces: many repeated n-grams, and joined n-grams equal across other word boundaries.
    private static readonly string[] Pieces = ["a", "b", "ab", "ba", "c", "a,", "'", "don't", "中", "é", "x1", "--", "\u2028", "\n", "\t"];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    private static string RandomDocument(int seed)
    {
        var random = new Random(seed);
        var parts = new List<string>();
        for (var i = random.Next(0, 400); i > 0; i--)
        {
            parts.Add(Pieces[random.Next(Pieces.Length)]);
            if (random.Next(3) > 0) parts.Add(random.Next(5) == 0 ? "  " : " ");
        }
        return string.Concat(parts);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Ngram_measures_equal_the_string_definitions(int seed)
    {
        var text = RandomDocument(seed);
        var words = TextUnits.Words(text);
        var d = new QualityDocument(text);
        for (var n = 2; n <= 10; n++)
        {
            // datatrove's find_all_duplicate: n-grams joined without a space, the walk jumping past each repeat.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            long repeated = 0;
            for (var i = 0; i < words.Count - n + 1;)
            {
                var gram = string.Concat(words.Skip(i).Take(n));
                if (seen.Add(gram)) { i++; continue; }
                repeated += gram.Length;
                i += n;
            }
            Assert.Equal(repeated, d.DuplicateNGramChars(n));

            // Counter(" ".join(...)).most_common(1): the first n-gram to reach the top count.
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            (long Chars, int Count) top = (0, 0);
            for (var i = 0; i + n <= words.Count; i++)
            {
                var gram = string.Join(' ', words.Skip(i).Take(n));
                var c = counts[gram] = counts.GetValueOrDefault(gram) + 1;
                if (c > top.Count) top = (gram.Length, c);
            }
            Assert.Equal(top, d.TopNGram(n));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Words_equal_a_character_by_character_cut(int seed)
    {
        var text = RandomDocument(seed) + "Ab中c 12ab a1 --a a--b x' 'x 𝒜b 😀 \u001c z";
        var scanned = new WordRanges().Scan(text);
        var expected = new List<(int Start, int Length, bool Symbols, bool Letter)>();
        int start = -1, letters = 0, cjkCount = 0;
        bool startSymbol = false, hasLetter = false;
        for (var i = 0; i < text.Length;)
        {
            var r = Rune.GetRuneAt(text, i);
            bool white = Rune.IsWhiteSpace(r), cjk = !white && TextUnits.IsCjk(r.Value), letter = Rune.IsLetter(r);
            var symbol = !white && TextUnits.IsSymbol(r);
            if (letter || cjk) letters++;
            if (white || cjk)
            {
                if (start >= 0) expected.Add((start, i - start, startSymbol, hasLetter));
                start = -1;
                if (cjk) { cjkCount++; expected.Add((i, r.Utf16SequenceLength, symbol, letter)); }
            }
            else
            {
                if (symbol && r.Value == '\'' && start >= 0 && !startSymbol) symbol = false;
                if (start >= 0 && symbol != startSymbol) { expected.Add((start, i - start, startSymbol, hasLetter)); start = -1; }
                if (start < 0) { start = i; startSymbol = symbol; hasLetter = false; }
                hasLetter |= letter;
            }
            i += r.Utf16SequenceLength;
        }
        if (start >= 0) expected.Add((start, text.Length - start, startSymbol, hasLetter));
        var actual = Enumerable.Range(0, scanned.Count).Select(w => (scanned.Start(w), scanned.Length(w), scanned.IsAllSymbols(w), scanned.HasLetter(w))).ToList();
        Assert.Equal(expected, actual);
        Assert.Equal(letters, scanned.Letters);
        Assert.Equal(cjkCount, scanned.CjkCharacters);
    }

    [Fact]
    public void Range_hash_is_the_hash_of_the_range_on_its_own()
    {
        var text = RandomDocument(9);
        var whole = Hashed(text);
        var random = new Random(9);
        for (var k = 0; k < 500; k++)
        {
            var start = random.Next(text.Length);
            var length = random.Next(text.Length - start + 1);
            Assert.Equal(Hashed(text.Substring(start, length)).Of(0, length), whole.Of(start, length));
        }
        // Different contents of one length hash differently (the chance of a collision is about 2^-61).
        whole.Build([1, 2, 3, 1, 2, 4]);
        Assert.Equal(whole.Of(0, 2), whole.Of(3, 2));
        Assert.NotEqual(whole.Of(0, 3), whole.Of(3, 3));
    }

    private static PrefixHashes Hashed(string text)
    {
        var hashes = new PrefixHashes();
        hashes.Clear(text.Length);
        foreach (var c in text) hashes.Append(c);
        return hashes;
    }

    [Theory]
    // Python's results: str.splitlines(), re.split("\n+"), re.split("\n{2,}").
    [InlineData("a\r\nb\rc\u0085d\u2028e\n\nf\n", new[] { "a", "b", "c", "d", "e", "", "f" }, new[] { "a\r", "b\rc\u0085d\u2028e", "f", "" }, new[] { "a\r\nb\rc\u0085d\u2028e", "f\n" })]
    [InlineData("\n", new[] { "" }, new[] { "", "" }, new[] { "\n" })]
    [InlineData("", new string[0], new[] { "" }, new[] { "" })]
    [InlineData("\r\n\r\n", new[] { "", "" }, new[] { "\r", "\r", "" }, new[] { "\r\n\r\n" })]
    [InlineData("a\u001c\u001db\v", new[] { "a", "", "b" }, new[] { "a\u001c\u001db\v" }, new[] { "a\u001c\u001db\v" })]
    public void Lines_and_newline_runs_split_as_python_does(string text, string[] lines, string[] runs, string[] paragraphs)
    {
        Assert.Equal(lines, TextUnits.SplitLines(text).Select(r => r.Of(text).ToString()));
        Assert.Equal(runs, TextUnits.SplitOnNewlineRuns(text, 1).Select(r => r.Of(text).ToString()));
        Assert.Equal(paragraphs, TextUnits.SplitOnNewlineRuns(text, 2).Select(r => r.Of(text).ToString()));
        Assert.Equal(text.Count(c => c == '\n'), TextUnits.Count(text, "\n"));
    }
}
