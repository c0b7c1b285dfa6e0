using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;
using DataCenterTools.Core.Text.Dedup;
using static DataCenterTools.Core.Tests.Text.TextCorpusFixtures;

namespace DataCenterTools.Core.Tests.Text;

public class NearDuplicateTests
{
    /// <summary>
    /// 30 distinct documents of 150 words; d3 has two near copies (one word changed: 141 of 151 shingles shared,
    /// J = 0.934; two adjacent words: J = 140/152 = 0.921), d7 an exact copy with other case and punctuation, d11 one
    /// near copy (J = 0.934). So 4 duplicates in 3 clusters.
    /// </summary>
    private static List<(string Id, string Text)> KnownSet()
    {
        var docs = Enumerable.Range(0, 30).Select(i => (Id: $"d{i}", Text: Document(1000 + i, 150))).ToList();
        docs.Add(("n3a", Edit(docs[3].Text, 40)));
        docs.Add(("n3b", Edit(docs[3].Text, 10, 11)));
        docs.Add(("x7", docs[7].Text.ToUpperInvariant().Replace(".", "!")));
        docs.Add(("n11", Edit(docs[11].Text, 20)));
        return docs;
    }

    [Fact]
    public void Finds_the_planted_duplicates_with_clusters_and_the_kept_id()
    {
        var result = NearDuplicateFinder.Find(Corpus("c", KnownSet()), null, null, new MinHashOptions(), remove: false);
        var ds = result.Dataset;
        var of = (StringColumn)ds[DuplicateColumns.DuplicateOf];
        var ids = (StringColumn)ds["id"];
        var dups = Enumerable.Range(0, ds.RowCount).Where(i => of[i] != null).ToDictionary(i => ids[i]!, i => of[i]);
        Assert.Equal(new Dictionary<string, string?> { ["n3a"] = "d3", ["n3b"] = "d3", ["x7"] = "d7", ["n11"] = "d11" }, dups);
        Assert.Equal(3, result.Summary.Clusters);
        Assert.Equal(4, result.Summary.Duplicates);
        var cluster = (Int64Column)ds[DuplicateColumns.ClusterId];
        Assert.Equal(3, cluster[3]); // the cluster is named by its first document's position
        Assert.Equal(3, cluster[30]);
        Assert.True(cluster.IsNull(0));
        var similarity = (DoubleColumn)ds[DuplicateColumns.Similarity];
        Assert.Equal(1.0, similarity[32]); // the same text after normalization
        Assert.InRange(similarity[30], 0.8, 1.0);
        Assert.True(similarity.IsNull(3));

        var removed = NearDuplicateFinder.Find(Corpus("c", KnownSet()), null, null, new MinHashOptions(), remove: true).Dataset;
        Assert.Equal(30, removed.RowCount);
    }

