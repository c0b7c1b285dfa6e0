using System.Numerics;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Query;

/// <summary>Masks of one bit per row, 64 rows a word: validity (set = has a value) and Boolean values.</summary>
internal static class Bits
{
    public static int WordCount(int rows) => (rows + 63) >> 6;

    public static bool Get(ulong[] words, int row) => (words[row >> 6] & (1UL << (row & 63))) != 0;

    public static void Set(ulong[] words, int row) => words[row >> 6] |= 1UL << (row & 63);

    public static ulong[] AllSet(int rows)
    {
        var words = new ulong[WordCount(rows)];
        Array.Fill(words, ulong.MaxValue);
        return words;
    }

    /// <summary>Both masks (null stands for all set).</summary>
    public static ulong[]? And(ulong[]? a, ulong[]? b, int rows)
    {
        if (a == null) return b;
        if (b == null) return a;
        var result = new ulong[WordCount(rows)];
        for (var w = 0; w < result.Length; w++) result[w] = a[w] & b[w];
        return result;
    }

    /// <summary>How many of the first <paramref name="rows"/> bits are set.</summary>
    public static int Count(ulong[] words, int rows)
    {
        var full = rows >> 6;
        var count = 0;
        for (var w = 0; w < full; w++) count += BitOperations.PopCount(words[w]);
        if ((rows & 63) != 0) count += BitOperations.PopCount(words[full] & ((1UL << (rows & 63)) - 1));
        return count;
    }

