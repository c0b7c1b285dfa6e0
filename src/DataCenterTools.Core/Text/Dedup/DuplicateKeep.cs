namespace DataCenterTools.Core.Text.Dedup;

/// <summary>Which document of a cluster is kept.</summary>
public enum DuplicateKeep { First, Longest, Newest }
