namespace DataCenterTools.Core.Text.Contamination;

/// <summary>A token of text with where it sits in the original string (so a match can be cut out).</summary>
public readonly record struct TextToken(int Start, int End);
