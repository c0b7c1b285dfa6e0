using System.Globalization;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The JSON Lines reader's fast paths (issue 14) against the general ones they replace: numbers parsed by csFastFloat
/// and Utf8Parser instead of Utf8JsonReader's getters, the non-finite spelling test that skips the general parser, a
/// Double column that takes its accumulator's array as its values, and a file of tricky cells read in tiny chunks.
/// </summary>
public class JsonLinesFastPathTests
{
    public static TheoryData<string> Numbers => new()
    {
        "0", "-0", "0.0", "-0.0", "-0e0", "1", "-1", "52.8", "4172.0", "0.1", "0.30000000000000004", "1e5", "1E5", "1e+5", "1e-5",
        "-1.5e+300", "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309",
        "1e-400", "-1e-400", "4.9e-324", "2.4e-324", "2.5e-324", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "9007199254740993", "9007199254740993.0", "1.00000000000000011102230246251565404236316680908203125",
        "3.14159265358979323846264338327950288419716939937510", "123456789e-20", "7.3177701707893310e+15",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "123456789012345678901234567890.5", "1e0000000000000000000000001",
        "0.000000000000000000000000000000000000000000001e45",
    };

    /// <summary>What the reader did before: Utf8JsonReader's TryGetInt64, then TryGetDouble, then double.Parse beyond range.</summary>
    private static (JsonCellKind Kind, long Bits) General(string number)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
        Assert.True(reader.Read());
        Assert.Equal(JsonTokenType.Number, reader.TokenType);
        if (reader.TryGetInt64(out var l)) return (JsonCellKind.Integer, l);
        if (reader.ValueSpan.IndexOfAny("."u8) < 0 && reader.ValueSpan.IndexOfAny("eE"u8) < 0) return (JsonCellKind.BigInteger, 0);
        if (!reader.TryGetDouble(out var d)) d = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (JsonCellKind.Float, BitConverter.DoubleToInt64Bits(d));
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Numbers_parse_to_the_bits_the_general_parser_gives(string number)
    {
        var kind = JsonLinesDatasetReader.ParseNumber(Encoding.UTF8.GetBytes(number), out var bits);
        Assert.Equal(General(number), (kind, kind == JsonCellKind.BigInteger ? 0 : bits));
    }

    [Fact]
    public void Hand_worked_numbers()
    {
        Assert.Equal(JsonCellKind.Float, JsonLinesDatasetReader.ParseNumber("-0.0"u8, out var bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), bits);
        Assert.Equal(JsonCellKind.Integer, JsonLinesDatasetReader.ParseNumber("-0"u8, out bits));
        Assert.Equal(0, bits);
        JsonLinesDatasetReader.ParseNumber("1e309"u8, out bits);
        Assert.Equal(double.PositiveInfinity, BitConverter.Int64BitsToDouble(bits));
        JsonLinesDatasetReader.ParseNumber("52.8"u8, out bits);
        Assert.Equal(52.8, BitConverter.Int64BitsToDouble(bits));
        Assert.Equal(JsonCellKind.BigInteger, JsonLinesDatasetReader.ParseNumber("9223372036854775808"u8, out _));
    }

