using System.Diagnostics;
using DataCenterTools.Core.Data;
using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>The result of dedup on a Dataset: the Dataset with cluster_id, duplicate_of and similarity (kept rows only with remove), and what was found.</summary>
public sealed record DuplicateTextResult(Dataset Dataset, DuplicateTextSummary Summary);

/// <summary>
/// Exact and near-duplicate detection on in-memory Datasets (Find-DuplicateText / Remove-DuplicateText), against an
/// optional reference corpus whose documents are kept in preference and matched by id; and the sketches of a
/// Dataset as a mergeable summary. The streaming form over files is <see cref="NearDuplicateRun"/>.
/// </summary>
public static class NearDuplicateFinder
{
    public static DuplicateTextResult Find(Dataset dataset, string? textColumn, string? idColumn, MinHashOptions options, bool remove,
        Dataset? reference = null, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var hasher = new MinHasher(options);
        var (refTexts, refIds, refKeys) = reference == null ? ([], [], []) : Documents(reference, textColumn, idColumn, options);
        var (texts, ids, keys) = Documents(dataset, textColumn, idColumn, options);
        var allTexts = refTexts.Concat(texts).ToArray();
        var sketches = Sketch(allTexts, refKeys.Concat(keys).ToArray(), hasher, cancellation);
        var source = new SketchArray(sketches, refIds.Concat(ids).ToArray());
        var workFolder = Path.Combine(Path.GetTempPath(), "dct-dedup-" + Guid.NewGuid().ToString("N"));
        DuplicateDecisions decisions;
        try
        {
            using var sorter = new BandRecordSorter(workFolder, Math.Max(1 << 16, allTexts.Length * (options.Bands + 1)));
            for (var i = 0; i < sketches.Length; i++) DuplicateClusterer.AddRecords(sorter, hasher, i, sketches[i]);
            decisions = DuplicateClusterer.Cluster(source, refTexts.Length, options, sorter.Sorted(),
                options.Verify ? (a, b) => ExactJaccard(allTexts[a], allTexts[b], options) : null, cancellation);
        }
        finally { if (Directory.Exists(workFolder)) Directory.Delete(workFolder, recursive: true); }
        var parameters = new Dictionary<string, string>(options.Describe()) { ["Reference"] = reference?.Name ?? "" };
        var stage = new DuplicateStage(decisions, source, [refTexts.Length], remove, parameters, remove ? "Remove-DuplicateText" : "Find-DuplicateText");
        var applied = DatasetStages.Apply(dataset, stage, textColumn, idColumn, drop: remove, cancellation: cancellation);
        return new DuplicateTextResult(applied.Kept, DuplicateTextSummary.Of(decisions, texts.Length, refTexts.Length, options, clock.Elapsed));
    }

    /// <summary>Writes the sketches of a Dataset's documents as a summary file (-AsSummary) for Merge-DuplicateTextSummary.</summary>
    public static long WriteSummary(Dataset dataset, string? textColumn, string? idColumn, MinHashOptions options, string path, bool overwrite, CancellationToken cancellation = default)
    {
        var (texts, ids, keys) = Documents(dataset, textColumn, idColumn, options);
        var sketches = Sketch(texts, keys, new MinHasher(options), cancellation);
        using var writer = new SketchFile.Writer(path, SketchFile.SketchSettings.Of(options), overwrite);
        for (var i = 0; i < sketches.Length; i++) writer.Add(ids[i], dataset.Source?.Path ?? dataset.Name, sketches[i]);
        writer.Commit();
        return writer.Count;
    }

