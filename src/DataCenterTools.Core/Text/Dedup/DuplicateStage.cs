using DataCenterTools.Core.Text.Corpus;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>
/// Writes the decisions of a dedup run onto documents: cluster_id, duplicate_of (the kept document's id) and
/// similarity; with remove, a duplicate is dropped with the reason "duplicate of &lt;id&gt;".
/// </summary>
public sealed class DuplicateStage(DuplicateDecisions decisions, ISketchSource ids, long[] unitBase, bool remove, IReadOnlyDictionary<string, string> parameters, string operation)
    : IDocumentStage
{
    public string Operation => operation;
    public IReadOnlyDictionary<string, string> Parameters => parameters;
    // Decisions are by ordinal: decoding every text of the second pass only to count them was 5% of a dedup run.
    public bool ReadsTexts => false;

    public StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> docIds, StageBatch batch, CancellationToken cancellation)
    {
        var result = new StageResult(texts.Count);
        var cluster = result.Add(DuplicateColumns.ClusterId, StageFieldKind.Int64);
        var of = result.Add(DuplicateColumns.DuplicateOf, StageFieldKind.String);
        var similarity = result.Add(DuplicateColumns.Similarity, StageFieldKind.Double);
        if (remove) result.Rejections = new string?[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ordinal = unitBase[batch.Unit] + batch.FirstOrdinal + i;
            if (decisions.ClusterOf[ordinal] >= 0) cluster.SetInt64(i, decisions.ClusterOf[ordinal]);
            var kept = decisions.DuplicateOf[ordinal];
            if (kept < 0) continue;
            var keptId = ids.IdOf(kept);
            of.SetString(i, keptId);
            similarity.SetDouble(i, decisions.Similarity[ordinal]);
            if (remove) result.Rejections![i] = "duplicate of " + keptId;
        }
        return result;
    }
}
