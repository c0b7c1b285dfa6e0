using System.Diagnostics;
using System.Runtime.ExceptionServices;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Operations;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>How a streaming run reads, writes and reports.</summary>
public sealed record CorpusRunOptions
{
    /// <summary>The output folder (created if missing); each unit's output is written there as &lt;name&gt;.jsonl.zst (or .gz, .jsonl).</summary>
    public required string OutputPath { get; init; }
    public CorpusReadOptions Read { get; init; } = new();
    /// <summary>A folder that receives each unit's dropped documents with their reject_reason; null: dropped documents are only counted.</summary>
    public string? RejectPath { get; init; }
    /// <summary>Replace outputs not recorded as this run's, and start over when the settings changed.</summary>
    public bool Force { get; init; }
    public CorpusCompression Compression { get; init; } = CorpusCompression.Zstd;
    /// <summary>Documents are processed in batches of about this many bytes of text: the memory bound of a run (8 MiB by default; small batches also die young in the garbage collector).</summary>
    public long BatchBytes { get; init; } = 8L << 20;
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>How many units (input files) run at once (-ThrottleLimit); each then processes its batches with its share of <see cref="MaxDegreeOfParallelism"/>.</summary>
    public int MaxParallelUnits { get; init; } = 1;
    public Action<CorpusRunProgress>? Progress { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Input bytes done out of all input bytes, documents so far, and the file being read.</summary>
public readonly record struct CorpusRunProgress(long BytesDone, long BytesTotal, long Documents, string CurrentFile);

/// <summary>
/// Runs a stage over corpus files with bounded memory: one unit (input file) at a time, documents in batches of
/// <see cref="CorpusRunOptions.BatchBytes"/>, each batch's documents processed in parallel and written in input
/// order. A unit's output is renamed into place when complete and recorded in the output folder's
/// <see cref="CorpusRunManifest"/>, so a re-run with the same settings skips finished files and an interrupted run
/// leaves only whole files. Units are independent, so <see cref="CorpusRunOptions.MaxParallelUnits"/> of them may run at
/// once (<see cref="OrderedParallel"/>); the manifest, progress and warnings are only touched on the enumerating thread.
/// </summary>
public static class CorpusStreamRun
{
    /// <summary>Runs every unit and stops at the first that fails (its exception).</summary>
    public static IEnumerable<CorpusFileResult> Run(IReadOnlyList<CorpusUnit> units, IDocumentStage stage, CorpusRunOptions options)
    {
        foreach (var outcome in RunEach(units, stage, options))
        {
            if (outcome.Error != null) ExceptionDispatchInfo.Throw(outcome.Error);
            yield return outcome.Value!;
        }
    }

    /// <summary>Runs every unit, in input order of the results: a unit that fails is its outcome's error and the others go on.</summary>
    public static IEnumerable<ItemOutcome<CorpusUnit, CorpusFileResult>> RunEach(IReadOnlyList<CorpusUnit> units, IDocumentStage stage, CorpusRunOptions options)
    {
        var output = Path.GetFullPath(options.OutputPath);
        using var gc = new BatchGcScope();
        Directory.CreateDirectory(output);
        if (options.RejectPath != null) Directory.CreateDirectory(options.RejectPath);
        var manifest = OpenManifest(output, stage, options.Force);
        var parallel = options.MaxParallelUnits > 1 && units.Count > 1;
        // Read from the manifest before any unit runs, since only this thread may touch it.
        var plans = units.Select((unit, u) => new UnitPlan(u, unit, unit.Files.Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0),
            manifest.Finished(unit, stage.Operation, stage.Parameters),
            manifest.Units.Any(r => r.Name == unit.Name && r.Output == TargetOf(output, unit, options)), parallel)).ToArray();
        var total = plans.Sum(p => p.Bytes);
        long done = 0, documents = 0;
        var shared = !parallel ? options : options with
        {
            Progress = null, // units running at once report as each is written, below
            MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism / options.MaxParallelUnits),
        };
        foreach (var outcome in OrderedParallel.Map(plans, options.MaxParallelUnits, (plan, cancel) => plan.Finished is { } finished
                     ? (new CorpusFileResult(plan.Unit.Name, plan.Unit.Files, finished.Output, finished.DocumentsIn, finished.DocumentsOut, finished.Rejected, true, finished.Rejects, TimeSpan.Zero), null)
                     : RunUnit(plan, stage, shared with { Cancellation = cancel, Read = shared.Read with { Cancellation = cancel, Warning = plan.Warning ?? shared.Read.Warning } }, output, done, total, documents),
                     options.Cancellation))
        {
            var plan = outcome.Item;
            foreach (var warning in plan.KeptWarnings) options.Read.Warning?.Invoke(warning);
            done += plan.Bytes;
            if (outcome.Value.Record is { } record)
            {
                manifest.Units.RemoveAll(r => r.Name == record.Name);
                manifest.Units.Add(record);
                manifest.Save(output);
            }
            documents += outcome.Value.Result?.DocumentsIn ?? 0;
            if (parallel) options.Progress?.Invoke(new CorpusRunProgress(done, total, documents, plan.Unit.Name));
            yield return new(plan.Unit, outcome.Index, outcome.Value.Result, outcome.Error);
        }
        options.Progress?.Invoke(new CorpusRunProgress(total, total, documents, ""));
    }

