using System.Buffers;
using System.Globalization;
using System.Text;

namespace DataCenterTools.Core.Text;

/// <summary>
/// How the text rules cut a document into words, lines and paragraphs. Words follow what NLTK's word_tokenize
/// gives for English closely enough for the published thresholds: whitespace separates words, and inside a
/// whitespace-separated piece a run of punctuation or symbols is a word of its own ("Hello," is "Hello" and ",").
/// Han, Hiragana and Katakana characters are one word each, since Chinese and Japanese put no spaces between
/// words: every word-based measure of a CJK document is therefore character-based. Hangul is spaced like English.
/// </summary>
public static class TextUnits
{
    /// <summary>Han (CJK unified ideographs and extensions, compatibility ideographs), Hiragana and Katakana.</summary>
    public static bool IsCjk(int cp) =>
        cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x3040 and <= 0x30FF
            or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3134F or >= 0x31F0 and <= 0x31FF;

    /// <summary>Punctuation, symbols and control characters: what the Gopher rules call a symbol.</summary>
    public static bool IsSymbol(Rune r)
    {
        if (SentenceTerminals.Contains(r.Value)) return true;
        var cat = Rune.GetUnicodeCategory(r);
        return cat is UnicodeCategory.Control or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol
            or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;
    }

    /// <summary>The words of the text, in order (see the class summary for the rule; <see cref="WordRanges"/> cuts them).</summary>
    public static List<string> Words(string text)
    {
        var ranges = new WordRanges().Scan(text);
        var words = new List<string>(ranges.Count);
        for (var w = 0; w < ranges.Count; w++) words.Add(text.Substring(ranges.Start(w), ranges.Length(w)));
        return words;
    }

    /// <summary>Whether most of the text's letters are Han or Kana (at least half), so words are characters.</summary>
    public static bool IsMostlyCjk(string text) => new WordRanges().Scan(text).IsMostlyCjk;

    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\n\r\v\f\u001c\u001d\u001e\u0085\u2028\u2029");

    /// <summary>The lines as Python's str.splitlines gives them (\n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029; no trailing empty line), as ranges of the text, added to <paramref name="into"/> when given.</summary>
    public static List<TextRange> SplitLines(ReadOnlySpan<char> text, List<TextRange>? into = null)
    {
        var lines = into ?? [];
        var start = 0;
        while (start < text.Length)
        {
            var at = text[start..].IndexOfAny(LineBreaks);
            if (at < 0) break;
            var i = start + at;
            lines.Add(new(start, at));
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        if (start < text.Length) lines.Add(new(start, text.Length - start));
        return lines;
    }

    /// <summary>
    /// Splits on runs of at least <paramref name="minRun"/> newlines ("\n+" for lines, "\n{2,}" for paragraphs); empty
    /// pieces are kept, as re.split keeps them. Ranges are of the text, shifted by <paramref name="offset"/>; they are
    /// added to <paramref name="into"/> when given (a reused list), else to a new list.
    /// </summary>
    public static List<TextRange> SplitOnNewlineRuns(ReadOnlySpan<char> text, int minRun, int offset = 0, List<TextRange>? into = null)
    {
        var parts = into ?? [];
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var at = text[i..].IndexOf('\n');
            if (at < 0) break;
            i += at;
            var j = i;
            while (j < text.Length && text[j] == '\n') j++;
            if (j - i >= minRun)
            {
                parts.Add(new(offset + start, i - start));
                start = j;
            }
            i = j;
        }
        parts.Add(new(offset + start, text.Length - start));
        return parts;
    }

    /// <summary>Non-overlapping occurrences of <paramref name="what"/>, as Python's str.count.</summary>
    public static int Count(string text, string what)
    {
        // One character (newlines, '#'): one vectorized pass instead of a search per occurrence.
        if (what.Length == 1) return text.AsSpan().Count(what[0]);
        var n = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
