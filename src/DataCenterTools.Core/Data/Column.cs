namespace DataCenterTools.Core.Data;

/// <summary>
/// One immutable, typed column. Values live in a typed array; missing cells are marked in a
/// validity bitmap (absent when the column has no missing values).
/// </summary>
public abstract class Column
{
    protected Column(string name, int length, ValidityBitmap? validity)
    {
        if (validity != null && validity.Length != length)
            throw new ArgumentException($"Validity length {validity.Length} does not match column length {length}.");
        Name = name;
        Length = length;
        Validity = validity;
    }

    public string Name { get; }
    public int Length { get; }
    public abstract ColumnType Type { get; }
    public ValidityBitmap? Validity { get; }
    public int NullCount => Validity?.NullCount ?? 0;

    public bool IsNull(int row) => Validity != null && !Validity.IsValid(row);

    /// <summary>The cell as a boxed CLR value (long, double, bool, DateTime, string) or null when missing.</summary>
    public abstract object? GetValue(int row);

    /// <summary>The same data under another name; storage is shared.</summary>
    public abstract Column WithName(string name);

    /// <summary>The rows at the given indices, in that order.</summary>
    public abstract Column Take(ReadOnlySpan<int> rows);

    /// <summary>Approximate bytes held by this column's storage.</summary>
    public abstract long EstimatedBytes { get; }

    public override string ToString() => $"{Name} ({Type}, {Length} rows, {NullCount} missing)";

    protected ValidityBitmap? TakeValidity(ReadOnlySpan<int> rows)
    {
        if (Validity == null) return null;
        var builder = new ValidityBitmap.Builder(rows.Length);
        for (var i = 0; i < rows.Length; i++) if (!Validity.IsValid(rows[i])) builder.SetNull(i);
        return builder.Build();
    }
}
