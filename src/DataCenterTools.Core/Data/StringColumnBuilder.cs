using System.Runtime.CompilerServices;

namespace DataCenterTools.Core.Data;

/// <summary>
/// Appends strings. Starts by interning values through a dictionary looked up by span (no
/// allocation for a value seen before); once the values stop repeating (more than half distinct
/// after the first thousand) it switches to appending characters into one buffer, which costs
/// neither a dictionary entry nor a string object per cell.
/// </summary>
public sealed class StringColumnBuilder
{
    private const int DecideAfter = 1024;

    private Dictionary<string, int>? _index = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private List<string>? _distinct = [];
    private int[]? _codes;

    private char[]? _chars;
    private int _charCount;
    private int[]? _ends;
    private ValidityBitmap.Builder? _missing;

    private int _count;

    public StringColumnBuilder(int capacity = 16, bool dictionaryFirst = true, int charCapacity = 0)
    {
        capacity = Math.Max(capacity, 4);
        if (dictionaryFirst)
        {
            _codes = new int[capacity];
            _lookup = _index!.GetAlternateLookup<ReadOnlySpan<char>>();
        }
        else
        {
            _index = null;
            _distinct = null;
            _ends = new int[capacity];
            _chars = new char[charCapacity > 0 ? charCapacity : capacity * 16];
        }
    }

    public int Count => _count;

    public void Append(ReadOnlySpan<char> value)
    {
        if (_codes == null) { AppendChars(value); return; }
        if (!_lookup.TryGetValue(value, out var code))
        {
            var s = value.ToString();
            code = _distinct!.Count;
            _index!.Add(s, code);
            _distinct.Add(s);
        }
        if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
        _codes[_count++] = code;
        if (_count == DecideAfter && _distinct!.Count > DecideAfter / 2) SwitchToBuffer();
    }

    public void Append(string? value)
    {
        if (value == null) { AppendNull(); return; }
        Append(value.AsSpan());
    }

    public void AppendNull()
    {
        if (_codes != null)
        {
            if (_count == _codes.Length) Array.Resize(ref _codes, _codes.Length * 2);
            _codes[_count++] = -1;
            return;
        }
        (_missing ??= new ValidityBitmap.Builder(_ends!.Length)).SetNull(_count);
        AppendChars(default);
    }

    private void AppendChars(ReadOnlySpan<char> value)
    {
        if (_charCount + value.Length > _chars!.Length)
        {
            var needed = (long)_charCount + value.Length;
            if (needed > Array.MaxLength)
                throw new DataException("StringColumnTooLarge", DataErrorKind.NotSupported,
                    $"A text column holds more than {Array.MaxLength:N0} characters.",
                    "Split the file, or read fewer rows at a time.");
            Array.Resize(ref _chars, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _chars.Length)));
        }
        value.CopyTo(_chars.AsSpan(_charCount));
        _charCount += value.Length;
        if (_count == _ends!.Length) Array.Resize(ref _ends, _ends.Length * 2);
        _ends[_count++] = _charCount;
    }

    /// <summary>The values stopped repeating: move what was interned so far into the character buffer.</summary>
    private void SwitchToBuffer()
    {
        var codes = _codes!;
        var distinct = _distinct!;
        var count = _count;
        _codes = null;
        _index = null;
        _distinct = null;
        _lookup = default;
        _count = 0;
        _ends = new int[Math.Max(codes.Length, 16)];
        _chars = new char[Math.Max(1024, count * 24)];
        for (var i = 0; i < count; i++)
        {
            if (codes[i] < 0) AppendNull();
            else AppendChars(distinct[codes[i]]);
        }
    }

    public StringColumn Build(string name)
    {
        if (_codes != null)
        {
            var dictionary = _distinct!.ToArray();
            if (dictionary.Length <= Math.Max(16, _count / 2))
                return new StringColumn(name, _codes, dictionary, _count);
            SwitchToBuffer();
        }
        var (chars, ends, length, validity) = BuildBuffer();
        return new StringColumn(name, chars, ends, length, validity);
    }

    /// <summary>The character-buffer form of what was appended (switching to it if needed).</summary>
    internal (char[] Chars, int[] Ends, int Length, ValidityBitmap? Validity) BuildBuffer()
    {
        if (_codes != null) SwitchToBuffer();
        if (_missing != null) _missing.SetLength(_count);
        return (_chars!, _ends!, _count, _missing?.Build());
    }
}
