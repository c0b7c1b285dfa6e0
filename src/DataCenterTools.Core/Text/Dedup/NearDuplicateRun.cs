using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>
/// Dedup as a streaming run over files in bounded memory, in three steps. 1: each input (and -Reference) file is
/// read once and its documents' sketches are written to a summary file in the output folder's _dedup folder (kept,
/// so a re-run with the same settings and unchanged inputs reuses them). 2: band records are generated from the
/// sketch files and sorted externally (<see cref="BandRecordSorter"/>); buckets are joined into clusters, reading
/// only the candidates' sketches from disk. 3: the inputs are streamed again and written with the decisions
/// (<see cref="CorpusStreamRun"/>, resumable per file). Memory holds one sort buffer, one batch of documents and
/// three numbers per document (cluster, kept document, similarity), whatever the size of the texts.
/// </summary>
public static class NearDuplicateRun
{
    public const string WorkFolderName = "_dedup";

    public static (DuplicateTextSummary Summary, List<CorpusFileResult> Files) Run(IReadOnlyList<CorpusUnit> units, IReadOnlyList<CorpusUnit> references,
        MinHashOptions options, CorpusRunOptions run, bool remove, Action<CorpusFileResult>? fileDone = null, int sortBufferRecords = 4 << 20)
    {
        var clock = Stopwatch.StartNew();
        using var gc = new BatchGcScope();
        var hasher = new MinHasher(options);
        var output = Path.GetFullPath(run.OutputPath);
        var work = Path.Combine(output, WorkFolderName);
        Directory.CreateDirectory(work);
        var all = references.Select(u => ("ref-" + u.Name, u)).Concat(units.Select(u => ("in-" + u.Name, u))).ToList();
        long totalBytes = all.Sum(x => x.u.Files.Sum(f => new FileInfo(f).Length)), doneBytes = 0;
        var sketchFiles = new List<SketchFile>();
        try
        {
            foreach (var (name, unit) in all)
            {
                var path = Path.Combine(work, name + ".sketch");
                if (!Reusable(path, unit, options)) SketchUnit(unit, path, hasher, run, doneBytes, totalBytes);
                doneBytes += unit.Files.Sum(f => new FileInfo(f).Length);
                sketchFiles.Add(SketchFile.Open(path));
            }
            var source = new ConcatenatedSketches(sketchFiles);
            var referenceCount = sketchFiles.Take(references.Count).Sum(f => f.Count);
            DuplicateDecisions decisions;
            using (var sorter = new BandRecordSorter(Path.Combine(work, "runs"), sortBufferRecords))
            {
                long ordinal = 0;
                foreach (var file in sketchFiles)
                    foreach (var (_, _, sketch) in file.ReadAll()) DuplicateClusterer.AddRecords(sorter, hasher, ordinal++, sketch);
                decisions = DuplicateClusterer.Cluster(source, referenceCount, options, sorter.Sorted(), null, run.Cancellation);
            }
            var unitBase = new long[units.Count];
            for (int u = 0, at = (int)referenceCount; u < units.Count; u++)
            {
                unitBase[u] = at;
                at += (int)sketchFiles[references.Count + u].Count;
            }
            // The decisions depend on every input, so the run's settings include a digest of all sketches' inputs.
            var parameters = new Dictionary<string, string>(options.Describe()) { ["Inputs"] = InputsDigest(all.Select(x => x.u)), ["Remove"] = remove.ToString() };
            var stage = new DuplicateStage(decisions, source, unitBase, remove, parameters, remove ? "Remove-DuplicateText" : "Find-DuplicateText");
            var files = new List<CorpusFileResult>();
            foreach (var result in CorpusStreamRun.Run(units, stage, run))
            {
                files.Add(result);
                fileDone?.Invoke(result);
            }
            var documents = sketchFiles.Skip(references.Count).Sum(f => f.Count);
            return (DuplicateTextSummary.Of(decisions, documents, referenceCount, options, clock.Elapsed), files);
        }
        finally { foreach (var f in sketchFiles) f.Dispose(); }
    }

    /// <summary>Writes one summary (sketch) file for a set of corpus files: the -AsSummary output over -Path.</summary>
    public static long WriteSummary(IReadOnlyList<CorpusUnit> units, MinHashOptions options, CorpusReadOptions read, string path, bool overwrite, Action<CorpusRunProgress>? progress = null)
    {
        using var gc = new BatchGcScope();
        var hasher = new MinHasher(options);
        using var writer = new SketchFile.Writer(path, SketchFile.SketchSettings.Of(options), overwrite);
        var run = new CorpusRunOptions { OutputPath = Path.GetDirectoryName(Path.GetFullPath(path))!, Read = read, Progress = progress, Cancellation = read.Cancellation };
        var total = units.Sum(u => u.Files.Sum(f => new FileInfo(f).Length));
        long done = 0;
        foreach (var unit in units)
        {
            SketchInto(unit, writer, hasher, run, done, total);
            done += unit.Files.Sum(f => new FileInfo(f).Length);
        }
        writer.Commit();
        return writer.Count;
    }

