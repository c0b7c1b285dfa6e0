namespace DataCenterTools.Core.Data;

/// <summary>A column of fixed-size values (Int64, Double, Boolean, DateTime).</summary>
public abstract class PrimitiveColumn<T> : Column where T : struct
{
    private readonly T[] _values;

    protected PrimitiveColumn(string name, T[] values, int length, ValidityBitmap? validity)
        : base(name, length, validity)
    {
        if (values.Length < length) throw new ArgumentException("Value array is shorter than the column.");
        _values = values;
    }

    /// <summary>The raw values; cells that are missing hold default(T).</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Length);

    public T this[int row] => _values[row];

    public T? GetNullable(int row) => IsNull(row) ? null : _values[row];

    public override object? GetValue(int row) => IsNull(row) ? null : _values[row];

    public override long EstimatedBytes => (long)Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + (Validity == null ? 0 : Length / 8);

    protected T[] TakeValues(ReadOnlySpan<int> rows)
    {
        var taken = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++) taken[i] = _values[rows[i]];
        return taken;
    }

    internal T[] RawArray => _values;
}
