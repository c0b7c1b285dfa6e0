using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace DataCenterTools.Core.Privacy;

/// <summary>
/// HMAC-SHA256 (RFC 2104) for many short messages under one key. The SHA-256 states after the
/// key's inner and outer pad blocks are computed once, so each message costs only its own blocks
/// plus one outer block (two compressions for a message under 56 bytes), with no allocation and
/// no call into the platform crypto library per message: per-call overhead there dominates for
/// short values such as e-mail addresses. Immutable after construction; safe to share across threads.
/// </summary>
internal sealed class HmacSha256
{
    public const int MacSize = 32;
    private const int BlockSize = 64;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] InitialState = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public HmacSha256(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize) SHA256.HashData(key, block);
        else key.CopyTo(block);
        Span<byte> pad = stackalloc byte[BlockSize];
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(block[i] ^ 0x36);
        InitialState.CopyTo(_inner, 0);
        Compress(_inner, pad);
        for (var i = 0; i < BlockSize; i++) pad[i] = (byte)(block[i] ^ 0x5c);
        InitialState.CopyTo(_outer, 0);
        Compress(_outer, pad);
        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(pad);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac)
    {
        Span<uint> state = stackalloc uint[8];
        _inner.CopyTo(state);
        Span<byte> block = stackalloc byte[BlockSize];
        var rest = message;
        while (rest.Length >= BlockSize)
        {
            Compress(state, rest[..BlockSize]);
            rest = rest[BlockSize..];
        }
        // Final inner block(s): the rest, 0x80, zeros, and the bit length of ipad block + message.
        block.Clear();
        rest.CopyTo(block);
        block[rest.Length] = 0x80;
        if (rest.Length >= BlockSize - 8)
        {
            Compress(state, block);
            block.Clear();
        }
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (ulong)(BlockSize + message.Length) * 8);
        Compress(state, block);

        // Outer: opad state, then the 32-byte inner digest padded to one block (length (64 + 32) * 8 bits).
        block.Clear();
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(block[(4 * i)..], state[i]);
        block[MacSize] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(block[(BlockSize - 8)..], (BlockSize + MacSize) * 8);
        _outer.CopyTo(state);
        Compress(state, block);
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(mac[(4 * i)..], state[i]);
    }

    /// <summary>True when blocks are compressed by the platform's libcrypto (SHA extensions where the CPU has them).</summary>
    internal static unsafe bool UsesNativeCompression => NativeTransform != null;

    // OpenSSL's one-block SHA-256 compression, where libcrypto is present (Linux): it uses the CPU's SHA
    // extensions, several times faster than the managed rounds below, which remain the fallback.
    private static readonly unsafe delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> NativeTransform = LoadNativeTransform();

    private static unsafe delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> LoadNativeTransform()
    {
        if (Environment.GetEnvironmentVariable("DATACENTERTOOLS_MANAGED_SHA256") == "1") return null;
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.3.dylib" })
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "SHA256_Transform", out var export))
            {
                var transform = (delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void>)export;
                if (AgreesWithManaged(transform)) return transform;
            }
        }
        return null;
    }

    // A self-check before trusting the native function: one block compressed both ways must agree.
    private static unsafe bool AgreesWithManaged(delegate* unmanaged[Cdecl, SuppressGCTransition]<uint*, byte*, void> transform)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        for (var i = 0; i < BlockSize; i++) block[i] = (byte)(i * 7 + 3);
        Span<uint> expected = stackalloc uint[8];
        InitialState.CopyTo(expected);
        CompressManaged(expected, block);
        var context = stackalloc uint[NativeContextWords];
        new Span<uint>(context, NativeContextWords).Clear();
        InitialState.CopyTo(new Span<uint>(context, 8));
        fixed (byte* data = block) transform(context, data);
        return new Span<uint>(context, 8).SequenceEqual(expected);
    }

    // sizeof(SHA256_CTX) in OpenSSL is 112 bytes; the state words h[0..7] come first.
    private const int NativeContextWords = 28;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        var transform = NativeTransform;
        if (transform == null)
        {
            CompressManaged(state, block);
            return;
        }
        var context = stackalloc uint[NativeContextWords];
        state[..8].CopyTo(new Span<uint>(context, 8));
        fixed (byte* data = block) transform(context, data);
        new ReadOnlySpan<uint>(context, 8).CopyTo(state);
    }

    // Pointers instead of spans: the 64 rounds run without bounds checks (the hot loop of Protect-Dataset -Hash).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void CompressManaged(Span<uint> state, ReadOnlySpan<byte> block)
    {
        var w = stackalloc uint[64];
        for (var i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * i)..]);
        for (var i = 16; i < 64; i++)
        {
            uint w15 = w[i - 15], w2 = w[i - 2];
            var s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        fixed (uint* s = state)
        fixed (uint* k = K)
        {
            uint a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
            for (var i = 0; i < 64; i++)
            {
                var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                         + ((e & f) ^ (~e & g)) + k[i] + w[i];
                var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                         + ((a & b) ^ (a & c) ^ (b & c));
                h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
            }
            s[0] += a; s[1] += b; s[2] += c; s[3] += d;
            s[4] += e; s[5] += f; s[6] += g; s[7] += h;
        }
    }
}
