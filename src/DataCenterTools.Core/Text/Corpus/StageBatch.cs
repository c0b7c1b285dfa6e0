namespace DataCenterTools.Core.Text.Corpus;

/// <summary>Where a batch sits in a run: which unit (input file) and the ordinal of its first document in that unit.</summary>
public readonly record struct StageBatch(int Unit, long FirstOrdinal);
