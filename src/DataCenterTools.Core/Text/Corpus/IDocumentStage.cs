namespace DataCenterTools.Core.Text.Corpus;

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
    /// <summary>False for a stage that never looks at the texts it is given (they are then not decoded, and passed as empty strings).</summary>
    bool ReadsTexts => true;
    StageResult Process(IReadOnlyList<string> texts, IReadOnlyList<string> ids, StageBatch batch, CancellationToken cancellation);
}