    [Theory]
    [InlineData("inf")] [InlineData("-inf")] [InlineData("+inf")] [InlineData("INF")] [InlineData("Infinity")] [InlineData("-Infinity")]
    [InlineData("+Infinity")] [InlineData("infinity")] [InlineData("NaN")] [InlineData("nan")] [InlineData("-NaN")] [InlineData(" NaN ")]
    [InlineData(" -inf")] [InlineData("∞")] [InlineData("-∞")] [InlineData("ok")] [InlineData("warn")] [InlineData("maint")] [InlineData("n")]
    [InlineData("N")] [InlineData("none")] [InlineData("1e999")] [InlineData("-1e999")] [InlineData("Inf1")] [InlineData("")] [InlineData(" ")]
    [InlineData("infinit")] [InlineData("Infinityx")] [InlineData("nan(ind)")] [InlineData("2026-01-01T00:00:00Z")] [InlineData("Ｉｎｆ")] [InlineData("∾")] [InlineData("-∾")]
    public void Non_finite_spellings_are_those_the_general_parser_reads(string text)
    {
        var general = CellParser.TryParseDouble(text, out var expected) && !double.IsFinite(expected) && text.AsSpan().IndexOfAnyInRange('0', '9') < 0;
        Assert.Equal(general, JsonLinesDatasetReader.IsNonFiniteSpelling(text, out var value));
        if (general) Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Fact]
    public void Every_character_alone_or_signed_is_a_non_finite_spelling_exactly_when_the_general_parser_says_so()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c)) continue;
            foreach (var text in new[] { ((char)c).ToString(), "-" + (char)c, "+" + (char)c, " " + (char)c + " " })
            {
                var general = CellParser.TryParseDouble(text, out var expected) && !double.IsFinite(expected) && text.AsSpan().IndexOfAnyInRange('0', '9') < 0;
                if (general != JsonLinesDatasetReader.IsNonFiniteSpelling(text, out _)) Assert.Fail($"U+{c:X4} in '{text}': general parser says {general}");
            }
        }
    }

    [Theory]
    [InlineData(16, 3, 10)]   // the accumulator's own array, its cells moved down past three missing rows
    [InlineData(16, 0, 10)]   // its own array as it is
    [InlineData(5000, 2, 10)] // too much slack: a copy
    [InlineData(4, 1, 40)]    // grown as cells came, then the rows after the last cell: a copy
    public void A_double_column_holds_its_cells_at_their_rows_whether_it_takes_the_array_or_copies(int capacity, int firstRow, int rows)
    {
        var acc = new JsonColumnAccumulator("x", "x", raw: false, forced: null, capacity);
        var expected = new double?[rows];
        for (var r = firstRow; r < rows - 2; r++)
        {
            if (r % 4 == 1) continue; // missing
            if (r % 3 == 0) { acc.Set(r, JsonCellKind.Integer, -r, default); expected[r] = -r; }
            else if (r == 5) { acc.Set(r, JsonCellKind.NonFiniteString, BitConverter.DoubleToInt64Bits(double.NegativeInfinity), "-inf"); expected[r] = double.NegativeInfinity; }
            else { acc.Set(r, JsonCellKind.Float, BitConverter.DoubleToInt64Bits(r + 0.25), default); expected[r] = r + 0.25; }
        }
        var column = Assert.IsType<DoubleColumn>(acc.Finish(rows));
        Assert.Equal(rows, column.Length);
        Assert.Equal(expected, Enumerable.Range(0, rows).Select(r => (double?)column.GetValue(r)));
        Assert.All(Enumerable.Range(0, rows).Where(column.IsNull), r => Assert.Equal(0.0, column.Values[r]));
    }

    [Fact]
    public void Non_finite_values_read_as_missing_leave_zero_in_a_taken_array()
    {
        var acc = new JsonColumnAccumulator("x", "x", raw: false, forced: null, 8);
        acc.Set(1, JsonCellKind.Float, BitConverter.DoubleToInt64Bits(1.5), default);
        acc.Set(2, JsonCellKind.NonFiniteString, BitConverter.DoubleToInt64Bits(double.NaN), "NaN");
        var column = Assert.IsType<DoubleColumn>(acc.Finish(4, NonFiniteAction.Missing));
        Assert.Equal([null, 1.5, null, null], Enumerable.Range(0, 4).Select(r => (double?)column.GetValue(r)));
        Assert.Equal(0.0, column.Values[2]);
        Assert.Equal(1, acc.NonFiniteMissing);
    }

    [Fact]
    public void Tricky_cells_read_in_tiny_chunks_are_the_serial_read_and_the_hand_worked_values()
    {
        using var dir = new TempFolder();
        var lines = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            lines.Add(i switch
            {
                // Strings with escapes, \u sequences and a surrogate pair; a key written escaped; keys in another order.
                0 => "{\"s\":\"a\\\"b\\\\c\\nd\\u00e9\\ud83d\\ude00\",\"d\":null,\"n\":-0,\"f\":-0.0,\"o\":{\"k\":[1,2,{\"z\":null}]}}",
                1 => "{\"f\":1e309,\"\\u0073\":\"plain\",\"n\":9223372036854775807,\"d\":\"2026-01-02T03:04:05.1234567+01:00\"}",
                // Missing keys, an extra key, nested arrays, numbers with exponents.
                2 => "{\"n\":-9223372036854775808,\"extra\":true,\"o\":[],\"f\":2.5E-3}",
                3 => "{\"big\":123456789012345678901234567890,\"f\":4.9e-324}",
                4 => "  {\"s\":\"\",\"f\":1.7976931348623157e308}  ",
                _ => $"{{\"s\":\"r{i % 3}\",\"n\":{i},\"f\":{i}.5,\"d\":\"2026-01-01\",\"big\":{i}}}",
            });
            if (i == 20) lines.Add("");
        }
        var path = dir.Write("t.jsonl", string.Join('\n', lines) + "\n");
        var ds = JsonLinesDatasetReader.TryReadParallel(path, new ReadOptions { MaxDegreeOfParallelism = 2 }, 0, 48) ?? throw new Xunit.Sdk.XunitException("fell back");
        Assert.Equal(["s", "d", "n", "f", "o", "extra", "big"], ds.Columns.Select(c => c.Name));
        Assert.Equal("a\"b\\c\nd\u00e9\U0001F600", ds["s"].GetValue(0));
        Assert.Equal("plain", ds["s"].GetValue(1));
        Assert.Equal("", ds["s"].GetValue(4));
        Assert.Equal(ColumnType.DateTime, ds["d"].Type);
        Assert.Null(ds["d"].GetValue(0));
        Assert.Equal(new DateTime(2026, 1, 2, 2, 4, 5, DateTimeKind.Utc).AddTicks(1234567), ds["d"].GetValue(1));
        Assert.Equal(ColumnType.Int64, ds["n"].Type);
        Assert.Equal([0L, long.MaxValue, long.MinValue], new[] { 0, 1, 2 }.Select(r => (long)ds["n"].GetValue(r)!));
        Assert.Equal(ColumnType.Double, ds["f"].Type);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits((double)ds["f"].GetValue(0)!));
        Assert.Equal([double.PositiveInfinity, 0.0025, 5e-324, double.MaxValue, 5.5], new[] { 1, 2, 3, 4, 5 }.Select(r => (double)ds["f"].GetValue(r)!));
        Assert.Equal("{\"k\":[1,2,{\"z\":null}]}", ds["o"].GetValue(0));
        Assert.Equal("[]", ds["o"].GetValue(2));
        Assert.Equal(ColumnType.String, ds["big"].Type); // a whole number beyond Int64: text, with the others as written
        Assert.Equal("123456789012345678901234567890", ds["big"].GetValue(3));
        Assert.Equal("39", ds["big"].GetValue(39));
        Assert.Equal(41, ds.SourceLines!.LineOf(39)); // the blank line counts
        JsonLinesParallelTests.AssertSameAsSerial(path, ds);
    }

    [Fact]
    public async Task A_cancelled_parallel_read_stops_without_waiting_on_its_bounded_workers()
    {
        // Many chunks and two workers: the workers wait to claim chunks ahead of the merge; cancelling must free them.
        using var dir = new TempFolder();
        var path = dir.Write("c.jsonl", string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"a\":{i},\"b\":\"x{i}\"}}\n")));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var read = Task.Run(() => JsonLinesDatasetReader.TryReadParallel(path, new ReadOptions { MaxDegreeOfParallelism = 2, Cancellation = cancel.Token }, 0, 256));
        Assert.True(await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(60))) == read, "the cancelled read did not stop");
        // Stopped (the merge saw the token) or, when every chunk was parsed before it looked, finished: never hung.
        if (read.IsFaulted) Assert.IsAssignableFrom<OperationCanceledException>(read.Exception!.InnerException);
    }

    [Fact]
    public void Bad_lines_skipped_keep_the_line_numbers_of_the_serial_read()
    {
        using var dir = new TempFolder();
        var lines = Enumerable.Range(1, 30).Select(i => i is 7 or 19 ? "{\"a\":" + i + "," : i == 25 ? "[1]" : "{\"a\":" + i + ".5}").ToList();
        var path = dir.Write("b.jsonl", string.Join('\n', lines) + "\n");
        var options = new ReadOptions { MaxDegreeOfParallelism = 2, OnBadRow = BadRowAction.Skip };
        var chunked = JsonLinesDatasetReader.Read(path, options, 0, 48);
        var serial = JsonLinesDatasetReader.Read(path, options with { MaxDegreeOfParallelism = 1 });
        Assert.Equal(27, chunked.RowCount);
        Assert.Equal(Enumerable.Range(0, 27).Select(serial.SourceLines!.LineOf), Enumerable.Range(0, 27).Select(chunked.SourceLines!.LineOf));
        Assert.Equal(27, chunked.SourceLines!.LineOf(23));
        Assert.Equal(3, chunked.ImportReport!.BadRows);
    }
}
