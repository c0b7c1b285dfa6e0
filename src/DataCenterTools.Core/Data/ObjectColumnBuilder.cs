namespace DataCenterTools.Core.Data;

/// <summary>
/// Builds a typed column from arbitrary CLR values (objects from the PowerShell pipeline).
/// Integers become Int64, other numbers Double, bool Boolean, DateTime/DateTimeOffset DateTime.
/// When every value is a string (Import-Csv output) the text is typed like a CSV cell.
/// Mixed kinds fall back to String, each value formatted invariantly.
/// </summary>
public sealed class ObjectColumnBuilder(string name)
{
    private readonly List<object?> _values = [];

    public string Name { get; } = name;
    public int Count => _values.Count;

    public void Append(object? value) => _values.Add(value is DBNull ? null : value);

    public void AppendNulls(int count)
    {
        for (var i = 0; i < count; i++) _values.Add(null);
    }

    public Column Build(NullValueSet textNulls)
    {
        var n = _values.Count;
        var kinds = Kind.None;
        foreach (var v in _values) if (v != null) kinds |= Classify(v);

        switch (kinds)
        {
            case Kind.None:
            case Kind.Text:
                return TextColumnBuilder.Build(Name, new StringListCells(_values.Select(v => (string?)v).ToList()), textNulls).Column!;
            case Kind.Integer:
                return Primitive(n, v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture), (vals, bits) => new Int64Column(Name, vals, bits));
            case Kind.Integer | Kind.Real:
            case Kind.Real:
                return Primitive(n, v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture), (vals, bits) => new DoubleColumn(Name, vals, bits));
            case Kind.Boolean:
                return Primitive(n, v => (bool)v, (vals, bits) => new BooleanColumn(Name, vals, bits));
            case Kind.Date:
                return Primitive(n, v => v is DateTimeOffset o ? o.UtcDateTime : (DateTime)v, (vals, bits) => new DateTimeColumn(Name, vals, bits));
            default:
                var builder = new StringColumnBuilder(n);
                foreach (var v in _values)
                {
                    if (v == null) builder.AppendNull();
                    else builder.Append(v as string ?? CellParser.Format(v));
                }
                return builder.Build(Name);
        }
    }

    private Column Primitive<T>(int n, Func<object, T> convert, Func<T[], ValidityBitmap?, Column> make)
    {
        var values = new T[n];
        var missing = new ValidityBitmap.Builder(n);
        for (var i = 0; i < n; i++)
        {
            var v = _values[i];
            if (v == null) missing.SetNull(i);
            else values[i] = convert(v);
        }
        return make(values, missing.Build());
    }

    [Flags]
    private enum Kind { None = 0, Integer = 1, Real = 2, Boolean = 4, Date = 8, Text = 16, Other = 32 }

    private static Kind Classify(object v) => v switch
    {
        sbyte or byte or short or ushort or int or uint or long => Kind.Integer,
        ulong u => u <= long.MaxValue ? Kind.Integer : Kind.Real,
        float or double or decimal => Kind.Real,
        bool => Kind.Boolean,
        DateTime or DateTimeOffset => Kind.Date,
        string => Kind.Text,
        _ => Kind.Other,
    };
}
