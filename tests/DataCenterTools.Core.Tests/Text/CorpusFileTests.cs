using System.Text;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Quality;
using DataCenterTools.Core.Text.Tokens;
using static DataCenterTools.Core.Tests.Text.TextCorpusFixtures;

namespace DataCenterTools.Core.Tests.Text;

public class CorpusFileTests
{
    private static byte[] Zstd(string text)
    {
        using var memory = new MemoryStream();
        using (var z = new ZstdSharp.CompressionStream(memory, 3, leaveOpen: true)) z.Write(Encoding.UTF8.GetBytes(text));
        return memory.ToArray();
    }

    [Fact]
    public void Zstd_jsonl_reads_and_a_truncated_zstd_is_an_error()
    {
        using var temp = new TempFolder();
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{{\"id\":\"d{i}\",\"text\":\"{Document(i, 30)}\"}}\n"));
        var bytes = Zstd(lines);
        var path = temp.Bytes("c.jsonl.zst", bytes);
        Assert.Equal(2000, CorpusFileReader.Read(path, new CorpusReadOptions()).Count());
        Assert.Equal(2000, JsonLinesDatasetReader.Read(path, new ReadOptions()).RowCount); // Import-Dataset's reader, through FileInput
        var cut = temp.Bytes("cut.jsonl.zst", bytes[..(bytes.Length - 7)]);
        Assert.Equal("DataCenterTools.CompressedFileTruncated", Assert.Throws<DataException>(() => CorpusFileReader.Read(cut, new CorpusReadOptions()).Count()).ErrorId);
        Assert.Equal("DataCenterTools.CompressedFileTruncated", Assert.Throws<DataException>(() => JsonLinesDatasetReader.Read(cut, new ReadOptions())).ErrorId);
    }

