namespace DataCenterTools.Core.Data;

/// <summary>
/// Strings, stored one of two ways:
/// dictionary-encoded (codes into a table of distinct values) for low-cardinality columns such as
/// host or region, or as one contiguous character buffer with an end offset per row for
/// high-cardinality columns such as e-mail addresses. The buffer holds a million addresses in one
/// array instead of a million string objects: less memory, and nothing for the GC to trace.
/// Missing cells are null.
/// </summary>
public sealed class StringColumn : Column
{
    private readonly int[]? _codes;
    private readonly string[]? _dictionary;
    private readonly char[]? _chars;
    private readonly int[]? _ends;
    private readonly StringColumn[]? _parts;
    private readonly int[]? _partStarts;

    /// <summary>One string (or null for missing) per row.</summary>
    public StringColumn(string name, string?[] values, int? length = null)
        : this(name, FromStrings(values, length ?? values.Length))
    {
    }

    /// <summary>Dictionary storage: codes index into <paramref name="dictionary"/>; -1 marks a missing cell.</summary>
    public StringColumn(string name, int[] codes, string[] dictionary, int? length = null)
        : base(name, length ?? codes.Length, ValidityFromCodes(codes, length ?? codes.Length))
    {
        _codes = codes;
        _dictionary = dictionary;
    }

    /// <summary>
    /// Buffer storage: row i holds chars[ends[i-1]..ends[i]] (ends[-1] = 0). Missing rows have an
    /// empty range and a cleared validity bit.
    /// </summary>
    public StringColumn(string name, char[] chars, int[] ends, int length, ValidityBitmap? validity)
        : base(name, length, validity)
    {
        if (ends.Length < length) throw new ArgumentException("End offsets are shorter than the column.");
        _chars = chars;
        _ends = ends;
    }

    /// <summary>
    /// Parts storage: consecutive runs of rows (the chunks a file was read in), kept as they are
    /// instead of copied into one buffer. <paramref name="starts"/> holds each part's first row.
    /// </summary>
    public StringColumn(string name, StringColumn[] parts, int[] starts, ValidityBitmap? validity)
        : base(name, parts.Sum(p => p.Length), validity)
    {
        if (parts.Length != starts.Length) throw new ArgumentException("Each part needs its first row.");
        _parts = parts;
        _partStarts = starts;
    }

    private StringColumn(string name, (char[] Chars, int[] Ends, int Length, ValidityBitmap? Validity) buffer)
        : this(name, buffer.Chars, buffer.Ends, buffer.Length, buffer.Validity) { }

    private StringColumn(string name, StringColumn source) : base(name, source.Length, source.Validity)
    {
        _codes = source._codes;
        _dictionary = source._dictionary;
        _chars = source._chars;
        _ends = source._ends;
        _parts = source._parts;
        _partStarts = source._partStarts;
    }

    public override ColumnType Type => ColumnType.String;

    public bool IsDictionaryEncoded => _codes != null;

    /// <summary>The distinct values when dictionary-encoded, else null.</summary>
    public IReadOnlyList<string>? Dictionary => _dictionary;

    /// <summary>The dictionary codes when dictionary-encoded (-1 = missing), else empty.</summary>
    public ReadOnlySpan<int> Codes => _codes == null ? default : _codes.AsSpan(0, Length);

    public string? this[int row]
    {
        get
        {
            if (_codes != null) return _codes[row] < 0 ? null : _dictionary![_codes[row]];
            if (_parts != null) { var p = PartOf(row); return _parts[p][row - _partStarts![p]]; }
            return IsNull(row) ? null : new string(SpanOf(row));
        }
    }

    /// <summary>The cell's characters without allocating a string (empty for a missing cell).</summary>
    public ReadOnlySpan<char> GetSpan(int row)
    {
        if (_codes != null) return _codes[row] < 0 ? default : _dictionary![_codes[row]].AsSpan();
        if (_parts != null) { var p = PartOf(row); return _parts[p].GetSpan(row - _partStarts![p]); }
        return SpanOf(row);
    }

