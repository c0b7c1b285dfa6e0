using System.Globalization;
using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// cl100k_base's pre-tokenizer written out by hand: the pattern Microsoft.ML.Tokenizers 2.0.1 runs,
/// <c>'(?i:[sdmt]|ll|ve|re)|(?&gt;[^\r\n\p{L}\p{N}]?)(?&gt;\p{L}+)|(?&gt;\p{N}{1,3})| ?(?&gt;[^\s\p{L}\p{N}]+)(?&gt;[\r\n]*)|(?&gt;\s+)$|\s*[\r\n]|\s+(?!\S)|\s</c>,
/// alternative by alternative, with .NET Regex's classes over UTF-16 code units (a surrogate is neither a letter
/// nor a number nor a space, as in .NET Regex; tiktoken in Rust reads code points instead). Why by hand: that
/// regex was most of Measure-TextToken's time (bench/RESULTS.md, Text); every alternative here is one pass over
/// a table of classes, no backtracking.
/// </summary>
public static class Cl100kPreTokenizer
{
    private const byte Letter = 1, Number = 2, Space = 4, LineBreak = 8;
    private static readonly byte[] Classes = BuildClasses();

    private static byte[] BuildClasses()
    {
        var classes = new byte[65536];
        for (var c = 0; c < classes.Length; c++)
        {
            var ch = (char)c;
            // .NET Regex: \p{L} = Lu Ll Lt Lm Lo, \p{N} = Nd Nl No, \s = char.IsWhiteSpace (checked over all code units in the tests).
            classes[c] = char.GetUnicodeCategory(ch) switch
            {
                UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Letter,
                UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Number,
                _ => 0,
            };
            if (char.IsWhiteSpace(ch)) classes[c] |= Space;
            if (ch is '\r' or '\n') classes[c] |= LineBreak;
        }
        return classes;
    }

    /// <summary>Where the piece that starts at <paramref name="start"/> ends (exclusive); the text ends where the regex's input ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int PieceEnd(ReadOnlySpan<char> text, int start)
    {
        var classes = Classes;
        var n = text.Length;
        var c = text[start];
        var kind = classes[c];

        // '(?i:[sdmt]|ll|ve|re)
        if (c == '\'' && start + 1 < n)
        {
            var d = text[start + 1];
            if (IsContractionLetter(d)) return start + 2;
            if (start + 2 < n && IsContractionPair(d, text[start + 2])) return start + 3;
        }
        // (?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+): an optional lead (anything but a line break, letter or number), then letters.
        if ((kind & Letter) != 0) return LetterRunEnd(text, start + 1);
        if ((kind & (Number | LineBreak)) == 0 && start + 1 < n && (classes[text[start + 1]] & Letter) != 0) return LetterRunEnd(text, start + 2);
        // (?>\p{N}{1,3})
        if ((kind & Number) != 0)
        {
            var end = start + 1;
            while (end < n && end < start + 3 && (classes[text[end]] & Number) != 0) end++;
            return end;
        }
        //  ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*): the space is given back when no symbol follows it.
        var symbol = c == ' ' ? start + 1 : start;
        if (symbol < n && (classes[text[symbol]] & (Letter | Number | Space)) == 0)
        {
            var end = symbol + 1;
            while (end < n && (classes[text[end]] & (Letter | Number | Space)) == 0) end++;
            while (end < n && (classes[text[end]] & LineBreak) != 0) end++;
            return end;
        }
        // Only white space is left here: (?>\s+)$ | \s*[\r\n] | \s+(?!\S) | \s over the run of it.
        var runEnd = start + 1;
        var lastBreak = (kind & LineBreak) != 0 ? start : -1;
        while (runEnd < n && (classes[text[runEnd]] & Space) != 0)
        {
            if ((classes[text[runEnd]] & LineBreak) != 0) lastBreak = runEnd;
            runEnd++;
        }
        if (runEnd == n) return n;
        if (lastBreak >= 0) return lastBreak + 1;
        return runEnd - start >= 2 ? runEnd - 1 : start + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LetterRunEnd(ReadOnlySpan<char> text, int from)
    {
        var classes = Classes;
        while (from < text.Length && (classes[text[from]] & Letter) != 0) from++;
        return from;
    }

    // (?i:[sdmt]): .NET Regex's case equivalences; the long s (U+017F) is one of s's.
    private static bool IsContractionLetter(char c) => c is 's' or 'S' or 'd' or 'D' or 'm' or 'M' or 't' or 'T' or '\u017F';

    // (?i:ll|ve|re)
    private static bool IsContractionPair(char a, char b) => (a | 0x20) switch
    {
        'l' => (b | 0x20) == 'l',
        'v' or 'r' => (b | 0x20) == 'e',
        _ => false,
    };
}
