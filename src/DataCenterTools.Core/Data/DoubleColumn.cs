namespace DataCenterTools.Core.Data;

public sealed class DoubleColumn(string name, double[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<double>(name, values, length, validity)
{
    public DoubleColumn(string name, double[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Double;
    public override Column WithName(string name) => new DoubleColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new DoubleColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}
