using System.Text.RegularExpressions;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>The line settings of the C4 filter (defaults from the C4 paper and TFDS's c4_utils).</summary>
public sealed record C4LineSettings(int MinWordsPerLine = 3, int MaxWordLength = 1000)
{
    public static C4LineSettings From(QualityThresholds t) =>
        new((int)t.Get("c4_min_words_per_line", 3), (int)t.Get("c4_max_word_length", 1000));
}

/// <summary>
/// C4's walk over a document's lines, in its order: a line with a word over 1,000 characters is dropped;
/// citation marks ([1], [edit], [citation needed]) are removed; a line that does not end in terminal punctuation
/// (. ? ! " ') or ends in "..." is dropped; a line of fewer than 3 words is dropped; "lorem ipsum" in a surviving
/// line rejects the document, as does a curly bracket; a line mentioning "javascript" or a cookie/terms-of-use
/// phrase is dropped; the rest are kept and their sentences counted. CJK documents: a line's words are its
/// characters and any Unicode sentence terminal (。！？) ends it.
/// </summary>
public sealed partial class C4Lines
{
    private static readonly string[] PolicyPhrases = ["terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"];

    [GeneratedRegex(@"\[\d*]|\[edit]|\[citation needed]")]
    private static partial Regex CitationRegex();

    public C4Lines(QualityDocument document, C4LineSettings settings)
    {
        var cjk = document.IsCjk;
        foreach (var raw in document.Lines)
        {
            var span = raw.Of(document.Text).Trim();
            var (wordCount, longest) = cjk ? CjkWords(document.LineWords.Scan(span)) : SpacedWords(span);
            if (settings.MaxWordLength > 0 && longest > settings.MaxWordLength) continue;
            // Most lines hold no '[', and then no citation mark to remove: only those pay for the regex.
            ReadOnlySpan<char> line = span.Contains('[') ? CitationRegex().Replace(span.ToString(), "") : span;
            var terminal = cjk ? SentenceTerminals.EndsWithTerminal(line) : line.Length > 0 && line[^1] is '.' or '?' or '!' or '"' or '\'';
            if (!terminal || line.EndsWith("...", StringComparison.Ordinal)) continue;
            if (wordCount < settings.MinWordsPerLine) continue;
            // The published filter lowercases the line (ToLowerInvariant) and searches it; on ASCII text an ordinal
            // case-insensitive search finds the same phrases without the copy. Elsewhere case-insensitive search
            // could match more (U+017F folds to 's'), so other lines are lowercased as published.
            var ascii = System.Text.Ascii.IsValid(line);
            ReadOnlySpan<char> lower = ascii ? line : Lowered(line, document.LowerBuffer(line.Length));
            var comparison = ascii ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (lower.Contains("lorem ipsum", comparison)) LoremIpsumLines++;
            if (line.Contains('{')) CurlyBracketLines++;
            if (LoremIpsumLines > 0 || CurlyBracketLines > 0) { FirstRejection ??= LoremIpsumLines > 0 ? "c4_lorem_ipsum" : "c4_curly_bracket"; continue; }
            if (lower.Contains("javascript", comparison) || MentionsPolicy(lower, comparison)) continue;
            Sentences += CountSentences(line);
        }
    }

    public int Sentences { get; }
    /// <summary>Candidate lines (past punctuation and length) containing "lorem ipsum" / a curly bracket.</summary>
    public int LoremIpsumLines { get; }
    public int CurlyBracketLines { get; }
    /// <summary>The rule that rejected the document as C4 walks it (lorem ipsum or curly bracket), or null.</summary>
    public string? FirstRejection { get; }

    private static ReadOnlySpan<char> Lowered(ReadOnlySpan<char> line, Span<char> buffer)
    {
        var n = line.ToLowerInvariant(buffer);
        return buffer[..n];
    }

    private static bool MentionsPolicy(ReadOnlySpan<char> lower, StringComparison comparison)
    {
        foreach (var phrase in PolicyPhrases) if (lower.Contains(phrase, comparison)) return true;
        return false;
    }

    /// <summary>The words of a line as str.split() gives them: their number and the longest one's length.</summary>
    private static (int Count, int Longest) SpacedWords(ReadOnlySpan<char> line)
    {
        int count = 0, longest = 0, start = -1;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && !char.IsWhiteSpace(line[i])) { if (start < 0) start = i; continue; }
            if (start < 0) continue;
            count++;
            longest = Math.Max(longest, i - start);
            start = -1;
        }
        return (count, longest);
    }

    private static (int Count, int Longest) CjkWords(WordRanges words)
    {
        var longest = 0;
        foreach (var length in words.Lengths) longest = Math.Max(longest, length);
        return (words.Count, longest);
    }

    /// <summary>
    /// Sentences in a line: runs of sentence terminals followed by whitespace or the end (NLTK's punkt splits the
    /// same places for ordinary prose; it also knows abbreviations such as "Dr.", which this does not).
    /// </summary>
    public static int CountSentences(ReadOnlySpan<char> line)
    {
        var n = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (!SentenceTerminals.Contains(line[i])) continue;
            var j = i;
            while (j + 1 < line.Length && (SentenceTerminals.Contains(line[j + 1]) || line[j + 1] is '"' or '\'' or '”' or '’' or ')' or '」')) j++;
            // A full-width terminal (。！？) ends a sentence without a following space.
            if (j + 1 == line.Length || char.IsWhiteSpace(line[j + 1]) || line[i] > 0x7F) n++;
            i = j;
        }
        return Math.Max(n, line.Trim().Length > 0 ? 1 : 0);
    }
}
