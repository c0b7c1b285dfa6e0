using System.Runtime.CompilerServices;
namespace DataCenterTools.Core.Data;

/// <summary>Joins runs of the same column (read in chunks) into one column, widening Int64 to Double where chunks disagree.</summary>
public static class ColumnConcat
{
    /// <summary>
    /// The type the parts agree on, ignoring parts that were entirely missing; null when they
    /// cannot agree without going back to the text (e.g. numbers in one chunk, words in another).
    /// </summary>
    public static ColumnType? CommonType(IReadOnlyList<TextColumnBuilder.Built> parts)
    {
        ColumnType? common = null;
        foreach (var part in parts)
        {
            if (part.AllMissing) continue;
            var t = part.Column.Type;
            if (common == null || common == t) { common = t; continue; }
            if ((common == ColumnType.Int64 && t == ColumnType.Double) || (common == ColumnType.Double && t == ColumnType.Int64))
            {
                common = ColumnType.Double;
                continue;
            }
            return null;
        }
        return common ?? ColumnType.String;
    }

    public static Column Concat(string name, IReadOnlyList<TextColumnBuilder.Built> parts, ColumnType type)
    {
        var total = parts.Sum(p => p.Column.Length);
        var missing = new ValidityBitmap.Builder(total);
        var offset = 0;
        foreach (var part in parts)
        {
            var c = part.Column;
            if (part.AllMissing) { for (var i = 0; i < c.Length; i++) missing.SetNull(offset + i); }
            else if (c.Validity != null) { for (var i = 0; i < c.Length; i++) if (!c.Validity.IsValid(i)) missing.SetNull(offset + i); }
            offset += c.Length;
        }
        var validity = missing.Build();
        switch (type)
        {
            case ColumnType.Int64: return new Int64Column(name, Gather<long>(parts, total), total, validity);
            case ColumnType.Boolean: return new BooleanColumn(name, Gather<bool>(parts, total), total, validity);
            case ColumnType.DateTime: return new DateTimeColumn(name, Gather<DateTime>(parts, total), total, validity);
            case ColumnType.Double:
            {
                var values = new double[total];
                var at = 0;
                foreach (var part in parts)
                {
                    var c = part.Column;
                    if (!part.AllMissing)
                    {
                        if (c is DoubleColumn d) d.Values.CopyTo(values.AsSpan(at));
                        else if (c is Int64Column l) { var src = l.Values; for (var i = 0; i < src.Length; i++) values[at + i] = src[i]; }
                    }
                    at += c.Length;
                }
                return new DoubleColumn(name, values, total, validity);
            }
            default: return ConcatStrings(name, parts, total);
        }
    }

    private static T[] Gather<T>(IReadOnlyList<TextColumnBuilder.Built> parts, int total) where T : struct
    {
        var values = new T[total];
        var at = 0;
        foreach (var part in parts)
        {
            if (!part.AllMissing) ((PrimitiveColumn<T>)part.Column).Values.CopyTo(values.AsSpan(at));
            at += part.Column.Length;
        }
        return values;
    }

    private static StringColumn ConcatStrings(string name, IReadOnlyList<TextColumnBuilder.Built> parts, int total)
    {
        var strings = parts.Select(p => (StringColumn)p.Column).ToList();
        if (strings.All(s => s.IsDictionaryEncoded))
        {
            // Remap each chunk's codes into one shared dictionary; stay encoded while values repeat.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            var codes = new int[total];
            var at = 0;
            foreach (var s in strings)
            {
                var map = new int[s.Dictionary!.Count];
                for (var k = 0; k < map.Length; k++)
                {
                    var value = s.Dictionary[k];
                    if (!index.TryGetValue(value, out var code)) { code = dictionary.Count; index.Add(value, code); dictionary.Add(value); }
                    map[k] = code;
                }
                var src = s.Codes;
                for (var i = 0; i < src.Length; i++) codes[at + i] = src[i] < 0 ? -1 : map[src[i]];
                at += s.Length;
            }
            if (dictionary.Count <= Math.Max(16, total / 2)) return new StringColumn(name, codes, dictionary.ToArray());
        }
        // Values do not repeat enough: one character buffer, copied span by span.
        long chars = 0;
        foreach (var s in strings)
            for (var i = 0; i < s.Length; i++) chars += s.GetSpan(i).Length;
        var builder = new StringColumnBuilder(total, dictionaryFirst: false, charCapacity: (int)Math.Min(Array.MaxLength, Math.Max(16, chars)));
        foreach (var s in strings)
            for (var i = 0; i < s.Length; i++)
            {
                if (s.IsNull(i)) builder.AppendNull();
                else builder.Append(s.GetSpan(i));
            }
        return builder.Build(name);
    }
}
