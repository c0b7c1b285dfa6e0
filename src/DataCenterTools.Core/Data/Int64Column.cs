namespace DataCenterTools.Core.Data;

public sealed class Int64Column(string name, long[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<long>(name, values, length, validity)
{
    public Int64Column(string name, long[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Int64;
    public override Column WithName(string name) => new Int64Column(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new Int64Column(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}
