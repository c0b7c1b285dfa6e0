namespace DataCenterTools.Core.Data;

/// <summary>The logical type of a column. Every cell of a column has this type or is missing.</summary>
public enum ColumnType
{
    Int64,
    Double,
    Boolean,
    DateTime,
    String,
}

public static class ColumnTypes
{
    /// <summary>Parses a type name as users write it (Int64, long, int, Double, float, Boolean, bool, DateTime, date, String, string).</summary>
    public static bool TryParse(string? text, out ColumnType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "int64": case "long": case "int": case "int32": case "integer": type = ColumnType.Int64; return true;
            case "double": case "float": case "single": case "decimal": case "number": type = ColumnType.Double; return true;
            case "boolean": case "bool": type = ColumnType.Boolean; return true;
            case "datetime": case "date": case "timestamp": type = ColumnType.DateTime; return true;
            case "string": case "text": case "str": type = ColumnType.String; return true;
            default: type = ColumnType.String; return false;
        }
    }

    public static Type ClrType(this ColumnType type) => type switch
    {
        ColumnType.Int64 => typeof(long),
        ColumnType.Double => typeof(double),
        ColumnType.Boolean => typeof(bool),
        ColumnType.DateTime => typeof(System.DateTime),
        _ => typeof(string),
    };
}