    private int PartOf(int row)
    {
        var i = Array.BinarySearch(_partStarts!, row);
        return i >= 0 ? i : ~i - 1;
    }

    private ReadOnlySpan<char> SpanOf(int row)
    {
        var start = row == 0 ? 0 : _ends![row - 1];
        return _chars.AsSpan(start, _ends![row] - start);
    }

    public override object? GetValue(int row) => this[row];

    public override Column WithName(string name) => new StringColumn(name, this);

    public override Column Take(ReadOnlySpan<int> rows)
    {
        if (_codes != null)
        {
            var codes = new int[rows.Length];
            for (var i = 0; i < rows.Length; i++) codes[i] = _codes[rows[i]];
            return new StringColumn(Name, codes, _dictionary!);
        }
        // One pass: rows in random order (a sort, a join) cost a cache miss per read, so each row is read once,
        // into a buffer sized from the column's mean length and grown if the guess was short.
        var hint = 0;
        var mean = Length == 0 ? 8 : Math.Max(1, (int)Math.Min(4096, TotalChars() / Math.Max(1, Length)));
        var chars = new char[(int)Math.Min(Array.MaxLength, (long)rows.Length * mean + 64)];
        var ends = new int[Math.Max(rows.Length, 1)];
        ValidityBitmap.Builder? missing = null;
        var at = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (IsNull(r)) (missing ??= new ValidityBitmap.Builder(rows.Length)).SetNull(i);
            else
            {
                var span = SpanAt(r, ref hint);
                if (at + span.Length > chars.Length)
                {
                    var needed = (long)at + span.Length;
                    if (needed > Array.MaxLength)
                        throw new DataException("StringColumnTooLarge", DataErrorKind.NotSupported,
                            $"Column '{Name}' would hold more than {Array.MaxLength:N0} characters.", "Select fewer rows or shorter text.");
                    Array.Resize(ref chars, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)chars.Length * 3 / 2)));
                }
                span.CopyTo(chars.AsSpan(at));
                at += span.Length;
            }
            ends[i] = at;
        }
        missing?.SetLength(rows.Length);
        return new StringColumn(Name, chars, ends, rows.Length, missing?.Build());
    }

    /// <summary>Characters held in buffer storage (all parts).</summary>
    private long TotalChars() => _parts != null ? _parts.Sum(p => p.TotalChars()) : _ends != null && Length > 0 ? _ends[Length - 1] : 0;

    /// <summary>A row's characters; <paramref name="partHint"/> remembers the last part, so rows in order cost no search.</summary>
    private ReadOnlySpan<char> SpanAt(int row, ref int partHint)
    {
        if (_parts == null) return _codes != null ? GetSpan(row) : SpanOf(row);
        var starts = _partStarts!;
        if (row < starts[partHint] || row >= starts[partHint] + _parts[partHint].Length) partHint = PartOf(row);
        return _parts[partHint].GetSpan(row - starts[partHint]);
    }

    public override long EstimatedBytes
    {
        get
        {
            if (_parts != null) return _parts.Sum(p => p.EstimatedBytes);
            if (_codes == null) return 2L * (Length == 0 ? 0 : _ends![Length - 1]) + 4L * Length;
            long dict = 0;
            foreach (var s in _dictionary!) dict += 24 + 2L * s.Length;
            return 4L * Length + dict;
        }
    }

    private static (char[], int[], int, ValidityBitmap?) FromStrings(string?[] values, int length)
    {
        var builder = new StringColumnBuilder(length, dictionaryFirst: false);
        for (var i = 0; i < length; i++) builder.Append(values[i]);
        return builder.BuildBuffer();
    }

    private static ValidityBitmap? ValidityFromCodes(int[] codes, int length)
    {
        ValidityBitmap.Builder? builder = null;
        for (var i = 0; i < length; i++)
            if (codes[i] < 0) (builder ??= new ValidityBitmap.Builder(length)).SetNull(i);
        return builder?.Build();
    }
}
