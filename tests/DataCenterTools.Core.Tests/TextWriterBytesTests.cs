using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The CSV and JSON Lines writers format cells straight into UTF-8. Their files must be byte for byte what the
/// row-by-row writers before them wrote (a Utf8JsonWriter per cell; a StreamWriter over TextCellFormatter's strings),
/// which are rebuilt here as the reference, over values that need escaping, quoting or care: JSON escapes, control
/// characters, non-ASCII and non-BMP text, unassigned code points, formula triggers, NaN, ±Infinity, -0.0, extreme
/// integers and timestamps of every kind with and without fractions, missing cells, and strings stored as a
/// dictionary, a buffer and parts of both, over more rows than one block.
/// </summary>
public class TextWriterBytesTests
{
    private const int Rows = 2 * RowBlockWriter.DefaultBlockRows + 777;

    private static readonly string[] Tricky =
    [
        "", "plain", "a\"b", "back\\slash", "tab\there", "line\nfeed", "cr\rlf", "\u0000nul", "\u001Funit", "del\u007F",
        "é café", "日本語", "emoji 😀", "\u0378 unassigned", "line\u2028sep", "\uFEFFbom", "<b>&amp;'+`</b>", "a,b", "x;y",
        "=SUM(A1)", "+1", "-2", "@cmd", "\tlead", "1.5", "e", "§", "ends with space ", "\"", "\\\"", "lone \uD800 surrogate", "\uDC00",
    ];

