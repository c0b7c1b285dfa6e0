using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>What a shingle is made of: words (datatrove's default) or characters.</summary>
public enum ShingleUnit { Word, Char }

/// <summary>
/// The text a near-duplicate is judged on, normalized as datatrove's simplify_text does: lowercase, every number
/// becomes 0, punctuation becomes space, whitespace runs collapse, diacritics are removed (NFD without combining
/// marks). Then it is cut into tokens, words (split at spaces; a Han or Kana character is a word of its own) or
/// characters, and each token is hashed with xxHash3 (seeded), so shingles are hashed from token hashes and no
/// n-gram string is ever built.
/// </summary>
public static class ShingleText
{
    // Each BMP character's canonical decomposition (NFD), computed once per character the first time it is seen
    // (races only store the same string twice). Decomposing per character gives NFD up to the order of combining
    // marks, which are dropped anyway.
    private static readonly string?[] Decompositions = new string?[0x10000];
    private static readonly System.Buffers.SearchValues<char> AsciiLetters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>The normalized text (see the class summary).</summary>
    public static string Normalize(string text)
    {
        var length = NormalizeToPooled(text, out var buffer);
        var result = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>
    /// Normalizes into an array rented from the shared pool (the caller returns it): the first returned-length characters.
    /// Sketching hashes the normalized text where it lies; a string per document was a fifth of a dedup run's allocations.
    /// </summary>
    internal static int NormalizeToPooled(string text, out char[] buffer)
    {
        // A decomposition is at most 4 UTF-16 units per character here (Hangul: 3), so 4x the input always fits.
        buffer = ArrayPool<char>.Shared.Rent(4 * text.Length + 4);
        var sb = new CharBuffer(buffer);
        var state = new NormalizerState { LastSpace = true };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                // A run of ASCII letters is lowercased in one vectorized copy: most of an English corpus.
                var run = text.AsSpan(i).IndexOfAnyExcept(AsciiLetters);
                if (run < 0) run = text.Length - i;
                System.Text.Ascii.ToLower(text.AsSpan(i, run), buffer.AsSpan(sb.Length, run), out var written);
                sb.Length += written;
                state.LastSpace = false;
                state.InNumber = false;
                i += run - 1;
                continue;
            }
            if (c < 0x80) { Step(ref sb, ref state, c, i + 1 < text.Length ? text[i + 1] : '\0'); continue; }
            if (char.IsSurrogate(c))
            {
                // Outside the BMP (CJK extensions, emoji): no decomposition to apply; letters stay, the rest is space.
                var pair = i + 1 < text.Length && char.IsSurrogatePair(c, text[i + 1]);
                var isLetter = pair && char.IsLetterOrDigit(text, i);
                if (isLetter) { sb.Append(c); sb.Append(text[i + 1]); state.LastSpace = false; state.InNumber = false; }
                else Step(ref sb, ref state, ' ', '\0');
                if (pair) i++;
                continue;
            }
            var d = Decompositions[c] ??= c.ToString().Normalize(NormalizationForm.FormD);
            for (var k = 0; k < d.Length; k++) Step(ref sb, ref state, d[k], k + 1 < d.Length ? d[k + 1] : i + 1 < text.Length ? text[i + 1] : '\0');
        }
        if (sb.Length > 0 && buffer[sb.Length - 1] == ' ') sb.Length--;
        return sb.Length;
    }

    /// <summary>Appends to a rented array (a StringBuilder per document cost a third of the time).</summary>
    private struct CharBuffer(char[] chars)
    {
        public int Length;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Append(char c) => chars[Length++] = c;
    }

    private struct NormalizerState
    {
        public bool LastSpace;
        public bool InNumber;
    }

    private static void Step(ref CharBuffer sb, ref NormalizerState state, char c, char next)
    {
        var cat = c < 0x80 ? default : CharUnicodeInfo.GetUnicodeCategory(c);
        if (c < 0x80 ? char.IsAsciiDigit(c) : cat == UnicodeCategory.DecimalDigitNumber)
        {
            if (!state.InNumber) { sb.Append('0'); state.LastSpace = false; }
            state.InNumber = true;
            return;
        }
        if (c >= 0x80 && cat == UnicodeCategory.NonSpacingMark) return;
        // A decimal separator between digits stays inside the number (3.14 -> 0).
        if (state.InNumber && c is '.' or ',' && char.IsDigit(next)) return;
        state.InNumber = false;
        var letter = c < 0x80 ? char.IsAsciiLetter(c) : !(char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsControl(c));
        if (letter)
        {
            sb.Append(char.ToLowerInvariant(c));
            state.LastSpace = false;
        }
        else if (!state.LastSpace)
        {
            sb.Append(' ');
            state.LastSpace = true;
        }
    }

    /// <summary>The hashes of the tokens of the normalized <paramref name="text"/>, in order.</summary>
    public static void TokenHashes(string text, ShingleUnit unit, ulong seed, List<ulong> into) =>
        TokenHashesOfNormalized(Normalize(text), unit, seed, into);

    /// <summary>
    /// The token hashes of text already normalized: xxHash3 of each token's UTF-16 code units (little-endian, as
    /// every platform .NET runs dedup on lays them out), seeded.
    /// </summary>
    public static void TokenHashesOfNormalized(ReadOnlySpan<char> normalized, ShingleUnit unit, ulong seed, List<ulong> into)
    {
        into.Clear();
        var span = normalized;
        {
            var i = 0;
            while (i < span.Length)
            {
                if (span[i] == ' ') { i++; continue; }
                Rune.DecodeFromUtf16(span[i..], out var r, out var used);
                int end;
                if (unit == ShingleUnit.Char || TextUnits.IsCjk(r.Value)) end = i + used;
                else
                {
                    // A run of printable ASCII is neither space nor CJK: skipped in one vectorized scan rather than a
                    // rune decode per character; whatever follows it goes through the loop as before.
                    var ascii = span[i..].IndexOfAnyExceptInRange('!', '\x7F');
                    end = ascii < 0 ? span.Length : i + ascii;
                    while (end < span.Length && span[end] != ' ')
                    {
                        Rune.DecodeFromUtf16(span[end..], out var next, out var n);
                        if (TextUnits.IsCjk(next.Value)) break;
                        end += n;
                    }
                }
                into.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(span[i..end]), (long)seed));
                i = end;
            }
        }
    }

    /// <summary>The hash of each n-gram of consecutive token hashes (xxHash3 of the n 64-bit hashes).</summary>
    public static void ShingleHashes(List<ulong> tokens, int n, ulong seed, List<ulong> into)
    {
        into.Clear();
        var all = CollectionsMarshal.AsSpan(tokens);
        for (var i = 0; i + n <= all.Length; i++)
            into.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(all.Slice(i, n)), (long)seed));
    }
}
