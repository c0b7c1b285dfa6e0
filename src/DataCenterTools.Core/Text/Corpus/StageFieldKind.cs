namespace DataCenterTools.Core.Text.Corpus;

/// <summary>The type of a field a stage adds to each document.</summary>
public enum StageFieldKind { Double, Int64, Boolean, String }
