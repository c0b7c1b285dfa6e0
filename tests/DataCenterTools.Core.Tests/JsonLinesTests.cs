using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

public class JsonLinesTests
{
    private static readonly ReadOptions Defaults = new();

    [Fact]
    public void Keys_in_changing_order_escaped_or_prefixed_land_in_their_own_columns()
    {
        // The reader guesses that a key is the column after the previous one and compares bytes as written: keys out
        // of order, keys written escaped, a key that is a prefix of the guess, a duplicate and a bad line must still
        // land where a lookup by name puts them.
        using var dir = new TempFolder();
        var path = dir.Write("k.jsonl",
            "{\"a\":1,\"b\":2,\"c\":3}\n" +
            "{\"c\":30,\"a\":10,\"b\":20}\n" +
            "{\"\\u0061\":100,\"b\\u0062\":5,\"b\":200}\n" +
            "{\"a\":1000,\"a\":1}\n" +
            "{\"a\":7,\"new\":1,\"b\":\"x\"\n" +
            "{\"b\":2000,\"ab\":9,\"a\":3000}\n");
        var ds = JsonLinesDatasetReader.Read(path, Defaults with { OnBadRow = BadRowAction.Skip });

        Assert.Equal(["a", "b", "c", "bb", "ab"], ds.Columns.Select(c => c.Name));
        Assert.Equal([1L, 10L, 100L, 3000L], ds["a"].As<Int64Column>().Values.ToArray());
        Assert.Equal([2L, 20L, 200L, 2000L], ds["b"].As<Int64Column>().Values.ToArray());
        Assert.Equal([3L, 30L, null, null], Enumerable.Range(0, 4).Select(i => (long?)ds["c"].GetValue(i)));
        Assert.Equal([null, null, 5L, null], Enumerable.Range(0, 4).Select(i => (long?)ds["bb"].GetValue(i)));
        Assert.Equal([null, null, null, 9L], Enumerable.Range(0, 4).Select(i => (long?)ds["ab"].GetValue(i)));
        Assert.Equal([1L, 2L, 3L, 6L], Enumerable.Range(0, 4).Select(i => ds.SourceLines!.LineOf(i)));
    }

