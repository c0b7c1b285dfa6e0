namespace DataCenterTools.Core.Text.Quality;

/// <summary>The published rule families Test-TextQuality applies.</summary>
public enum QualityFamily { Gopher, C4, FineWeb }
