namespace DataCenterTools.Core.Training;

/// <summary>The parts a DateTime feature is encoded as (each a float).</summary>
public enum DatePart
{
    Hour,
    DayOfWeek,
    Day,
    Month,
    Year,
    /// <summary>Days since 1970-01-01 (with the time of day as a fraction): the raw position in time.</summary>
    Ordinal,
}