    [Fact]
    public void Vector_signing_equals_the_scalar_128_bit_loop()
    {
        var hasher = new MinHasher(new MinHashOptions());
        var random = new Random(3);
        var shingles = Enumerable.Range(0, 500).Select(_ => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2)).Append(ulong.MaxValue).Append(0UL).Append(MinHasher.MersennePrime).ToArray();
        var fast = new ulong[112];
        var scalar = new ulong[112];
        hasher.Sign(shingles, fast);
        hasher.SignScalar(shingles, scalar);
        Assert.Equal(scalar, fast);
        // Against arbitrary-precision arithmetic: (a_i * x + b_i) mod (2^61 - 1) for one shingle x < p.
        var one = new ulong[112];
        hasher.Sign([123456789012345UL], one);
        var p = (System.Numerics.BigInteger)MinHasher.MersennePrime;
        for (var i = 0; i < 112; i++)
            Assert.Equal((ulong)(((System.Numerics.BigInteger)hasher.A[i] * 123456789012345UL + hasher.B[i]) % p), one[i]);
    }

    [Fact]
    public void Every_signing_loop_gives_the_same_signatures_on_random_and_real_text()
    {
        var hasher = new MinHasher(new MinHashOptions());
        var random = new Random(5);
        var inputs = new List<ulong[]>
        {
            Enumerable.Range(0, 300).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63)).ToArray(),
            new[] { ulong.MaxValue, MinHasher.MersennePrime, MinHasher.MersennePrime - 1, MinHasher.MersennePrime + 1, 0UL, 1UL },
        };
        var tokens = new List<ulong>();
        var shingles = new List<ulong>();
        // Real web text (examples/data/text, English Common Crawl) with the synthetic set and a line of accents and CJK.
        var real = Directory.GetFiles(Path.Combine(SampleData.ExamplesData, "text"), "cc_en_*.jsonl").Order()
            .SelectMany(File.ReadLines).Take(40).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);
        foreach (var text in real.Concat(KnownSet().Select(d => d.Text)).Append("Zoë's café: 3.14 naïve résumés, 東京都 の 天気 は 晴れ です, straße and ÅNGSTRÖM units"))
        {
            ShingleText.TokenHashes(text, ShingleUnit.Word, hasher.Options.Seed, tokens);
            ShingleText.ShingleHashes(tokens, 3, hasher.Options.Seed, shingles);
            inputs.Add([.. shingles]);
        }
        // The scalar loop is the reference; the vector loops this CPU lacks fall back and are checked where it has them.
        foreach (var input in inputs)
        {
            var scalar = new ulong[112];
            hasher.Sign(input, scalar, SignPath.Scalar);
            foreach (var path in new[] { SignPath.Avx2, SignPath.Avx512 })
            {
                var vector = new ulong[112];
                hasher.Sign(input, vector, path);
                Assert.Equal(scalar, vector);
            }
            var best = new ulong[112];
            hasher.Sign(input, best);
            Assert.Equal(scalar, best);
        }
        Assert.All(inputs, i => Assert.NotEmpty(i));
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported) Assert.Equal(SignPath.Avx512, hasher.BestPath);
    }

    [Fact]
    public void Estimated_jaccard_follows_exact_jaccard()
    {
        var options = new MinHashOptions();
        var hasher = new MinHasher(options);
        var baseDoc = Document(7, 120);
        foreach (var edits in new[] { new[] { 5 }, new[] { 5, 50 }, new[] { 5, 30, 60, 90 }, Enumerable.Range(0, 20).Select(i => i * 6).ToArray() })
        {
            var other = Edit(baseDoc, edits);
            var exact = NearDuplicateFinder.ExactJaccard(baseDoc, other, options);
            var a = hasher.Sketch(baseDoc, 0, [], []);
            var b = hasher.Sketch(other, 0, [], []);
            var estimate = MinHasher.EstimatedJaccard(a.Signature, b.Signature);
            // 112 permutations: the estimate's standard deviation is at most sqrt(0.25/112) = 0.047; allow 4 of them.
            Assert.InRange(estimate, exact - 0.19, exact + 0.19);
        }
        // One changed word of 120 touches at most 5 of 116 shingles: J = 111/121 by hand.
        Assert.Equal(111.0 / 121, NearDuplicateFinder.ExactJaccard(baseDoc, Edit(baseDoc, 50), options), 12);
    }

    [Fact]
    public void Verify_uses_exact_jaccard_and_threshold_is_respected()
    {
        var docs = KnownSet();
        var strict = NearDuplicateFinder.Find(Corpus("c", docs), null, null, new MinHashOptions { Verify = true, Threshold = 0.93 }, remove: false);
        var of = (StringColumn)strict.Dataset[DuplicateColumns.DuplicateOf];
        // n3b (J = 140/152 = 0.921 < 0.93) is no longer a duplicate; n3a and n11 (J = 141/151 = 0.934) stay.
        Assert.Null(of[31]);
        Assert.Equal("d3", of[30]);
        Assert.Equal(141.0 / 151, ((DoubleColumn)strict.Dataset[DuplicateColumns.Similarity])[30], 12);
    }

    [Fact]
    public void Keep_longest_keeps_the_longer_copy()
    {
        var a = Document(1);
        var docs = new List<(string, string)> { ("short", a), ("long", a + " extra words at the end.") , ("other", Document(2)) };
        var r = NearDuplicateFinder.Find(Corpus("c", docs), null, null, new MinHashOptions { Keep = DuplicateKeep.Longest }, remove: true).Dataset;
        Assert.Equal(["long", "other"], Enumerable.Range(0, r.RowCount).Select(i => ((StringColumn)r["id"])[i]).ToArray());
    }

    [Fact]
    public void Short_documents_are_duplicates_only_of_the_same_text()
    {
        var docs = new List<(string, string)> { ("a", "Hello world"), ("b", "hello, WORLD!"), ("c", "Goodbye world"), ("d", "ok") , ("e", Document(3)) };
        var r = NearDuplicateFinder.Find(Corpus("c", docs), null, null, new MinHashOptions(), remove: false);
        var of = (StringColumn)r.Dataset[DuplicateColumns.DuplicateOf];
        Assert.Equal([null, "a", null, null, null], Enumerable.Range(0, 5).Select(i => of[i]).ToArray());
        Assert.Equal(4, r.Summary.ShortDocuments);
        var keep = NearDuplicateFinder.Find(Corpus("c", docs), null, null, new MinHashOptions { ShortDocuments = ShortDocumentRule.Keep }, remove: false);
        Assert.Equal(0, keep.Summary.Duplicates);
    }

    [Fact]
    public void Reference_corpus_matches_report_the_reference_id()
    {
        var old = Corpus("old", [("old-1", Document(50)), ("old-2", Document(51))]);
        var fresh = Corpus("new", [("new-1", Edit(Document(51), 33)), ("new-2", Document(52)), ("new-3", Document(50))]);
        var r = NearDuplicateFinder.Find(fresh, null, null, new MinHashOptions(), remove: true, reference: old);
        Assert.Equal(["new-2"], Enumerable.Range(0, r.Dataset.RowCount).Select(i => ((StringColumn)r.Dataset["id"])[i]).ToArray());
        var found = NearDuplicateFinder.Find(fresh, null, null, new MinHashOptions(), remove: false, reference: old).Dataset;
        var of = (StringColumn)found[DuplicateColumns.DuplicateOf];
        Assert.Equal(["old-2", null, "old-1"], Enumerable.Range(0, 3).Select(i => of[i]).ToArray());
    }

    [Fact]
    public void Exact_method_keeps_first_of_same_normalized_text()
    {
        var docs = new List<(string, string)> { ("a", "The Cat sat."), ("b", "the cat  sat"), ("c", "The cat sat down.") };
        var r = NearDuplicateFinder.Find(Corpus("c", docs), null, null, new MinHashOptions { Method = DuplicateMethod.Exact }, remove: true).Dataset;
        Assert.Equal(["a", "c"], Enumerable.Range(0, r.RowCount).Select(i => ((StringColumn)r["id"])[i]).ToArray());
    }

    [Fact]
    public void Threshold_outside_zero_one_is_an_error()
    {
        foreach (var t in new[] { 0.0, 1.5, double.NaN })
            Assert.Equal("DataCenterTools.InvalidThreshold", Assert.Throws<DataException>(() => new MinHasher(new MinHashOptions { Threshold = t })).ErrorId);
    }

    [Fact]
    public void Streaming_run_is_byte_identical_across_thread_counts_and_batch_sizes_and_matches_memory()
    {
        using var temp = new TempFolder();
        var docs = KnownSet();
        WriteJsonl(temp.File("a.jsonl"), docs.Take(17));
        WriteJsonl(temp.File("b.jsonl"), docs.Skip(17));
        var units = CorpusFiles.Plan(CorpusFiles.Expand([temp.Path], false), false);
        string RunWith(int threads, long batch, int sortBuffer, string folder)
        {
            var run = new CorpusRunOptions { OutputPath = Path.Combine(temp.Path, folder), MaxDegreeOfParallelism = threads, BatchBytes = batch, Compression = CorpusCompression.None };
            var (summary, files) = NearDuplicateRun.Run(units, [], new MinHashOptions { MaxDegreeOfParallelism = threads }, run, remove: true, sortBufferRecords: sortBuffer);
            Assert.Equal(4, summary.Duplicates);
            return string.Concat(files.Select(f => File.ReadAllText(f.Output)));
        }
        var one = RunWith(1, 1 << 30, 1 << 20, "out1");
        var many = RunWith(4, 2_000, 64, "out4"); // tiny batches, and a sort buffer that spills many runs
        Assert.Equal(one, many);
        Assert.Equal(30, one.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("\"n3a\"", one);
        // A re-run finds both files finished in the manifest and skips them.
        var again = NearDuplicateRun.Run(units, [], new MinHashOptions(), new CorpusRunOptions { OutputPath = Path.Combine(temp.Path, "out1"), Compression = CorpusCompression.None }, remove: true).Files;
        Assert.All(again, f => Assert.True(f.Skipped));
    }

    [Fact]
    public void Streaming_run_keeps_the_newest_copy_by_its_date_field()
    {
        // The sketch pass reads each line's date (its other fields are let go only when no date is wanted).
        using var temp = new TempFolder();
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        File.WriteAllText(temp.File("c.jsonl"), string.Join("\n",
            $"{{\"id\":\"old\",\"created\":\"2023-05-01T00:00:00Z\",\"text\":\"{text}\"}}",
            $"{{\"id\":\"new\",\"created\":\"2024-05-01T00:00:00Z\",\"text\":\"{text}\"}}",
            $"{{\"id\":\"other\",\"created\":\"2022-01-01T00:00:00Z\",\"text\":\"something else entirely, not like the others at all\"}}") + "\n");
        var units = CorpusFiles.Plan(CorpusFiles.Expand([temp.File("c.jsonl")], false), false);
        var run = new CorpusRunOptions { OutputPath = temp.File("out"), Compression = CorpusCompression.None };
        var (summary, files) = NearDuplicateRun.Run(units, [], new MinHashOptions { Keep = DuplicateKeep.Newest, DateColumn = "created" }, run, remove: true);
        Assert.Equal(1, summary.Duplicates);
        var kept = File.ReadAllLines(files.Single().Output).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).ToArray();
        Assert.Equal(["new", "other"], kept);
    }

    [Fact]
    public void Summaries_from_two_hosts_merge_into_the_whole_corpus_result()
    {
        using var temp = new TempFolder();
        var docs = KnownSet();
        var options = new MinHashOptions();
        NearDuplicateFinder.WriteSummary(Corpus("host1", docs.Take(17).ToList()), null, null, options, temp.File("h1.sketch"), false);
        NearDuplicateFinder.WriteSummary(Corpus("host2", docs.Skip(17).ToList()), null, null, options, temp.File("h2.sketch"), false);
        Assert.Equal(34, SketchFile.Merge([temp.File("h1.sketch"), temp.File("h2.sketch")], temp.File("all.sketch"), false));
        var r = NearDuplicateFinder.FromSummary(temp.File("all.sketch"), options);
        var of = (StringColumn)r.Dataset[DuplicateColumns.DuplicateOf];
        var ids = (StringColumn)r.Dataset["id"];
        Assert.Equal(["n3a:d3", "n3b:d3", "x7:d7", "n11:d11"], Enumerable.Range(0, r.Dataset.RowCount).Where(i => of[i] != null).Select(i => $"{ids[i]}:{of[i]}").ToArray());
        NearDuplicateFinder.WriteSummary(Corpus("host3", docs), null, null, options with { NGram = 3 }, temp.File("h3.sketch"), false);
        Assert.Equal("DataCenterTools.DuplicateSummaryMismatch",
            Assert.Throws<DataException>(() => SketchFile.Merge([temp.File("h1.sketch"), temp.File("h3.sketch")], temp.File("bad.sketch"), false)).ErrorId);
        Assert.False(File.Exists(temp.File("bad.sketch")));
    }

    [Fact]
    public void Summary_records_read_back_across_block_boundaries_and_a_truncated_summary_is_an_error()
    {
        // Records of 1 KB to 2 MB (long ids): the length scan and ReadAll read in blocks, so records straddle them.
        using var temp = new TempFolder();
        var path = temp.File("big.sketch");
        var random = new Random(5);
        var written = new List<(string Id, DocumentSketch Sketch)>();
        using (var writer = new SketchFile.Writer(path, SketchFile.SketchSettings.Of(new MinHashOptions()), false))
        {
            for (var i = 0; i < 400; i++)
            {
                var id = new string((char)('a' + i % 26), i % 97 == 5 ? 2_100_000 : i % 13 == 0 ? 70_000 : random.Next(1, 300));
                var signature = Enumerable.Range(0, i % 7 == 0 ? 0 : 112).Select(_ => (ulong)random.NextInt64()).ToArray();
                var sketch = new DocumentSketch((ulong)i, (ulong)random.NextInt64(), i * 3, -i, signature);
                writer.Add(id, "src" + i, sketch);
                written.Add((id, sketch));
            }
            writer.Commit();
        }
        using (var file = SketchFile.Open(path))
        {
            Assert.Equal(written.Count, file.Count);
            var all = file.ReadAll().ToList();
            for (var i = 0; i < written.Count; i++)
            {
                Assert.Equal(written[i].Id, all[i].Id);
                Assert.Equal("src" + i, all[i].Source);
                Assert.Equal(written[i].Sketch.Signature, all[i].Sketch.Signature);
                var (w, r) = (written[i].Sketch, all[i].Sketch);
                Assert.Equal((w.ExactLow, w.ExactHigh, w.Length, w.SortKey), (r.ExactLow, r.ExactHigh, r.Length, r.SortKey));
                Assert.Equal(written[i].Id, file.IdOf(i));
                Assert.Equal(written[i].Sketch.Signature, file[i].Signature);
            }
        }
        var bytes = File.ReadAllBytes(path);
        foreach (var cut in new[] { 2, 41, 1000 })
        {
            File.WriteAllBytes(temp.File("cut.sketch"), bytes[..^cut]);
            Assert.Equal("DataCenterTools.DuplicateSummaryTruncated", Assert.Throws<DataException>(() => SketchFile.Open(temp.File("cut.sketch"))).ErrorId);
        }
    }

    [Fact]
    public void Token_hashes_of_ascii_runs_match_the_rune_by_rune_rule()
    {
        // The reference: a word is a run of non-space runes ending before a space or a CJK character; a CJK character is a word.
        static List<ulong> Reference(string text, ulong seed)
        {
            var result = new List<ulong>();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == ' ') { i++; continue; }
                System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var r, out var used);
                var end = i + used;
                if (!DataCenterTools.Core.Text.TextUnits.IsCjk(r.Value))
                    while (end < text.Length && text[end] != ' ')
                    {
                        System.Text.Rune.DecodeFromUtf16(text.AsSpan(end), out var next, out var n);
                        if (DataCenterTools.Core.Text.TextUnits.IsCjk(next.Value)) break;
                        end += n;
                    }
                result.Add(System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan(i, end - i)), (long)seed));
                i = end;
            }
            return result;
        }
        string[] cases = ["", " ", "a", "abc def", "  lead and trail  ", "word漢字word", "ab\u007Fcd\u0001ef ~!", "x😀y \uD83D z\uDE00", "été naïve ünïcode",
            "aaaa漢 bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb仮名cc", "0 00 a0b\tc\nd", new string('q', 1000) + "字"];
        var tokens = new List<ulong>();
        foreach (var text in cases)
        {
            ShingleText.TokenHashesOfNormalized(text, ShingleUnit.Word, 42, tokens);
            Assert.Equal(Reference(text, 42), tokens);
        }
    }

    internal static void WriteJsonl(string path, IEnumerable<(string Id, string Text)> docs) =>
        File.WriteAllLines(path, docs.Select(d => System.Text.Json.JsonSerializer.Serialize(new { id = d.Id, text = d.Text, meta = new { source = "test" } })));
}
