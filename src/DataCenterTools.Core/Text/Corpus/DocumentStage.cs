namespace DataCenterTools.Core.Text.Corpus;

/// <summary>The type of a field a stage adds to each document.</summary>
public enum StageFieldKind { Double, Int64, Boolean, String }

/// <summary>A field a stage adds to every document of a batch (null cells are missing).</summary>
public sealed record StageField(string Name, StageFieldKind Kind, object?[] Values);

/// <summary>What a stage did to a batch of documents.</summary>
public sealed class StageResult(int count)
{
    public int Count { get; } = count;
    /// <summary>The new text of each document, or null when the stage does not change text.</summary>
    public string?[]? Texts { get; set; }
    public List<StageField> Fields { get; } = [];
    /// <summary>Per document, the reason it is dropped, or null when kept; null array: all kept.</summary>
    public string?[]? Rejections { get; set; }

    public StageField Add(string name, StageFieldKind kind)
    {
        var field = new StageField(name, kind, new object?[Count]);
        Fields.Add(field);
        return field;
    }

    public string? RejectionOf(int i) => Rejections?[i];
}

/// <summary>Where a batch sits in a run: which unit (input file) and the ordinal of its first document in that unit.</summary>
public readonly record struct StageBatch(int Unit, long FirstOrdinal);

/// <summary>
/// One per-document operation (cleaning, quality, language, tokens, redaction, and the decision step of dedup and
/// decontamination), written once and run both over an in-memory Dataset (<see cref="DatasetStages"/>) and as a
/// streaming run over files (<see cref="CorpusStreamRun"/>). A stage is pure per batch, so batches may run on any
/// thread and the result does not depend on how documents were batched.
/// </summary>
public interface IDocumentStage
{
    /// <summary>The cmdlet-level name of the operation (for lineage and the run manifest).</summary>
    string Operation { get; }
    /// <summary>The settings that decide the output (a re-run with other settings does not reuse finished files).</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }
    StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation);
}
