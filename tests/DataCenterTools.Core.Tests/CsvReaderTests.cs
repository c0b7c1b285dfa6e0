using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Tests;

public class CsvReaderTests : IDisposable
{
    private readonly TempFolder _dir = new();
    public void Dispose() => _dir.Dispose();

    private Dataset Read(string text, ReadOptions? options = null, string name = "t.csv") =>
        CsvDatasetReader.Read(_dir.File(name, text), options ?? new ReadOptions());

    [Fact]
    public void InfersEachTypeAndKeepsValues()
    {
        var ds = Read("id,load,ok,at,host\n1,0.5,true,2024-03-01T12:00:00Z,a\n2,1.25,FALSE,2024-03-01T12:05:30.5Z,b\n-3,2,True,2024-03-02,a\n");
        Assert.Equal(3, ds.RowCount);
        Assert.Equal([ColumnType.Int64, ColumnType.Double, ColumnType.Boolean, ColumnType.DateTime, ColumnType.String],
            ds.Schema.Select(s => s.Type));
        var id = (Int64Column)ds["id"];
        Assert.Equal([1L, 2L, -3L], id.Values.ToArray());
        Assert.Equal([0.5, 1.25, 2.0], ((DoubleColumn)ds["load"]).Values.ToArray());
        Assert.Equal([true, false, true], ((BooleanColumn)ds["ok"]).Values.ToArray());
        var at = (DateTimeColumn)ds["at"];
        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), at[0]);
        Assert.Equal(DateTimeKind.Utc, at[0].Kind);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 5, 30, 500, DateTimeKind.Utc), at[1]);
        Assert.Equal(new DateTime(2024, 3, 2), at[2]); // a date without zone stays Unspecified
        var host = (StringColumn)ds["host"];
        Assert.Equal(["a", "b", "a"], Enumerable.Range(0, 3).Select(i => host[i]));
    }

    [Fact]
    public void RepeatedTimestampsAroundAMissingCellKeepTheirValue()
    {
        // Equal timestamp cells reuse the value parsed last; a missing cell between them must not be what they copy.
        var ds = Read("at,x\n2024-01-01T00:00:00Z,1\n,2\n2024-01-01T00:00:00Z,3\n2024-01-02T06:00:00+02:00,4\n2024-01-02T06:00:00+02:00,5\nNA,6\n2024-01-02T06:00:00+02:00,7\n");
        var at = (DateTimeColumn)ds["at"];
        var first = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var second = new DateTime(2024, 1, 2, 4, 0, 0, DateTimeKind.Utc);
        Assert.Equal([first, default, first, second, second, default, second], at.Values.ToArray());
        Assert.Equal([false, true, false, false, false, true, false], Enumerable.Range(0, 7).Select(at.IsNull));
        Assert.All(new[] { 0, 2, 3, 4, 6 }, i => Assert.Equal(DateTimeKind.Utc, at.Values[i].Kind));
    }

    [Fact]
    public void TimestampsInAColumnOfTheirOwnKeepTicksAndKind()
    {
        // The parse loop writes a DateTime's 64 bits (ticks and kind together): both must come back as written.
        var built = TextColumnBuilder.Build("at", new StringListCells(["2024-02-29T23:59:59.1234567", null, "2024-01-01T08:00:00+08:00", "2024-01-01T08:00:00+08:00", "0001-01-01"]), NullValueSet.Default);
        var at = (DateTimeColumn)built.Column!;
        Assert.Equal(ColumnType.DateTime, built.Type);
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 59).Ticks + 1_234_567, at.Values[0].Ticks);
        Assert.Equal(DateTimeKind.Unspecified, at.Values[0].Kind);
        Assert.True(at.IsNull(1));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), at.Values[2]);
        Assert.Equal([DateTimeKind.Utc, DateTimeKind.Utc], new[] { at.Values[2].Kind, at.Values[3].Kind });
        Assert.Equal(DateTime.MinValue, at.Values[4]);
        Assert.Equal(DateTimeKind.Unspecified, at.Values[4].Kind);
    }

    [Fact]
    public void DefaultNullMarkersAreMissingAndDoNotChangeTheType()
    {
        var ds = Read("a,b,c\n1,x,\nNA,N/A,2.5\nNULL,null,NaN\nnan,,3\n");
        var a = ds["a"];
        Assert.Equal(ColumnType.Double, a.Type); // "nan" is a number now, not a null marker
        Assert.Equal(2, a.NullCount);
        Assert.True(double.IsNaN((double)a.GetValue(3)!));
        Assert.Equal(ColumnType.String, ds["b"].Type);
        Assert.Equal(3, ds["b"].NullCount);
        Assert.Equal(ColumnType.Double, ds["c"].Type);
        Assert.Equal(1, ds["c"].NullCount);
        Assert.True(double.IsNaN((double)ds["c"].GetValue(2)!));
        Assert.Equal(3.0, ds["c"].GetValue(3));
        Assert.Equal([2, 3, 1], ds.Schema.Select(s => s.Nulls));
    }

    [Fact]
    public void NonFiniteValuesAreKeptOrTurnedMissingWithAWarningNeverSilently()
    {
        const string text = "v\n1.5\nNaN\ninf\n-Infinity\n2\n";
        var kept = Read(text);
        Assert.Equal(ColumnType.Double, kept["v"].Type);
        Assert.Equal(0, kept["v"].NullCount);
        Assert.Equal(double.PositiveInfinity, kept["v"].GetValue(2));
        Assert.Equal(double.NegativeInfinity, kept["v"].GetValue(3));
        var warnings = new List<string>();
        var missing = Read(text, new ReadOptions { NonFinite = NonFiniteAction.Missing, Warning = warnings.Add });
        Assert.Equal(3, missing["v"].NullCount);
        Assert.Equal([1.5, null, null, null, 2.0], Enumerable.Range(0, 5).Select(i => missing["v"].GetValue(i)));
        Assert.Contains(warnings, w => w.Contains("'v'") && w.Contains("3 NaN or infinite"));
        // Listing NaN among -NullValue is the user's explicit choice: missing, no warning needed.
        var listed = Read(text, new ReadOptions { NullValues = new NullValueSet(["", "NaN"]) });
        Assert.Equal(1, listed["v"].NullCount);
    }

    [Fact]
    public void Rfc4180QuotingEmbeddedDelimitersQuotesAndNewlines()
    {
        var ds = Read("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\r\n\"multi\nline\",plain\r\n\r\n");
        Assert.Equal(2, ds.RowCount);
        Assert.Equal("Smith, J", ds["name"].GetValue(0));
        Assert.Equal("said \"hi\"", ds["note"].GetValue(0));
        Assert.Equal("multi\nline", ds["name"].GetValue(1));
        Assert.Equal("plain", ds["note"].GetValue(1));
    }

    [Fact]
    public void CellsUnescapedOrTrimmedInsideTheRowReadBackInTheOrderAsked()
    {
        // A row is copied once and its cells are ranges of the copy: quoted cells that Sep unescapes in place (shorter
        // than their raw text), trimmed cells, and columns asked for out of file order must each get their own text.
        var path = _dir.File("q.csv", "\uFEFFid , text , tail\r\n 1 ,\"a \"\"b\"\" c\",\" x,y \"\r\n2,\"two\r\nlines\" , z \r\n");
        var ds = CsvDatasetReader.Read(path, new ReadOptions { TrimSpace = true, Columns = ["tail", "text", "id"] });
        Assert.Equal(["tail", "text", "id"], ds.Schema.Select(s => s.Name));
        Assert.Equal(2, ds.RowCount);
        Assert.Equal([1L, 2L], ((Int64Column)ds["id"]).Values.ToArray());
        Assert.Equal("a \"b\" c", ds["text"].GetValue(0));
        Assert.Equal("two\r\nlines", ds["text"].GetValue(1));
        Assert.Equal(" x,y ", ds["tail"].GetValue(0));
        Assert.Equal("z", ds["tail"].GetValue(1));
        Assert.Equal(2, ds.SourceLines!.LineOf(0));
        Assert.Equal(3, ds.SourceLines!.LineOf(1));
    }

    [Fact]
    public void BlankLinesAreSkipped()
    {
        var ds = Read("a,b\n\n1,2\n\n\n3,4\n");
        Assert.Equal([1L, 3L], ((Int64Column)ds["a"]).Values.ToArray());
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a|b|c\n1|2|3\n", '|')]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("\"x;y\",b\n1,2\n", ',')]
    public void DetectsTheDelimiter(string text, char expected)
    {
        var ds = Read(text);
        Assert.Equal(expected == '\t' ? "\\t" : expected.ToString(), ds.Lineage[0].Parameters["Delimiter"]);
        Assert.Equal(text.StartsWith('"') ? 2 : 3, ds.ColumnCount);
    }

    [Fact]
    public void RaggedRowIsAnErrorWithFileAndLine()
    {
        var path = _dir.File("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n");
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path, new ReadOptions()));
        Assert.Equal("DataCenterTools.CsvRaggedRow", e.ErrorId);
        Assert.Equal(DataErrorKind.InvalidData, e.Kind);
        Assert.Equal(3, e.Line);
        Assert.Contains("ragged.csv", e.Message);
        Assert.Contains("Line 3", e.Message);
    }

    [Fact]
    public void SkipDropsBadRowsAndWarns()
    {
        var warnings = new List<string>();
        var ds = Read("a,b\n1,2\n3\n4,5,6\n7,8\n", new ReadOptions { OnBadRow = BadRowAction.Skip, Warning = warnings.Add });
        Assert.Equal([1L, 7L], ((Int64Column)ds["a"]).Values.ToArray());
        Assert.Contains(warnings, w => w.Contains("2 bad row(s)"));
    }

    [Fact]
    public void QuarantineWritesBadRowsVerbatim()
    {
        var quarantine = Path.Combine(_dir.Path, "bad.csv");
        var ds = Read("a,b\n1,2\n3,\"x,y\",z\n7,8\n9\n", new ReadOptions { OnBadRow = BadRowAction.Quarantine, QuarantinePath = quarantine });
        Assert.Equal(2, ds.RowCount);
        Assert.Equal("3,\"x,y\",z\n9\n", File.ReadAllText(quarantine));
    }

    [Fact]
    public void QuarantineRefusesToReplaceAnExistingFileWithoutForce()
    {
        var quarantine = _dir.File("bad.csv", "keep me");
        var e = Assert.Throws<DataException>(() => Read("a,b\n1\n", new ReadOptions { OnBadRow = BadRowAction.Quarantine, QuarantinePath = quarantine }));
        Assert.Equal("DataCenterTools.FileExists", e.ErrorId);
        Assert.Equal("keep me", File.ReadAllText(quarantine));
    }

    [Fact]
    public void UnterminatedQuoteIsAnError()
    {
        var e = Assert.Throws<DataException>(() => Read("a,b\n1,2\n3,\"open\n5,6\n"));
        Assert.Equal("DataCenterTools.CsvUnterminatedQuote", e.ErrorId);
        Assert.Equal(3, e.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void EmptyFileIsAnError(string text)
    {
        var e = Assert.Throws<DataException>(() => Read(text));
        Assert.Equal("DataCenterTools.EmptyFile", e.ErrorId);
    }

    [Fact]
    public void HeaderOnlyGivesZeroRows()
    {
        var ds = Read("a,b\n");
        Assert.Equal(0, ds.RowCount);
        Assert.Equal(2, ds.ColumnCount);
    }

    [Fact]
    public void BinaryFileIsRejected()
    {
        var path = _dir.Bytes("blob.csv", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xFF, 0xFF]);
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(path, new ReadOptions()));
        Assert.Equal("DataCenterTools.BinaryFile", e.ErrorId);
    }

    [Fact]
    public void MissingFileIsObjectNotFound()
    {
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(Path.Combine(_dir.Path, "nope.csv"), new ReadOptions()));
        Assert.Equal("DataCenterTools.FileNotFound", e.ErrorId);
        Assert.Equal(DataErrorKind.ObjectNotFound, e.Kind);
    }

    [Fact]
    public void SchemaOverrideForcesTypeAndReportsViolations()
    {
        var ds = Read("rack,power\n007,1\n012,2\n", new ReadOptions { Schema = new Dictionary<string, ColumnType> { ["rack"] = ColumnType.String, ["power"] = ColumnType.Double } });
        Assert.Equal("007", ds["rack"].GetValue(0));
        Assert.Equal(ColumnType.Double, ds["power"].Type);

        var e = Assert.Throws<DataException>(() => Read("a,power\n1,2\n2,3\n3,hot\n", new ReadOptions { Schema = new Dictionary<string, ColumnType> { ["power"] = ColumnType.Double } }, "v.csv"));
        Assert.Equal("DataCenterTools.SchemaTypeMismatch", e.ErrorId);
        Assert.Equal(4, e.Line);
        Assert.Equal("power", e.ColumnName);
    }

    [Fact]
    public void SchemaNamingAnUnknownColumnIsAnError()
    {
        var e = Assert.Throws<DataException>(() => Read("a\n1\n", new ReadOptions { Schema = new Dictionary<string, ColumnType> { ["b"] = ColumnType.Double } }));
        Assert.Equal("DataCenterTools.ColumnNotFound", e.ErrorId);
    }

    [Fact]
    public void ColumnSubsetReadsOnlyThoseInThatOrder()
    {
        var ds = Read("a,b,c\n1,x,2.5\n", new ReadOptions { Columns = ["c", "A"] });
        Assert.Equal(["c", "a"], ds.Schema.Select(s => s.Name));
        Assert.Equal(2.5, ds["c"].GetValue(0));
    }

    [Fact]
    public void NoHeaderNamesColumnsAndKeepsTheFirstRow()
    {
        var ds = Read("1,2\n3,4\n", new ReadOptions { NoHeader = true });
        Assert.Equal(["Column1", "Column2"], ds.Schema.Select(s => s.Name));
        Assert.Equal([1L, 3L], ((Int64Column)ds["Column1"]).Values.ToArray());
    }

    [Fact]
    public void DuplicateHeadersAreMadeUniqueWithAWarning()
    {
        var warnings = new List<string>();
        var ds = Read("a,a,,b\n1,2,3,4\n", new ReadOptions { Warning = warnings.Add });
        Assert.Equal(["a", "a_2", "Column3", "b"], ds.Schema.Select(s => s.Name));
        Assert.Single(warnings);
    }

    [Fact]
    public void TypeConflictAcrossChunksRereadsAsText()
    {
        // Tiny chunks: the first chunks are all integers, a later one has a word.
        var sb = new StringBuilder("code,n\n");
        for (var i = 0; i < 50; i++) sb.Append($"{i:000},{i}\n");
        sb.Append("X9,50\n");
        var ds = Read(sb.ToString(), new ReadOptions { ChunkRows = 8 });
        Assert.Equal(ColumnType.String, ds["code"].Type);
        Assert.Equal("007", ds["code"].GetValue(7)); // the original text, leading zeros kept
        Assert.Equal("X9", ds["code"].GetValue(50));
        Assert.Equal(ColumnType.Int64, ds["n"].Type);
    }

    [Fact]
    public void IntegerAndDoubleChunksWidenToDouble()
    {
        var sb = new StringBuilder("v\n");
        for (var i = 0; i < 20; i++) sb.Append($"{i}\n");
        sb.Append("0.5\n");
        var ds = Read(sb.ToString(), new ReadOptions { ChunkRows = 4 });
        var v = (DoubleColumn)ds["v"];
        Assert.Equal(21, v.Length);
        Assert.Equal(19.0, v[19]);
        Assert.Equal(0.5, v[20]);
    }

    [Fact]
    public void ChunkedReadMatchesSingleChunkRead()
    {
        var sb = new StringBuilder("host,cpu,t\n");
        var rng = new Random(7);
        for (var i = 0; i < 1000; i++) sb.Append($"h{rng.Next(5)},{(i % 17 == 0 ? "" : (rng.NextDouble() * 100).ToString("R", System.Globalization.CultureInfo.InvariantCulture))},2024-01-01T00:{i % 60:00}:00Z\n");
        var text = sb.ToString();
        var whole = Read(text, new ReadOptions { ChunkRows = 100_000 }, "w.csv");
        var chunked = Read(text, new ReadOptions { ChunkRows = 37 }, "c.csv");
        Assert.Equal(whole.Schema.Select(s => (s.Name, s.Type, s.Nulls)), chunked.Schema.Select(s => (s.Name, s.Type, s.Nulls)));
        for (var c = 0; c < whole.ColumnCount; c++)
            for (var r = 0; r < whole.RowCount; r++)
                Assert.Equal(whole[c].GetValue(r), chunked[c].GetValue(r));
        Assert.True(((StringColumn)chunked["host"]).IsDictionaryEncoded);
    }

    [Fact]
    public void ReadsGzipAndRecordsSourceWithHash()
    {
        var raw = Encoding.UTF8.GetBytes("a,b\n1,2\n");
        var path = Path.Combine(_dir.Path, "z.csv.gz");
        using (var f = File.Create(path))
        using (var gz = new GZipStream(f, CompressionLevel.Optimal)) gz.Write(raw);
        var ds = CsvDatasetReader.Read(path, new ReadOptions());
        Assert.Equal(2L, ds["b"].GetValue(0));
        Assert.Equal("z", ds.Name);
        Assert.Equal("Csv+gzip", ds.Source!.Format);
        Assert.Equal(new FileInfo(path).Length, ds.Source.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), ds.Source.Sha256);
    }

    [Fact]
    public void Utf8BomAndUtf16AreDetected()
    {
        var bom = Read("\uFEFFname,v\n张三,1\n");
        Assert.Equal("name", bom.Schema[0].Name);
        Assert.Equal("张三", bom["name"].GetValue(0));

        var path = _dir.File("u16.csv", "name,v\n李四,2\n", Encoding.Unicode);
        var u16 = CsvDatasetReader.Read(path, new ReadOptions());
        Assert.Equal("李四", u16["name"].GetValue(0));
    }

    [Fact]
    public void Gb18030AndGbkRequireTheEncodingAndThenRead()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);
        var path = _dir.Bytes("gbk.csv", gbk.GetBytes("机房,功率\n北京,12.5\n上海,7\n"));
        var ds = CsvDatasetReader.Read(path, new ReadOptions { Encoding = gbk });
        Assert.Equal(["机房", "功率"], ds.Schema.Select(s => s.Name));
        Assert.Equal("上海", ds["机房"].GetValue(1));
        Assert.Equal(7.0, ds["功率"].GetValue(1));

        var gb18030 = Encoding.GetEncoding(54936);
        var path2 = _dir.Bytes("gb18030.csv", gb18030.GetBytes("城市\n深圳\n"));
        Assert.Equal("深圳", CsvDatasetReader.Read(path2, new ReadOptions { Encoding = gb18030 })["城市"].GetValue(0));
    }

    [Fact]
    public void TheInputFileIsNotModified()
    {
        var path = _dir.File("keep.csv", "a,b\n1,2\n3\n");
        var before = File.ReadAllBytes(path);
        var stamp = File.GetLastWriteTimeUtc(path);
        Assert.Throws<DataException>(() => CsvDatasetReader.Read(path, new ReadOptions()));
        CsvDatasetReader.Read(path, new ReadOptions { OnBadRow = BadRowAction.Skip });
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void HighCardinalityStringsArePlainLowCardinalityEncoded()
    {
        var sb = new StringBuilder("user,region\n");
        for (var i = 0; i < 500; i++) sb.Append($"u{i}@example.com,{(i % 3 == 0 ? "eu" : "us")}\n");
        var ds = Read(sb.ToString());
        Assert.False(((StringColumn)ds["user"]).IsDictionaryEncoded);
        var region = (StringColumn)ds["region"];
        Assert.True(region.IsDictionaryEncoded);
        Assert.Equal(2, region.Dictionary!.Count);
        Assert.Equal("u499@example.com", ds["user"].GetValue(499));
    }

    [Fact]
    public void LargeChunkedReadGrowsSharedArraysAndMatchesOneChunk()
    {
        // 150,000 rows in chunks of 1,000: more rows than the first capacity estimate, integers that
        // turn into doubles late, missing cells, repeating and distinct text.
        var sb = new StringBuilder("id,load,host,user\n");
        for (var i = 0; i < 150_000; i++)
        {
            var load = i == 149_999 ? "0.5" : i % 97 == 0 ? "" : (i % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            sb.Append(i).Append(',').Append(load).Append(",h").Append(i % 7).Append(",u").Append(i).Append("@example.com\n");
        }
        var text = sb.ToString();
        var chunked = Read(text, new ReadOptions { ChunkRows = 1_000 }, "big1.csv");
        var whole = Read(text, new ReadOptions { ChunkRows = 1_000_000 }, "big2.csv");
        Assert.Equal(150_000, chunked.RowCount);
        Assert.Equal([ColumnType.Int64, ColumnType.Double, ColumnType.String, ColumnType.String], chunked.Schema.Select(s => s.Type));
        Assert.Equal(whole.Schema.Select(s => (s.Type, s.Nulls)), chunked.Schema.Select(s => (s.Type, s.Nulls)));
        Assert.Equal(149_999L, chunked["id"].GetValue(149_999));
        Assert.Equal(998.0, chunked["load"].GetValue(148_998));
        Assert.Null(chunked["load"].GetValue(97));
        Assert.Equal(0.5, chunked["load"].GetValue(149_999));
        Assert.Equal("u123456@example.com", chunked["user"].GetValue(123_456));
        Assert.Equal("u123456@example.com", ((StringColumn)chunked["user"]).GetSpan(123_456).ToString());
        Assert.True(((StringColumn)chunked["host"]).IsDictionaryEncoded);
        for (var r = 0; r < 150_000; r += 997)
            for (var c = 0; c < 4; c++)
                Assert.Equal(whole[c].GetValue(r), chunked[c].GetValue(r));
        var taken = chunked["user"].Take([149_999, 0, 1_000, 999]);
        Assert.Equal(["u149999@example.com", "u0@example.com", "u1000@example.com", "u999@example.com"],
            Enumerable.Range(0, 4).Select(i => (string?)taken.GetValue(i)));
    }
}
