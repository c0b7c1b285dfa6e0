using System.Text;

namespace DataCenterTools.Core.Text;

/// <summary>
/// The words of a text as <see cref="TextUnits.Words"/> cuts them, kept as (start, length) ranges with what the
/// quality rules ask of each word (only symbols? a letter?), plus the text's CJK and letter counts, all from one
/// pass over the characters. ASCII characters are classified from a table made from the same Unicode functions.
/// A buffer is reused: <see cref="Scan"/> replaces what the previous text left.
/// </summary>
public sealed class WordRanges
{
    private const byte White = 1, Symbol = 2, Letter = 4;
    private static readonly byte[] Ascii = AsciiClasses();

    private int[] _starts = new int[256];
    private int[] _lengths = new int[256];
    private bool[] _symbols = new bool[256];
    private bool[] _letters = new bool[256];
    private int _start;
    private int _startLetter;

    public int Count { get; private set; }
    /// <summary>Han and Kana characters of the text.</summary>
    public int CjkCharacters { get; private set; }
    /// <summary>Letters of the text (CJK characters included).</summary>
    public int Letters { get; private set; }

    public int Start(int word) => _starts[word];
    public int Length(int word) => _lengths[word];
    /// <summary>Whether every character of the word is a symbol (<see cref="TextUnits.IsSymbol"/>).</summary>
    public bool IsAllSymbols(int word) => _symbols[word];
    /// <summary>Whether the word has at least one letter.</summary>
    public bool HasLetter(int word) => _letters[word];
    public ReadOnlySpan<int> Lengths => _lengths.AsSpan(0, Count);

    /// <summary>Whether most of the text's letters are Han or Kana (at least half), so words are characters.</summary>
    public bool IsMostlyCjk => Letters > 0 && 2 * CjkCharacters >= Letters;

    /// <summary>Cuts <paramref name="text"/> into words (see <see cref="TextUnits"/> for the rule).</summary>
    public WordRanges Scan(ReadOnlySpan<char> text)
    {
        Count = 0;
        CjkCharacters = 0;
        Letters = 0;
        _start = -1;
        var startIsSymbol = false;
        var i = 0;
        while (i < text.Length)
        {
            int used;
            bool white, cjk, symbol, letter;
            var c = text[i];
            if (c < 0x80 && (Ascii[c] & (White | Symbol)) == 0 && !(_start >= 0 && startIsSymbol))
            {
                // A run of ASCII letters and digits extends the current word (or starts one): the bulk of most text,
                // so it skips the general per-character steps below (a measured third of the scan).
                if (_start < 0) { _start = i; startIsSymbol = false; _startLetter = 0; }
                var run = i;
                var letters = 0;
                // In the run a class is 0 (digit) or Letter (4).
                do { letters += Ascii[text[run]] >> 2; run++; }
                while (run < text.Length && text[run] < 0x80 && (Ascii[text[run]] & (White | Symbol)) == 0);
                if (letters > 0) _startLetter = 1;
                Letters += letters;
                i = run;
                continue;
            }
            if (c < 0x80)
            {
                var cls = Ascii[c];
                used = 1;
                white = (cls & White) != 0;
                cjk = false;
                symbol = (cls & Symbol) != 0;
                letter = (cls & Letter) != 0;
            }
            else
            {
                Rune.DecodeFromUtf16(text[i..], out var r, out used);
                white = Rune.IsWhiteSpace(r);
                cjk = !white && TextUnits.IsCjk(r.Value);
                symbol = !white && TextUnits.IsSymbol(r);
                letter = Rune.IsLetter(r);
            }
            // IsMostlyCjk counts every Han or Kana character as a letter, even the few that are punctuation (U+30FB).
            if (letter || cjk) Letters++;
            if (white)
            {
                Flush(i);
            }
            else if (cjk)
            {
                CjkCharacters++;
                Flush(i);
                Add(i, used, symbol, letter);
            }
            else
            {
                // An apostrophe inside a word of letters stays in it ("don't").
                if (symbol && c == '\'' && _start >= 0 && !startIsSymbol) symbol = false;
                if (_start >= 0 && symbol != startIsSymbol) Flush(i);
                if (_start < 0) { _start = i; startIsSymbol = symbol; _startLetter = 0; }
                if (letter) _startLetter = 1;
            }
            i += used;
        }
        Flush(text.Length);
        return this;

        void Flush(int end)
        {
            if (_start >= 0) Add(_start, end - _start, startIsSymbol, _startLetter != 0);
            _start = -1;
        }
    }

    private void Add(int start, int length, bool allSymbols, bool hasLetter)
    {
        if (Count == _starts.Length)
        {
            var size = 2 * Count;
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _symbols, size);
            Array.Resize(ref _letters, size);
        }
        _starts[Count] = start;
        _lengths[Count] = length;
        _symbols[Count] = allSymbols;
        _letters[Count] = hasLetter;
        Count++;
    }

    private static byte[] AsciiClasses()
    {
        var classes = new byte[0x80];
        for (var c = 0; c < classes.Length; c++)
        {
            var r = new Rune(c);
            classes[c] = (byte)((Rune.IsWhiteSpace(r) ? White : 0) | (TextUnits.IsSymbol(r) ? Symbol : 0) | (Rune.IsLetter(r) ? Letter : 0));
        }
        return classes;
    }
}
