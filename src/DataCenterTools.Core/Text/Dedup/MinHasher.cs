using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        // a split in 32-bit halves for the vector loops' 32x32->64-bit multiplies, loaded a vector's width at a time.
        _aLow = new ulong[options.Permutations];
        _aHigh = new ulong[options.Permutations];
        for (var i = 0; i < options.Permutations; i++)
        {
            _aLow[i] = _a[i] & 0xFFFF_FFFFUL;
            _aHigh[i] = _a[i] >> 32;
        }
        _path = Avx512F.IsSupported && options.Permutations % 8 == 0 ? SignPath.Avx512
            : Avx2.IsSupported && options.Permutations % 4 == 0 ? SignPath.Avx2 : SignPath.Scalar;
    }

    private readonly ulong[] _aLow, _aHigh;
    private readonly SignPath _path;

    /// <summary>The widest signing loop this machine runs (tests and bench/Kernels force the narrower ones).</summary>
    internal SignPath BestPath => _path;

    public MinHashOptions Options => _options;
    internal ReadOnlySpan<ulong> A => _a;
    internal ReadOnlySpan<ulong> B => _b;

    private ulong Draw(ulong counter) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in counter)), (long)_options.Seed);

    /// <summary>
    /// The sketch of a document: its exact-text hash (xxHash128 of the normalized text), its length, and its MinHash
    /// signature, which is empty when the document has fewer tokens than the n-gram size.
    /// </summary>
    public DocumentSketch Sketch(string text, long sortKey, List<ulong> tokens, List<ulong> shingles)
    {
        var length = ShingleText.NormalizeToPooled(text, out var buffer);
        var normalized = buffer.AsSpan(0, length);
        var exact = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(normalized), (long)_options.Seed);
        if (_options.Method != DuplicateMethod.Exact) ShingleText.TokenHashesOfNormalized(normalized, _options.Unit, _options.Seed, tokens);
        System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        if (_options.Method == DuplicateMethod.Exact) return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, []);
        ShingleText.ShingleHashes(tokens, _options.NGram, _options.Seed, shingles);
        if (shingles.Count == 0) return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, []);
        var signature = new ulong[_options.Permutations];
        Sign(CollectionsMarshal.AsSpan(shingles), signature);
        return new DocumentSketch((ulong)exact, (ulong)(exact >> 64), text.Length, sortKey, signature);
    }

    /// <summary>signature[i] = min over x of (a_i·x + b_i) mod p.</summary>
    public void Sign(ReadOnlySpan<ulong> shingles, Span<ulong> signature) => Sign(shingles, signature, _path);

    /// <summary>Signs with the given loop; every loop gives the same signature bit for bit (the tests check it).</summary>
    internal void Sign(ReadOnlySpan<ulong> shingles, Span<ulong> signature, SignPath path)
    {
        if (signature.Length != _a.Length) throw new ArgumentException($"A signature has {_a.Length} values.", nameof(signature));
        if (path == SignPath.Avx512 && Avx512F.IsSupported && _a.Length % 8 == 0) SignAvx512(shingles, signature);
        else if (path >= SignPath.Avx2 && Avx2.IsSupported && _a.Length % 4 == 0) SignAvx2(shingles, signature);
        else SignScalar(shingles, signature);
    }

    /// <summary>The portable loop (and the reference the vector loops are tested against).</summary>
    internal void SignScalar(ReadOnlySpan<ulong> shingles, Span<ulong> signature)
    {
        signature.Fill(MersennePrime);
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

    /// <summary>
    /// Four permutations at a time with AVX2's 32x32→64-bit multiply: a·x = a1x1·2^64 + (a1x0 + a0x1)·2^32 + a0x0,
    /// folded with 2^61 ≡ 1 (mod p), so 2^64 ≡ 8 and mid·2^32 ≡ (mid >> 29) + (mid mod 2^29)·2^32. Every term is below
    /// 2^61, the sum below 2^64; one more fold and a conditional subtraction give the same canonical value as the
    /// scalar loop. A measured 3x over the scalar 128-bit multiply on this machine's benchmark (bench/RESULTS.md, Text).
    /// </summary>
    private void SignAvx2(ReadOnlySpan<ulong> shingles, Span<ulong> signature)
    {
        var lanes = _a.Length / 4;
        Span<Vector256<ulong>> mins = stackalloc Vector256<ulong>[lanes];
        var p = Vector256.Create(MersennePrime);
        mins.Fill(p);
        var low29 = Vector256.Create((1UL << 29) - 1);
        ref var a0s = ref MemoryMarshal.GetArrayDataReference(_aLow);
        ref var a1s = ref MemoryMarshal.GetArrayDataReference(_aHigh);
        ref var bs = ref MemoryMarshal.GetArrayDataReference(_b);
        for (var s = 0; s < shingles.Length; s++)
        {
            var x = Reduce(shingles[s]);
            var x0 = Vector256.Create(x & 0xFFFF_FFFFUL).AsUInt32();
            var x1 = Vector256.Create(x >> 32).AsUInt32();
            for (var i = 0; i < lanes; i++)
            {
                var a0 = Vector256.LoadUnsafe(ref a0s, (nuint)(4 * i)).AsUInt32();
                var a1 = Vector256.LoadUnsafe(ref a1s, (nuint)(4 * i)).AsUInt32();
                var ll = Avx2.Multiply(a0, x0);
                var mid = Avx2.Multiply(a1, x0) + Avx2.Multiply(a0, x1);
                var hh = Avx2.Multiply(a1, x1);
                var sum = Vector256.ShiftLeft(hh, 3) + Vector256.ShiftRightLogical(mid, 29) + Vector256.ShiftLeft(mid & low29, 32)
                    + (ll & p) + Vector256.ShiftRightLogical(ll, 61) + Vector256.LoadUnsafe(ref bs, (nuint)(4 * i));
                var v = (sum & p) + Vector256.ShiftRightLogical(sum, 61);
                // v < 2^61 + 6: subtract p where v >= p (signed compares are exact below 2^63).
                v -= Vector256.AndNot(p, Vector256.GreaterThan(p.AsInt64(), v.AsInt64()).AsUInt64());
                mins[i] = Vector256.Min(mins[i].AsInt64(), v.AsInt64()).AsUInt64();
            }
        }
        for (var i = 0; i < lanes; i++) mins[i].CopyTo(signature[(4 * i)..]);
    }

    /// <summary>
    /// Eight permutations at a time, the same arithmetic as <see cref="SignAvx2"/> on AVX-512's vpmuludq, with the
    /// final reduction as an unsigned min(v, v - p), which AVX-512 has (vpminuq) and AVX2 has not. Kept as its own
    /// loop rather than one generic over the width because the widening 32x32→64 multiply has no width-generic API
    /// (Avx2.Multiply, Avx512F.Multiply) and the min trick only pays where the unsigned 64-bit min is one instruction.
    /// Measured 1.5x over the AVX2 loop (bench/Kernels minhash); the other layout, permutations outer with each
    /// vector's min in a register over all shingles, measured the same, so the shingle-outer loop of AVX2 stays.
    /// </summary>
    private void SignAvx512(ReadOnlySpan<ulong> shingles, Span<ulong> signature)
    {
        var lanes = _a.Length / 8;
        Span<Vector512<ulong>> mins = stackalloc Vector512<ulong>[lanes];
        var p = Vector512.Create(MersennePrime);
        mins.Fill(p);
        var low29 = Vector512.Create((1UL << 29) - 1);
        ref var a0s = ref MemoryMarshal.GetArrayDataReference(_aLow);
        ref var a1s = ref MemoryMarshal.GetArrayDataReference(_aHigh);
        ref var bs = ref MemoryMarshal.GetArrayDataReference(_b);
        for (var s = 0; s < shingles.Length; s++)
        {
            var x = Reduce(shingles[s]);
            var x0 = Vector512.Create(x & 0xFFFF_FFFFUL).AsUInt32();
            var x1 = Vector512.Create(x >> 32).AsUInt32();
            for (var i = 0; i < lanes; i++)
            {
                var a0 = Vector512.LoadUnsafe(ref a0s, (nuint)(8 * i)).AsUInt32();
                var a1 = Vector512.LoadUnsafe(ref a1s, (nuint)(8 * i)).AsUInt32();
                var ll = Avx512F.Multiply(a0, x0);
                var mid = Avx512F.Multiply(a1, x0) + Avx512F.Multiply(a0, x1);
                var hh = Avx512F.Multiply(a1, x1);
                var sum = Vector512.ShiftLeft(hh, 3) + Vector512.ShiftRightLogical(mid, 29) + Vector512.ShiftLeft(mid & low29, 32)
                    + (ll & p) + Vector512.ShiftRightLogical(ll, 61) + Vector512.LoadUnsafe(ref bs, (nuint)(8 * i));
                var v = (sum & p) + Vector512.ShiftRightLogical(sum, 61);
                // v < 2^61 + 6: where v < p, v - p wraps above 2^63 and the unsigned min keeps v.
                v = Vector512.Min(v, v - p);
                mins[i] = Vector512.Min(mins[i], v);
            }
        }
        for (var i = 0; i < lanes; i++) mins[i].CopyTo(signature[(8 * i)..]);
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