    [Fact]
    public void Infers_each_type_and_unions_keys_in_first_seen_order()
    {
        using var dir = new TempFolder();
        var path = dir.Write("a.jsonl",
            "{\"id\":1,\"x\":1.5,\"ok\":true,\"name\":\"web01\",\"at\":\"2024-01-02T03:04:05Z\"}\n" +
            "\n" +
            "{\"id\":2,\"x\":2,\"ok\":false,\"name\":null,\"at\":\"2024-01-03\",\"tags\":[1, 2],\"extra\":{\"a\":1}}\n" +
            "{\"id\":3,\"ok\":null}\n");
        var ds = JsonLinesDatasetReader.Read(path, Defaults);

        Assert.Equal(["id", "x", "ok", "name", "at", "tags", "extra"], ds.Columns.Select(c => c.Name));
        Assert.Equal(3, ds.RowCount);
        Assert.Equal([ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.String, ColumnType.DateTime, ColumnType.String, ColumnType.String],
            ds.Columns.Select(c => c.Type));
        Assert.Equal([1L, 2L, 3L], ds["id"].As<Int64Column>().Values.ToArray());
        Assert.Equal(1.5, ds["x"].GetValue(0));
        Assert.Equal(2.0, ds["x"].GetValue(1)); // the integer widened
        Assert.Null(ds["x"].GetValue(2));
        Assert.Equal([true, false, null], Enumerable.Range(0, 3).Select(i => ds["ok"].GetValue(i)));
        Assert.Equal(["web01", null, null], Enumerable.Range(0, 3).Select(i => (string?)ds["name"].GetValue(i)));
        var at = (DateTime)ds["at"].GetValue(0)!;
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), at);
        Assert.Equal(DateTimeKind.Utc, at.Kind);
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)ds["at"].GetValue(1)!).Kind);
        Assert.Equal("[1, 2]", ds["tags"].GetValue(1)); // raw JSON text as written
        Assert.Equal("{\"a\":1}", ds["extra"].GetValue(1));
        Assert.Equal(2, ds["tags"].NullCount);

        Assert.Equal("JsonLines", ds.Source!.Format);
        Assert.Equal(new FileInfo(path).Length, ds.Source.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), ds.Source.Sha256);
        var step = Assert.Single(ds.Lineage);
        Assert.Equal("Import-Dataset", step.Operation);
        Assert.Equal("3", step.Parameters["Rows"]);
        Assert.Equal("0", step.Parameters["BadRows"]);
        Assert.Equal("JsonLines", step.Parameters["Format"]);
    }

    [Fact]
    public void Mixed_numbers_and_text_become_text_as_written()
    {
        using var dir = new TempFolder();
        var path = dir.Write("m.jsonl", "{\"v\":1.50,\"b\":true}\n{\"v\":\"n/a\",\"b\":1}\n{\"v\":1e3,\"b\":\"x\"}\n{\"v\":7}\n");
        var ds = JsonLinesDatasetReader.Read(path, Defaults);
        Assert.Equal(ColumnType.String, ds["v"].Type);
        Assert.Equal(["1.50", "n/a", "1e3", "7"], Enumerable.Range(0, 4).Select(i => (string?)ds["v"].GetValue(i)));
        Assert.Equal(ColumnType.String, ds["b"].Type);
        Assert.Equal(["true", "1", "x", null], Enumerable.Range(0, 4).Select(i => (string?)ds["b"].GetValue(i)));
    }

    [Fact]
    public void Strings_that_are_not_all_dates_stay_strings_and_null_values_do_not_apply()
    {
        using var dir = new TempFolder();
        var path = dir.Write("s.jsonl", "{\"d\":\"2024-01-01\",\"n\":\"NA\"}\n{\"d\":\"soon\",\"n\":\"\"}\n");
        var ds = JsonLinesDatasetReader.Read(path, Defaults);
        Assert.Equal(ColumnType.String, ds["d"].Type);
        Assert.Equal("2024-01-01", ds["d"].GetValue(0));
        Assert.Equal("NA", ds["n"].GetValue(0)); // only JSON null is missing
        Assert.Equal("", ds["n"].GetValue(1));
        Assert.Equal(0, ds["n"].NullCount);
    }

    [Fact]
    public void Infinity_strings_join_a_numeric_column()
    {
        using var dir = new TempFolder();
        var path = dir.Write("i.jsonl", "{\"v\":1}\n{\"v\":\"inf\"}\n{\"v\":\"-inf\"}\n{\"w\":\"inf\"}\n");
        var ds = JsonLinesDatasetReader.Read(path, Defaults);
        Assert.Equal(ColumnType.Double, ds["v"].Type);
        Assert.Equal(double.PositiveInfinity, ds["v"].GetValue(1));
        Assert.Equal(double.NegativeInfinity, ds["v"].GetValue(2));
        Assert.Equal(ColumnType.String, ds["w"].Type); // no numbers in the column: just text
    }

    [Fact]
    public void Big_integers_beyond_long_stay_text_with_a_warning_and_long_MaxValue_round_trips()
    {
        using var dir = new TempFolder();
        // Issue 13: 9223372036854775807 read back as 9.22337203685478E+18 once a larger value made the column Double.
        var path = dir.Write("b.jsonl", "{\"v\":9223372036854775807,\"w\":9223372036854775807}\n{\"v\":9223372036854775808,\"w\":-9223372036854775808}\n");
        var warnings = new List<string>();
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions { Warning = warnings.Add });
        Assert.Equal(ColumnType.String, ds["v"].Type);
        Assert.Equal(["9223372036854775807", "9223372036854775808"], Enumerable.Range(0, 2).Select(i => (string?)ds["v"].GetValue(i)));
        Assert.Equal(ColumnType.Int64, ds["w"].Type);
        Assert.Equal(long.MaxValue, ds["w"].GetValue(0));
        Assert.Equal(long.MinValue, ds["w"].GetValue(1));
        Assert.Contains(warnings, w => w.Contains("'v'") && w.Contains("line 2") && w.Contains("too large for Int64"));
        var asDouble = JsonLinesDatasetReader.Read(path, new ReadOptions { Schema = new Dictionary<string, ColumnType> { ["v"] = ColumnType.Double } });
        Assert.Equal(9223372036854775808.0, asDouble["v"].GetValue(1));
    }

    [Theory]
    [InlineData("{\"a\":1}\n{\"a\":2,}\n{\"a\":3}\n", 2)]
    [InlineData("{\"a\":1}\n{\"a\":2}\n\n[1,2]\n", 4)]
    [InlineData("{\"a\":1} {\"a\":2}\n", 1)]
    [InlineData("{\"a\":1}\n{\"a\":1,\"a\":2}\n", 2)]
    [InlineData("{\"a\":\"unterminated}\n", 1)]
    public void Invalid_line_is_reported_with_its_line_number(string content, int line)
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.jsonl", content);
        var e = Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(path, Defaults));
        Assert.Equal("DataCenterTools.JsonLinesInvalid", e.ErrorId);
        Assert.Equal(DataErrorKind.InvalidData, e.Kind);
        Assert.Equal(line, e.Line);
        Assert.Contains($"Line {line} of", e.Message);
        Assert.Equal(Path.GetFullPath(path), e.File);
    }

    [Fact]
    public void Skip_leaves_out_bad_lines_and_warns_once()
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.jsonl", "{\"a\":1}\n{\"a\":2,\"new\":5,}\nnot json\n{\"a\":3}\n");
        var warnings = new List<string>();
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions { OnBadRow = BadRowAction.Skip, Warning = warnings.Add });
        Assert.Equal([1L, 3L], ds["a"].As<Int64Column>().Values.ToArray());
        Assert.Equal(["a"], ds.Columns.Select(c => c.Name)); // a key seen only on a bad line is not a column
        Assert.Contains("2 bad line(s)", Assert.Single(warnings));
        Assert.Equal("2", ds.Lineage[0].Parameters["BadRows"]);
    }

    [Fact]
    public void Quarantine_holds_the_exact_bad_lines()
    {
        using var dir = new TempFolder();
        var bad1 = "{\"a\":2, \"名前\":\"壊れた\",}";
        var bad2 = "  [1, 2]";
        var path = dir.Write("bad.jsonl", "{\"a\":1}\n" + bad1 + "\n" + bad2 + "\r\n{\"a\":3}");
        var quarantine = dir.File("q.jsonl");
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions { OnBadRow = BadRowAction.Quarantine, QuarantinePath = quarantine });
        Assert.Equal(2, ds.RowCount);
        Assert.Equal(bad1 + "\n" + bad2 + "\n", File.ReadAllText(quarantine));
    }

    [Fact]
    public void Quarantine_is_not_written_when_the_read_fails()
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.jsonl", "{\"a\":1}\nnope\n{\"a\":\"x\"}\n");
        var quarantine = dir.File("q.jsonl");
        var options = new ReadOptions
        {
            OnBadRow = BadRowAction.Quarantine, QuarantinePath = quarantine,
            Schema = new Dictionary<string, ColumnType> { ["a"] = ColumnType.Int64 },
        };
        var e = Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(path, options));
        Assert.Equal("DataCenterTools.SchemaTypeMismatch", e.ErrorId);
        Assert.Equal(3, e.Line);
        Assert.Equal("a", e.ColumnName);
        Assert.False(File.Exists(quarantine));
        Assert.Equal(["bad.jsonl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Schema_forces_types_and_reads_strings_as_that_type()
    {
        using var dir = new TempFolder();
        var path = dir.Write("s.jsonl", "{\"id\":\"42\",\"v\":1,\"t\":\"2024-05-06\",\"s\":10.50}\n{\"id\":7,\"v\":\"2.5\",\"t\":null,\"s\":\"x\"}\n");
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions
        {
            Schema = new Dictionary<string, ColumnType> { ["ID"] = ColumnType.Int64, ["v"] = ColumnType.Double, ["t"] = ColumnType.DateTime, ["s"] = ColumnType.String },
        });
        Assert.Equal([42L, 7L], ds["id"].As<Int64Column>().Values.ToArray());
        Assert.Equal([1.0, 2.5], ds["v"].As<DoubleColumn>().Values.ToArray());
        Assert.Equal(new DateTime(2024, 5, 6), ds["t"].GetValue(0));
        Assert.Equal(["10.50", "x"], Enumerable.Range(0, 2).Select(i => (string?)ds["s"].GetValue(i)));
    }

    [Fact]
    public void Columns_selects_and_orders_and_reports_unknown_names()
    {
        using var dir = new TempFolder();
        var path = dir.Write("c.jsonl", "{\"a\":1,\"b\":{\"deep\":[1]},\"c\":\"x\"}\n{\"c\":\"y\",\"a\":2}\n");
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions { Columns = ["C", "a"] });
        Assert.Equal(["c", "a"], ds.Columns.Select(c => c.Name));
        Assert.Equal("y", ds["c"].GetValue(1));

        var e = Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(path, new ReadOptions { Columns = ["a", "zzz"] }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
        Assert.Equal("zzz", e.ColumnName);
    }

    [Fact]
    public void Keys_differing_only_by_case_get_distinct_column_names()
    {
        using var dir = new TempFolder();
        var path = dir.Write("k.jsonl", "{\"a\":1,\"A\":2}\n");
        var warnings = new List<string>();
        var ds = JsonLinesDatasetReader.Read(path, new ReadOptions { Warning = warnings.Add });
        Assert.Equal(["a", "A_2"], ds.Columns.Select(c => c.Name));
        Assert.Single(warnings);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        using var dir = new TempFolder();
        var path = dir.Write("e.jsonl", "\n  \n");
        Assert.Equal("DataCenterTools.EmptyFile", Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(path, Defaults)).ErrorId);
    }

    [Fact]
    public void Gzip_input_is_read_and_named_in_the_source()
    {
        using var dir = new TempFolder();
        var path = dir.File("z.jsonl.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write("{\"a\":1}\n{\"a\":2}\n"u8);
        var ds = DatasetReader.Read(path, Defaults);
        Assert.Equal("JsonLines+gzip", ds.Source!.Format);
        Assert.Equal("z", ds.Name);
        Assert.Equal([1L, 2L], ds["a"].As<Int64Column>().Values.ToArray());
    }

    [Fact]
    public void Progress_is_reported_at_the_end()
    {
        using var dir = new TempFolder();
        var path = dir.Write("p.jsonl", "{\"a\":1}\n{\"a\":2}\n");
        var reports = new List<ReadProgress>();
        JsonLinesDatasetReader.Read(path, new ReadOptions { Progress = reports.Add });
        var last = reports.Last();
        Assert.Equal(2, last.Rows);
        Assert.Equal(last.TotalBytes, last.BytesRead);
    }
}

internal static class ColumnTestExtensions
{
    public static T As<T>(this Column column) where T : Column => Assert.IsType<T>(column);
}
