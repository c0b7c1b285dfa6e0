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

public sealed class Int64Column(string name, long[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<long>(name, values, length, validity)
{
    public Int64Column(string name, long[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Int64;
    public override Column WithName(string name) => new Int64Column(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new Int64Column(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}

public sealed class DoubleColumn(string name, double[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<double>(name, values, length, validity)
{
    public DoubleColumn(string name, double[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Double;
    public override Column WithName(string name) => new DoubleColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new DoubleColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}

public sealed class BooleanColumn(string name, bool[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<bool>(name, values, length, validity)
{
    public BooleanColumn(string name, bool[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Boolean;
    public override Column WithName(string name) => new BooleanColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new BooleanColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}

/// <summary>DateTime values; Kind is Utc when the source said so (Z or an offset), else Unspecified.</summary>
public sealed class DateTimeColumn(string name, DateTime[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<DateTime>(name, values, length, validity)
{
    public DateTimeColumn(string name, DateTime[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.DateTime;
    public override Column WithName(string name) => new DateTimeColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new DateTimeColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}
