namespace DataCenterTools.Core.Data;

/// <summary>
/// Strings, stored either dictionary-encoded (codes into a table of distinct values: low
/// cardinality columns such as host or region) or as one reference per row (high cardinality
/// columns such as e-mail addresses). Missing cells are null.
/// </summary>
public sealed class StringColumn : Column
{
    private readonly string?[]? _plain;
    private readonly int[]? _codes;
    private readonly string[]? _dictionary;

    /// <summary>Plain storage: one string (or null for missing) per row.</summary>
    public StringColumn(string name, string?[] values, int? length = null)
        : base(name, length ?? values.Length, ValidityFromNulls(values, length ?? values.Length))
    {
        _plain = values;
    }

    /// <summary>Dictionary storage: codes index into <paramref name="dictionary"/>; -1 marks a missing cell.</summary>
    public StringColumn(string name, int[] codes, string[] dictionary, int? length = null)
        : base(name, length ?? codes.Length, ValidityFromCodes(codes, length ?? codes.Length))
    {
        _codes = codes;
        _dictionary = dictionary;
    }

    private StringColumn(string name, StringColumn source) : base(name, source.Length, source.Validity)
    {
        _plain = source._plain;
        _codes = source._codes;
        _dictionary = source._dictionary;
    }

    public override ColumnType Type => ColumnType.String;

    public bool IsDictionaryEncoded => _codes != null;

    /// <summary>The distinct values when dictionary-encoded, else null.</summary>
    public IReadOnlyList<string>? Dictionary => _dictionary;

    /// <summary>The dictionary codes when dictionary-encoded (-1 = missing), else empty.</summary>
    public ReadOnlySpan<int> Codes => _codes == null ? default : _codes.AsSpan(0, Length);

    public string? this[int row] => _codes != null
        ? (_codes[row] < 0 ? null : _dictionary![_codes[row]])
        : _plain![row];

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
        var values = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++) values[i] = _plain![rows[i]];
        return new StringColumn(Name, values);
    }

    public override long EstimatedBytes
    {
        get
        {
            if (_codes != null)
            {
                long dict = 0;
                foreach (var s in _dictionary!) dict += 24 + 2L * s.Length;
                return 4L * Length + dict;
            }
            long total = 8L * Length;
            for (var i = 0; i < Length; i++) if (_plain![i] is { } s) total += 24 + 2L * s.Length;
            return total;
        }
    }

    private static ValidityBitmap? ValidityFromNulls(string?[] values, int length)
    {
        ValidityBitmap.Builder? builder = null;
        for (var i = 0; i < length; i++)
            if (values[i] == null) (builder ??= new ValidityBitmap.Builder(length)).SetNull(i);
        return builder?.Build();
    }

    private static ValidityBitmap? ValidityFromCodes(int[] codes, int length)
    {
        ValidityBitmap.Builder? builder = null;
        for (var i = 0; i < length; i++)
            if (codes[i] < 0) (builder ??= new ValidityBitmap.Builder(length)).SetNull(i);
        return builder?.Build();
    }
}
