using System.Runtime.CompilerServices;
namespace DataCenterTools.Core.Data;

/// <summary>
/// Appends strings, interning repeated values through a dictionary looked up by span (no
/// allocation for a value seen before). Builds a dictionary-encoded column when values repeat
/// (at most half as many distinct values as rows), else one reference per row.
/// </summary>
public sealed class StringColumnBuilder
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _distinct = [];
    private int[] _codes;
    private int _count;

    public StringColumnBuilder(int capacity = 16)
    {
        _codes = new int[Math.Max(capacity, 4)];
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<char> value)
    {
        if (!_lookup.TryGetValue(value, out var code))
        {
            var s = value.ToString();
            code = _distinct.Count;
            _index.Add(s, code);
            _distinct.Add(s);
        }
        Push(code);
    }

    public void Append(string? value)
    {
        if (value == null) { AppendNull(); return; }
        Append(value.AsSpan());
    }

    public void AppendNull() => Push(-1);

    private void Push(int code)
    {
        if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
        _codes[_count++] = code;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StringColumn Build(string name)
    {
        var dictionary = _distinct.ToArray();
        if (dictionary.Length <= Math.Max(16, _count / 2))
            return new StringColumn(name, _codes, dictionary, _count);
        var plain = new string?[_count];
        for (var i = 0; i < _count; i++) plain[i] = _codes[i] < 0 ? null : dictionary[_codes[i]];
        return new StringColumn(name, plain);
    }
}
