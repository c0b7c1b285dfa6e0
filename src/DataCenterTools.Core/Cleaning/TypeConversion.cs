using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Cleaning;

/// <summary>
/// Converts a column to another type, cell by cell. A cell that cannot be converted becomes missing
/// and is counted (never a wrong value); a cell holding a null marker (empty, NA, NULL, NaN...)
/// becomes missing without counting as a failure. Non-text cells go through their invariant text
/// form, so 12.0 converts to the Int64 12 while 12.5 does not convert.
/// </summary>
internal static class TypeConversion
{
    private delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);

    public readonly record struct Converted(Column Column, int Failed, IReadOnlyList<string> Examples);

    public static Converted Convert(Column source, ColumnType target) => target switch
    {
        ColumnType.Int64 => Parse<long>(source, CellParser.TryParseInt64, (n, v, m) => new Int64Column(n, v, m)),
        ColumnType.Double when source is Int64Column ints => new Converted(FromInt64(ints), 0, []),
        ColumnType.Double => Parse<double>(source, CellParser.TryParseDouble, (n, v, m) => new DoubleColumn(n, v, m)),
        ColumnType.Boolean => Parse<bool>(source, CellParser.TryParseBoolean, (n, v, m) => new BooleanColumn(n, v, m)),
        ColumnType.DateTime => Parse<DateTime>(source, CellParser.TryParseDateTime, (n, v, m) => new DateTimeColumn(n, v, m)),
        _ => new Converted(ToText(source), 0, []),
    };

    private static Converted Parse<T>(Column source, SpanParser<T> parse, Func<string, T[], ValidityBitmap?, Column> create)
    {
        var n = source.Length;
        var values = new T[n];
        var valid = new bool[n];
        var failed = 0;
        var examples = new List<string>(3);
        var strings = source as StringColumn;
        for (var row = 0; row < n; row++)
        {
            if (source.IsNull(row)) continue;
            var text = strings != null ? strings.GetSpan(row) : CellParser.Format(source.GetValue(row)!).AsSpan();
            if (parse(text, out values[row]) && !(values[row] is double d && double.IsNaN(d) && NullValueSet.Default.IsNull(text)))
            {
                valid[row] = true;
                continue;
            }
            values[row] = default!;
            if (NullValueSet.Default.IsNull(text.Trim())) continue;
            failed++;
            if (examples.Count < 3) examples.Add(text.ToString());
        }
        return new Converted(create(source.Name, values, ValidityBitmap.FromFlags(valid)), failed, examples);
    }

    private static Column FromInt64(Int64Column source)
    {
        var values = new double[source.Length];
        var ints = source.Values;
        for (var i = 0; i < values.Length; i++) values[i] = ints[i];
        return new DoubleColumn(source.Name, values, source.Validity);
    }

    private static Column ToText(Column source)
    {
        var builder = new StringColumnBuilder(source.Length);
        for (var row = 0; row < source.Length; row++)
        {
            var value = source.GetValue(row);
            if (value == null) builder.AppendNull();
            else builder.Append(CellParser.Format(value));
        }
        return builder.Build(source.Name);
    }
}
