namespace DataCenterTools.Core.Training;

/// <summary>Top-N figures averaged over the evaluated users, and the share of the catalogue that reached any list.</summary>
public sealed record TopNMetrics(int K, int Users, double Precision, double Recall, double Ndcg, double MeanAveragePrecision, double HitRate, double CatalogCoverage);

/// <summary>
/// Binary-relevance ranking metrics of one user's top-k list. <c>relevant[i]</c> says whether the item at rank i + 1 is
/// relevant; <c>relevantCount</c> is how many relevant items the user has in all (held out), listed or not.
/// Definitions: precision@k = hits / k; recall@k = hits / relevantCount; NDCG@k = DCG / IDCG with DCG = Σ rel_i / log2(i + 1)
/// (scikit-learn's ndcg_score); AP@k = Σ precision@i · rel_i / min(k, relevantCount) (the usual MAP@k of Kaggle and
/// recommender libraries); a hit is at least one relevant item in the list.
/// </summary>
public static class RankingMetrics
{
    public static double PrecisionAtK(ReadOnlySpan<bool> relevant, int k) => k <= 0 ? double.NaN : (double)Hits(relevant, k) / k;

    public static double RecallAtK(ReadOnlySpan<bool> relevant, int relevantCount, int k) =>
        relevantCount == 0 ? double.NaN : (double)Hits(relevant, k) / relevantCount;

    public static double NdcgAtK(ReadOnlySpan<bool> relevant, int relevantCount, int k)
    {
        if (relevantCount == 0) return double.NaN;
        double dcg = 0, ideal = 0;
        var n = Math.Min(k, relevant.Length);
        for (var i = 0; i < n; i++) if (relevant[i]) dcg += 1 / Math.Log2(i + 2);
        for (var i = 0; i < Math.Min(k, relevantCount); i++) ideal += 1 / Math.Log2(i + 2);
        return dcg / ideal;
    }

    public static double AveragePrecisionAtK(ReadOnlySpan<bool> relevant, int relevantCount, int k)
    {
        if (relevantCount == 0) return double.NaN;
        double sum = 0;
        var hits = 0;
        var n = Math.Min(k, relevant.Length);
        for (var i = 0; i < n; i++)
        {
            if (!relevant[i]) continue;
            hits++;
            sum += (double)hits / (i + 1);
        }
        return sum / Math.Min(k, relevantCount);
    }

    public static int Hits(ReadOnlySpan<bool> relevant, int k)
    {
        var hits = 0;
        var n = Math.Min(k, relevant.Length);
        for (var i = 0; i < n; i++) if (relevant[i]) hits++;
        return hits;
    }

    /// <summary>
    /// Averages the figures over users. <paramref name="lists"/> holds each user's top-k item indexes (best first) and
    /// <paramref name="relevantSets"/> that user's relevant held-out items; <paramref name="catalogue"/> is the number of items that could be recommended.
    /// Users without a relevant item are left out (they have no recall or NDCG).
    /// </summary>
    public static TopNMetrics Summarize(IReadOnlyList<int[]> lists, IReadOnlyList<IReadOnlySet<int>> relevantSets, int k, int catalogue)
    {
        double precision = 0, recall = 0, ndcg = 0, map = 0, hits = 0;
        var users = 0;
        var listed = new HashSet<int>();
        for (var u = 0; u < lists.Count; u++)
        {
            var set = relevantSets[u];
            if (set.Count == 0) continue;
            var list = lists[u];
            var flags = new bool[list.Length];
            for (var i = 0; i < list.Length; i++) flags[i] = set.Contains(list[i]);
            foreach (var item in list) listed.Add(item);
            users++;
            precision += PrecisionAtK(flags, k);
            recall += RecallAtK(flags, set.Count, k);
            ndcg += NdcgAtK(flags, set.Count, k);
            map += AveragePrecisionAtK(flags, set.Count, k);
            if (Hits(flags, k) > 0) hits++;
        }
        if (users == 0) return new TopNMetrics(k, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        return new TopNMetrics(k, users, precision / users, recall / users, ndcg / users, map / users, hits / users,
            catalogue == 0 ? double.NaN : (double)listed.Count / catalogue);
    }

    /// <summary>The indexes of the <paramref name="k"/> highest scores, best first (ties: lower index first), skipping <paramref name="excluded"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int[] TopK(ReadOnlySpan<float> scores, int k, Func<int, bool>? excluded = null)
    {
        // A min-heap of the best k so far: O(n log k), no sort of the whole catalogue.
        var heap = new List<(float Score, int Index)>(k + 1);
        for (var i = 0; i < scores.Length; i++)
        {
            if (excluded != null && excluded(i)) continue;
            var s = float.IsNaN(scores[i]) ? float.NegativeInfinity : scores[i];
            if (heap.Count < k) { heap.Add((s, i)); SiftUp(heap, heap.Count - 1); }
            else if (k > 0 && Better(s, i, heap[0].Score, heap[0].Index)) { heap[0] = (s, i); SiftDown(heap, 0); }
        }
        return heap.OrderByDescending(h => h.Score).ThenBy(h => h.Index).Select(h => h.Index).ToArray();
    }

    private static bool Better(float a, int ai, float b, int bi) => a > b || (a == b && ai < bi);

    // The heap's root is the worst kept entry.
    private static void SiftUp(List<(float Score, int Index)> h, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(h[parent].Score, h[parent].Index, h[i].Score, h[i].Index)) break;
            (h[parent], h[i]) = (h[i], h[parent]);
            i = parent;
        }
    }

    private static void SiftDown(List<(float Score, int Index)> h, int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < h.Count && Better(h[worst].Score, h[worst].Index, h[left].Score, h[left].Index)) worst = left;
            if (right < h.Count && Better(h[worst].Score, h[worst].Index, h[right].Score, h[right].Index)) worst = right;
            if (worst == i) return;
            (h[worst], h[i]) = (h[i], h[worst]);
            i = worst;
        }
    }
}
