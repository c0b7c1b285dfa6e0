using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>
/// MinHash signatures as datatrove computes them: each of the P permutations is h(x) = (a·x + b) mod (2^61 - 1)
/// over the shingle hashes x, with a and b drawn from the seed; the signature is the minimum of each. Unlike
/// numpy's uint64 arithmetic, which wraps a·x modulo 2^64 before the modulo, a·x is computed exactly in 128 bits.
/// The parameters come from xxHash3 of the permutation number and the seed, so every machine draws the same.
/// </summary>
public sealed class MinHasher
{
    public const ulong MersennePrime = (1UL << 61) - 1;
    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly MinHashOptions _options;

    public MinHasher(MinHashOptions options)
    {
        _options = options.Validated();
        _a = new ulong[options.Permutations];
        _b = new ulong[options.Permutations];
        for (var i = 0; i < options.Permutations; i++)
        {
            _a[i] = 1 + Draw(2 * (ulong)i) % (MersennePrime - 1);
            _b[i] = Draw(2 * (ulong)i + 1) % MersennePrime;
        }
    }

    public MinHashOptions Options => _options;

    private ulong Draw(ulong counter) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in counter)), (long)_options.Seed);

    /// <summary>
    /// The sketch of a document: its exact-text hash (xxHash128 of the normalized text), its length, and its MinHash
    /// signature, which is empty when the document has fewer tokens than the n-gram size.
    /// </summary>
    public DocumentSketch Sketch(string text, long sortKey, List<ulong> tokens, List<ulong> shingles)
    {
        var normalized = ShingleText.Normalize(text);
        var exact = XxHash128.HashToUInt128(System.Text.Encoding.UTF8.GetBytes(normalized), (long)_options.Seed);
        if (_options.Method == DuplicateMethod.Exact) return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, []);
        ShingleText.TokenHashes(text, _options.Unit, _options.Seed, tokens);
        ShingleText.ShingleHashes(tokens, _options.NGram, _options.Seed, shingles);
        if (shingles.Count == 0) return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, []);
        var signature = new ulong[_options.Permutations];
        Sign(CollectionsMarshal.AsSpan(shingles), signature);
        return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, signature);
    }

    /// <summary>signature[i] = min over x of (a_i·x + b_i) mod p.</summary>
    public void Sign(ReadOnlySpan<ulong> shingles, Span<ulong> signature)
    {
        signature.Fill(ulong.MaxValue);
        for (var s = 0; s < shingles.Length; s++)
        {
            var x = Reduce(shingles[s]);
            for (var i = 0; i < signature.Length; i++)
            {
                var v = MulAddMod(_a[i], x, _b[i]);
                if (v < signature[i]) signature[i] = v;
            }
        }
    }

    /// <summary>The LSH key of each band: xxHash3 of its rows' values, seeded with the band number.</summary>
    public void BandKeys(ReadOnlySpan<ulong> signature, Span<ulong> keys)
    {
        var rows = _options.RowsPerBand;
        for (var b = 0; b < keys.Length; b++)
            keys[b] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(signature.Slice(b * rows, rows)), b);
    }

    /// <summary>The fraction of permutations on which two signatures agree: the MinHash estimate of their Jaccard similarity.</summary>
    public static double EstimatedJaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var same = 0;
        for (var i = 0; i < a.Length; i++) if (a[i] == b[i]) same++;
        return (double)same / a.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reduce(ulong x)
    {
        var v = (x & MersennePrime) + (x >> 61);
        return v >= MersennePrime ? v - MersennePrime : v;
    }

    /// <summary>(a·x + b) mod 2^61-1 with a, x, b below the prime: the 122-bit product folded twice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAddMod(ulong a, ulong x, ulong b)
    {
        var hi = Math.BigMul(a, x, out var lo);
        var v = (lo & MersennePrime) + ((lo >> 61) | (hi << 3)) + b;
        v = (v & MersennePrime) + (v >> 61);
        return v >= MersennePrime ? v - MersennePrime : v;
    }
}

/// <summary>What dedup keeps of a document: its exact-text hash, length, keep-rule key, and MinHash signature (empty for a short document).</summary>
public sealed record DocumentSketch(ulong ExactLow, ulong ExactHigh, long Length, long SortKey, ulong[] Signature)
{
    public bool IsShort => Signature.Length == 0;
    public bool SameText(DocumentSketch other) => ExactLow == other.ExactLow && ExactHigh == other.ExactHigh;
}
