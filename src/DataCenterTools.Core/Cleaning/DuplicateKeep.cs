namespace DataCenterTools.Core.Cleaning;

/// <summary>Which of a set of duplicate rows survives.</summary>
public enum DuplicateKeep { First, Last }
