using System.Globalization;
using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// ShortestDoubleFormatter must write exactly what <c>TryFormat(.., "R", InvariantCulture)</c> writes for every value it
/// takes, and leave the others (zero, subnormal, NaN, ±Infinity, non-integer powers of two) to it. Checked on random bit
/// patterns, z-score-like and short decimals, integers around 2^53, random digit strings at every exponent, every power
/// of two and ten with its neighbours, and the layout switches (1E+17 / 10000000000000000, 0.0001 / 1E-05).
/// </summary>
public class ShortestDoubleFormatterTests
{
    private const int PerKind = 300_000;

    private static IEnumerable<double> Values()
    {
        var random = new Random(20261204);
        for (var i = 0; i < PerKind; i++) yield return BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        for (var i = 0; i < PerKind; i++) yield return random.NextDouble() * 6 - 3;
        for (var i = 0; i < PerKind; i++) yield return Math.Round(random.NextDouble() * 10_000, random.Next(0, 6)) * (random.Next(2) == 0 ? 1 : -1);
        for (var i = 0; i < PerKind; i++) yield return random.NextInt64(-(1L << 54), 1L << 54);
        for (var i = 0; i < PerKind; i++)
        {
            var digits = random.NextInt64(1, (long)Math.Pow(10, random.Next(1, 18)));
            yield return double.Parse($"{digits}e{random.Next(-330, 310)}", CultureInfo.InvariantCulture);
        }
        for (var e = -1074; e < 1024; e++)
        {
            var p = Math.ScaleB(1, e);
            yield return p;
            yield return Math.BitIncrement(p);
            yield return Math.BitDecrement(p);
        }
        for (var e = -325; e < 309; e++)
        {
            var p = double.Parse("1e" + e, CultureInfo.InvariantCulture);
            yield return p;
            yield return Math.BitIncrement(p);
            yield return Math.BitDecrement(p);
            yield return -p * 9.5;
        }
        double[] edges = [double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 2.2250738585072014E-308, 0.1, 0.2, 0.1 + 0.2,
            1.0 / 3, 2.0 / 3, 100, 1e15, 1e16, 1e17, 1.5e17, 12345678901234568, 123456789012345678, 0.0001, 0.00001, 0.00012345678901234567,
            9007199254740993, 9007199254740992, 4503599627370497.5, 0.5, 0.25, -0.0, 0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var d in edges) yield return d;
    }

    [Fact]
    public void Writes_the_bytes_of_TryFormat_R_for_every_value_it_takes()
    {
        Span<byte> expected = stackalloc byte[64];
        Span<byte> actual = stackalloc byte[ShortestDoubleFormatter.MaxBytes];
        var taken = 0;
        var mismatches = new List<string>();
        foreach (var d in Values())
        {
            Assert.True(d.TryFormat(expected, out var n, "R", CultureInfo.InvariantCulture));
            var m = ShortestDoubleFormatter.Format(d, actual, out var integral);
            if (m < 0)
            {
                Assert.True(d == 0 || double.IsSubnormal(d) || !double.IsFinite(d) || (BitConverter.DoubleToUInt64Bits(d) & ((1UL << 52) - 1)) == 0, $"{d:R} not taken");
                continue;
            }
            taken++;
            Assert.Equal(expected[..n].IndexOfAny((byte)'.', (byte)'E') < 0, integral);
            if (!expected[..n].SequenceEqual(actual[..m]) && mismatches.Count < 10)
                mismatches.Add($"{BitConverter.DoubleToInt64Bits(d):X16}: {Encoding.ASCII.GetString(expected[..n])} != {Encoding.ASCII.GetString(actual[..m])}");
        }
        Assert.Empty(mismatches);
        Assert.True(taken > 5 * PerKind * 9 / 10, $"only {taken} values taken");
    }

    [Theory]
    [InlineData(52.8, "52.8")]
    [InlineData(-0.12139720686857955, "-0.12139720686857955")]
    [InlineData(1e16, "10000000000000000")]
    [InlineData(1e17, "1E+17")]
    [InlineData(1.2345e17, "1.2345E+17")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.5e-5, "1.5E-05")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(4172.0, "4172")]
    public void Hand_worked_values(double value, string text)
    {
        Span<byte> bytes = stackalloc byte[ShortestDoubleFormatter.MaxBytes];
        Assert.Equal(text, Encoding.ASCII.GetString(bytes[..ShortestDoubleFormatter.Format(value, bytes, out _)]));
    }

    [Fact]
    public void Leaves_the_power_of_two_that_TryFormat_writes_one_digit_short_to_it()
    {
        // .NET's text for 2^-25 does not read back; the writers keep .NET's bytes, so this value is not taken.
        var d = Math.ScaleB(1, -25);
        Assert.Equal("2.980232238769531E-08", d.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(-1, ShortestDoubleFormatter.Format(d, new byte[ShortestDoubleFormatter.MaxBytes], out _));
    }
}