    private static Dataset Tricky_dataset()
    {
        var random = new Random(20261203);
        var longs = new long[Rows];
        var doubles = new double[Rows];
        var bools = new bool[Rows];
        var dates = new DateTime[Rows];
        var buffered = new string?[Rows];
        var valid = new bool[Rows];
        long[] extremeLongs = [long.MinValue, long.MaxValue, 0, -1, 1, 1_000_000_007];
        double[] extremeDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1e-7, 1e21, 123.0, 0.1 + 0.2,
            double.MaxValue, double.MinValue, double.Epsilon, -1.5e-300, 1e15, 1e16, 123456789012345678];
        DateTime[] extremeDates = [DateTime.MinValue, DateTime.MaxValue, new(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), new(2026, 1, 2),
            new(2026, 1, 2, 0, 0, 0, DateTimeKind.Local), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1),
            new DateTime(1, 1, 1, 0, 0, 0).AddTicks(1_230_000), new DateTime(999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999)];
        for (var i = 0; i < Rows; i++)
        {
            valid[i] = i % 7 != 3;
            longs[i] = i < extremeLongs.Length ? extremeLongs[i] : random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            doubles[i] = i < extremeDoubles.Length ? extremeDoubles[i] : BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : random.NextDouble() * 1000;
            if (i % 5 == 0 && i >= extremeDoubles.Length) doubles[i] = Math.Round(doubles[i] % 1e6, random.Next(4));
            if (i % 4 == 1 && i >= extremeDoubles.Length) doubles[i] = -doubles[i];
            bools[i] = random.Next(2) == 0;
            var kind = (DateTimeKind)random.Next(3);
            dates[i] = i < extremeDates.Length ? extremeDates[i]
                : new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / (i % 3 == 0 ? TimeSpan.TicksPerDay : i % 3 == 1 ? TimeSpan.TicksPerSecond : 1)
                    * (i % 3 == 0 ? TimeSpan.TicksPerDay : i % 3 == 1 ? TimeSpan.TicksPerSecond : 1), kind);
            buffered[i] = !valid[i] ? null : i % 3 == 0 ? Tricky[i % Tricky.Length] : RandomText(random);
        }
        var validity = ValidityBitmap.FromFlags(valid);
        // Dictionary storage, and parts storage: a dictionary part, a buffer part and a part sharing the first one's dictionary.
        var codes = Enumerable.Range(0, Rows).Select(i => valid[i] ? i % Tricky.Length : -1).ToArray();
        var third = Rows / 3;
        var parts = new[]
        {
            new StringColumn("p", codes[..third], Tricky),
            new StringColumn("p", buffered[third..(2 * third)]),
            new StringColumn("p", codes[(2 * third)..], Tricky),
        };
        return new Dataset("tricky",
        [
            new Int64Column("id", longs, validity),
            new DoubleColumn("value \"q\"", doubles, validity),
            new BooleanColumn("flag", bools, validity),
            new DateTimeColumn("at", dates, validity),
            new StringColumn("buffered", buffered),
            new StringColumn("coded", codes, Tricky),
            new StringColumn("parted", parts, [0, third, 2 * third], validity),
            new DoubleColumn("dense", doubles),
        ]);
    }

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(12);
        for (var k = 0; k < length; k++)
        {
            var codePoint = random.Next(4) switch
            {
                0 => random.Next(0x20, 0x7F),
                1 => random.Next(0, 0x20),
                2 => random.Next(0x80, 0xD800),
                _ => random.Next(0x10000, 0x10FFFF),
            };
            text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }

    [Fact]
    public void Json_lines_bytes_are_those_of_a_Utf8JsonWriter_per_cell()
    {
        var dataset = Tricky_dataset();
        using var dir = new TempFolder();
        var path = dir.File("t.jsonl");
        JsonLinesDatasetWriter.Write(dataset, path, new WriteOptions());
        AssertSameLines(ReferenceJsonLines(dataset), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(',', false)]
    [InlineData(',', true)]
    [InlineData('\t', true)]
    [InlineData(';', false)]
    [InlineData('.', false)]
    [InlineData('1', false)]
    [InlineData('e', true)]
    [InlineData('§', false)]
    public void Csv_bytes_are_those_of_a_StreamWriter_over_the_cell_text(char delimiter, bool escapeFormula)
    {
        var dataset = Tricky_dataset();
        using var dir = new TempFolder();
        var path = dir.File("t.csv");
        CsvDatasetWriter.Write(dataset, path, new WriteOptions { Delimiter = delimiter, EscapeFormula = escapeFormula });
        AssertSameLines(ReferenceCsv(dataset, delimiter, escapeFormula), File.ReadAllBytes(path));
    }

    [Fact]
    public void Utf8_cell_text_is_the_string_cell_text()
    {
        var random = new Random(7);
        Span<byte> bytes = stackalloc byte[TextCellFormatter.MaxUtf8Bytes];
        for (var i = 0; i < 200_000; i++)
        {
            var d = i % 2 == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64()) : Math.Round(random.NextDouble() * 1e6, random.Next(5)) * (random.Next(2) * 2 - 1);
            Assert.Equal(TextCellFormatter.FormatDouble(d), Encoding.ASCII.GetString(bytes[..TextCellFormatter.FormatDouble(d, bytes)]));
            var l = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            Assert.Equal(l.ToString(CultureInfo.InvariantCulture), Encoding.ASCII.GetString(bytes[..TextCellFormatter.FormatInt64(l, bytes)]));
            var t = new DateTime(random.NextInt64(DateTime.MaxValue.Ticks) / (i % 4 == 0 ? TimeSpan.TicksPerDay : 1) * (i % 4 == 0 ? TimeSpan.TicksPerDay : 1), (DateTimeKind)(i % 3));
            Assert.Equal(CellParser.FormatDateTime(t), Encoding.ASCII.GetString(bytes[..TextCellFormatter.FormatDateTime(t, bytes)]));
        }
        // Hand-worked: the shapes the reader round-trips.
        Assert.Equal("2026-01-02T03:04:05.123Z", Utf8(w => TextCellFormatter.FormatDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_230_000), w)));
        Assert.Equal("2026-01-02", Utf8(w => TextCellFormatter.FormatDateTime(new DateTime(2026, 1, 2), w)));
        Assert.Equal("2026-01-02T00:00:00Z", Utf8(w => TextCellFormatter.FormatDateTime(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), w)));
        Assert.Equal("0001-01-01T00:00:00.0000001", Utf8(w => TextCellFormatter.FormatDateTime(new DateTime(1), w)));
        Assert.Equal("-0.0", Utf8(w => TextCellFormatter.FormatDouble(-0.0, w)));
        Assert.Equal("1E+21", Utf8(w => TextCellFormatter.FormatDouble(1e21, w)));
        Assert.Equal("NaN", Utf8(w => TextCellFormatter.FormatDouble(double.NaN, w)));
        Assert.Equal("-inf", Utf8(w => TextCellFormatter.FormatDouble(double.NegativeInfinity, w)));
    }

    private static string Utf8(Func<byte[], int> write)
    {
        var bytes = new byte[TextCellFormatter.MaxUtf8Bytes];
        return Encoding.ASCII.GetString(bytes, 0, write(bytes));
    }

    private static void AssertSameLines(byte[] expected, byte[] actual)
    {
        var e = Encoding.UTF8.GetString(expected).Split('\n');
        var a = Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++) Assert.True(e[i] == a[i], $"line {i + 1}: expected\n{e[i]}\nbut got\n{a[i]}");
        Assert.Equal(e.Length, a.Length);
        Assert.Equal(expected, actual);
    }

    // The writer of commit 37fe099: one Utf8JsonWriter over every cell.
    private static byte[] ReferenceJsonLines(Dataset dataset)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var names = dataset.Columns.Select(c => JsonEncodedText.Encode(c.Name, options.Encoder)).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, options);
        for (var row = 0; row < dataset.RowCount; row++)
        {
            json.WriteStartObject();
            for (var c = 0; c < dataset.Columns.Count; c++)
            {
                json.WritePropertyName(names[c]);
                var column = dataset.Columns[c];
                if (column.IsNull(row)) { json.WriteNullValue(); continue; }
                switch (column)
                {
                    case Int64Column i: json.WriteNumberValue(i[row]); break;
                    case DoubleColumn d when double.IsNaN(d[row]): json.WriteNullValue(); break;
                    case DoubleColumn d when double.IsPositiveInfinity(d[row]): json.WriteStringValue("inf"); break;
                    case DoubleColumn d when double.IsNegativeInfinity(d[row]): json.WriteStringValue("-inf"); break;
                    case DoubleColumn d: json.WriteRawValue(Encoding.ASCII.GetBytes(TextCellFormatter.FormatDouble(d[row])), skipInputValidation: true); break;
                    case BooleanColumn b: json.WriteBooleanValue(b[row]); break;
                    case DateTimeColumn t: json.WriteStringValue(CellParser.FormatDateTime(t[row])); break;
                    case StringColumn s: json.WriteStringValue(s[row]); break;
                }
            }
            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
        }
        return buffer.WrittenSpan.ToArray();
    }

    // The writer of commit 37fe099: a StreamWriter over TextCellFormatter's text, quoted by the RFC 4180 rule.
    private static byte[] ReferenceCsv(Dataset dataset, char delimiter, bool escapeFormula)
    {
        var bytes = new MemoryStream();
        using (var writer = new StreamWriter(bytes, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            void Field(string text)
            {
                if (text.AsSpan().IndexOfAny(delimiter, '"', '\r') < 0 && !text.Contains('\n')) { writer.Write(text); return; }
                writer.Write('"');
                foreach (var ch in text) { if (ch == '"') writer.Write('"'); writer.Write(ch); }
                writer.Write('"');
            }
            for (var c = 0; c < dataset.Columns.Count; c++) { if (c > 0) writer.Write(delimiter); Field(dataset.Columns[c].Name); }
            writer.Write('\n');
            for (var row = 0; row < dataset.RowCount; row++)
            {
                for (var c = 0; c < dataset.Columns.Count; c++)
                {
                    if (c > 0) writer.Write(delimiter);
                    var text = TextCellFormatter.Format(dataset.Columns[c], row);
                    if (escapeFormula && dataset.Columns[c].Type == ColumnType.String) text = FormulaEscaping.Escape(text);
                    if (text != null) Field(text);
                }
                writer.Write('\n');
            }
        }
        return bytes.ToArray();
    }
}
