namespace DataCenterTools.Core.Data;

/// <summary>
/// Assembles one column from chunks typed in parallel. Fixed-size values are parsed straight into
/// one array per type, sized from an estimate of the row count and grown only between chunks, so
/// nothing is copied at the end. Fresh memory is expensive to touch (page faults dominate a large
/// import), and this keeps the bytes touched close to the size of the result. Text chunks become
/// the parts of one column, or one dictionary when their values repeat.
/// </summary>
internal sealed class ChunkedColumn(string name) : IValueSink
{
    private readonly object _gate = new();
    private int _capacity;
    private long[]? _longs;
    private double[]? _doubles;
    private bool[]? _bools;
    private DateTime[]? _dates;

    public string Name { get; } = name;

    public int Capacity => _capacity;

    /// <summary>Makes room for <paramref name="rows"/> rows. Call only while no chunk is being parsed.</summary>
    public void EnsureCapacity(int rows)
    {
        if (rows <= _capacity) return;
        _capacity = (int)Math.Min(Array.MaxLength, Math.Max(rows, 2L * _capacity));
        Grow(ref _longs);
        Grow(ref _doubles);
        Grow(ref _bools);
        Grow(ref _dates);
    }

    private void Grow<T>(ref T[]? array)
    {
        if (array != null && array.Length < _capacity) Array.Resize(ref array, _capacity);
    }

    public Span<T> Region<T>(int offset, int count)
    {
        T[] array;
        lock (_gate)
        {
            array = typeof(T) == typeof(long) ? (T[])(object)(_longs ??= new long[_capacity])
                : typeof(T) == typeof(double) ? (T[])(object)(_doubles ??= new double[_capacity])
                : typeof(T) == typeof(bool) ? (T[])(object)(_bools ??= new bool[_capacity])
                : typeof(T) == typeof(DateTime) ? (T[])(object)(_dates ??= new DateTime[_capacity])
                : throw new NotSupportedException(typeof(T).Name);
        }
        return array.AsSpan(offset, count);
    }

    /// <summary>
    /// The column from the chunks' results (in row order, with each chunk's first row), or null when
    /// the chunks disagree in a way only the text can settle (numbers in one chunk, words in another).
    /// </summary>
    /// <param name="before">On a conflict, the type the earlier chunks agreed on (Int64 widened to Double), so the second read can name the first cell that does not fit it.</param>
    public Column? Finish(IReadOnlyList<(int Start, int Rows, TextColumnBuilder.Built Part)> chunks, int rows, out ColumnType? before)
    {
        ColumnType? common = null;
        before = null;
        foreach (var (_, _, part) in chunks)
        {
            if (part.AllMissing) continue;
            if (common == null || common == part.Type) common = part.Type;
            else if (common is ColumnType.Int64 or ColumnType.Double && part.Type is ColumnType.Int64 or ColumnType.Double) common = ColumnType.Double;
            else
            {
                before = common == ColumnType.Int64 ? ColumnType.Double : common;
                return null;
            }
        }
        var type = common ?? ColumnType.String;
        if (type == ColumnType.String) return FinishStrings(chunks, rows);

        var missing = new ValidityBitmap.Builder(rows);
        foreach (var (start, count, part) in chunks)
        {
            if (part.AllMissing) { for (var i = 0; i < count; i++) missing.SetNull(start + i); }
            else if (part.Validity is { } v) { for (var i = 0; i < count; i++) if (!v.IsValid(i)) missing.SetNull(start + i); }
        }
        var validity = missing.Build();
        EnsureCapacity(Math.Max(rows, 1));
        switch (type)
        {
            case ColumnType.Int64: return new Int64Column(Name, _longs ?? new long[rows], rows, validity);
            case ColumnType.Boolean: return new BooleanColumn(Name, _bools ?? new bool[rows], rows, validity);
            case ColumnType.DateTime: return new DateTimeColumn(Name, _dates ?? new DateTime[rows], rows, validity);
            default:
                var doubles = _doubles ??= new double[_capacity];
                // Chunks that held only integers were parsed as Int64: widen them in place.
                foreach (var (start, count, part) in chunks)
                    if (!part.AllMissing && part.Type == ColumnType.Int64)
                        for (var i = 0; i < count; i++) doubles[start + i] = _longs![start + i];
                return new DoubleColumn(Name, doubles, rows, validity);
        }
    }

    private StringColumn FinishStrings(IReadOnlyList<(int Start, int Rows, TextColumnBuilder.Built Part)> chunks, int rows)
    {
        var parts = chunks.Where(c => c.Rows > 0).ToList();
        if (parts.Count == 0) return new StringColumn(Name, Array.Empty<string?>());
        if (parts.Count == 1) return (StringColumn)parts[0].Part.Column!;
        var strings = parts.Select(p => (StringColumn)p.Part.Column!).ToList();
        if (strings.All(s => s.IsDictionaryEncoded))
        {
            // One dictionary for the whole column: remap each chunk's codes.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var dictionary = new List<string>();
            var codes = new int[rows];
            for (var p = 0; p < strings.Count; p++)
            {
                var s = strings[p];
                var map = new int[s.Dictionary!.Count];
                for (var k = 0; k < map.Length; k++)
                {
                    var value = s.Dictionary[k];
                    if (!index.TryGetValue(value, out var code)) { code = dictionary.Count; index.Add(value, code); dictionary.Add(value); }
                    map[k] = code;
                }
                var src = s.Codes;
                var at = parts[p].Start;
                for (var i = 0; i < src.Length; i++) codes[at + i] = src[i] < 0 ? -1 : map[src[i]];
            }
            if (dictionary.Count <= Math.Max(16, rows / 2)) return new StringColumn(Name, codes, dictionary.ToArray(), rows);
        }
        var missing = new ValidityBitmap.Builder(rows);
        foreach (var (start, _, part) in parts)
            if (part.Column!.Validity is { } v)
                for (var i = 0; i < v.Length; i++) if (!v.IsValid(i)) missing.SetNull(start + i);
        return new StringColumn(Name, strings.ToArray(), parts.Select(p => p.Start).ToArray(), missing.Build());
    }
}
