using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>What a dedup run found, for the pipeline and -Verbose.</summary>
public sealed record DuplicateTextSummary(long Documents, long ReferenceDocuments, long Clusters, long Duplicates, long ShortDocuments,
    long CandidatePairs, long VerifiedPairs, string Method, double Threshold, TimeSpan Elapsed)
{
    public static DuplicateTextSummary Of(DuplicateDecisions d, long documents, long references, MinHashOptions o, TimeSpan elapsed) =>
        new(documents, references, d.Clusters, d.Duplicates, d.ShortDocuments, d.CandidatePairs, d.VerifiedPairs, o.Method.ToString(), o.Threshold, elapsed);
}

/// <summary>The three columns dedup adds, and how a date cell becomes the Keep Newest key.</summary>
public static class DuplicateColumns
{
    public const string ClusterId = "cluster_id";
    public const string DuplicateOf = "duplicate_of";
    public const string Similarity = "similarity";

    /// <summary>A date or number as a sortable key (ticks); missing or unreadable text sorts oldest.</summary>
    public static long SortKeyOf(string? text)
    {
        if (text == null) return long.MinValue;
        if (CellParser.TryParseDateTime(text, out var dt)) return dt.ToUniversalTime().Ticks;
        return CellParser.TryParseDouble(text, out var d) ? (long)Math.Clamp(d, long.MinValue, long.MaxValue) : long.MinValue;
    }
}
