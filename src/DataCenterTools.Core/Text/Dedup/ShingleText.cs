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
    /// <summary>The normalized text (see the class summary).</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lastSpace = true;
        var inNumber = false;
        var decomposed = text.IsNormalized(NormalizationForm.FormD) ? text : text.Normalize(NormalizationForm.FormD);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark) continue;
            if (cat == UnicodeCategory.DecimalDigitNumber)
            {
                if (!inNumber) { sb.Append('0'); lastSpace = false; }
                inNumber = true;
                continue;
            }
            // A decimal separator between digits stays inside the number (3.14 -> 0).
            if (inNumber && c is '.' or ',' && i + 1 < decomposed.Length && char.IsDigit(decomposed[i + 1])) continue;
            inNumber = false;
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsControl(c))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
            lastSpace = false;
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    /// <summary>The hashes of the tokens of the normalized <paramref name="text"/>, in order.</summary>
    public static void TokenHashes(string text, ShingleUnit unit, ulong seed, List<ulong> into)
    {
        into.Clear();
        var normalized = Normalize(text);
        var span = normalized.AsSpan();
        var bytes = ArrayPool<byte>.Shared.Rent(256);
        try
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
                    end = i;
                    while (end < span.Length && span[end] != ' ')
                    {
                        Rune.DecodeFromUtf16(span[end..], out var next, out var n);
                        if (TextUnits.IsCjk(next.Value)) break;
                        end += n;
                    }
                }
                var token = span[i..end];
                var need = Encoding.UTF8.GetMaxByteCount(token.Length);
                if (need > bytes.Length) { ArrayPool<byte>.Shared.Return(bytes); bytes = ArrayPool<byte>.Shared.Rent(need); }
                var count = Encoding.UTF8.GetBytes(token, bytes);
                into.Add(XxHash3.HashToUInt64(bytes.AsSpan(0, count), (long)seed));
                i = end;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(bytes); }
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
