using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

/// <summary>
/// The parallel JSON Lines read (chunks parsed on their own, appended in file order) against the serial pass: tiny
/// chunks put the boundaries mid-file, and each case checks hand-known values and that the result is the serial one.
/// </summary>
public class JsonLinesParallelTests
{
    private static readonly ReadOptions Parallel2 = new() { MaxDegreeOfParallelism = 2 };
    private static readonly ReadOptions Serial = new() { MaxDegreeOfParallelism = 1 };

    // About three lines per chunk in these files.
    private const int TinyChunk = 64;

    private static Dataset ReadParallel(string path, int chunkBytes = TinyChunk) =>
        JsonLinesDatasetReader.TryReadParallel(path, Parallel2, 0, chunkBytes) ?? throw new Xunit.Sdk.XunitException("the parallel read fell back to the serial one");

    /// <summary>Same columns, names, types, storage (dictionary or buffer), values, line numbers and report as the serial read.</summary>
    internal static void AssertSameAsSerial(string path, Dataset parallel)
    {
        var serial = JsonLinesDatasetReader.Read(path, Serial);
        Assert.Equal(serial.RowCount, parallel.RowCount);
        Assert.Equal(serial.Columns.Select(c => (c.Name, c.Type, c.GetType())), parallel.Columns.Select(c => (c.Name, c.Type, c.GetType())));
        for (var c = 0; c < serial.ColumnCount; c++)
        {
            if (serial.Columns[c] is StringColumn s) Assert.Equal(s.IsDictionaryEncoded, ((StringColumn)parallel.Columns[c]).IsDictionaryEncoded);
            Assert.Equal(Enumerable.Range(0, serial.RowCount).Select(serial.Columns[c].GetValue), Enumerable.Range(0, parallel.RowCount).Select(parallel.Columns[c].GetValue));
        }
        Assert.Equal(Enumerable.Range(0, serial.RowCount).Select(r => serial.SourceLines!.LineOf(r)), Enumerable.Range(0, parallel.RowCount).Select(r => parallel.SourceLines!.LineOf(r)));
        Assert.Equal(serial.ImportReport!.LinesRead, parallel.ImportReport!.LinesRead);
        Assert.Equal(serial.ImportReport.BlankLines, parallel.ImportReport.BlankLines);
        Assert.Equal(serial.ImportReport.Warnings, parallel.ImportReport.Warnings);
        Assert.Equal(serial.Source!.Sha256, parallel.Source!.Sha256);
    }

    [Fact]
    public void A_type_that_widens_in_later_chunks_is_the_serial_type()
    {
        using var dir = new TempFolder();
        // Chunk one holds integers, a later chunk a fraction: Double. Then a string in a still later chunk: text as written.
        var lines = Enumerable.Range(0, 12).Select(i => $"{{\"n\":{i},\"d\":{i}}}").ToList();
        lines.Add("{\"n\":12,\"d\":12.5}");
        lines.AddRange(Enumerable.Range(13, 10).Select(i => $"{{\"n\":{i},\"d\":{i}}}"));
        var widened = dir.Write("w.jsonl", string.Join('\n', lines) + "\n");
        var ds = ReadParallel(widened);
        Assert.Equal(ColumnType.Int64, ds["n"].Type);
        Assert.Equal(ColumnType.Double, ds["d"].Type);
        Assert.Equal(12.5, ds["d"].GetValue(12));
        Assert.Equal(22.0, ds["d"].GetValue(22));
        AssertSameAsSerial(widened, ds);

        lines.Add("{\"n\":23,\"d\":\"n/a\"}");
        var text = dir.Write("t.jsonl", string.Join('\n', lines) + "\n");
        ds = ReadParallel(text);
        Assert.Equal(ColumnType.String, ds["d"].Type);
        Assert.Equal(["0", "12.5", "22", "n/a"], new[] { 0, 12, 22, 23 }.Select(r => (string?)ds["d"].GetValue(r)));
        Assert.Equal(ColumnType.Int64, ds["n"].Type);
        AssertSameAsSerial(text, ds);
    }

