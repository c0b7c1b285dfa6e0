using System.Numerics;
using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Writes a finite, nonzero, normal double as the exact UTF-8 text of <c>TryFormat(.., "R", InvariantCulture)</c>: the
/// shortest digits that read back as the same double (the closest of those, ties to even), laid out as .NET lays them
/// out (plain up to 17 integer digits and down to 0.0001, else "d.dddE+XX").
/// <para>
/// Hand-written because it was measured: .NET's "R" runs Grisu3 (Dragon4 when Grisu3 cannot decide) through its general
/// NumberBuffer / format-string machinery, 60-90 ns CPU per value, a third of the CPU of a CSV or JSON Lines export of
/// the 1M-row telemetry (perf). This is Ryu (Ulf Adams, PLDI 2018; the d2s.c algorithm of github.com/ulfjack/ryu,
/// Apache-2.0 / Boost-1.0, ported under Boost-1.0 (notice in THIRD-PARTY-NOTICES.md) with its full 125-bit tables,
/// which are computed here with BigInteger instead of pasted), about a third of the cost. The digits of both are the unique shortest-closest ones, and
/// tests/DataCenterTools.Core.Tests/ShortestDoubleFormatterTests.cs compares this with TryFormat byte for byte on
/// millions of random bit patterns, short decimals, integers, powers and boundaries. Zero, subnormal, NaN and
/// infinite values are not taken (returns -1): the caller formats them with TryFormat.
/// </para>
/// </summary>
internal static class ShortestDoubleFormatter
{
    /// <summary>The most bytes written: a sign, 17 digits, a point and "E-308"; or "-0.000" and 17 digits.</summary>
    public const int MaxBytes = 25;

    private const int MantissaBits = 52;
    private const int Bias = 1023;
    private const int Pow5InvBitCount = 125;
    private const int Pow5BitCount = 125;
    private const int Pow5InvTableSize = 342;
    private const int Pow5TableSize = 326;

    // [2 * i] low and [2 * i + 1] high 64 bits: 5^-i (scaled up to 125 significant bits, rounded up) and 5^i (to 125 bits).
    private static readonly ulong[] Pow5InvSplit = Table(Pow5InvTableSize, inverse: true);
    private static readonly ulong[] Pow5Split = Table(Pow5TableSize, inverse: false);

    private static ulong[] Table(int size, bool inverse)
    {
        var table = new ulong[2 * size];
        var mask = (BigInteger.One << 64) - 1;
        for (var i = 0; i < size; i++)
        {
            var pow = BigInteger.Pow(5, i);
            var length = (int)pow.GetBitLength();
            var value = inverse
                ? (BigInteger.One << (length - 1 + Pow5InvBitCount)) / pow + 1
                : length <= Pow5BitCount ? pow << (Pow5BitCount - length) : pow >> (length - Pow5BitCount);
            table[2 * i] = (ulong)(value & mask);
            table[2 * i + 1] = (ulong)(value >> 64);
        }
        return table;
    }

    /// <summary>
    /// The "R" text of <paramref name="value"/> into <paramref name="destination"/> (at least <see cref="MaxBytes"/>); -1
    /// when the value is not taken. <paramref name="integral"/>: the text has neither a point nor an exponent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Format(double value, Span<byte> destination, out bool integral)
    {
        integral = false;
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var ieeeExponent = (uint)(bits >> MantissaBits) & 0x7FF;
        if (ieeeExponent - 1 >= 0x7FE) return -1; // zero, subnormal (0) or NaN/infinity (0x7FF)
        return Write(bits >> 63 != 0, bits & ((1UL << MantissaBits) - 1), ieeeExponent, destination, out integral);
    }

