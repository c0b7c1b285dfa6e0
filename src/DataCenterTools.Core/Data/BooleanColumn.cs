namespace DataCenterTools.Core.Data;

public sealed class BooleanColumn(string name, bool[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<bool>(name, values, length, validity)
{
    public BooleanColumn(string name, bool[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.Boolean;
    public override Column WithName(string name) => new BooleanColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new BooleanColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}
