namespace DataCenterTools.Core.Features;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014; the seeding generator of xoshiro): a tiny generator whose
/// output depends only on the seed, so a split made with one seed is the same on every machine and
/// every .NET version (System.Random promises that only for its legacy algorithm).
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in 0..bound-1, without modulo bias (draws below 2^64 mod bound are rejected).</summary>
    public int NextBelow(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var n = (ulong)bound;
        var threshold = (0UL - n) % n;
        ulong draw;
        do draw = NextUInt64(); while (draw < threshold);
        return (int)(draw % n);
    }

    /// <summary>Fisher-Yates shuffle from the last element down: item i swaps with a uniform j in 0..i.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
