using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>How corpus files are read: which fields, what a bad line does, and the limits that keep a hostile file from exhausting memory.</summary>
public sealed record CorpusReadOptions
{
    public string? TextColumn { get; init; }
    public string? IdColumn { get; init; }
    /// <summary>Every file is one plain-text document (UTF-8), its path the id.</summary>
    public bool DocumentPerFile { get; init; }
    public BadRowAction OnBadRow { get; init; } = BadRowAction.Error;
    public string? QuarantinePath { get; init; }
    public bool Force { get; init; }
    /// <summary>A line (document) longer than this is a bad line: 64 MiB by default.</summary>
    public int MaxDocumentBytes { get; init; } = 64 << 20;
    public Action<string>? Warning { get; init; }
    /// <summary>
    /// False: a JSON line's text is decoded only when <see cref="CorpusDocument.Text"/> is asked for, for a run whose
    /// stage never reads texts (dedup's decision step writes the line's bytes back as they were).
    /// </summary>
    public bool DecodeText { get; init; } = true;
    /// <summary>
    /// False: a JSON line's bytes are let go once its text and id are read, for a run that needs nothing else of a
    /// document (dedup's sketch pass); such a document has no other fields to give or write back. The copy of every
    /// line was two fifths of that pass's allocations.
    /// </summary>
    public bool KeepLine { get; init; } = true;
    public CancellationToken Cancellation { get; init; }

    internal ReadOptions ToReadOptions(string? quarantinePath = null) => new()
    {
        OnBadRow = OnBadRow,
        QuarantinePath = quarantinePath ?? QuarantinePath,
        Force = Force,
        Warning = Warning,
        Cancellation = Cancellation,
    };
}
