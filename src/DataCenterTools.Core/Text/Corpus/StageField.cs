namespace DataCenterTools.Core.Text.Corpus;

/// <summary>A field a stage adds to every document of a batch (null cells are missing).</summary>
public sealed record StageField(string Name, StageFieldKind Kind, object?[] Values);
