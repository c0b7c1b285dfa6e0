using Microsoft.ML.Tokenizers;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// cl100k_base token counts (and ids, to check them) computed here rather than by Microsoft.ML.Tokenizers 2.0.1,
/// giving the library's ids token for token: the same rank table (its Data.Cl100kBase package), its special tokens,
/// its pre-tokenizer pattern (<see cref="Cl100kPreTokenizer"/>), its UTF-8 bytes (a lone surrogate as its own three
/// bytes), its whole-piece shortcut and its lowest-rank-leftmost merge. Why by hand: the library's regex and its
/// Dictionary lookups made counting 1.3x a plain-Python BPE per core (bench/RESULTS.md, Text); here a piece is
/// classified by a table, merged in stack arrays against <see cref="TokenRankTable"/>, and frequent pieces are
/// counted once per thread. Pieces over 128 UTF-8 bytes (rare: long runs of letters or spaces) go to the library,
/// whose heap-based merge is the same result without the quadratic cost.
/// </summary>
public sealed class Cl100kTokenCounter
{
    private const int MaxMergeBytes = 128;
    private const int MaxCachedChars = 32;
    private const int MaxCachedPieces = 1 << 16;

    private static readonly Lazy<Cl100kTokenCounter> Shared = new(() =>
        new Cl100kTokenCounter(TiktokenTokenizer.CreateForEncoding("cl100k_base")));

    private readonly TokenRankTable _ranks;
    private readonly (string Text, int Id)[] _specialTokens;
    private readonly Tokenizer _library;

    [ThreadStatic] private static Dictionary<string, int>? t_pieceCounts;

    private Cl100kTokenCounter(TiktokenTokenizer library)
    {
        _library = library;
        _ranks = TokenRankTable.LoadEmbedded(System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Cl100kBase"), "cl100k_base.tiktoken.deflate");
        _specialTokens = (library.SpecialTokens ?? new Dictionary<string, int>()).Select(s => (s.Key, s.Value)).ToArray();
    }

    /// <summary>The one counter of the process (the rank table is loaded once).</summary>
    public static Cl100kTokenCounter Instance => Shared.Value;

    /// <summary>How many cl100k_base tokens the text is.</summary>
    public int Count(ReadOnlySpan<char> text) => Tokenize(text, null);

    /// <summary>The ids, by the same path as <see cref="Count"/> (to check it against the library).</summary>
    public IReadOnlyList<int> EncodeToIds(ReadOnlySpan<char> text)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        Tokenize(text, ids);
        return ids;
    }

    private int Tokenize(ReadOnlySpan<char> text, List<int>? ids)
    {
        // The library splits at special tokens first; the regex's input then ends at each one.
        var count = 0;
        var from = 0;
        while (true)
        {
            var (at, special) = NextSpecialToken(text, from);
            count += TokenizeRun(text[from..at], ids);
            if (special < 0) return count;
            ids?.Add(_specialTokens[special].Id);
            count++;
            from = at + _specialTokens[special].Text.Length;
        }
    }

    // Leftmost occurrence of any special token from `from`, the first in the library's order where several start there.
    private (int At, int Special) NextSpecialToken(ReadOnlySpan<char> text, int from)
    {
        if (_specialTokens.Length == 0) return (text.Length, -1);
        var at = from;
        while (true)
        {
            var next = text[at..].IndexOf("<|", StringComparison.Ordinal);
            if (next < 0) return (text.Length, -1);
            at += next;
            for (var s = 0; s < _specialTokens.Length; s++)
                if (text[at..].StartsWith(_specialTokens[s].Text, StringComparison.Ordinal)) return (at, s);
            at++;
        }
    }

    private int TokenizeRun(ReadOnlySpan<char> run, List<int>? ids)
    {
        var cache = ids == null ? (t_pieceCounts ??= new Dictionary<string, int>(MaxCachedPieces)).GetAlternateLookup<ReadOnlySpan<char>>() : default;
        var count = 0;
        for (var start = 0; start < run.Length;)
        {
            var end = Cl100kPreTokenizer.PieceEnd(run, start);
            var piece = run[start..end];
            start = end;
            if (ids != null || piece.Length > MaxCachedChars)
            {
                count += TokenizePiece(piece, ids);
                continue;
            }
            if (!cache.TryGetValue(piece, out var n))
            {
                n = TokenizePiece(piece, null);
                if (cache.Dictionary.Count >= MaxCachedPieces) cache.Dictionary.Clear();
                cache[piece] = n;
            }
            count += n;
        }
        return count;
    }

