using System.Runtime.InteropServices;
using System.Text;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// A document being scored, with the pieces the rules share (words, lines, paragraphs) cut once and kept.
/// A document is CJK when at least half its letters are Han or Kana; its words are then characters
/// (see <see cref="TextUnits"/>), and rules say what they do with it. The words are cut in one pass for every rule
/// family, as ranges of the text numbered by content (equal words, equal ids), so the n-gram rules compare ids
/// and spans instead of making a string per n-gram.
/// </summary>
public sealed class QualityDocument
{
    private static readonly HashSet<string> StopWordSet = new(["the", "be", "to", "of", "and", "that", "have", "with"], StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWordSet.GetAlternateLookup<ReadOnlySpan<char>>();
    private const int LongestStopWord = 4;

    private readonly QualityScratch _scratch;
    private bool _scanned;
    private int _nonSymbolWords;
    private long _nonSymbolChars;
    private int _letterWords;
    private int _stopWords;
    private bool _concatenated;
    private bool _idsHashed;
    private List<TextRange>? _lines;
    private List<TextRange>? _newlineRuns;
    private List<TextRange>? _paragraphs;
    private List<TextRange>? _nonBlankLines;
    private (int, long)? _duplicateLines;
    private (int, long)? _duplicateParagraphs;
    private (int, long)? _duplicateNonBlank;
    private C4Lines? _c4;

    public QualityDocument(string text) : this(text, new QualityScratch()) { }

    /// <summary>A document that works in <paramref name="scratch"/>'s buffers: score it fully before the next document uses them.</summary>
    internal QualityDocument(string text, QualityScratch scratch)
    {
        Text = text;
        _scratch = scratch;
    }

    public string Text { get; }
    public bool IsCjk => Scanned.IsMostlyCjk;

    /// <summary>The number of words (<see cref="TextUnits.Words"/>).</summary>
    public int WordCount => Scanned.Count;

    /// <summary>Words with at least one character that is not a symbol.</summary>
    public int NonSymbolWordCount { get { _ = Scanned; return _nonSymbolWords; } }
    /// <summary>The characters of the words counted by <see cref="NonSymbolWordCount"/>.</summary>
    public long NonSymbolWordChars { get { _ = Scanned; return _nonSymbolChars; } }
    /// <summary>Words with at least one letter.</summary>
    public int LetterWordCount { get { _ = Scanned; return _letterWords; } }
    /// <summary>The distinct English stop words (the, be, to, of, and, that, have, with) among the words, as written.</summary>
    public int StopWordCount { get { _ = Scanned; return _stopWords; } }

    /// <summary>The lines as Python's splitlines gives them.</summary>
    public List<TextRange> Lines => _lines ??= TextUnits.SplitLines(Text, _scratch.Take(0));
    /// <summary>The text split on runs of newlines (re.split("\n+")).</summary>
    public List<TextRange> NewlineRunLines => _newlineRuns ??= TextUnits.SplitOnNewlineRuns(Text, 1, 0, _scratch.Take(1));
    /// <summary>The stripped text split on blank lines (re.split("\n{2,}")).</summary>
    public List<TextRange> Paragraphs => _paragraphs ??= SplitParagraphs();
    /// <summary>The lines between "\n" that are not blank, unstripped (FineWeb).</summary>
    public List<TextRange> NonBlankLines => _nonBlankLines ??= SplitNonBlankLines();

    /// <summary>Repeated lines (<see cref="NewlineRunLines"/>) and their characters.</summary>
    public (int Elements, long Chars) DuplicateLines => _duplicateLines ??= Duplicates(NewlineRunLines);
    /// <summary>Repeated paragraphs and their characters.</summary>
    public (int Elements, long Chars) DuplicateParagraphs => _duplicateParagraphs ??= Duplicates(Paragraphs);
    /// <summary>Repeated non-blank lines (<see cref="NonBlankLines"/>) and their characters.</summary>
    public (int Elements, long Chars) DuplicateNonBlankLines => _duplicateNonBlank ??= Duplicates(NonBlankLines);

    /// <summary>A buffer of at least <paramref name="length"/> characters for one lowercased line (C4).</summary>
    internal Span<char> LowerBuffer(int length)
    {
        if (_scratch.Lower.Length < length) _scratch.Lower = new char[Math.Max(length, 2 * _scratch.Lower.Length)];
        return _scratch.Lower.AsSpan(0, length);
    }

    /// <summary>A word buffer for one line at a time (C4 cuts CJK lines into words).</summary>
    internal WordRanges LineWords => _scratch.LineWords;

    /// <summary>The C4 line filter's view of the document, with the settings of the first rule that asks.</summary>
    public C4Lines C4(C4LineSettings settings) => _c4 ??= new C4Lines(this, settings);

    /// <summary>
    /// The most frequent word n-gram (words joined by a space; the first to reach the top count wins a tie): its
    /// characters and its count; (0, 0) when there are fewer than n words. Words hold no space, so two n-grams
    /// join to the same string exactly when their words are equal: the word ids stand for the joined strings.
    /// </summary>
    public (long Chars, int Count) TopNGram(int n)
    {
        var words = Scanned;
        if (words.Count < n) return (0, 0);
        var ids = _scratch.Ids.AsSpan(0, words.Count);
        var hashes = _scratch.IdHashes;
        if (!_idsHashed) { hashes.Build(ids); _idsHashed = true; }
        // The table compares chars: an n-gram of ids is the 2n chars of its ints, equal exactly when the ids are.
        var idChars = MemoryMarshal.Cast<int, char>(ids);
        var table = _scratch.Grams;
        table.Clear(words.Count);
        int top = -1, topCount = 0;
        for (var i = 0; i + n <= ids.Length; i++)
        {
            var entry = table.Add(idChars, 2 * i, 2 * n, hashes.Of(i, n), out _);
            var c = table.CountOf(entry);
            // Strictly more: the first n-gram to reach the highest count keeps the tie, as Counter.most_common(1) does.
            if (c > topCount) { topCount = c; top = entry; }
        }
        var first = table.StartOf(top) / 2;
        long chars = n - 1;
        for (var w = first; w < first + n; w++) chars += words.Length(w);
        return (chars, topCount);
    }

    /// <summary>
    /// The characters of word n-grams (words joined without a space) that repeat an earlier n-gram; after a repeat
    /// the walk jumps past it (datatrove's find_all_duplicate). Joined without a space, different words can make the
    /// same string ("ab c" and "a bc"), so these n-grams are compared as ranges of the words' concatenation.
    /// </summary>
    public long DuplicateNGramChars(int n)
    {
        var words = Scanned;
        if (!_concatenated) Concatenate(words);
        var chars = _scratch.Joined.AsSpan();
        var offsets = _scratch.JoinedOffsets;
        var hashes = _scratch.JoinedHashes;
        var table = _scratch.Grams;
        table.Clear(words.Count);
        long repeated = 0;
        var i = 0;
        while (i < words.Count - n + 1)
        {
            int start = offsets[i], length = offsets[i + n] - start;
            table.Add(chars, start, length, hashes.Of(start, length), out var added);
            if (added) { i++; continue; }
            repeated += length;
            i += n;
        }
        return repeated;
    }

    private WordRanges Scanned
    {
        get
        {
            var words = _scratch.Words;
            if (_scanned) return words;
            words.Scan(Text);
            var text = Text.AsSpan();
            if (_scratch.Ids.Length < words.Count) _scratch.Ids = new int[Math.Max(words.Count, 2 * _scratch.Ids.Length)];
            var ids = _scratch.Ids;
            var table = _scratch.Distinct;
            table.Clear(words.Count);
            int nonSymbol = 0, letters = 0, stop = 0;
            long nonSymbolChars = 0;
            for (var w = 0; w < words.Count; w++)
            {
                int start = words.Start(w), length = words.Length(w);
                if (!words.IsAllSymbols(w)) { nonSymbol++; nonSymbolChars += length; }
                if (words.HasLetter(w)) letters++;
                ids[w] = table.Add(text, start, length, RangeTable.Hash(text.Slice(start, length)), out var added);
                if (added && length <= LongestStopWord && StopWordLookup.Contains(text.Slice(start, length))) stop++;
            }
            _nonSymbolWords = nonSymbol;
            _nonSymbolChars = nonSymbolChars;
            _letterWords = letters;
            _stopWords = stop;
            _scanned = true;
            return words;
        }
    }

    /// <summary>Copies the words one after another into the joined buffer, hashing the prefixes as it goes.</summary>
    private void Concatenate(WordRanges words)
    {
        var total = 0;
        foreach (var length in words.Lengths) total += length;
        if (_scratch.Joined.Length < total) _scratch.Joined = new char[Math.Max(total, 2 * _scratch.Joined.Length)];
        if (_scratch.JoinedOffsets.Length < words.Count + 1) _scratch.JoinedOffsets = new int[Math.Max(words.Count + 1, 2 * _scratch.JoinedOffsets.Length)];
        var text = Text.AsSpan();
        var joined = _scratch.Joined.AsSpan();
        var offsets = _scratch.JoinedOffsets;
        var hashes = _scratch.JoinedHashes;
        hashes.Clear(total);
        var at = 0;
        for (var w = 0; w < words.Count; w++)
        {
            offsets[w] = at;
            // Words are short: a loop copies and hashes them in one pass, cheaper than a copy call per word.
            foreach (var c in text.Slice(words.Start(w), words.Length(w)))
            {
                joined[at++] = c;
                hashes.Append(c);
            }
        }
        offsets[words.Count] = at;
        _concatenated = true;
    }

    /// <summary>How many pieces repeat one seen before, and their characters (datatrove's find_duplicates).</summary>
    private (int Elements, long Chars) Duplicates(List<TextRange> pieces)
    {
        var text = Text.AsSpan();
        var table = _scratch.Pieces;
        table.Clear(pieces.Count);
        int elements = 0;
        long chars = 0;
        foreach (var (start, length) in pieces)
        {
            table.Add(text, start, length, RangeTable.Hash(text.Slice(start, length)), out var added);
            if (added) continue;
            elements++;
            chars += length;
        }
        return (elements, chars);
    }

    private List<TextRange> SplitParagraphs()
    {
        var text = Text.AsSpan();
        var trimmed = text.Trim();
        var offset = trimmed.IsEmpty ? 0 : text.Length - text.TrimStart().Length;
        return TextUnits.SplitOnNewlineRuns(trimmed, 2, offset, _scratch.Take(2));
    }

    private List<TextRange> SplitNonBlankLines()
    {
        var lines = _scratch.Take(3);
        var text = Text.AsSpan();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text[start..].IndexOf('\n');
            var length = end < 0 ? text.Length - start : end;
            if (!text.Slice(start, length).IsWhiteSpace()) lines.Add(new(start, length));
            if (end < 0) break;
            start += length + 1;
        }
        return lines;
    }
}

