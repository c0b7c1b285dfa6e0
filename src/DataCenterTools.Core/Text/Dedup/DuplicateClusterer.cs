namespace DataCenterTools.Core.Text.Dedup;

/// <summary>
/// The verdict for every document of a run: its cluster (the ordinal of the cluster's first document, -1 when it
/// has no duplicate), the document kept in its place (-1 when it is kept itself) and its similarity to that one.
/// </summary>
public sealed class DuplicateDecisions(long count)
{
    public long[] ClusterOf { get; } = Filled(count, -1);
    public long[] DuplicateOf { get; } = Filled(count, -1);
    public double[] Similarity { get; } = Enumerable.Repeat(double.NaN, checked((int)count)).ToArray();
    public long Clusters { get; internal set; }
    public long Duplicates { get; internal set; }
    public long ShortDocuments { get; internal set; }
    public long CandidatePairs { get; internal set; }
    public long VerifiedPairs { get; internal set; }

    private static long[] Filled(long n, long value) => Enumerable.Repeat(value, checked((int)n)).ToArray();
}

/// <summary>
/// Turns LSH buckets into clusters: documents sharing a band key are candidates; a candidate pair is a duplicate
/// when the texts are the same after normalization, or (MinHash) when the signatures agree on at least
/// Threshold of the permutations, or with -Verify when the exact Jaccard similarity of the shingle sets reaches it.
/// Within a bucket each document is checked against every earlier one not already in its cluster, so clusters
/// are the connected components of all verified pairs: the same whatever the thread count or batch sizes.
/// The kept document of a cluster is a reference document when there is one, else the first, the longest or the
/// newest (ties: the first).
/// </summary>
public static class DuplicateClusterer
{
    /// <summary>The band records of one document: one per band, and for a short document (or exact dedup) its exact-text key.</summary>
    public static void AddRecords(BandRecordSorter sorter, MinHasher hasher, long ordinal, DocumentSketch sketch)
    {
        var options = hasher.Options;
        if (!sketch.IsShort)
        {
            Span<ulong> keys = stackalloc ulong[options.Bands];
            hasher.BandKeys(sketch.Signature, keys);
            for (var b = 0; b < keys.Length; b++) sorter.Add(new BandRecord(b, keys[b], ordinal));
        }
        else if (options.Method == DuplicateMethod.Exact || options.ShortDocuments == ShortDocumentRule.Exact)
            sorter.Add(new BandRecord(options.Bands, sketch.ExactLow, ordinal));
    }

    public static DuplicateDecisions Cluster(ISketchSource sketches, long referenceCount, MinHashOptions options, IEnumerable<BandRecord> sorted,
        Func<long, long, double>? exactJaccard, CancellationToken cancellation)
    {
        var n = sketches.Count;
        var sets = new UnionFind(n);
        var decisions = new DuplicateDecisions(n);
        var bucket = new List<BandRecord>();
        long groups = 0;
        foreach (var record in sorted)
        {
            if (bucket.Count > 0 && !bucket[0].SameBucket(record))
            {
                Join(bucket);
                bucket.Clear();
                if ((++groups & 4095) == 0) cancellation.ThrowIfCancellationRequested();
            }
            bucket.Add(record);
        }
        Join(bucket);
        Decide(sketches, referenceCount, options, sets, decisions, exactJaccard);
        return decisions;

        void Join(List<BandRecord> members)
        {
            if (members.Count < 2) return;
            var local = members.Select(m => sketches[m.Ordinal]).ToArray();
            for (var i = 1; i < members.Count; i++)
                for (var j = 0; j < i; j++)
                {
                    var a = members[j].Ordinal;
                    var b = members[i].Ordinal;
                    if (sets.Find(a) == sets.Find(b)) continue;
                    decisions.CandidatePairs++;
                    if (Similarity(local[j], local[i], a, b, options, exactJaccard) < options.Threshold) continue;
                    decisions.VerifiedPairs++;
                    sets.Union(a, b);
                }
        }
    }

    /// <summary>The similarity the threshold is checked on: 1 for the same normalized text, else estimated (or exact with -Verify) Jaccard; 0 where it cannot be measured.</summary>
    public static double Similarity(DocumentSketch x, DocumentSketch y, long a, long b, MinHashOptions options, Func<long, long, double>? exactJaccard)
    {
        if (x.SameText(y)) return 1;
        if (options.Method == DuplicateMethod.Exact || x.IsShort || y.IsShort) return 0;
        return options.Verify && exactJaccard != null ? exactJaccard(a, b) : MinHasher.EstimatedJaccard(x.Signature, y.Signature);
    }

    private static void Decide(ISketchSource sketches, long referenceCount, MinHashOptions options, UnionFind sets, DuplicateDecisions decisions,
        Func<long, long, double>? exactJaccard)
    {
        var n = (int)sketches.Count;
        var size = new int[n];
        var best = new long[n];
        var key = new long[n];
        var cache = new Dictionary<long, DocumentSketch>();
        for (var i = 0; i < n; i++)
        {
            var sketch = sketches[i];
            if (sketch.IsShort) decisions.ShortDocuments++;
            key[i] = options.Keep switch { DuplicateKeep.Longest => sketch.Length, DuplicateKeep.Newest => sketch.SortKey, _ => 0 };
            var root = (int)sets.Find(i);
            best[root] = size[root] == 0 || Better(i, best[root]) ? i : best[root];
            size[root]++;
        }
        for (var i = 0; i < n; i++)
        {
            var root = (int)sets.Find(i);
            if (size[root] < 2) continue;
            decisions.ClusterOf[i] = root;
            var kept = best[root];
            if (kept == i) continue;
            decisions.DuplicateOf[i] = kept;
            if (!cache.TryGetValue(kept, out var keptSketch)) cache[kept] = keptSketch = sketches[kept];
            decisions.Similarity[i] = Similarity(sketches[i], keptSketch, i, kept, options, exactJaccard);
            if (i >= referenceCount) decisions.Duplicates++;
        }
        decisions.Clusters = size.Count(s => s > 1);

        bool Better(long x, long y)
        {
            var refX = x < referenceCount;
            var refY = y < referenceCount;
            if (refX != refY) return refX;
            return key[x] != key[y] ? key[x] > key[y] : x < y;
        }
    }
}
