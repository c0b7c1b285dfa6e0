namespace DataCenterTools.Core.Distribution;

/// <summary>
/// Sorts doubles ascending with a least-significant-digit radix sort on their bits (11-bit digits, six passes,
/// passes where every value shares the digit skipped): linear time, several times faster than Array.Sort on
/// the million-value columns a profile sorts for its quantiles and distinct count. The bits are mapped so that
/// unsigned order is numeric order (negative values flipped, positive ones given the sign bit); -0 sorts just
/// before +0. NaN must not be present (callers pass present values only).
/// </summary>
public static class NumericSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const ulong DigitMask = Buckets - 1;
    private const int Passes = (64 + DigitBits - 1) / DigitBits;
    private const ulong SignBit = 1UL << 63;
    // Below this the comparison sort is as fast and needs no buffers.
    private const int RadixThreshold = 4_096;

    public static void Sort(double[] values)
    {
        var n = values.Length;
        if (n < RadixThreshold) { Array.Sort(values); return; }
        var keys = new ulong[n];
        var buffer = new ulong[n];
        var counts = new int[Passes * Buckets];
        for (var i = 0; i < n; i++)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
            var key = (bits & SignBit) != 0 ? ~bits : bits | SignBit;
            keys[i] = key;
            for (var p = 0; p < Passes; p++) counts[p * Buckets + (int)((key >> (p * DigitBits)) & DigitMask)]++;
        }
        for (var p = 0; p < Passes; p++)
        {
            var offset = p * Buckets;
            var shift = p * DigitBits;
            if (counts[offset + (int)((keys[0] >> shift) & DigitMask)] == n) continue; // every value has this digit
            var position = 0;
            for (var d = 0; d < Buckets; d++)
            {
                var c = counts[offset + d];
                counts[offset + d] = position;
                position += c;
            }
            for (var i = 0; i < n; i++)
            {
                var key = keys[i];
                buffer[counts[offset + (int)((key >> shift) & DigitMask)]++] = key;
            }
            (keys, buffer) = (buffer, keys);
        }
        for (var i = 0; i < n; i++)
        {
            var key = keys[i];
            var bits = (key & SignBit) != 0 ? key & ~SignBit : ~key;
            values[i] = BitConverter.Int64BitsToDouble((long)bits);
        }
    }
}