    /// <summary>One unit of a run and what the manifest said of it; when units run at once, its reader's warnings are kept here for the enumerating thread.</summary>
    private sealed class UnitPlan(int index, CorpusUnit unit, long bytes, CorpusRunManifest.UnitRecord? finished, bool ours, bool keepWarnings)
    {
        private readonly List<string>? _warnings = keepWarnings ? [] : null;
        public int Index { get; } = index;
        public CorpusUnit Unit { get; } = unit;
        public long Bytes { get; } = bytes;
        public CorpusRunManifest.UnitRecord? Finished { get; } = finished;
        /// <summary>An output this run recorded (an older attempt at this unit) may be replaced; any other needs -Force.</summary>
        public bool Ours { get; } = ours;
        public Action<string>? Warning => _warnings == null ? null : _warnings.Add;
        public IReadOnlyList<string> KeptWarnings => (IReadOnlyList<string>?)_warnings ?? [];
    }

    private static string TargetOf(string output, CorpusUnit unit, CorpusRunOptions options) => Path.Combine(output, unit.Name + CorpusFileWriter.Extension(options.Compression));

    private static CorpusRunManifest OpenManifest(string output, IDocumentStage stage, bool force)
    {
        var manifest = CorpusRunManifest.Load(output);
        if (manifest != null && (manifest.Operation != stage.Operation || !manifest.SameParameters(stage.Parameters)))
        {
            if (!force)
                throw new DataException("RunSettingsChanged", DataErrorKind.ResourceExists,
                    $"'{output}' holds the output of an earlier {manifest.Operation} run with other settings.",
                    "Use another {option:OutputPath}, or {option:Force} to replace that run's files.", output);
            manifest = null;
        }
        return manifest ?? new CorpusRunManifest
        {
            Operation = stage.Operation,
            Parameters = new SortedDictionary<string, string>(stage.Parameters.ToDictionary(), StringComparer.Ordinal),
        };
    }

