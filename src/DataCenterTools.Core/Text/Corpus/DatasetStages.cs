using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>The result of a stage on a Dataset: the kept rows with the new fields, and the dropped rows with their reason.</summary>
public sealed record DatasetStageResult(Dataset Kept, Dataset? Rejected, int RejectedCount);

/// <summary>Runs an <see cref="IDocumentStage"/> over an in-memory Dataset's text column, in parallel batches.</summary>
public static class DatasetStages
{
    public const string RejectReasonColumn = "reject_reason";

    /// <param name="drop">Remove rejected documents (else they stay, with the fields saying why).</param>
    public static DatasetStageResult Apply(Dataset dataset, IDocumentStage stage, string? textColumn, string? idColumn, bool drop,
        int batchSize = 2048, CancellationToken cancellation = default)
    {
        var text = CorpusColumns.TextOf(dataset, textColumn);
        var ids = CorpusColumns.IdsOf(dataset, idColumn);
        var n = dataset.RowCount;
        var texts = new string[n];
        for (var i = 0; i < n; i++) texts[i] = text[i] ?? "";
        var batches = (n + batchSize - 1) / batchSize;
        var results = new StageResult[batches];
        Parallel.For(0, batches, new ParallelOptions { CancellationToken = cancellation }, b =>
        {
            var start = b * batchSize;
            var count = Math.Min(batchSize, n - start);
            results[b] = stage.Process(new ArraySegment<string>(texts, start, count), new ArraySegment<string>(ids, start, count), new StageBatch(0, start), cancellation);
        });
        var merged = Merge(results, n);

        var columns = new List<Column>();
        foreach (var c in dataset.Columns)
        {
            if (merged.Fields.Any(f => string.Equals(f.Name, c.Name, StringComparison.OrdinalIgnoreCase))) continue;
            columns.Add(merged.Texts != null && ReferenceEquals(c, text) ? new StringColumn(c.Name, merged.Texts) : c);
        }
        foreach (var f in merged.Fields) columns.Add(f.ToColumn());
        var step = new LineageEntry(stage.Operation, stage.Parameters);
        var all = dataset.WithColumns(columns, step);
        if (merged.Rejections == null || !drop) return new DatasetStageResult(all, null, CountRejected(merged));
        var keep = new List<int>(n);
        var rejected = new List<int>();
        for (var i = 0; i < n; i++) (merged.Rejections[i] == null ? keep : rejected).Add(i);
        var kept = all.TakeRows(keep.ToArray(), dataset.Name, new LineageEntry("Drop", new Dictionary<string, string> { ["Rejected"] = rejected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var reasons = rejected.Select(i => merged.Rejections[i]).ToArray();
        var rejectedSet = rejected.Count == 0 ? null : new Dataset(dataset.Name + "-rejects",
            all.TakeRows(rejected.ToArray(), dataset.Name, step).Columns.Append(new StringColumn(RejectReasonColumn, reasons)), dataset.Source, all.Lineage);
        return new DatasetStageResult(kept, rejectedSet, rejected.Count);
    }

    private static int CountRejected(StageResult r) => r.Rejections?.Count(x => x != null) ?? 0;

    /// <summary>Concatenates batch results (same fields in the same order in every batch).</summary>
    internal static StageResult Merge(StageResult[] parts, int n)
    {
        var merged = new StageResult(n);
        if (parts.Length == 0) return merged;
        if (parts.Any(p => p.Texts != null)) merged.Texts = new string?[n];
        if (parts.Any(p => p.Rejections != null)) merged.Rejections = new string?[n];
        var fields = parts[0].Fields.Select(f => merged.Add(f.Name, f.Kind)).ToList();
        var at = 0;
        foreach (var p in parts)
        {
            if (merged.Texts != null) Array.Copy(p.Texts ?? new string?[p.Count], 0, merged.Texts, at, p.Count);
            if (p.Rejections != null) Array.Copy(p.Rejections, 0, merged.Rejections!, at, p.Count);
            for (var f = 0; f < fields.Count; f++) p.Fields[f].CopyTo(fields[f], at);
            at += p.Count;
        }
        return merged;
    }
}
