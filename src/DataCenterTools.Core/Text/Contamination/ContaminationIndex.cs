using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Contamination;

/// <summary>
/// The 13-grams of evaluation items, held exactly (the n-gram text itself is the key, so a match is never a hash
/// or Bloom-filter false positive), as GPT-3's decontamination did: tokens are lowercased runs of letters and
/// digits (a Han or Kana character is a token), and an item shorter than 13 tokens is matched by its whole token
/// sequence, so short questions are not silently skipped.
/// </summary>
public sealed class ContaminationIndex
{
    private readonly Dictionary<string, List<int>> _grams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _itemIds = [];
    private readonly HashSet<int> _lengths = [];

    public ContaminationIndex(int n = 13)
    {
        if (n < 1) throw new DataException("InvalidNGram", DataErrorKind.InvalidArgument, $"{{option:NGram}} must be at least 1; got {n}.", "GPT-3 used 13.");
        N = n;
        _lookup = _grams.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int N { get; }
    public IReadOnlyList<string> ItemIds => _itemIds;
    public int ShortItems { get; private set; }
    public int Grams => _grams.Count;

    public void Add(string itemId, string text)
    {
        var item = _itemIds.Count;
        _itemIds.Add(itemId);
        var (normalized, tokens) = Tokenize(text);
        if (tokens.Count == 0) return;
        var n = Math.Min(N, tokens.Count);
        if (n < N) ShortItems++;
        _lengths.Add(n);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = normalized[tokens[i].Start..tokens[i + n - 1].End];
            if (!_grams.TryGetValue(gram, out var items)) _grams[gram] = items = [];
            if (items.Count == 0 || items[^1] != item) items.Add(item);
        }
    }

    /// <summary>The matches in a training document: each matched token span and the items it belongs to.</summary>
    public List<(int FirstToken, int LastToken, List<int> Items)> Matches(string text, out List<TextToken> originalTokens)
    {
        var (normalized, tokens) = Tokenize(text, out originalTokens);
        var matches = new List<(int, int, List<int>)>();
        foreach (var n in _lengths)
            for (var i = 0; i + n <= tokens.Count; i++)
                if (_lookup.TryGetValue(normalized.AsSpan(tokens[i].Start, tokens[i + n - 1].End - tokens[i].Start), out var items))
                    matches.Add((i, i + n - 1, items));
        return matches;
    }

    private static (string Normalized, List<TextToken> Tokens) Tokenize(string text) => Tokenize(text, out _);

    /// <summary>
    /// Lowercased tokens joined by single spaces (so an n-gram is a substring of the normalized text), with each
    /// token's position in the normalized text, and in <paramref name="original"/> its position in the input.
    /// </summary>
    private static (string Normalized, List<TextToken> Tokens) Tokenize(string text, out List<TextToken> original)
    {
        var sb = new StringBuilder(text.Length);
        var tokens = new List<TextToken>();
        original = [];
        var i = 0;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var r, out var used);
            if (!Rune.IsLetterOrDigit(r)) { i += used; continue; }
            var start = i;
            if (TextUnits.IsCjk(r.Value)) i += used;
            else
                while (i < text.Length)
                {
                    Rune.DecodeFromUtf16(text.AsSpan(i), out var next, out var n);
                    if (!Rune.IsLetterOrDigit(next) || TextUnits.IsCjk(next.Value)) break;
                    i += n;
                }
            if (sb.Length > 0) sb.Append(' ');
            var at = sb.Length;
            sb.Append(text.AsSpan(start, i - start));
            for (var k = at; k < sb.Length; k++) sb[k] = char.ToLowerInvariant(sb[k]);
            tokens.Add(new TextToken(at, sb.Length));
            original.Add(new TextToken(start, i));
        }
        return (sb.ToString(), tokens);
    }
}