/// <summary>The buffers a document's scoring works in, reused by each document of a batch (one per thread).</summary>
internal sealed class QualityScratch
{
    public WordRanges Words { get; } = new();
    public WordRanges LineWords { get; } = new();
    public RangeTable Distinct { get; } = new();
    public RangeTable Grams { get; } = new();
    /// <summary>Lines and paragraphs, far fewer than words: sharing the n-gram table made Clear shrink and regrow it every document (a measured 0.8 GB of tables per 41 MB of text).</summary>
    public RangeTable Pieces { get; } = new();
    public int[] Ids { get; set; } = new int[256];
    public char[] Lower { get; set; } = new char[256];
    public char[] Joined { get; set; } = new char[1024];
    public int[] JoinedOffsets { get; set; } = new int[257];
    /// <summary>Hashes of the word ids' prefixes (top n-grams) and of the concatenated words' prefixes (repeated n-grams).</summary>
    public PrefixHashes IdHashes { get; } = new();
    public PrefixHashes JoinedHashes { get; } = new();
    private readonly List<TextRange>[] _ranges = [[], [], [], []];
    // A scratch kept for the next batch gives back what one huge document made it grow to (as RangeTable does).
    private const int KeepElements = 1 << 20;

    /// <summary>Whether a document has grown a buffer past what is worth keeping between batches.</summary>
    public bool IsOversized => Joined.Length > KeepElements || Ids.Length > KeepElements || JoinedHashes.Capacity > KeepElements;

    /// <summary>Reused range list number <paramref name="which"/> (lines, newline runs, paragraphs, non-blank lines), emptied.</summary>
    public List<TextRange> Take(int which)
    {
        var list = _ranges[which];
        list.Clear();
        return list;
    }
}
