namespace DataCenterTools.Core.Data;

/// <summary>What a reader does with NaN and ±Infinity cells in numeric columns.</summary>
public enum NonFiniteAction
{
    /// <summary>Keep them as Double values (NaN, +Infinity, -Infinity).</summary>
    Keep,
    /// <summary>Read them as missing and say how many in a warning.</summary>
    Missing,
}