    private static int Write(bool negative, ulong ieeeMantissa, uint ieeeExponent, Span<byte> destination, out bool integral)
    {
        integral = false;
        ulong digits;
        int exponent;
        var m2 = (1UL << MantissaBits) | ieeeMantissa;
        var e2 = (int)ieeeExponent - Bias - MantissaBits;
        if (e2 <= 0 && e2 >= -52 && (m2 & ((1UL << -e2) - 1)) == 0)
        {
            // An integer in [1, 2^53): its digits are the value itself.
            digits = m2 >> -e2;
            exponent = 0;
            while (digits % 10 == 0) { digits /= 10; exponent++; }
        }
        // A power of two that is not an integer has a narrower interval below it than above. .NET's "R" text of a few of
        // those is one digit short and does not read back (2^-25 is "2.980232238769531E-08"); the files' bytes are
        // .NET's, so these values stay with TryFormat.
        else if (ieeeMantissa == 0) return -1;
        else (digits, exponent) = Shortest(ieeeMantissa, ieeeExponent);
        return Layout(negative, digits, exponent, destination, out integral);
    }

    /// <summary>Ryu's d2d: the shortest decimal digits × 10^exponent in the interval that rounds to the double.</summary>
    private static (ulong Digits, int Exponent) Shortest(ulong ieeeMantissa, uint ieeeExponent)
    {
        // Two more bits so that the interval's bounds are integers.
        var e2 = (int)ieeeExponent - Bias - MantissaBits - 2;
        var m2 = (1UL << MantissaBits) | ieeeMantissa;
        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

        ulong vr, vp, vm;
        int e10;
        var vmIsTrailingZeros = false;
        var vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InvBitCount + Pow5Bits(q) - 1;
            var i = -e2 + q + k;
            vr = MulShiftAll64(m2, Pow5InvSplit[2 * q], Pow5InvSplit[2 * q + 1], i, out vp, out vm, mmShift);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                else if (MultipleOfPowerOf5(mv + 2, q)) vp--;
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Bits(i) - Pow5BitCount;
            var j = q - k;
            vr = MulShiftAll64(m2, Pow5Split[2 * i], Pow5Split[2 * i + 1], j, out vp, out vm, mmShift);
            if (q <= 1)
            {
                // mv = 4 * m2 has at least two trailing 0 bits.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        var removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The general case (rare).
            var lastRemovedDigit = 0u;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                DropDigit(ref vr, ref vp, ref vm, ref lastRemovedDigit, ref vrIsTrailingZeros);
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    DropDigit(ref vr, ref vp, ref vm, ref lastRemovedDigit, ref vrIsTrailingZeros);
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4; // exactly ...50..0: to even
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            // Only the first removed digit decides the rounding here, so digits can go in groups: the most that can be
            // removed (vp and vm still differ above them) is the same, taken 8, 4, 2 and 1 digits at a time (Ryu itself
            // takes 2 then 1; a short decimal such as 52.8 drops 15 of its 17 digits).
            var roundUp = false;
            while (TryRemove(ref vr, ref vp, ref vm, ref roundUp, 100_000_000)) removed += 8;
            while (TryRemove(ref vr, ref vp, ref vm, ref roundUp, 10_000)) removed += 4;
            if (TryRemove(ref vr, ref vp, ref vm, ref roundUp, 100)) removed += 2;
            if (TryRemove(ref vr, ref vp, ref vm, ref roundUp, 10)) removed++;
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    /// <summary>
    /// digits × 10^exponent as .NET's "R" writes it (Number.FormatGeneral with 17 digits, the most a double takes):
    /// scientific when the point would sit more than 17 digits right of the first, or more than 3 zeros left of it.
    /// </summary>
    private static int Layout(bool negative, ulong digits, int exponent, Span<byte> destination, out bool integral)
    {
        integral = false;
        var length = DecimalLength17(digits);
        var scale = exponent + length; // the value is 0.DIGITS × 10^scale
        var n = 0;
        if (negative) destination[n++] = (byte)'-';
        if (scale > 17 || scale < -3)
        {
            WriteDigits(digits, destination.Slice(n + 1, length));
            destination[n] = destination[n + 1];
            if (length > 1)
            {
                destination[n + 1] = (byte)'.';
                n += length + 1;
            }
            else n++;
            destination[n++] = (byte)'E';
            var e = scale - 1;
            destination[n++] = e < 0 ? (byte)'-' : (byte)'+';
            e = Math.Abs(e);
            if (e >= 100) { destination[n++] = (byte)('0' + e / 100); e %= 100; }
            destination[n++] = (byte)('0' + e / 10);
            destination[n++] = (byte)('0' + e % 10);
            return n;
        }
        if (scale >= length)
        {
            WriteDigits(digits, destination.Slice(n, length));
            n += length;
            destination.Slice(n, scale - length).Fill((byte)'0');
            integral = true;
            return n + scale - length;
        }
        if (scale > 0)
        {
            WriteDigits(digits, destination.Slice(n + 1, length));
            destination.Slice(n + 1, scale).CopyTo(destination[n..]);
            destination[n + scale] = (byte)'.';
            return n + length + 1;
        }
        destination[n++] = (byte)'0';
        destination[n++] = (byte)'.';
        destination.Slice(n, -scale).Fill((byte)'0');
        n -= scale;
        WriteDigits(digits, destination.Slice(n, length));
        return n + length;
    }

    private static void WriteDigits(ulong value, Span<byte> destination)
    {
        var i = destination.Length;
        while (value >= 100)
        {
            var q = value / 100;
            var pair = (uint)(value - 100 * q);
            value = q;
            destination[--i] = (byte)('0' + pair % 10);
            destination[--i] = (byte)('0' + pair / 10);
        }
        if (value >= 10)
        {
            destination[--i] = (byte)('0' + value % 10);
            value /= 10;
        }
        destination[--i] = (byte)('0' + value);
    }

    /// <summary>Drops one digit in Ryu's general case, keeping whether all digits dropped from vr so far were zeros.</summary>
    private static void DropDigit(ref ulong vr, ref ulong vp, ref ulong vm, ref uint lastRemovedDigit, ref bool vrIsTrailingZeros)
    {
        vrIsTrailingZeros &= lastRemovedDigit == 0;
        lastRemovedDigit = (uint)(vr % 10);
        vr /= 10;
        vp /= 10;
        vm /= 10;
    }

    /// <summary>Drops the lowest digits (<paramref name="group"/> a power of ten) while the interval still holds a shorter value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // with a constant group: divisions by a constant, not a div instruction
    private static bool TryRemove(ref ulong vr, ref ulong vp, ref ulong vm, ref bool roundUp, ulong group)
    {
        var vpDiv = vp / group;
        var vmDiv = vm / group;
        if (vpDiv <= vmDiv) return false;
        var vrDiv = vr / group;
        roundUp = vr - vrDiv * group >= group / 2;
        vr = vrDiv;
        vp = vpDiv;
        vm = vmDiv;
        return true;
    }

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000,
    ];

    /// <summary>The decimal digits of <paramref name="v"/> (1 to 17): from its bit length (× log10 2 ≈ 1233 / 4096), then one compare.</summary>
    private static int DecimalLength17(ulong v)
    {
        var guess = (BitOperations.Log2(v | 1) + 1) * 1233 >> 12;
        return guess + (v >= PowersOf10[guess] ? 1 : 0);
    }

    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        var count = 0;
        while (value % 5 == 0) { value /= 5; count++; }
        return count >= p;
    }

    private static ulong MulShift64(ulong m, ulong mulLow, ulong mulHigh, int j)
    {
        var high0 = Math.BigMul(m, mulLow, out _);
        var high1 = Math.BigMul(m, mulHigh, out var low1);
        var sum = high0 + low1;
        if (sum < high0) high1++;
        var shift = j - 64; // 49..58 with the full tables
        return (high1 << (64 - shift)) | (sum >> shift);
    }

    private static ulong MulShiftAll64(ulong m, ulong mulLow, ulong mulHigh, int j, out ulong vp, out ulong vm, uint mmShift)
    {
        vp = MulShift64(4 * m + 2, mulLow, mulHigh, j);
        vm = MulShift64(4 * m - 1 - mmShift, mulLow, mulHigh, j);
        return MulShift64(4 * m, mulLow, mulHigh, j);
    }
}
