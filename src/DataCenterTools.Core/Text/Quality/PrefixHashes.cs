using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// Polynomial hashes (modulo the Mersenne prime 2^61 - 1) of every prefix of one sequence, so that the hash of any
/// range is two multiplications away: the n-gram rules hash every window of 2 to 10 words of a document, and
/// hashing each window's elements again cost more than the rest of the rules (measured on the Text benchmark's
/// round 0). Equal ranges get equal hashes; a <see cref="RangeTable"/> still compares the contents, so the hash
/// only decides how fast, never what is counted. The base is drawn once per process so that no text can be
/// written to make many windows collide.
/// </summary>
internal sealed class PrefixHashes
{
    private const ulong Modulus = (1UL << 61) - 1;
    private static readonly ulong Base = DrawBase();

    private ulong[] _prefix = new ulong[257];
    // Base^k, for every range length asked so far (independent of the sequence, so kept from one to the next).
    private ulong[] _powers = [1];

    private int _count;

    /// <summary>The longest sequence or range the buffers hold without growing.</summary>
    public int Capacity => Math.Max(_prefix.Length, _powers.Length) - 1;

    /// <summary>Hashes the prefixes of <paramref name="data"/> (word ids, so not negative), replacing the previous sequence.</summary>
    public void Build(ReadOnlySpan<int> data)
    {
        Clear(data.Length);
        foreach (var element in data) Append((uint)element);
    }

    /// <summary>Starts a new, empty sequence that will hold at most <paramref name="capacity"/> elements.</summary>
    public void Clear(int capacity)
    {
        if (_prefix.Length < capacity + 1) _prefix = new ulong[Math.Max(capacity + 1, 2 * _prefix.Length)];
        _prefix[0] = 0;
        _count = 0;
    }

    /// <summary>Adds the next element of the sequence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(uint element)
    {
        // The element (a char or a word id) is below 2^32, so h * Base + element + 1 is below 2^62 and reduces in one step.
        var h = Reduce(Multiply(_prefix[_count], Base) + element + 1);
        _prefix[++_count] = h;
    }

    /// <summary>The hash of the <paramref name="length"/> elements from <paramref name="start"/> of the sequence.</summary>
    public ulong Of(int start, int length)
    {
        if (length >= _powers.Length) GrowPowers(length);
        var shifted = Multiply(_prefix[start], _powers[length]);
        return Reduce(_prefix[start + length] + Modulus - shifted);
    }

    private void GrowPowers(int length)
    {
        var powers = new ulong[Math.Max(length + 1, 2 * _powers.Length)];
        _powers.CopyTo(powers, 0);
        for (var k = _powers.Length; k < powers.Length; k++) powers[k] = Multiply(powers[k - 1], Base);
        _powers = powers;
    }

    private static ulong DrawBase()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        // In [2^32, 2^61 - 1): large enough that short ranges of small elements do not stay below the modulus.
        return (1UL << 32) + BitConverter.ToUInt64(bytes) % (Modulus - (1UL << 32));
    }

    /// <summary>a * b mod (2^61 - 1), for a and b below the modulus.</summary>
    private static ulong Multiply(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        return Reduce((low & Modulus) + ((low >> 61) | (high << 3)));
    }

    /// <summary>x mod (2^61 - 1), for x below 2^62.</summary>
    private static ulong Reduce(ulong x)
    {
        x = (x & Modulus) + (x >> 61);
        return x >= Modulus ? x - Modulus : x;
    }
}
