using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataCenterTools.Core.Text.Tokens;
using Microsoft.ML.Tokenizers;

namespace DataCenterTools.Core.Tests.Text;

/// <summary>
/// Our cl100k_base path against Microsoft.ML.Tokenizers 2.0.1 (the oracle): the same pieces as its regex
/// pre-tokenizer and the same ids, on hard cases, on every UTF-16 code unit in several contexts, on seeded random
/// strings of awkward characters and on the real English and Chinese text of examples/data/text.
/// </summary>
public class Cl100kTokenCounterTests
{
    // A fresh library tokenizer for each comparison: its LRU cache also holds the special tokens, which other pieces
    // can evict (then "<|endoftext|>" is merged as text), so only a fresh one is the library's intended answer.
    private static TiktokenTokenizer Library() => TiktokenTokenizer.CreateForEncoding("cl100k_base");

    private static void AssertSame(string text, TiktokenTokenizer? library = null)
    {
        library ??= Library();
        var expectedPieces = library.PreTokenizer!.PreTokenize(text).ToArray();
        var pieces = Pieces(text);
        Assert.Equal(expectedPieces, pieces);
        var expected = library.EncodeToIds(text);
        Assert.Equal(expected, Cl100kTokenCounter.Instance.EncodeToIds(text));
        Assert.Equal(expected.Count, Cl100kTokenCounter.Instance.Count(text));
    }

    // Our pieces as (offset, length), split at special tokens as the library does.
    private static (int Offset, int Length)[] Pieces(string text)
    {
        var result = new List<(int, int)>();
        var specials = new Regex("<\\|endoftext\\|>|<\\|fim_prefix\\|>|<\\|fim_middle\\|>|<\\|fim_suffix\\|>|<\\|endofprompt\\|>");
        var from = 0;
        foreach (var m in specials.Matches(text).Cast<Match>().Append(null))
        {
            var end = m?.Index ?? text.Length;
            var run = text.AsSpan(from, end - from);
            for (var start = 0; start < run.Length;)
            {
                var stop = Cl100kPreTokenizer.PieceEnd(run, start);
                result.Add((from + start, stop - start));
                start = stop;
            }
            if (m == null) break;
            result.Add((m.Index, m.Length));
            from = m.Index + m.Length;
        }
        return [.. result];
    }