    /// <summary>The rows whose bit is set in <paramref name="values"/> and in <paramref name="valid"/> (when given), ascending.</summary>
    public static int[] Indices(ulong[] values, ulong[]? valid, int rows)
    {
        var words = WordCount(rows);
        var count = 0;
        for (var w = 0; w < words; w++) count += BitOperations.PopCount(Word(values, valid, w, rows));
        var result = new int[count];
        var k = 0;
        for (var w = 0; w < words; w++)
        {
            var word = Word(values, valid, w, rows);
            while (word != 0)
            {
                result[k++] = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
        return result;
    }

    private static ulong Word(ulong[] values, ulong[]? valid, int w, int rows)
    {
        var word = values[w] & (valid?[w] ?? ulong.MaxValue);
        var last = (rows & 63) != 0 && w == (rows >> 6);
        return last ? word & ((1UL << (rows & 63)) - 1) : word;
    }

    public static ulong[]? FromValidity(ValidityBitmap? validity) => validity?.Words;

    public static ValidityBitmap? ToValidity(ulong[]? valid, int rows) => valid == null ? null : ValidityBitmap.FromWords(valid, rows);

    /// <summary>Sets the bit of every row where <paramref name="test"/> holds: 64 tests folded into each word.</summary>
    public static ulong[] FromPredicate(int rows, Func<int, bool> test)
    {
        var words = new ulong[WordCount(rows)];
        for (var i = 0; i < rows; i++) if (test(i)) words[i >> 6] |= 1UL << (i & 63);
        return words;
    }
}

/// <summary>
/// The value of an expression over all rows of a Dataset, one column at a time: typed arrays and a validity
/// mask (null when every row has a value), or one value for every row (<see cref="ScalarVector"/>). Arrays
/// that came from a column are shared, never written: kernels always write fresh arrays.
/// </summary>
internal abstract class Vector(int length, ulong[]? valid)
{
    public int Length { get; } = length;

    /// <summary>Bit set = the row has a value; null = every row has one.</summary>
    public ulong[]? Valid { get; } = valid;

    /// <summary>The type, or null for a bare NULL (which fits any type).</summary>
    public abstract ColumnType? Type { get; }

    public bool IsValid(int row) => Valid == null || Bits.Get(Valid, row);

    /// <summary>The vector as a column of <paramref name="rows"/> rows.</summary>
    public abstract Column ToColumn(string name);

    /// <summary>The value of one row, boxed (for tests and messages, not for kernels).</summary>
    public abstract object? GetValue(int row);

    public static Vector FromColumn(Column column) => column switch
    {
        Int64Column c => new LongVector(c.RawArray, c.Length, Bits.FromValidity(c.Validity)),
        DoubleColumn c => new DoubleVector(c.RawArray, c.Length, Bits.FromValidity(c.Validity)),
        BooleanColumn c => BoolVector.FromBools(c.Values, Bits.FromValidity(c.Validity)),
        DateTimeColumn c => new DateVector(c.RawArray, c.Length, Bits.FromValidity(c.Validity)),
        StringColumn c => new StringVector(c),
        _ => throw new NotSupportedException(column.GetType().Name),
    };
}

/// <summary>One value (or NULL) for every row: literals, and what folds from them.</summary>
internal sealed class ScalarVector(object? value, ColumnType? type, int length) : Vector(length, null)
{
    public object? Value { get; } = value;
    public bool IsMissing => Value == null;
    public override ColumnType? Type { get; } = type;
    public override object? GetValue(int row) => Value;

    public override Column ToColumn(string name)
    {
        var n = Length;
        var validity = IsMissing ? ValidityBitmap.FromWords(new ulong[Bits.WordCount(n)], n) : null;
        switch (Type ?? ColumnType.String)
        {
            case ColumnType.Int64: { var a = new long[n]; if (Value is long l) Array.Fill(a, l); return new Int64Column(name, a, n, validity); }
            case ColumnType.Double: { var a = new double[n]; if (Value is double d) Array.Fill(a, d); return new DoubleColumn(name, a, n, validity); }
            case ColumnType.Boolean: { var a = new bool[n]; if (Value is bool b) Array.Fill(a, b); return new BooleanColumn(name, a, n, validity); }
            case ColumnType.DateTime: { var a = new DateTime[n]; if (Value is DateTime t) Array.Fill(a, t); return new DateTimeColumn(name, a, n, validity); }
            default:
                var codes = new int[n];
                if (IsMissing) { Array.Fill(codes, -1); return new StringColumn(name, codes, [], n); }
                return new StringColumn(name, codes, [(string)Value!], n);
        }
    }
}

internal sealed class LongVector(long[] values, int length, ulong[]? valid) : Vector(length, valid)
{
    public long[] Values { get; } = values;
    public override ColumnType? Type => ColumnType.Int64;
    public override object? GetValue(int row) => IsValid(row) ? Values[row] : null;
    public override Column ToColumn(string name) => new Int64Column(name, Values, Length, Bits.ToValidity(Valid, Length));
}

internal sealed class DoubleVector(double[] values, int length, ulong[]? valid) : Vector(length, valid)
{
    public double[] Values { get; } = values;
    public override ColumnType? Type => ColumnType.Double;
    public override object? GetValue(int row) => IsValid(row) ? Values[row] : null;
    public override Column ToColumn(string name) => new DoubleColumn(name, Values, Length, Bits.ToValidity(Valid, Length));
}

/// <summary>DateTime values; a result keeps the Kind of its input (Utc when the file said so).</summary>
internal sealed class DateVector(DateTime[] values, int length, ulong[]? valid) : Vector(length, valid)
{
    public DateTime[] Values { get; } = values;
    public override ColumnType? Type => ColumnType.DateTime;
    public override object? GetValue(int row) => IsValid(row) ? Values[row] : null;
    public override Column ToColumn(string name) => new DateTimeColumn(name, Values, Length, Bits.ToValidity(Valid, Length));
}

/// <summary>Booleans as bits, so and/or/not run 64 rows per instruction.</summary>
internal sealed class BoolVector(ulong[] bits, int length, ulong[]? valid) : Vector(length, valid)
{
    public ulong[] Bits { get; } = bits;
    public override ColumnType? Type => ColumnType.Boolean;
    public bool this[int row] => Query.Bits.Get(Bits, row);
    public override object? GetValue(int row) => IsValid(row) ? this[row] : null;

    public static BoolVector FromBools(ReadOnlySpan<bool> values, ulong[]? valid)
    {
        var bits = new ulong[Query.Bits.WordCount(values.Length)];
        for (var i = 0; i < values.Length; i++) if (values[i]) bits[i >> 6] |= 1UL << (i & 63);
        return new BoolVector(bits, values.Length, valid);
    }

    public override Column ToColumn(string name)
    {
        var values = new bool[Length];
        for (var i = 0; i < values.Length; i++) values[i] = this[i];
        return new BooleanColumn(name, values, Length, Query.Bits.ToValidity(Valid, Length));
    }
}

/// <summary>Strings as a StringColumn (dictionary-encoded, one buffer, or parts): read by span, never copied to test.</summary>
internal sealed class StringVector(StringColumn column) : Vector(column.Length, Bits.FromValidity(column.Validity))
{
    public StringColumn Column { get; } = column;
    public override ColumnType? Type => ColumnType.String;
    public override object? GetValue(int row) => Column[row];
    public override Column ToColumn(string name) => Column.Name == name ? Column : Column.WithName(name);

    /// <summary>
    /// Applies <paramref name="map"/> to each distinct value once when the column is dictionary-encoded, else to
    /// each row, and returns the results in row order (null where the input is missing).
    /// </summary>
    public T[] MapPerValue<T>(Func<string, T> map, T missing)
    {
        var result = new T[Length];
        if (Column.IsDictionaryEncoded)
        {
            var dictionary = Column.Dictionary!;
            var mapped = new T[dictionary.Count];
            for (var k = 0; k < mapped.Length; k++) mapped[k] = map(dictionary[k]);
            var codes = Column.Codes;
            for (var i = 0; i < result.Length; i++) result[i] = codes[i] < 0 ? missing : mapped[codes[i]];
            return result;
        }
        for (var i = 0; i < result.Length; i++) result[i] = Column.IsNull(i) ? missing : map(Column[i]!);
        return result;
    }

    /// <summary>A bit per row from a test on the text (per distinct value when dictionary-encoded, else on the row's span).</summary>
    public ulong[] TestPerValue(Func<string, bool> onValue, SpanTest onSpan)
    {
        var bits = new ulong[Query.Bits.WordCount(Length)];
        if (Column.IsDictionaryEncoded)
        {
            var dictionary = Column.Dictionary!;
            var hit = new bool[dictionary.Count];
            for (var k = 0; k < hit.Length; k++) hit[k] = onValue(dictionary[k]);
            var codes = Column.Codes;
            for (var i = 0; i < codes.Length; i++) if (codes[i] >= 0 && hit[codes[i]]) bits[i >> 6] |= 1UL << (i & 63);
            return bits;
        }
        for (var i = 0; i < Length; i++)
            if (!Column.IsNull(i) && onSpan(Column.GetSpan(i))) bits[i >> 6] |= 1UL << (i & 63);
        return bits;
    }

    public delegate bool SpanTest(ReadOnlySpan<char> value);

    /// <summary>A new string vector from one result per distinct value (or per row), deduplicated into a dictionary.</summary>
    public StringVector MapText(Func<string, string?> map)
    {
        if (Column.IsDictionaryEncoded)
        {
            var dictionary = Column.Dictionary!;
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var values = new List<string>();
            var remap = new int[dictionary.Count];
            for (var k = 0; k < remap.Length; k++)
            {
                var mapped = map(dictionary[k]);
                if (mapped == null) { remap[k] = -1; continue; }
                if (!index.TryGetValue(mapped, out var code)) { code = values.Count; index.Add(mapped, code); values.Add(mapped); }
                remap[k] = code;
            }
            var source = Column.Codes;
            var codes = new int[source.Length];
            for (var i = 0; i < codes.Length; i++) codes[i] = source[i] < 0 ? -1 : remap[source[i]];
            return new StringVector(new StringColumn(Column.Name, codes, values.ToArray(), codes.Length));
        }
        var builder = new StringColumnBuilder(Length);
        for (var i = 0; i < Length; i++)
        {
            if (Column.IsNull(i)) builder.AppendNull();
            else builder.Append(map(Column[i]!));
        }
        return new StringVector(builder.Build(Column.Name));
    }
}
