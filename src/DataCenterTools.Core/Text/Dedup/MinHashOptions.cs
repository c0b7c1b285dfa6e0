using System.Globalization;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>How duplicates are found: exactly by normalized text, or near-duplicates by MinHash and LSH.</summary>
public enum DuplicateMethod { MinHash, Exact }

/// <summary>What happens to documents with fewer tokens than the n-gram size (no shingle to sign).</summary>
public enum ShortDocumentRule
{
    /// <summary>A short document is a duplicate only of another whose normalized text is exactly the same.</summary>
    Exact,
    /// <summary>Short documents are never duplicates.</summary>
    Keep,
}

/// <summary>
/// Settings of a dedup run. Defaults follow datatrove's MinhashConfig: 5-word shingles, 14 bands of 8 hashes
/// (112 permutations), seed 1, threshold 0.8 (its S-curve passes 0.8 with 92% probability of a shared band).
/// </summary>
public sealed record MinHashOptions
{
    public DuplicateMethod Method { get; init; } = DuplicateMethod.MinHash;
    public int NGram { get; init; } = 5;
    public int Permutations { get; init; } = 112;
    public int Bands { get; init; } = 14;
    public double Threshold { get; init; } = 0.8;
    public ShingleUnit Unit { get; init; } = ShingleUnit.Word;
    public ulong Seed { get; init; } = 1;
    /// <summary>Check candidate pairs by exact Jaccard of their shingle sets instead of the signatures' estimate (in memory only).</summary>
    public bool Verify { get; init; }
    public ShortDocumentRule ShortDocuments { get; init; } = ShortDocumentRule.Exact;
    public DuplicateKeep Keep { get; init; } = DuplicateKeep.First;
    /// <summary>The column whose latest value wins under Keep Newest.</summary>
    public string? DateColumn { get; init; }
    /// <summary>Threads for signing; the result is the same for any value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
    public int RowsPerBand => Permutations / Bands;

    /// <summary>Checks the settings; each bad one is a clear error.</summary>
    public MinHashOptions Validated()
    {
        if (!(Threshold > 0 && Threshold <= 1))
            throw Invalid("InvalidThreshold", $"{{option:Threshold}} must be in (0, 1]; got {Threshold.ToString(CultureInfo.InvariantCulture)}.", "Use for example {option:Threshold} 0.8.");
        if (NGram < 1 || NGram > 64) throw Invalid("InvalidNGram", $"{{option:NGram}} must be 1 to 64; got {NGram}.", "Use {option:NGram} 5 (words) or about 10-20 (characters).");
        if (Bands < 1 || Permutations < 1 || Permutations % Bands != 0 || Permutations > 1024)
            throw Invalid("InvalidBands", $"{{option:Permutations}} ({Permutations}) must be a multiple of {{option:Bands}} ({Bands}), at most 1,024.", "Use for example {option:Permutations} 112 {option:Bands} 14.");
        if (Keep == DuplicateKeep.Newest && DateColumn == null)
            throw Invalid("DateColumnMissing", "{option:Keep} Newest needs {option:DateColumn}: the column that says when each document was written.", "Add {option:DateColumn} created.");
        return this;
    }

    public IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["Method"] = Method.ToString(),
        ["NGram"] = NGram.ToString(CultureInfo.InvariantCulture),
        ["Unit"] = Unit.ToString(),
        ["Permutations"] = Permutations.ToString(CultureInfo.InvariantCulture),
        ["Bands"] = Bands.ToString(CultureInfo.InvariantCulture),
        ["Threshold"] = Threshold.ToString(CultureInfo.InvariantCulture),
        ["Seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["Verify"] = Verify.ToString(),
        ["ShortDocuments"] = ShortDocuments.ToString(),
        ["Keep"] = Keep.ToString(),
        ["DateColumn"] = DateColumn ?? "",
    };

    private static DataException Invalid(string id, string message, string what) => new(id, DataErrorKind.InvalidArgument, message, what);
}