    private int TokenizePiece(ReadOnlySpan<char> piece, List<int>? ids)
    {
        if (piece.Length > MaxMergeBytes) return Library(piece, ids);
        Span<byte> buffer = stackalloc byte[MaxMergeBytes * 3];
        var length = EncodeUtf8(piece, buffer, out var wholePieceLookup);
        if (length > MaxMergeBytes) return Library(piece, ids);
        var bytes = buffer[..length];
        if (length == 1 || wholePieceLookup)
        {
            var rank = _ranks.Rank(bytes);
            if (rank >= 0)
            {
                ids?.Add(rank);
                return 1;
            }
        }
        return Merge(bytes, ids);
    }

    private int Library(ReadOnlySpan<char> piece, List<int>? ids)
    {
        if (ids == null) return _library.CountTokens(piece, considerPreTokenization: false);
        var encoded = _library.EncodeToIds(piece, considerPreTokenization: false);
        ids.AddRange(encoded);
        return encoded.Count;
    }

    // The library's UTF-8: a lone surrogate becomes the three bytes of its code unit. Its whole-piece shortcut looks
    // the piece up as a string among tokens that decode without U+FFFD, so a piece holding U+FFFD or a lone
    // surrogate is always merged.
    private static int EncodeUtf8(ReadOnlySpan<char> text, Span<byte> destination, out bool wholePieceLookup)
    {
        wholePieceLookup = true;
        var at = 0;
        for (var i = 0; i < text.Length; i++)
        {
            uint c = text[i];
            if (c <= 0x7F)
            {
                destination[at++] = (byte)c;
            }
            else if (c <= 0x7FF)
            {
                destination[at++] = (byte)(0xC0 | (c >> 6));
                destination[at++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var value = (uint)char.ConvertToUtf32((char)c, text[++i]);
                destination[at++] = (byte)(0xF0 | (value >> 18));
                destination[at++] = (byte)(0x80 | ((value >> 12) & 0x3F));
                destination[at++] = (byte)(0x80 | ((value >> 6) & 0x3F));
                destination[at++] = (byte)(0x80 | (value & 0x3F));
            }
            else
            {
                if (char.IsSurrogate((char)c) || c == 0xFFFD) wholePieceLookup = false;
                destination[at++] = (byte)(0xE0 | (c >> 12));
                destination[at++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[at++] = (byte)(0x80 | (c & 0x3F));
            }
        }
        return at;
    }

    // Byte-pair merging as the library (and tiktoken) does it for short pieces: part boundaries in `starts`, the
    // rank of merging part i with part i+1 in `ranks`; merge the lowest rank, the leftmost of equals, until none.
    private int Merge(ReadOnlySpan<byte> bytes, List<int>? ids)
    {
        Span<int> starts = stackalloc int[MaxMergeBytes + 1];
        Span<int> ranks = stackalloc int[MaxMergeBytes + 1];
        var parts = bytes.Length + 1;
        for (var i = 0; i < parts; i++) starts[i] = i;
        for (var i = 0; i < parts - 2; i++) ranks[i] = PairRank(bytes, starts, parts, i, 0);
        ranks[parts - 2] = int.MaxValue;
        ranks[parts - 1] = int.MaxValue;
        while (parts > 1)
        {
            var best = int.MaxValue;
            var at = 0;
            for (var i = 0; i < parts - 1; i++)
            {
                if (ranks[i] < best)
                {
                    best = ranks[i];
                    at = i;
                }
            }
            if (best == int.MaxValue) break;
            ranks[at] = PairRank(bytes, starts, parts, at, 1);
            if (at > 0) ranks[at - 1] = PairRank(bytes, starts, parts, at - 1, 1);
            starts[(at + 2)..parts].CopyTo(starts[(at + 1)..]);
            ranks[(at + 2)..parts].CopyTo(ranks[(at + 1)..]);
            parts--;
        }
        if (ids != null)
            for (var i = 0; i < parts - 1; i++) ids.Add(_ranks.Rank(bytes[starts[i]..starts[i + 1]]));
        return parts - 1;
    }

    private int PairRank(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> starts, int parts, int index, int skip)
    {
        if (index + skip + 2 >= parts) return int.MaxValue;
        var rank = _ranks.Rank(bytes[starts[index]..starts[index + skip + 2]]);
        return rank < 0 ? int.MaxValue : rank;
    }
}