    private static void SketchUnit(CorpusUnit unit, string path, MinHasher hasher, CorpusRunOptions run, long done, long total)
    {
        using (var writer = new SketchFile.Writer(path, SketchFile.SketchSettings.Of(hasher.Options), overwrite: true))
        {
            SketchInto(unit, writer, hasher, run, done, total);
            writer.Commit();
        }
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(new SketchInputs(hasher.Options.Describe().ToDictionary(), unit.Files.Select(CorpusRunManifest.InputRecord.Of).ToList())));
    }

    private static void SketchInto(CorpusUnit unit, SketchFile.Writer writer, MinHasher hasher, CorpusRunOptions run, long done, long total)
    {
        var lastProgress = Stopwatch.StartNew();
        using var batches = new BatchPipeline(run.BatchBytes, (batch, _) =>
        {
            var texts = batch.Select(d => d.Text).ToArray();
            var keys = batch.Select(d => hasher.Options.Keep == DuplicateKeep.Newest ? DuplicateColumns.SortKeyOf(d.FieldText(hasher.Options.DateColumn!)) : 0).ToArray();
            var sketches = NearDuplicateFinder.Sketch(texts, keys, hasher, run.Cancellation);
            for (var i = 0; i < batch.Count; i++) writer.Add(batch[i].Id, batch[i].File, sketches[i]);
        }, run.Cancellation);
        // Sketching needs a document's text and id (and its date, to keep the newest); not the rest of its line.
        var sketchRead = run.Read with { KeepLine = hasher.Options.Keep == DuplicateKeep.Newest };
        foreach (var file in unit.Files)
        {
            foreach (var doc in CorpusFileReader.Read(file, sketchRead, read =>
            {
                if (run.Progress == null || lastProgress.ElapsedMilliseconds < 250) return;
                lastProgress.Restart();
                run.Progress(new CorpusRunProgress(done + read, total, batches.Handed + batches.Waiting, unit.Name));
            }))
                batches.Add(doc);
            done += new FileInfo(file).Length;
        }
        batches.Complete();
    }

    private sealed record SketchInputs(Dictionary<string, string> Settings, List<CorpusRunManifest.InputRecord> Inputs);

    private static bool Reusable(string path, CorpusUnit unit, MinHashOptions options)
    {
        if (!File.Exists(path) || !File.Exists(path + ".json")) return false;
        try
        {
            var saved = JsonSerializer.Deserialize<SketchInputs>(File.ReadAllText(path + ".json"));
            var settings = options.Describe();
            return saved != null && saved.Settings.Count == settings.Count && settings.All(s => saved.Settings.GetValueOrDefault(s.Key) == s.Value)
                && saved.Inputs.SequenceEqual(unit.Files.Select(CorpusRunManifest.InputRecord.Of));
        }
        catch (JsonException) { return false; }
    }

    private static string InputsDigest(IEnumerable<CorpusUnit> units)
    {
        var text = string.Join("\n", units.SelectMany(u => u.Files).Select(CorpusRunManifest.InputRecord.Of).Select(r => $"{r.Path}|{r.Size}|{r.LastWriteUtc:O}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Several sketch files read as one run, ordinals continuing from file to file.</summary>
    private sealed class ConcatenatedSketches(List<SketchFile> files) : ISketchSource
    {
        private readonly long[] _starts = Starts(files);

        public long Count => files.Sum(f => f.Count);
        public DocumentSketch this[long ordinal] => Locate(ordinal, out var local)[local];
        public string IdOf(long ordinal) => Locate(ordinal, out var local).IdOf(local);

        private SketchFile Locate(long ordinal, out long local)
        {
            var i = Array.BinarySearch(_starts, ordinal);
            if (i < 0) i = ~i - 1;
            while (i + 1 < _starts.Length && _starts[i + 1] == ordinal) i++; // skip empty files
            local = ordinal - _starts[i];
            return files[i];
        }

        private static long[] Starts(List<SketchFile> files)
        {
            var starts = new long[files.Count];
            for (var i = 1; i < files.Count; i++) starts[i] = starts[i - 1] + files[i - 1].Count;
            return starts;
        }
    }
}
