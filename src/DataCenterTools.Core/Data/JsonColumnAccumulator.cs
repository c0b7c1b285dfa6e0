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
}

/// <summary>
/// Collects one JSON Lines column while the file is read, and types it at the end: Int64 when every
/// value is an integer that fits, Double when all are numbers, Boolean, DateTime when every value is
/// an ISO date string, String otherwise. Numbers mixed with text need their text as written, which
/// is not kept (it would double the memory of every numeric column): Finish returns null and the
/// reader reads the file again with the column in raw mode.
/// </summary>
internal sealed class JsonColumnAccumulator(string key, string name, bool raw, ColumnType? forced)
{
    private JsonCellKind[] _kinds = new JsonCellKind[16];
    private long[]? _bits; // Integer: the value; Float/NonFiniteString: double bits; Boolean: 0/1; date strings: DateTime.ToBinary
    private readonly StringColumnBuilder _text = new();
    private int _mask;
    private bool _allStringsAreDates = true;

    /// <summary>The key as written in the file (exact); Name may differ when keys differ only by case.</summary>
    public string Key { get; } = key;
    public string Name { get; } = name;
    /// <summary>Every cell kept as its text: numbers as written, strings as values, objects/arrays as JSON.</summary>
    public bool Raw { get; } = raw;
    public ColumnType? Forced { get; } = forced;
    /// <summary>The line number being parsed when this column last got a value (duplicate-key check).</summary>
    public int Stamp { get; set; } = -1;

    public void Set(int row, JsonCellKind kind, long bits, ReadOnlySpan<char> text)
    {
        if (row >= _kinds.Length) Array.Resize(ref _kinds, Math.Max(row + 1, _kinds.Length * 2));
        _kinds[row] = kind;
        _mask |= (int)kind;
        if (Raw || kind is JsonCellKind.String or JsonCellKind.Nested or JsonCellKind.NonFiniteString)
        {
            while (_text.Count < row) _text.AppendNull();
            _text.Append(text);
        }
        if (Raw) return;
        if (kind == JsonCellKind.String && _allStringsAreDates)
        {
            if (CellParser.TryParseDateTime(text, out var date)) bits = date.ToBinary();
            else _allStringsAreDates = false;
        }
        if (kind is JsonCellKind.Nested || (kind is JsonCellKind.String && !_allStringsAreDates)) return;
        _bits ??= new long[_kinds.Length];
        if (_bits.Length < _kinds.Length) Array.Resize(ref _bits, _kinds.Length);
        _bits[row] = bits;
    }

    private JsonCellKind Kind(int row) => row < _kinds.Length ? _kinds[row] : JsonCellKind.Missing;

    /// <summary>The typed column, or null when numbers and text are mixed and the file must be read again in raw mode.</summary>
    /// <exception cref="CellTypeViolation">A value does not fit the type the user forced.</exception>
    public Column? Finish(int rows)
    {
        const int numbers = (int)(JsonCellKind.Integer | JsonCellKind.Float);
        while (_text.Count < rows) _text.AppendNull();
        if (Raw) return _text.Build(Name);
        if (Forced is { } type && type != ColumnType.String) return BuildForced(type, rows);
        if (_mask == 0) return new StringColumn(Name, Enumerable.Repeat(-1, rows).ToArray(), []);
        if ((_mask & numbers) != 0)
        {
            if ((_mask & ~(numbers | (int)JsonCellKind.NonFiniteString)) != 0) return null;
            return _mask == (int)JsonCellKind.Integer ? BuildInt64(rows) : BuildDouble(rows);
        }
        if (_mask == (int)JsonCellKind.Boolean) return BuildBoolean(rows);
        if ((_mask & (int)JsonCellKind.Boolean) != 0) return null;
        if (_mask == (int)JsonCellKind.String && _allStringsAreDates) return BuildDateTime(rows);
        return _text.Build(Name);
    }

    private Int64Column BuildInt64(int rows)
    {
        var values = new long[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (Kind(i) == JsonCellKind.Missing) missing.SetNull(i);
            else values[i] = _bits![i];
        }
        return new Int64Column(Name, values, missing.Build());
    }

    private DoubleColumn BuildDouble(int rows)
    {
        var values = new double[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            switch (Kind(i))
            {
                case JsonCellKind.Missing: missing.SetNull(i); break;
                case JsonCellKind.Integer: values[i] = _bits![i]; break;
                default: values[i] = BitConverter.Int64BitsToDouble(_bits![i]); break;
            }
        }
        return new DoubleColumn(Name, values, missing.Build());
    }

    private BooleanColumn BuildBoolean(int rows)
    {
        var values = new bool[rows];
        var missing = new ValidityBitmap.Builder(rows);
        for (var i = 0; i < rows; i++)
        {
            if (Kind(i) == JsonCellKind.Missing) missing.SetNull(i);
            else values[i] = _bits![i] != 0;
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
            else values[i] = DateTime.FromBinary(_bits![i]);
        }
        return new DateTimeColumn(Name, values, missing.Build());
    }

    /// <summary>Reads every value as the forced type: JSON values of that type, or strings CellParser accepts as it.</summary>
    private Column BuildForced(ColumnType type, int rows)
    {
        var text = _text.Build(Name);
        var missing = new ValidityBitmap.Builder(rows);
        var longs = type == ColumnType.Int64 ? new long[rows] : null;
        var doubles = type == ColumnType.Double ? new double[rows] : null;
        var bools = type == ColumnType.Boolean ? new bool[rows] : null;
        var dates = type == ColumnType.DateTime ? new DateTime[rows] : null;
        for (var i = 0; i < rows; i++)
        {
            var kind = Kind(i);
            if (kind == JsonCellKind.Missing) { missing.SetNull(i); continue; }
            var s = kind is JsonCellKind.String or JsonCellKind.NonFiniteString ? text[i] : null;
            var ok = type switch
            {
                ColumnType.Int64 => kind == JsonCellKind.Integer ? Assign(out longs![i], _bits![i]) : s != null && CellParser.TryParseInt64(s, out longs![i]),
                ColumnType.Double => kind switch
                {
                    JsonCellKind.Integer => Assign(out doubles![i], _bits![i]),
                    JsonCellKind.Float => Assign(out doubles![i], BitConverter.Int64BitsToDouble(_bits![i])),
                    _ => s != null && CellParser.TryParseDouble(s, out doubles![i]),
                },
                ColumnType.Boolean => kind == JsonCellKind.Boolean ? Assign(out bools![i], _bits![i] != 0) : s != null && CellParser.TryParseBoolean(s, out bools![i]),
                _ => s != null && CellParser.TryParseDateTime(s, out dates![i]),
            };
            if (!ok) throw new CellTypeViolation(i, type, DisplayText(i, kind, text));
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
        JsonCellKind.Integer => _bits![row].ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonCellKind.Float => CellParser.FormatDouble(BitConverter.Int64BitsToDouble(_bits![row])),
        JsonCellKind.Boolean => _bits![row] != 0 ? "true" : "false",
        _ => text[row] ?? "",
    };
}
