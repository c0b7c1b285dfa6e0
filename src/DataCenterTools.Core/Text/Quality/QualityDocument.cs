using System.Text;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// A document being scored, with the pieces the rules share (words, lines, paragraphs) cut once and kept.
/// A document is CJK when at least half its letters are Han or Kana; its words are then characters
/// (see <see cref="TextUnits"/>), and rules say what they do with it.
/// </summary>
public sealed class QualityDocument(string text)
{
    private List<string>? _words;
    private int _nonSymbolWords = -1;
    private List<string>? _lines;
    private List<string>? _newlineRuns;
    private List<string>? _paragraphs;
    private List<string>? _nonBlankLines;
    private bool? _isCjk;
    private C4Lines? _c4;

    public string Text { get; } = text;
    public bool IsCjk => _isCjk ??= TextUnits.IsMostlyCjk(Text);
    public List<string> Words => _words ??= TextUnits.Words(Text);

    /// <summary>Words with at least one character that is not a symbol.</summary>
    public int NonSymbolWordCount
    {
        get
        {
            if (_nonSymbolWords >= 0) return _nonSymbolWords;
            var n = 0;
            foreach (var w in Words) if (!IsAllSymbols(w)) n++;
            return _nonSymbolWords = n;
        }
    }

    public IEnumerable<string> NonSymbolWords => Words.Where(w => !IsAllSymbols(w));

    /// <summary>The lines as Python's splitlines gives them.</summary>
    public List<string> Lines => _lines ??= TextUnits.SplitLines(Text);
    /// <summary>The text split on runs of newlines (re.split("\n+")).</summary>
    public List<string> NewlineRunLines => _newlineRuns ??= TextUnits.SplitOnNewlineRuns(Text, 1);
    /// <summary>The stripped text split on blank lines (re.split("\n{2,}")).</summary>
    public List<string> Paragraphs => _paragraphs ??= TextUnits.SplitOnNewlineRuns(Text.Trim(), 2);
    /// <summary>The lines between "\n" that are not blank, unstripped (FineWeb).</summary>
    public List<string> NonBlankLines => _nonBlankLines ??= Text.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

    /// <summary>The C4 line filter's view of the document, with the settings of the first rule that asks.</summary>
    public C4Lines C4(C4LineSettings settings) => _c4 ??= new C4Lines(this, settings);

    public static bool IsAllSymbols(string word)
    {
        foreach (var r in word.EnumerateRunes()) if (!TextUnits.IsSymbol(r)) return false;
        return true;
    }

    /// <summary>How many elements repeat one seen before, and their characters (datatrove's find_duplicates).</summary>
    public static (int Elements, long Chars) Duplicates(IEnumerable<string> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int elements = 0;
        long chars = 0;
        foreach (var item in items)
        {
            if (seen.Add(item)) continue;
            elements++;
            chars += item.Length;
        }
        return (elements, chars);
    }

    public static bool HasLetter(string word)
    {
        foreach (var r in word.EnumerateRunes()) if (Rune.IsLetter(r)) return true;
        return false;
    }
}
