namespace DataCenterTools.Core.Data;

/// <summary>The cell texts that mean "missing". Matching is exact (case-sensitive), like pandas' na_values.</summary>
public sealed class NullValueSet
{
    private readonly string[] _values;
    private readonly bool _emptyIsNull;
    private readonly int _maxLength;

    /// <summary>
    /// Empty, NA, N/A, NULL and null. NaN is not among them: a NaN cell is a Double value (or missing with a
    /// warning under -NonFinite Missing), never a value dropped without a word.
    /// </summary>
    public static NullValueSet Default { get; } = new(["", "NA", "N/A", "NULL", "null"]);

    /// <summary>No cell text means missing.</summary>
    public static NullValueSet None { get; } = new([]);

    public NullValueSet(IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        _emptyIsNull = list.Contains("");
        _values = list.Where(v => v.Length > 0).ToArray();
        _maxLength = _values.Length == 0 ? 0 : _values.Max(v => v.Length);
    }

    public IReadOnlyList<string> Values => _emptyIsNull ? _values.Prepend("").ToArray() : _values;

    public bool IsNull(ReadOnlySpan<char> cell)
    {
        if (cell.Length == 0) return _emptyIsNull;
        if (cell.Length > _maxLength) return false;
        foreach (var v in _values)
            if (cell.SequenceEqual(v)) return true;
        return false;
    }
}
