namespace DataCenterTools.Core.Data;

/// <summary>DateTime values; Kind is Utc when the source said so (Z or an offset), else Unspecified.</summary>
public sealed class DateTimeColumn(string name, DateTime[] values, int length, ValidityBitmap? validity = null)
    : PrimitiveColumn<DateTime>(name, values, length, validity)
{
    public DateTimeColumn(string name, DateTime[] values, ValidityBitmap? validity = null) : this(name, values, values.Length, validity) { }
    public override ColumnType Type => ColumnType.DateTime;
    public override Column WithName(string name) => new DateTimeColumn(name, RawArray, Length, Validity);
    public override Column Take(ReadOnlySpan<int> rows) => new DateTimeColumn(Name, TakeValues(rows), rows.Length, TakeValidity(rows));
}
