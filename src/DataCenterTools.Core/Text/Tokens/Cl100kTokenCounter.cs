using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Text.Tokens;

/// <summary>
/// cl100k_base token counts (and ids, to check them) computed here rather than by Microsoft.ML.Tokenizers 2.0.1,
/// giving the library's ids token for token: the same rank table (its Data.Cl100kBase package), its special tokens,
/// its pre-tokenizer pattern (<see cref="Cl100kPreTokenizer"/>), its UTF-8 bytes (a lone surrogate as its own three
/// bytes), its whole-piece shortcut and its lowest-rank-leftmost merge. Why by hand: the library's regex and its
/// Dictionary lookups made counting 1.3x a plain-Python BPE per core (bench/RESULTS.md, Text); here a piece is
/// classified by a table, merged in stack arrays against <see cref="TokenRankTable"/>, and frequent pieces are
/// counted once per thread. Pieces over 128 UTF-8 bytes (rare: long runs of letters or spaces) are merged with a heap
/// (<see cref="MergeLong"/>), the same result without the quadratic cost. The library itself is not loaded here: its
/// own copy of the rank table cost a fifth of a 40 MB Measure-TextToken run's CPU time (measured, 0.2-0.3 s).
/// </summary>
public sealed class Cl100kTokenCounter
{
    private const int MaxMergeBytes = 128;
    private const int MaxCachedChars = 32;

    private static readonly Lazy<Cl100kTokenCounter> Shared = new(() => new Cl100kTokenCounter());

    /// <summary>
    /// cl100k_base's special tokens as Microsoft.ML.Tokenizers 2.0.1 defines them (its SpecialTokens; a test checks
    /// they agree). None is a prefix of another, so at most one starts at any position.
    /// </summary>
    internal static readonly (string Text, int Id)[] SpecialTokens =
    [
        ("<|endoftext|>", 100257), ("<|fim_prefix|>", 100258), ("<|fim_middle|>", 100259), ("<|fim_suffix|>", 100260), ("<|endofprompt|>", 100276),
    ];

    private readonly TokenRankTable _ranks;
    private readonly (string Text, int Id)[] _specialTokens = SpecialTokens;

    [ThreadStatic] private static PieceCountCache? t_pieceCounts;

    private Cl100kTokenCounter()
    {
        _ranks = TokenRankTable.LoadEmbedded(System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Cl100kBase"), "cl100k_base.tiktoken.deflate");
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

    // The hot path (this loop, PieceEnd, TokenizePiece, EncodeUtf8, Merge) is compiled fully optimized at first use:
    // as ReadyToRun code it was recompiled with PGO instrumentation within the first seconds of every fresh process,
    // and a 41 MB Measure-TextToken ran mostly in that slower code (2.03 -> 1.71 CPU s measured, bench/RESULTS.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TokenizeRun(ReadOnlySpan<char> run, List<int>? ids)
    {
        var cache = ids == null ? t_pieceCounts ??= new PieceCountCache() : null;
        var count = 0;
        for (var start = 0; start < run.Length;)
        {
            var end = Cl100kPreTokenizer.PieceEnd(run, start);
            var piece = run[start..end];
            start = end;
            if (cache == null || piece.Length > MaxCachedChars)
            {
                count += TokenizePiece(piece, ids);
                continue;
            }
            var hash = PieceCountCache.Hash(piece);
            var n = cache.Find(piece, hash);
            if (n < 0)
            {
                n = TokenizePiece(piece, null);
                cache.Add(piece, hash, n);
            }
            count += n;
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int TokenizePiece(ReadOnlySpan<char> piece, List<int>? ids)
    {
        if (piece.Length > MaxMergeBytes) return TokenizeLongPiece(piece, ids);
        Span<byte> buffer = stackalloc byte[MaxMergeBytes * 3];
        var length = EncodeUtf8(piece, buffer, out var wholePieceLookup);
        if (length > MaxMergeBytes) return TokenizeLongPiece(piece, ids);
        var bytes = buffer[..length];
        if (WholePiece(bytes, wholePieceLookup, ids)) return 1;
        return Merge(bytes, ids);
    }

    // The library's whole-piece shortcut: a piece that is itself a token is that token.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool WholePiece(ReadOnlySpan<byte> bytes, bool wholePieceLookup, List<int>? ids)
    {
        if (bytes.Length != 1 && !wholePieceLookup) return false;
        var rank = _ranks.Rank(bytes);
        if (rank < 0) return false;
        ids?.Add(rank);
        return true;
    }

    private int TokenizeLongPiece(ReadOnlySpan<char> piece, List<int>? ids)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(3 * piece.Length);
        try
        {
            var length = EncodeUtf8(piece, buffer, out var wholePieceLookup);
            var bytes = buffer.AsSpan(0, length);
            return WholePiece(bytes, wholePieceLookup, ids) ? 1 : MergeLong(bytes, ids);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
    }

    // The library's UTF-8: a lone surrogate becomes the three bytes of its code unit. Its whole-piece shortcut looks
    // the piece up as a string among tokens that decode without U+FFFD, so a piece holding U+FFFD or a lone
    // surrogate is always merged.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// The same merge as <see cref="Merge"/> for long pieces: parts are a linked list over their start offsets, and every
    /// adjacent pair's rank waits in a heap ordered by (rank, start), so the minimum is the lowest rank and, among equal
    /// ranks, the leftmost pair, as in the quadratic scan. A pair whose parts changed since it was queued is stale
    /// (its part's version moved on) and skipped.
    /// </summary>
    private int MergeLong(ReadOnlySpan<byte> bytes, List<int>? ids)
    {
        var n = bytes.Length;
        var next = new int[n];
        var previous = new int[n];
        var version = new int[n];
        for (var i = 0; i < n; i++) { next[i] = i + 1; previous[i] = i - 1; }
        var heap = new PriorityQueue<(int Start, int Version), (int Rank, int Start)>(n);
        for (var i = 0; i + 1 < n; i++) Queue(bytes, i);
        var parts = n;
        while (heap.TryDequeue(out var pair, out _))
        {
            var i = pair.Start;
            if (pair.Version != version[i]) continue;
            var j = next[i];
            next[i] = next[j];
            if (next[j] < n) previous[next[j]] = i;
            version[j] = -1; // merged away: no pair of it is current
            version[i]++;
            parts--;
            if (next[i] < n) Queue(bytes, i);
            if (previous[i] >= 0) { version[previous[i]]++; Queue(bytes, previous[i]); }
        }
        if (ids != null)
            for (var i = 0; i < n; i = next[i]) ids.Add(_ranks.Rank(bytes[i..next[i]]));
        return parts;

        void Queue(ReadOnlySpan<byte> all, int start)
        {
            var end = next[start] < n ? next[next[start]] : n + 1;
            if (end > n) return;
            var rank = _ranks.Rank(all[start..end]);
            if (rank >= 0) heap.Enqueue((start, version[start]), (rank, start));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PairRank(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> starts, int parts, int index, int skip)
    {
        if (index + skip + 2 >= parts) return int.MaxValue;
        var rank = _ranks.Rank(bytes[starts[index]..starts[index + skip + 2]]);
        return rank < 0 ? int.MaxValue : rank;
    }
}