    [Theory]
    [InlineData("Hello world", new[] { 9906, 1917 })]
    [InlineData("tiktoken is great!", new[] { 83, 1609, 5963, 374, 2294, 0 })]
    public void Ids_are_tiktokens(string text, int[] ids)
    {
        Assert.Equal(ids, Cl100kTokenCounter.Instance.EncodeToIds(text));
        Assert.Equal(ids.Length, Cl100kTokenCounter.Instance.Count(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("I'm sure they'LL say it's THEIR'S, we'VE 'Re 'd 'ſ 'x '")]
    [InlineData("don't DON'T o'clock ''s '\u017Ft rock'n'roll")]
    [InlineData("1 12 123 1234 12345 3.14159 1,000,000 ١٢٣٤ ½¾ Ⅻ 二〇二四 ①②③④")]
    [InlineData("line\r\nline\n\n\n\r\n\r\n  \n\t\nend\r\n")]
    [InlineData("trailing spaces   ")]
    [InlineData("a    b\t\t\tc \u00A0\u00A0d\u3000\u3000漢字 \u2028x\u2029y\u0085z\v\f")]
    [InlineData("\u001C\u001D\u001E\u001F\u0000\u0007 bell")]
    [InlineData("    leading and  double  spaces\n    indented code();\n")]
    [InlineData("Emoji 😀😃👍🏽 👨‍👩‍👧‍👦 family 🇫🇷 flag ❤️ heart ✨")]
    [InlineData("combining: e\u0301 a\u0300\u0301\u0302 Z\u0351\u0352\u0353 ﷺ")]
    [InlineData("mixed Привет мир, Γειά σου, مرحبا بالعالم, שלום, नमस्ते, こんにちは世界, 안녕하세요, ไทย")]
    [InlineData("我们今天去北京大学。你好！“引号”（括号）——破折号……省略号")]
    [InlineData("lone \uD83D high, lone \uDE00 low, reversed \uDE00\uD83D, at end \uD83D")]
    [InlineData("\uDC00")]
    [InlineData("replacement \uFFFD char \uFFFD\uFFFD and BOM \uFEFF")]
    [InlineData("<|endoftext|>text<|fim_prefix|>a<|fim_middle|>b<|fim_suffix|>c<|endofprompt|> <|endof <|im_start|>")]
    [InlineData("before <|endoftext|>   \n<|endoftext|><|endoftext|>")]
    [InlineData("code: if (x == 1) { return y->z[0]; } // $$$ ### !!! ??? ... --- ===\n\n")]
    [InlineData("https://example.com/path?q=1&b=2#frag user@example.org C:\\Windows\\System32")]
    [InlineData("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@")]
    public void Hard_cases_give_the_librarys_pieces_and_ids(string text) => AssertSame(text);

    [Fact]
    public void Long_pieces_give_the_librarys_ids()
    {
        AssertSame(new string('a', 127) + " " + new string('b', 129) + " " + string.Concat(Enumerable.Repeat("pneumono", 40)));
        AssertSame(new string(' ', 500) + "x" + new string('\n', 300) + new string('\t', 200));
        AssertSame(string.Concat(Enumerable.Repeat("漢字仮名交じり文", 30)) + " " + string.Concat(Enumerable.Repeat("😀", 50)));
        AssertSame(string.Concat(Enumerable.Repeat("Äöüß", 40)) + " " + new string('-', 1000) + "\r\n\r\n");
        AssertSame(string.Concat(Enumerable.Repeat("\uD83D", 60)) + string.Concat(Enumerable.Repeat("x\uFFFD", 70)));
    }

    [Fact]
    public void Every_code_unit_in_several_contexts_gives_the_librarys_pieces_and_ids()
    {
        for (var block = 0; block < 65536; block += 4096)
        {
            var sb = new StringBuilder();
            for (var c = block; c < block + 4096; c++)
            {
                var ch = (char)c;
                sb.Append('x').Append(ch).Append("x ").Append(ch).Append(ch).Append("1'").Append(ch).Append(' ')
                  .Append(ch).Append('\n').Append(' ').Append(ch).Append('!').Append("  ").Append(ch).Append("\r\n");
            }
            AssertSame(sb.ToString());
        }
    }

    [Fact]
    public void Seeded_random_strings_of_awkward_characters_give_the_librarys_ids()
    {
        string[] alphabet = ["a", "B", "z", "é", "ß", "ж", "漢", "字", "ア", "1", "9", "٣", "½", " ", " ", "  ", "\t", "\n", "\r", "\r\n",
            "\u00A0", "\u3000", "\u2028", "\u0085", "'", "'s", "'LL", "'ve", ".", ",", "!", "-", "_", "(", ")", "\"", "“", "/", "\\",
            "😀", "👍🏽", "\uD83D", "\uDE00", "\u0301", "\u200D", "\uFFFD", "<|endoftext|>", "<|", "|>", "$", "€", "\u001F", "\0"];
        var random = new Random(20261203);
        for (var i = 0; i < 400; i++)
        {
            var sb = new StringBuilder();
            var length = random.Next(1, 120);
            for (var j = 0; j < length; j++) sb.Append(alphabet[random.Next(alphabet.Length)]);
            AssertSame(sb.ToString());
        }
    }

    [Theory]
    [InlineData("cc_en_head-0091.jsonl")]
    [InlineData("cc_en_head-0174.jsonl")]
    [InlineData("demo-dataset-deduplication.jsonl")]
    [InlineData("demo-dataset.jsonl")]
    [InlineData("redpajama-c4-refined.jsonl")]
    public void Real_english_and_chinese_documents_give_the_librarys_ids(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "data", "text", file))) dir = dir.Parent;
        var lines = File.ReadAllLines(Path.Combine(dir!.FullName, "examples", "data", "text", file));
        Assert.NotEmpty(lines);
        var library = Library();
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var text = json.RootElement.GetProperty("text").GetString()!;
            AssertSame(text, library);
        }
    }

    [Fact]
    public void Special_tokens_stay_one_token_after_many_other_pieces()
    {
        // The library's own answer changes here: once 8,192 other pieces have gone through its LRU cache, its
        // CountTokens("<|endoftext|>") is 7 (merged as text); a fresh library tokenizer and this path say 1.
        var random = new Random(1);
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append(" q");
            for (var j = 0; j < 6; j++) sb.Append((char)('a' + random.Next(26)));
        }
        Assert.Equal(Library().CountTokens(sb.ToString()), Cl100kTokenCounter.Instance.Count(sb.ToString()));
        Assert.Equal([100257], Cl100kTokenCounter.Instance.EncodeToIds("<|endoftext|>"));
        Assert.Equal(1, Cl100kTokenCounter.Instance.Count("<|endoftext|>"));
        Assert.Equal([100257], Library().EncodeToIds("<|endoftext|>"));
    }

    [Fact]
    public void Special_tokens_are_the_librarys()
    {
        var expected = Library().SpecialTokens!.OrderBy(s => s.Value).Select(s => (s.Key, s.Value));
        Assert.Equal(expected, Cl100kTokenCounter.SpecialTokens.OrderBy(s => s.Id));
    }

    [Fact]
    public void Long_pieces_of_repeats_and_ties_give_the_librarys_ids()
    {
        // Equal ranks all along a long piece: the heap merge must take the leftmost pair first, as the quadratic scan does.
        var random = new Random(7);
        foreach (var unit in new[] { "ab", "a", "aa", "abc", "ね", "é", "🙂", "  " })
        {
            AssertSame(string.Concat(Enumerable.Repeat(unit, 200)));
            var sb = new StringBuilder();
            for (var i = 0; i < 300; i++) sb.Append(unit[random.Next(unit.Length)]);
            AssertSame(sb.ToString());
        }
    }

    [Fact]
    public void The_shipped_tokenizer_counts_with_this_path()
    {
        var tokenizer = TextTokenizer.Resolve("cl100k_base");
        const string text = "Grüße, 世界! It's 2026.\r\n\r\n";
        Assert.Equal(Library().CountTokens(text), tokenizer.Count(text));
        Assert.Equal(Cl100kTokenCounter.Instance.EncodeToIds(text), tokenizer.Encode(text));
    }
}