    private static (CorpusFileResult Result, CorpusRunManifest.UnitRecord? Record) RunUnit(UnitPlan plan, IDocumentStage stage, CorpusRunOptions options, string output,
        long doneBefore, long total, long documentsBefore)
    {
        var (u, unit, ours) = (plan.Index, plan.Unit, plan.Ours);
        var clock = Stopwatch.StartNew();
        var target = TargetOf(output, unit, options);
        using var writer = new CorpusFileWriter(target, options.Force || ours);
        var rejectsPath = options.RejectPath == null ? null : Path.Combine(Path.GetFullPath(options.RejectPath), unit.Name + ".rejects" + CorpusFileWriter.Extension(options.Compression));
        using var rejects = rejectsPath == null ? null : new CorpusFileWriter(rejectsPath, options.Force || ours);
        var quarantine = options.Read.QuarantinePath == null ? null : Path.Combine(Path.GetFullPath(options.Read.QuarantinePath), unit.Name + ".bad.txt");
        var read = options.Read with { QuarantinePath = quarantine, Force = options.Force || ours, DecodeText = stage.ReadsTexts };
        long docsIn = 0;
        long unitDone = 0, rejected = 0;
        var lastProgress = Stopwatch.StartNew();
        using (var batches = new BatchPipeline(options.BatchBytes, (docs, first) => rejected += ProcessAndWrite(docs, first), options.Cancellation))
        {
            foreach (var file in unit.Files)
            {
                var fileSize = new FileInfo(file).Length;
                foreach (var doc in CorpusFileReader.Read(file, read, b => Report(b, batches))) batches.Add(doc);
                unitDone += fileSize;
                Report(0, batches);
            }
            batches.Complete();
            docsIn = batches.Handed;
        }
        writer.Commit();
        rejects?.Commit();
        var record = new CorpusRunManifest.UnitRecord
        {
            Name = unit.Name,
            Inputs = unit.Files.Select(CorpusRunManifest.InputRecord.Of).ToList(),
            Output = target,
            OutputBytes = new FileInfo(target).Length,
            Rejects = rejectsPath,
            DocumentsIn = docsIn,
            DocumentsOut = docsIn - rejected,
            Rejected = rejected,
            FinishedUtc = DateTime.UtcNow,
        };
        return (new CorpusFileResult(unit.Name, unit.Files, target, docsIn, docsIn - rejected, rejected, false, rejectsPath, clock.Elapsed), record);

        void Report(long fileBytes, BatchPipeline batches)
        {
            if (options.Progress == null || lastProgress.ElapsedMilliseconds < 250) return;
            lastProgress.Restart();
            options.Progress(new CorpusRunProgress(doneBefore + unitDone + fileBytes, total, documentsBefore + batches.Handed + batches.Waiting, unit.Name));
        }

        long ProcessAndWrite(List<CorpusDocument> docs, long first)
        {
            var result = Process(stage, docs, new StageBatch(u, first), options);
            var addedNames = result.Fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            long dropped = 0;
            for (var i = 0; i < docs.Count; i++)
            {
                var text = result.Texts?[i];
                if (result.RejectionOf(i) is { } reason)
                {
                    dropped++;
                    rejects?.Write(docs[i], text, [.. result.Fields, new StageField(DatasetStages.RejectReasonColumn, result.Rejections!)], i, addedNames);
                }
                else writer.Write(docs[i], text, result.Fields, i, addedNames);
            }
            return dropped;
        }
    }

    /// <summary>Processes a batch in parallel pieces and joins the results in document order.</summary>
    private static StageResult Process(IDocumentStage stage, List<CorpusDocument> batch, StageBatch at, CorpusRunOptions options)
    {
        // Pieces small enough that every thread has several, large enough to amortize the stage's setup.
        var piece = Math.Clamp(batch.Count / (4 * Math.Max(1, options.MaxDegreeOfParallelism)), 16, 512);
        var texts = stage.ReadsTexts ? batch.Select(d => d.Text).ToArray() : Enumerable.Repeat("", batch.Count).ToArray();
        var ids = batch.Select(d => d.Id).ToArray();
        var parts = new StageResult[(texts.Length + piece - 1) / piece];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.Cancellation }, p =>
        {
            var start = p * piece;
            var count = Math.Min(piece, texts.Length - start);
            parts[p] = stage.Process(new ArraySegment<string>(texts, start, count), new ArraySegment<string>(ids, start, count),
                new StageBatch(at.Unit, at.FirstOrdinal + start), options.Cancellation);
        });
        return DatasetStages.Merge(parts, texts.Length);
    }
}