    /// <summary>Dedups a (merged) summary: one row per document with id, source, cluster_id, duplicate_of, similarity.</summary>
    public static DuplicateTextResult FromSummary(string path, MinHashOptions options, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        using var file = SketchFile.Open(path);
        options = options with
        {
            Method = Enum.Parse<DuplicateMethod>(file.Settings.Method), NGram = file.Settings.NGram, Unit = Enum.Parse<ShingleUnit>(file.Settings.Unit),
            Permutations = file.Settings.Permutations, Bands = file.Settings.Bands, Seed = file.Settings.Seed,
            ShortDocuments = Enum.Parse<ShortDocumentRule>(file.Settings.ShortDocuments), Verify = false,
        };
        var hasher = new MinHasher(options);
        var workFolder = Path.Combine(Path.GetTempPath(), "dct-dedup-" + Guid.NewGuid().ToString("N"));
        DuplicateDecisions decisions;
        var ids = new string[file.Count];
        var sources = new string[file.Count];
        try
        {
            using var sorter = new BandRecordSorter(workFolder);
            long i = 0;
            foreach (var (id, src, sketch) in file.ReadAll())
            {
                ids[i] = id;
                sources[i] = src;
                DuplicateClusterer.AddRecords(sorter, hasher, i++, sketch);
            }
            decisions = DuplicateClusterer.Cluster(file, 0, options, sorter.Sorted(), null, cancellation);
        }
        finally { if (Directory.Exists(workFolder)) Directory.Delete(workFolder, recursive: true); }
        var columns = new List<Column> { new StringColumn("id", ids), new StringColumn("source", sources) };
        var stage = new DuplicateStage(decisions, file, [0], false, options.Describe(), "Find-DuplicateText");
        var result = stage.Process(ids, ids, new StageBatch(0, 0), cancellation);
        columns.AddRange(result.Fields.Select(f => f.ToColumn()));
        var dataset = new Dataset(Path.GetFileNameWithoutExtension(path), columns, null,
            [new LineageEntry("Find-DuplicateText", new Dictionary<string, string>(options.Describe()) { ["Summary"] = file.Path })]);
        return new DuplicateTextResult(dataset, DuplicateTextSummary.Of(decisions, file.Count, 0, options, clock.Elapsed));
    }

    private static (string[] Texts, string[] Ids, long[] Keys) Documents(Dataset dataset, string? textColumn, string? idColumn, MinHashOptions options)
    {
        var text = CorpusColumns.TextOf(dataset, textColumn);
        var texts = new string[dataset.RowCount];
        for (var i = 0; i < texts.Length; i++) texts[i] = text[i] ?? "";
        var keys = new long[texts.Length];
        if (options.Keep == DuplicateKeep.Newest)
        {
            if (!dataset.TryGetColumn(options.DateColumn!, out var date))
                throw new DataException("ColumnNotFound", DataErrorKind.ObjectNotFound, $"{{option:DateColumn}} '{options.DateColumn}' is not a column of '{dataset.Name}'.",
                    $"Columns: {string.Join(", ", dataset.Columns.Select(c => c.Name))}.", column: options.DateColumn);
            for (var i = 0; i < keys.Length; i++)
                keys[i] = date is DateTimeColumn dt ? (dt.IsNull(i) ? long.MinValue : dt[i].Ticks) : DuplicateColumns.SortKeyOf(date.GetValue(i) is { } v ? CellParser.Format(v) : null);
        }
        return (texts, CorpusColumns.IdsOf(dataset, idColumn), keys);
    }

    /// <summary>The sketches of documents, computed in parallel (each depends only on its text, so the order of work does not matter).</summary>
    internal static DocumentSketch[] Sketch(string[] texts, long[] keys, MinHasher hasher, CancellationToken cancellation)
    {
        var sketches = new DocumentSketch[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = hasher.Options.MaxDegreeOfParallelism },
            () => (Tokens: new List<ulong>(), Shingles: new List<ulong>()),
            (i, _, lists) => { sketches[i] = hasher.Sketch(texts[i], keys[i], lists.Tokens, lists.Shingles); return lists; },
            _ => { });
        return sketches;
    }

    /// <summary>The exact Jaccard similarity of two documents' shingle sets (for -Verify and the benchmark's ground truth).</summary>
    public static double ExactJaccard(string a, string b, MinHashOptions options)
    {
        var sa = ShingleSet(a, options);
        var sb = ShingleSet(b, options);
        if (sa.Count == 0 && sb.Count == 0) return 1;
        var inter = sa.Count(sb.Contains);
        return (double)inter / (sa.Count + sb.Count - inter);
    }

    public static HashSet<ulong> ShingleSet(string text, MinHashOptions options)
    {
        var tokens = new List<ulong>();
        var shingles = new List<ulong>();
        ShingleText.TokenHashes(text, options.Unit, options.Seed, tokens);
        ShingleText.ShingleHashes(tokens, options.NGram, options.Seed, shingles);
        return [.. shingles];
    }
}
