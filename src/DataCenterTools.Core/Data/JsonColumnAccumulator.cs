using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>What one JSON cell held, as far as typing the column is concerned.</summary>
internal enum JsonCellKind : byte
{
    Missing = 0,
    Integer = 1,
    Float = 2,
    Boolean = 4,
    String = 8,
    Nested = 16,
    /// <summary>A string spelling a non-finite number ("inf", "-inf", "NaN"): a number in a numeric column, else text.</summary>
    NonFiniteString = 32,
    /// <summary>A whole number beyond Int64: kept as its text (a Double would round its digits).</summary>
    BigInteger = 64,
}

/// <summary>
/// Collects one JSON Lines column while the file is read, and types it at the end: Int64 when every
/// value is an integer that fits, Double when all are numbers, Boolean, DateTime when every value is
/// an ISO date string, String otherwise. Numbers mixed with text need their text as written, which
/// is not kept (it would double the memory of every numeric column): Finish returns null and the
/// reader reads the file again with the column in raw mode.
/// </summary>
/// <param name="arrays">Where a chunk's accumulator takes its arrays from, and gives them back to once merged (null: new arrays).</param>
/// <param name="textAsBuffer">
/// Keep text in the character buffer from the first cell, not through a dictionary first: for a chunk of a column whose merged
/// text has already stopped repeating, so the chunk's dictionary would only be built to be thrown away.
/// </param>
internal sealed class JsonColumnAccumulator(string key, string name, bool raw, ColumnType? forced, int capacity = 16, JsonCellArrays? arrays = null,
    bool textAsBuffer = false)
{
    // Cells are kept from the first row that has one (_base): a key first seen late in the file costs nothing for
    // the rows before it, so a file whose lines each bring a new key grows linearly, not quadratically.
    private int _base = -1;
    private JsonCellKind[] _kinds = arrays?.Kinds(Math.Max(16, capacity)) ?? new JsonCellKind[Math.Max(16, capacity)];
    // Per cell, 64 bits: Integer: the long; Float/NonFiniteString: the double; Boolean: 0/1; date strings: DateTime.ToBinary.
    // Held as doubles (longs written and read through Unsafe.As) so that a Double column, the common numeric one, takes
    // this array as its values instead of a copy: the largest saving of peak memory on a metrics file.
    private double[]? _bits;
    // Made at the first text cell, as large as the rows expected: most columns of a metrics file never hold text, and
    // those that do would otherwise grow their arrays from 16 by doubling, which a profile showed costing more than the copying.
    private StringColumnBuilder? _textCells;
    private StringColumnBuilder TextCells => _textCells ??=
        new StringColumnBuilder(capacity, dictionaryFirst: !textAsBuffer, charCapacity: textAsBuffer ? Math.Min(capacity * 16, SmallObjectChars) : 0);

    // Under the 85,000-byte large-object threshold: a chunk's buffered text is then gen0 garbage once merged. Starting
    // buffered chunks at 16 characters a row put each on the large-object heap, and raised a 335 MB read's peak by 70 MB.
    private const int SmallObjectChars = 40_000;

    /// <summary>Whether the kept text has gone into the character buffer (see <see cref="StringColumnBuilder.IsBuffered"/>).</summary>
    public bool TextIsBuffered => _textCells is { IsBuffered: true };
    private int _mask;
    private bool _allStringsAreDates = true;

    /// <summary>The key as written in the file (exact); Name may differ when keys differ only by case.</summary>
    public string Key { get; } = key;
    /// <summary>The key's UTF-8 bytes, to match it as written in a line without unescaping.</summary>
    public byte[] KeyUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(key);
    public string Name { get; } = name;
    /// <summary>Every cell kept as its text: numbers as written, strings as values, objects/arrays as JSON.</summary>
    public bool Raw { get; } = raw;
    public ColumnType? Forced { get; } = forced;
    /// <summary>The line number being parsed when this column last got a value (duplicate-key check).</summary>
    public int Stamp { get; set; } = -1;
    /// <summary>The first row holding a whole number beyond Int64 (-1: none), for the warning that says why the column is text.</summary>
    public int FirstBigIntegerRow { get; private set; } = -1;
    /// <summary>NaN and infinite values that Finish read as missing under <see cref="NonFiniteAction.Missing"/>.</summary>
    public int NonFiniteMissing { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per cell; see Pass.ParseLine
    public void Set(int row, JsonCellKind kind, long bits, ReadOnlySpan<char> text)
    {
        if (_base < 0) _base = row;
        var at = row - _base;
        if (at >= _kinds.Length) Array.Resize(ref _kinds, Math.Max(at + 1, _kinds.Length * 2));
        _kinds[at] = kind;
        _mask |= (int)kind;
        if (kind == JsonCellKind.BigInteger && FirstBigIntegerRow < 0) FirstBigIntegerRow = row;
        if (Raw || kind is JsonCellKind.String or JsonCellKind.Nested or JsonCellKind.NonFiniteString or JsonCellKind.BigInteger)
        {
            while (TextCells.Count < at) TextCells.AppendNull();
            TextCells.Append(text);
        }
        if (Raw) return;
        if (kind == JsonCellKind.String && _allStringsAreDates)
        {
            if (CellParser.TryParseDateTime(text, out var date)) bits = date.ToBinary();
            else _allStringsAreDates = false;
        }
        if (kind is JsonCellKind.Nested or JsonCellKind.BigInteger || (kind is JsonCellKind.String && !_allStringsAreDates)) return;
        _bits ??= arrays?.Bits(_kinds.Length) ?? new double[_kinds.Length];
        if (_bits.Length < _kinds.Length) Array.Resize(ref _bits, _kinds.Length);
        Unsafe.As<double, long>(ref _bits[at]) = bits;
    }

    /// <summary>
    /// Appends the cells of <paramref name="part"/> (the same key, parsed from a later chunk of <paramref name="partRows"/>
    /// rows that start at row <paramref name="rowOffset"/>), so that this accumulator holds what calling Set for every
    /// cell of both, in order, would have left: the kinds, bits and kept text are concatenated and the typing state merged.
    /// </summary>
    public void AppendFrom(JsonColumnAccumulator part, int rowOffset, int partRows)
    {
        if (part._base < 0) return;
        var from = rowOffset + part._base;
        if (_base < 0) _base = from;
        var at = from - _base;
        var count = partRows - part._base;
        if (at + count > _kinds.Length) Array.Resize(ref _kinds, Math.Max(at + count, _kinds.Length * 2));
        part._kinds.AsSpan(0, Math.Min(count, part._kinds.Length)).CopyTo(_kinds.AsSpan(at));
        if (part._bits != null)
        {
            _bits ??= new double[_kinds.Length];
            if (_bits.Length < _kinds.Length) Array.Resize(ref _bits, _kinds.Length);
            part._bits.AsSpan(0, Math.Min(count, part._bits.Length)).CopyTo(_bits.AsSpan(at));
        }
        if (part._textCells is { Count: > 0 })
        {
            while (TextCells.Count < at) TextCells.AppendNull();
            TextCells.AppendAll(part.TextCells);
        }
        _mask |= part._mask;
        _allStringsAreDates &= part._allStringsAreDates;
        if (FirstBigIntegerRow < 0 && part.FirstBigIntegerRow >= 0) FirstBigIntegerRow = rowOffset + part.FirstBigIntegerRow;
    }

    private JsonCellKind Kind(int row) => _base >= 0 && row >= _base && row - _base < _kinds.Length ? _kinds[row - _base] : JsonCellKind.Missing;

    private long Bits(int row) => Unsafe.As<double, long>(ref _bits![row - _base]);

    /// <summary>
    /// Makes room for <paramref name="rows"/> rows in all (a merge that has estimated the file's row count), so appending
    /// the chunks neither doubles the arrays nor copies them as they grow.
    /// </summary>
    public void Reserve(int rows)
    {
        var from = Math.Max(0, _base);
        if (rows - from <= _kinds.Length) return;
        Array.Resize(ref _kinds, rows - from);
        if (_bits != null) Array.Resize(ref _bits, rows - from);
    }

    /// <summary>Gives the arrays back to where they were taken from, once <see cref="AppendFrom"/> has copied them.</summary>
    public void ReturnArrays()
    {
        if (arrays == null) return;
        arrays.Return(_kinds, _bits);
        Release();
    }

    /// <summary>Lets the cells go once the column is built, so the next column's arrays can take their memory.</summary>
    public void Release()
    {
        _kinds = [];
        _bits = null;
    }

    /// <summary>The kept text as a column of all <paramref name="rows"/> rows (missing before the first cell).</summary>
    private StringColumn Text(int rows)
    {
        var from = Math.Max(0, _base);
        while (TextCells.Count < rows - from) TextCells.AppendNull();
        var text = TextCells.Build(Name);
        if (from == 0) return text;
        var whole = new StringColumnBuilder(rows, dictionaryFirst: text.IsDictionaryEncoded);
        for (var i = 0; i < from; i++) whole.AppendNull();
        for (var i = 0; i < text.Length; i++)
        {
            if (text.IsNull(i)) whole.AppendNull();
            else whole.Append(text.GetSpan(i));
        }
        return whole.Build(Name);
    }

    /// <summary>The typed column, or null when numbers and text are mixed and the file must be read again in raw mode.</summary>
    /// <exception cref="CellTypeViolationException">A value does not fit the type the user forced.</exception>
    public Column? Finish(int rows, NonFiniteAction nonFinite = NonFiniteAction.Keep)
    {
        const int numbers = (int)(JsonCellKind.Integer | JsonCellKind.Float);
        if (Raw) return Text(rows);
        if ((_mask & (int)JsonCellKind.BigInteger) != 0 && Forced == null) return null;
        if (Forced is { } type && type != ColumnType.String) return BuildForced(type, rows);
        if (_mask == 0) return new StringColumn(Name, Enumerable.Repeat(-1, rows).ToArray(), []);
        if ((_mask & numbers) != 0)
        {
            if ((_mask & ~(numbers | (int)JsonCellKind.NonFiniteString)) != 0) return null;
            return _mask == (int)JsonCellKind.Integer ? BuildInt64(rows) : BuildDouble(rows, nonFinite);
        }
        if (_mask == (int)JsonCellKind.Boolean) return BuildBoolean(rows);
        if ((_mask & (int)JsonCellKind.Boolean) != 0) return null;
        if (_mask == (int)JsonCellKind.String && _allStringsAreDates) return BuildDateTime(rows);
        return Text(rows);
    }

    private Int64Column BuildInt64(int rows)
    {
        var values = new long[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (Kind(i) == JsonCellKind.Missing) missing.SetNull(i);
            else values[i] = Bits(i);
        }
        return new Int64Column(Name, values, missing.Build());
    }

    private DoubleColumn BuildDouble(int rows, NonFiniteAction nonFinite)
    {
        var values = TakeBitsAsValues(rows);
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            switch (Kind(i))
            {
                case JsonCellKind.Missing: missing.SetNull(i); values[i] = 0; break;
                case JsonCellKind.Integer: values[i] = Unsafe.As<double, long>(ref values[i]); break;
                default:
                    if (nonFinite == NonFiniteAction.Missing && !double.IsFinite(values[i]))
                    {
                        missing.SetNull(i);
                        values[i] = 0;
                        NonFiniteMissing++;
                    }
                    break;
            }
        }
        return new DoubleColumn(Name, values, rows, missing.Build());
    }

    /// <summary>
    /// The cells' 64 bits as an array indexed by row (at least <paramref name="rows"/> long): this accumulator's own
    /// array, its cells moved down to their rows, when it holds them all with little slack; else a copy.
    /// </summary>
    private double[] TakeBitsAsValues(int rows)
    {
        var from = Math.Max(0, _base);
        var count = _bits == null ? 0 : Math.Min(rows - from, _bits.Length);
        var own = _bits;
        _bits = null; // Kind(row) still answers; Bits(row) does not
        if (own != null && own.Length >= rows && own.Length - rows <= rows / 32 + 1024)
        {
            if (from > 0)
            {
                Array.Copy(own, 0, own, from, count); // overlapping: Array.Copy moves as memmove does
                own.AsSpan(0, from).Clear();
            }
            return own;
        }
        var values = new double[rows];
        own?.AsSpan(0, count).CopyTo(values.AsSpan(from));
        return values;
    }

    private BooleanColumn BuildBoolean(int rows)
    {
        var values = new bool[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (Kind(i) == JsonCellKind.Missing) missing.SetNull(i);
            else values[i] = Bits(i) != 0;
        }
        return new BooleanColumn(Name, values, missing.Build());
    }

    private DateTimeColumn BuildDateTime(int rows)
    {
        var values = new DateTime[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (Kind(i) == JsonCellKind.Missing) missing.SetNull(i);
            else values[i] = DateTime.FromBinary(Bits(i));
        }
        return new DateTimeColumn(Name, values, missing.Build());
    }

    /// <summary>Reads every value as the forced type: JSON values of that type, or strings CellParser accepts as it.</summary>
    private Column BuildForced(ColumnType type, int rows)
    {
        var text = Text(rows);
        var missing = new ValidityBitmap.Builder(rows);
        var longs = type == ColumnType.Int64 ? new long[rows] : null;
        var doubles = type == ColumnType.Double ? new double[rows] : null;
        var bools = type == ColumnType.Boolean ? new bool[rows] : null;
        var dates = type == ColumnType.DateTime ? new DateTime[rows] : null;
        for (var i = 0; i < rows; i++)
        {
            var kind = Kind(i);
            if (kind == JsonCellKind.Missing) { missing.SetNull(i); continue; }
            var s = kind is JsonCellKind.String or JsonCellKind.NonFiniteString or JsonCellKind.BigInteger ? text[i] : null;
            var ok = type switch
            {
                ColumnType.Int64 => kind == JsonCellKind.Integer ? Assign(out longs![i], Bits(i)) : s != null && CellParser.TryParseInt64(s, out longs![i]),
                ColumnType.Double => kind switch
                {
                    JsonCellKind.Integer => Assign(out doubles![i], Bits(i)),
                    JsonCellKind.Float => Assign(out doubles![i], BitConverter.Int64BitsToDouble(Bits(i))),
                    _ => s != null && CellParser.TryParseDouble(s, out doubles![i]),
                },
                ColumnType.Boolean => kind == JsonCellKind.Boolean ? Assign(out bools![i], Bits(i) != 0) : s != null && CellParser.TryParseBoolean(s, out bools![i]),
                _ => s != null && CellParser.TryParseDateTime(s, out dates![i]),
            };
            if (!ok) throw new CellTypeViolationException(i, type, DisplayText(i, kind, text));
        }
        var validity = missing.Build();
        return type switch
        {
            ColumnType.Int64 => new Int64Column(Name, longs!, validity),
            ColumnType.Double => new DoubleColumn(Name, doubles!, validity),
            ColumnType.Boolean => new BooleanColumn(Name, bools!, validity),
            _ => new DateTimeColumn(Name, dates!, validity),
        };
    }

    private static bool Assign<T>(out T target, T value) { target = value; return true; }

    private string DisplayText(int row, JsonCellKind kind, StringColumn text) => kind switch
    {
        JsonCellKind.Integer => Bits(row).ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonCellKind.Float => CellParser.FormatDouble(BitConverter.Int64BitsToDouble(Bits(row))),
        JsonCellKind.Boolean => Bits(row) != 0 ? "true" : "false",
        _ => text[row] ?? "",
    };
}