    [Fact]
    public void Bad_lines_invalid_utf8_and_missing_text_are_reported_with_line_numbers()
    {
        using var temp = new TempFolder();
        var good = "{\"id\":\"a\",\"text\":\"fine\"}\n";
        var bytes = Encoding.UTF8.GetBytes(good + "not json\n").Concat(new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'e', (byte)'x', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}', (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("{\"id\":\"b\",\"body\":\"no text\"}\n" + good)).ToArray();
        var path = temp.Bytes("bad.jsonl", bytes);
        var e = Assert.Throws<DataException>(() => CorpusFileReader.Read(path, new CorpusReadOptions()).Count());
        Assert.Equal(("DataCenterTools.JsonInvalid", 2L), (e.ErrorId, e.Line));
        var warnings = new List<string>();
        var docs = CorpusFileReader.Read(path, new CorpusReadOptions { OnBadRow = BadRowAction.Quarantine, QuarantinePath = temp.File("q.txt"), Warning = warnings.Add }).ToList();
        Assert.Equal(2, docs.Count);
        Assert.Equal(3, File.ReadAllLines(temp.File("q.txt")).Length);
        Assert.Contains("3 bad line(s)", warnings.Single());
        var missing = Assert.Throws<DataException>(() => CorpusFileReader.Read(temp.File("m.jsonl", "{\"body\":\"x\",\"title\":\"y\"}\n"), new CorpusReadOptions()).Count());
        Assert.Equal("DataCenterTools.TextColumnNotFound", missing.ErrorId);
        Assert.Contains("Nearest names: body, title", missing.Message);
        Assert.Equal("DataCenterTools.InvalidUtf8", Assert.Throws<DataException>(() =>
            CorpusFileReader.Read(temp.Bytes("u.jsonl", [(byte)'{', (byte)'"', (byte)'t', (byte)'e', (byte)'x', (byte)'t', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}']), new CorpusReadOptions()).Count()).ErrorId);
    }

    [Fact]
    public void Texts_decoded_on_demand_are_those_and_the_bad_lines_of_a_read_that_decodes_them()
    {
        using var temp = new TempFolder();
        var path = temp.File("t.jsonl", string.Join("\n",
            """{"id":"a","text":"plain"}""", // the first line's text is decoded while its field names are resolved
            """{"id":"b","text":"tab\tand\nnewline \"quoted\" back\\u slash"}""",
            """{"id":"c","text":"caf\u00e9 \ud83d\ude00"}""",
            """{"id":"d","text":"lone \ud800 surrogate"}""",
            """{"id":"e","text":"first","text":"second"}""",
            """{"id":"f","text":"kept","text":7}""",
            """{"id":"g","text":7,"text":"last"}""",
            """{"id":"h","text":null}""",
            """{"id":"i","text":{"nested":"x"}}""",
            """{"id":"j","text":"raw é and 😀"}""") + "\n");
        List<(string Id, long Line, string Text)> Read(bool decode, List<string> warnings) =>
            CorpusFileReader.Read(path, new CorpusReadOptions { DecodeText = decode, OnBadRow = BadRowAction.Skip, Warning = warnings.Add })
                .ToList().Select(d => (d.Id, d.Line, d.Text)).ToList();
        var (eagerWarnings, lazyWarnings) = (new List<string>(), new List<string>());
        var eager = Read(true, eagerWarnings);
        Assert.Equal(eager, Read(false, lazyWarnings));
        Assert.Equal(eagerWarnings, lazyWarnings);
        Assert.Equal("tab\tand\nnewline \"quoted\" back\\u slash", eager.Single(d => d.Id == "b").Text);
        Assert.Equal(("second", "kept", "last"), (eager.Single(d => d.Id == "e").Text, eager.Single(d => d.Id == "f").Text, eager.Single(d => d.Id == "g").Text));
        var errors = new[] { true, false }.Select(decode => Assert.Throws<DataException>(() => CorpusFileReader.Read(path, new CorpusReadOptions { DecodeText = decode }).Count()))
            .Select(e => (e.ErrorId, e.Line)).ToList();
        Assert.Equal(errors[0], errors[1]);
    }

    [Fact]
    public void A_read_that_lets_lines_go_gives_the_same_documents_and_refuses_their_other_fields()
    {
        using var temp = new TempFolder();
        var path = temp.File("t.jsonl", string.Join("\n",
            """{"id":"a","text":"plain","url":"u1"}""",
            """{"text":"no id: a stable one","url":"u2"}""",
            """{"id":7,"text":"number id \u00e9","date":"2024-01-02"}""",
            """{"id":"d","text":"caf\u00e9 \ud83d\ude00"}""",
            """{"id":"e","text":null}""",
            "not json",
            """{"id":"f","text":"raw é and 😀"}""") + "\n");
        List<(string Id, long Line, string Text, long Bytes)> Read(bool keep, List<string> warnings) =>
            CorpusFileReader.Read(path, new CorpusReadOptions { KeepLine = keep, OnBadRow = BadRowAction.Skip, Warning = warnings.Add })
                .ToList().Select(d => (d.Id, d.Line, d.Text, d.Bytes)).ToList();
        var (keptWarnings, droppedWarnings) = (new List<string>(), new List<string>());
        var kept = Read(true, keptWarnings);
        Assert.Equal(kept, Read(false, droppedWarnings));
        Assert.Equal(keptWarnings, droppedWarnings);
        Assert.Equal(["a", "t.jsonl:2", "7", "d", "f"], kept.Select(d => d.Id));
        Assert.Equal("café 😀", kept.Single(d => d.Id == "d").Text);
        Assert.Equal(File.ReadAllLines(path)[0].Length + 1, kept[0].Bytes);
        var lean = CorpusFileReader.Read(path, new CorpusReadOptions { KeepLine = false, OnBadRow = BadRowAction.Skip }).First();
        Assert.Throws<InvalidOperationException>(() => lean.FieldText("url"));
        Assert.Equal("u1", CorpusFileReader.Read(path, new CorpusReadOptions { OnBadRow = BadRowAction.Skip }).First().FieldText("url"));
    }

    [Fact]
    public void Streaming_quality_run_keeps_fields_writes_rejects_and_resumes()
    {
        using var temp = new TempFolder();
        var good = Enumerable.Range(0, 6).Select(i => $"This is sentence {i} of a document that reads like prose.").Aggregate((a, b) => a + "\n" + b);
        File.WriteAllText(temp.File("one.jsonl"), $"{{\"text\":{System.Text.Json.JsonSerializer.Serialize(good)},\"url\":\"u1\"}}\n{{\"text\":\"short\",\"url\":\"u2\"}}\n");
        File.WriteAllBytes(temp.File("two.jsonl.zst"), Zstd($"{{\"id\":\"z\",\"text\":{System.Text.Json.JsonSerializer.Serialize(good)}}}\n"));
        var units = CorpusFiles.Plan(CorpusFiles.Expand([temp.Path], false), false);
        Assert.Equal(["one", "two"], units.Select(u => u.Name));
        var stage = new TextQualityStage(new TextQualityOptions { Families = [QualityFamily.FineWeb] });
        var run = new CorpusRunOptions { OutputPath = temp.File("out"), RejectPath = temp.File("rejects") };
        var results = CorpusStreamRun.Run(units, stage, run).ToList();
        Assert.Equal([(2L, 1L, 1L), (1L, 1L, 0L)], results.Select(r => (r.DocumentsIn, r.DocumentsOut, r.Rejected)));
        var kept = JsonLinesDatasetReader.Read(results[0].Output, new ReadOptions());
        Assert.Equal("u1", ((StringColumn)kept["url"])[0]);
        Assert.True(((BooleanColumn)kept[TextQualityStage.PassColumn])[0]);
        var rejected = JsonLinesDatasetReader.Read(results[0].Rejects!, new ReadOptions());
        Assert.Equal("fineweb_line_punct_ratio", ((StringColumn)rejected[DatasetStages.RejectReasonColumn])[0]);
        Assert.Equal("one.jsonl:2", ((StringColumn)rejected["text"]).Length == 1 ? CorpusColumns.StableId(temp.File("one.jsonl"), 2) : "");
        // Re-run: both skipped. Touch one input: only it is done again.
        Assert.All(CorpusStreamRun.Run(units, stage, run).ToList(), r => Assert.True(r.Skipped));
        File.SetLastWriteTimeUtc(temp.File("one.jsonl"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal([false, true], CorpusStreamRun.Run(units, stage, run).Select(r => r.Skipped));
        // Other settings into the same folder: refused without -Force.
        var other = new TextQualityStage(new TextQualityOptions { Families = [QualityFamily.Gopher] });
        Assert.Equal("DataCenterTools.RunSettingsChanged", Assert.Throws<DataException>(() => CorpusStreamRun.Run(units, other, run).ToList()).ErrorId);
        Assert.Empty(Directory.EnumerateFiles(temp.File("out"), "*.tmp"));
    }

    [Fact]
    public void Shards_round_trip_rows_hashes_tokens_and_manifest()
    {
        using var temp = new TempFolder();
        var docs = Enumerable.Range(0, 250).Select(i => ($"d{i}", Document(i, 40))).ToList();
        var tokenizer = TextTokenizer.Resolve("cl100k_base");
        var counted = DatasetStages.Apply(Corpus("c", docs), new TokenCountStage(tokenizer), null, null, drop: false).Kept;
        var writer = new TrainingShardWriter(new ShardOptions { OutputPath = temp.File("shards"), ShardRows = 100 });
        writer.Write(counted, null);
        var manifest = writer.Complete();
        Assert.Equal(["part-00000.jsonl.zst", "part-00001.jsonl.zst", "part-00002.jsonl.zst"], manifest.Shards.Select(s => s.File));
        Assert.Equal([100L, 100L, 50L], manifest.Shards.Select(s => s.Rows));
        var expectedTokens = docs.Sum(d => (long)tokenizer.Count(d.Item2));
        Assert.Equal(expectedTokens, manifest.Tokens);
        Assert.StartsWith("cl100k_base", manifest.Tokenizer);
        var reloaded = ShardManifest.Load(temp.File("shards"));
        Assert.Equal(manifest.Rows, reloaded.Rows);
        reloaded.Verify(temp.File("shards"));
        var back = manifest.Shards.SelectMany(s => CorpusFileReader.Read(Path.Combine(temp.File("shards"), s.File), new CorpusReadOptions())).ToList();
        Assert.Equal(docs.Select(d => d.Item1), back.Select(d => d.Id));
        Assert.Equal(docs.Select(d => d.Item2), back.Select(d => d.Text));
        Assert.Contains(reloaded.Lineage, l => l.Operation == "Measure-TextToken");
        // A tampered shard fails verification; a second set needs -Force.
        File.AppendAllText(Path.Combine(temp.File("shards"), "part-00001.jsonl.zst"), "x");
        Assert.Equal("DataCenterTools.ShardHashMismatch", Assert.Throws<DataException>(() => reloaded.Verify(temp.File("shards"))).ErrorId);
        Assert.Equal("DataCenterTools.FileExists", Assert.Throws<DataException>(() => new TrainingShardWriter(new ShardOptions { OutputPath = temp.File("shards") })).ErrorId);
        var parquet = new TrainingShardWriter(new ShardOptions { OutputPath = temp.File("pq"), ShardRows = 200, Format = DataFormat.Parquet });
        parquet.Write(counted, null);
        var pm = parquet.Complete();
        Assert.Equal([200L, 50L], pm.Shards.Select(s => s.Rows));
        Assert.Equal(50, ParquetDatasetReader.Read(Path.Combine(temp.File("pq"), "part-00001.parquet"), new ReadOptions()).RowCount);
    }
}
