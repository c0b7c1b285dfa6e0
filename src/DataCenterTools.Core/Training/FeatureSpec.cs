using DataCenterTools.Core.Data;
using Microsoft.ML;
namespace DataCenterTools.Core.Training;

/// <summary>A feature the model reads: the input column's name and type and how it is encoded.</summary>
public sealed record FeatureSpec(string Name, ColumnType Type, FeatureKind Kind, IReadOnlyList<DatePart>? DateParts = null)
{
    /// <summary>The parts a DateTime feature is split into: those chosen (-DateParts), else hour, day of week, day of month and month.</summary>
    internal IReadOnlyList<DatePart> PartsOrDefault => DateParts ?? DefaultDateParts;

    public static readonly IReadOnlyList<DatePart> DefaultDateParts = [DatePart.Hour, DatePart.DayOfWeek, DatePart.Day, DatePart.Month];
}