    [Fact]
    public void Keys_first_seen_in_later_chunks_follow_in_file_order_with_missing_rows_before()
    {
        using var dir = new TempFolder();
        var path = dir.Write("k.jsonl",
            "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n\n{\"a\":4}\r\n{\"a\":5}\n{\"c\":true,\"a\":6}\n{\"b\":\"x\"}\n{\"a\":8,\"b\":\"y\",\"c\":false}\n{\"a\":9}");
        var ds = ReadParallel(path);
        Assert.Equal(["a", "c", "b"], ds.Columns.Select(c => c.Name));
        Assert.Equal(9, ds.RowCount);
        Assert.Equal([null, null, null, null, null, null, "x", "y", null], Enumerable.Range(0, 9).Select(r => (string?)ds["b"].GetValue(r)));
        Assert.Equal([null, null, null, null, null, true, null, false, null], Enumerable.Range(0, 9).Select(r => ds["c"].GetValue(r)));
        Assert.Equal(10, ds.SourceLines!.LineOf(8)); // the blank line (4) counts
        Assert.Equal(1, ds.ImportReport!.BlankLines);
        AssertSameAsSerial(path, ds);
    }

    [Fact]
    public void Dates_and_the_dictionary_decision_match_across_chunks()
    {
        using var dir = new TempFolder();
        var sb = new StringBuilder();
        // 3,000 rows: a low-cardinality text column (dictionary), a distinct one (buffer), dates all through, and a
        // column whose only non-date string comes in the last chunk.
        for (var i = 0; i < 3000; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{\"region\":\"r{i % 7}\",\"id\":\"id-{i}\",\"at\":\"2026-01-01T00:{i / 60 % 60:00}:{i % 60:00}Z\",\"late\":\"{(i == 2999 ? "soon" : "2026-02-03")}\"}}\n");
        var path = dir.Write("d.jsonl", sb.ToString());
        var ds = ReadParallel(path, chunkBytes: 4096);
        Assert.True(((StringColumn)ds["region"]).IsDictionaryEncoded);
        Assert.False(((StringColumn)ds["id"]).IsDictionaryEncoded);
        Assert.Equal("id-2999", ds["id"].GetValue(2999));
        Assert.Equal(new DateTime(2026, 1, 1, 0, 49, 59, DateTimeKind.Utc), ds["at"].GetValue(2999));
        Assert.Equal(ColumnType.String, ds["late"].Type);
        Assert.Equal("soon", ds["late"].GetValue(2999));
        Assert.Equal("2026-02-03", ds["late"].GetValue(0));
        AssertSameAsSerial(path, ds);
    }

    [Fact]
    public void A_big_integer_in_a_later_chunk_warns_with_its_line_in_the_file()
    {
        using var dir = new TempFolder();
        var path = dir.Write("b.jsonl", string.Concat(Enumerable.Range(1, 9).Select(i => $"{{\"v\":{i}}}\n")) + "{\"v\":123456789012345678901234}\n");
        var warnings = new List<string>();
        var ds = JsonLinesDatasetReader.TryReadParallel(path, Parallel2 with { Warning = warnings.Add }, 0, TinyChunk);
        Assert.NotNull(ds);
        Assert.Equal(ColumnType.String, ds["v"].Type);
        Assert.Equal("123456789012345678901234", ds["v"].GetValue(9));
        Assert.Contains("line 10", Assert.Single(warnings), StringComparison.Ordinal);
        AssertSameAsSerial(path, ds);
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}\n{\"A\":6}\n")] // keys differing by case, in another chunk
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}\r{\"a\":6}\n")] // a lone carriage return ends a line
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}\n{\"a\":\"\u00e9\"}\n\u00a0\n")] // a blank line of Unicode space
    public void What_the_serial_pass_decides_differently_falls_back_to_it(string content)
    {
        using var dir = new TempFolder();
        var path = dir.Write("f.jsonl", content);
        Assert.Null(JsonLinesDatasetReader.TryReadParallel(path, Parallel2, 0, TinyChunk));
        var serial = JsonLinesDatasetReader.Read(path, Serial);
        var viaRead = JsonLinesDatasetReader.Read(path, Parallel2, 0, TinyChunk);
        Assert.Equal(serial.Columns.Select(c => (c.Name, c.Type)), viaRead.Columns.Select(c => (c.Name, c.Type)));
        Assert.Equal(serial.RowCount, viaRead.RowCount);
        Assert.Equal(serial.ImportReport!.Warnings, viaRead.ImportReport!.Warnings);
    }

    [Fact]
    public void A_bad_line_in_a_later_chunk_is_the_serial_error_with_its_line()
    {
        using var dir = new TempFolder();
        var path = dir.Write("e.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n{\"a\":5}\n{\"a\":6,}\n{\"a\":7}\n");
        Assert.Null(JsonLinesDatasetReader.TryReadParallel(path, Parallel2, 0, TinyChunk));
        var e = Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(path, Parallel2, 0, TinyChunk));
        Assert.Equal("DataCenterTools.JsonLinesInvalid", e.ErrorId);
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void Chunks_after_the_text_stops_repeating_keep_it_buffered_with_its_gaps_and_mixes()
    {
        using var dir = new TempFolder();
        var sb = new StringBuilder();
        // 'id' goes to the buffer within the first chunks; the chunks after it then keep it buffered from their first
        // cell. Later rows leave it missing, null, escaped or non-ASCII, and 'mix' turns to text as written in the last chunk.
        for (var i = 0; i < 4000; i++)
        {
            var id = (i % 97) switch { 0 => "", 1 => "null", 2 => "\"q\\u00e9\\n-" + i + "\"", 3 => "\"\u00fc-" + i + "\"", _ => "\"id-" + i + "\"" };
            var idPart = i % 97 == 0 ? "" : $"\"id\":{id},";
            var mix = i == 3999 ? "\"x\"" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{{{idPart}\"mix\":{mix},\"k\":\"r{i % 5}\"}}\n");
        }
        var path = dir.Write("buffered.jsonl", sb.ToString());
        var ds = ReadParallel(path, chunkBytes: 2048);
        Assert.False(((StringColumn)ds["id"]).IsDictionaryEncoded);
        Assert.True(((StringColumn)ds["k"]).IsDictionaryEncoded);
        Assert.Null(ds["id"].GetValue(97 * 30));
        Assert.Null(ds["id"].GetValue(97 * 30 + 1));
        Assert.Equal("q\u00e9\n-" + (97 * 30 + 2), ds["id"].GetValue(97 * 30 + 2));
        Assert.Equal("\u00fc-" + (97 * 30 + 3), ds["id"].GetValue(97 * 30 + 3));
        Assert.Equal("id-3998", ds["id"].GetValue(3998));
        Assert.Equal(ColumnType.String, ds["mix"].Type);
        Assert.Equal("1998.5", ds["mix"].GetValue(3997));
        Assert.Equal("x", ds["mix"].GetValue(3999));
        AssertSameAsSerial(path, ds);
    }

    [Theory]
    [InlineData("{\"a\":9,\"new\":\"z\",\"a\":10}")] // a key twice, after a new key and a cell already taken
    [InlineData("{\"a\":9,\"new\":[1,2]} x")] // text after the object
    [InlineData("{\"a\":9,\"new\":\"z\"")] // the object never closed
    public void A_bad_line_whose_cells_a_chunk_already_took_leaves_the_serial_result(string bad)
    {
        using var dir = new TempFolder();
        var lines = Enumerable.Range(0, 40).Select(i => $"{{\"a\":{i},\"s\":\"v{i}\"}}").ToList();
        lines.Insert(25, bad);
        var path = dir.Write("bad.jsonl", string.Join('\n', lines) + "\n");
        Assert.Null(JsonLinesDatasetReader.TryReadParallel(path, Parallel2, 0, TinyChunk));
        var skip = Parallel2 with { OnBadRow = BadRowAction.Skip, Warning = _ => { } };
        var ds = JsonLinesDatasetReader.Read(path, skip, 0, TinyChunk);
        var serial = JsonLinesDatasetReader.Read(path, Serial with { OnBadRow = BadRowAction.Skip, Warning = _ => { } });
        Assert.Equal(["a", "s"], ds.Columns.Select(c => c.Name)); // the bad line's new key makes no column
        Assert.Equal(40, ds.RowCount);
        Assert.Equal(25L, ds["a"].GetValue(25));
        Assert.Equal(27, ds.SourceLines!.LineOf(25));
        Assert.Equal(serial.Columns.Select(c => (c.Name, c.Type)), ds.Columns.Select(c => (c.Name, c.Type)));
        for (var c = 0; c < serial.ColumnCount; c++)
            Assert.Equal(Enumerable.Range(0, 40).Select(serial.Columns[c].GetValue), Enumerable.Range(0, 40).Select(ds.Columns[c].GetValue));
    }
}
