using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The hand-written fast paths of CellParser against .NET's own parsers: the plain-decimal path must give the very
/// double double.Parse gives (same bits, -0 included), and the ISO 8601 parser must accept and refuse what
/// DateTime.Parse does on ISO-shaped text and give the same instant and kind.
/// </summary>
public class CellParserFastPathTests
{
    private static void AssertSameDouble(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(CellParser.TryParseDouble(text, out var actual), text);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0.1")]
    [InlineData("52.8")]
    [InlineData("4172.0")]
    [InlineData("+1.5")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    [InlineData("2.5e+300")]
    [InlineData("123456789012345")]        // 15 digits: the fast path
    [InlineData("12345678901234.5")]
    [InlineData("0.123456789012345")]
    [InlineData("999999999999999")]
    [InlineData("1234567890123456")]       // 16 digits: past the fast path, same double
    [InlineData("9007199254740993")]       // 2^53 + 1 rounds to even
    [InlineData("123456789012345.6")]
    [InlineData("0.1234567890123456789")]
    [InlineData("00000000000000000001.5")]
    [InlineData("1.000000000000000000000000001")]
    [InlineData("179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public void PlainDecimalsAndFallbacksGiveDoubleParsesValue(string text) => AssertSameDouble(text);

    [Fact]
    public void NegativeZeroKeepsItsSign()
    {
        Assert.True(CellParser.TryParseDouble("-0", out var value));
        Assert.True(double.IsNegative(value));
        Assert.Equal(0.0, value);
    }

    [Theory]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1-2")]
    [InlineData("--1")]
    [InlineData("")]
    public void MalformedNumbersAreRefused(string text) => Assert.False(CellParser.TryParseDouble(text, out _));

    [Fact]
    public void RandomDecimalsOfOneToEighteenDigitsMatchDoubleParse()
    {
        var random = new Random(14);
        var digits = new char[18];
        for (var k = 0; k < 200_000; k++)
        {
            var n = random.Next(1, 19);
            for (var i = 0; i < n; i++) digits[i] = (char)('0' + random.Next(10));
            var text = new string(digits, 0, n);
            var dot = random.Next(0, n + 1);
            if (dot > 0 && dot < n) text = text[..dot] + "." + text[dot..];
            if (random.Next(2) == 0) text = "-" + text;
            AssertSameDouble(text);
        }
    }

    // -------------------------------------------------------------- ISO 8601 against DateTime.Parse

    private static void AssertSameAsDateTimeParse(string text)
    {
        // AdjustToUniversal: a zone (Z or an offset) gives UTC, no zone leaves the wall-clock value Unspecified,
        // which is what CellParser promises.
        var accepted = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var expected);
        var ours = CellParser.TryParseDateTime(text, out var actual);
        Assert.True(accepted == ours, $"'{text}': DateTime.Parse {(accepted ? "accepts" : "refuses")} it, CellParser {(ours ? "accepts" : "refuses")} it");
        if (!accepted) return;
        Assert.True(expected.Ticks == actual.Ticks, $"'{text}': {expected:o} against {actual:o}");
        Assert.True(expected.Kind == actual.Kind, $"'{text}': {expected.Kind} against {actual.Kind}");
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("2024-02-29T12:00:00Z")]
    [InlineData("2023-02-29T12:00:00Z")]   // not a leap year
    [InlineData("2024-02-30")]
    [InlineData("2024-04-31T00:00:00")]
    [InlineData("1900-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2024-00-10")]
    [InlineData("2024-13-10")]
    [InlineData("2024-06-00")]
    [InlineData("2024-06-15T23:59:59.9999999Z")]
    [InlineData("2024-06-15T24:00:00")]
    [InlineData("2024-06-15T12:60:00")]
    [InlineData("2024-06-15T12:30:60")]
    [InlineData("2024-06-15T12:30:00.5+02:00")]
    [InlineData("2024-06-15T12:30:00-05:30")]
    [InlineData("2024-06-15 12:30:00Z")]
    [InlineData("2024-06-15T12:30Z")]
    [InlineData("2024-06-15T12:30:00.Z")]
    [InlineData("2024-01-01T00:30:00+01:00")]  // the previous day in UTC
    [InlineData("9999-12-31T23:59:59.9999999")]
    [InlineData("0001-01-01T00:00:00")]
    public void IsoCasesAgreeWithDateTimeParse(string text) => AssertSameAsDateTimeParse(text);

    [Fact]
    public void RandomIsoTimestampsAgreeWithDateTimeParse()
    {
        var random = new Random(8601);
        string Two(int v) => v.ToString("00", CultureInfo.InvariantCulture);
        for (var k = 0; k < 50_000; k++)
        {
            // Components a little past their ranges (month 13, day 32, hour 24, minute 60), so refusals are checked too.
            var text = $"{random.Next(1000, 10000)}-{Two(random.Next(0, 14))}-{Two(random.Next(0, 33))}";
            if (random.Next(4) > 0)
            {
                text += (random.Next(2) == 0 ? "T" : " ") + Two(random.Next(0, 25)) + ":" + Two(random.Next(0, 61));
                if (random.Next(4) > 0)
                {
                    text += ":" + Two(random.Next(0, 61));
                    if (random.Next(2) == 0)
                    {
                        var digits = random.Next(1, 8);
                        text += "." + random.NextInt64(0, (long)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
                    }
                }
                switch (random.Next(4))
                {
                    case 0: break;
                    case 1: text += "Z"; break;
                    case 2: text += (random.Next(2) == 0 ? "+" : "-") + Two(random.Next(0, 15)) + ":" + Two(random.Next(0, 60)); break;
                    default: text += (random.Next(2) == 0 ? "+" : "-") + Two(random.Next(0, 14)) + ":00"; break;
                }
            }
            AssertSameAsDateTimeParse(text);
        }
    }
}
