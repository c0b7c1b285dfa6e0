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

    /// <summary>Whether the values go into the character buffer (decided, or asked for), not through the dictionary.</summary>
    internal bool IsBuffered => _codes == null;

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

    /// <summary>
    /// Appends everything <paramref name="part"/> holds, leaving this builder in the state that appending the same
    /// values one by one would (a reader that parses chunks in parallel concatenates them with this): values go one
    /// at a time until this builder has made its dictionary-or-buffer decision, then dictionary codes are remapped
    /// through the part's distinct values and buffered text is copied as one block.
    /// </summary>
    internal void AppendAll(StringColumnBuilder part)
    {
        var i = 0;
        for (; i < part._count && _codes != null && _count < DecideAfter; i++) AppendValueOf(part, i);
        if (i == part._count) return;
        if (_codes != null && part._codes != null)
        {
            var map = new int[part._distinct!.Count];
            for (var k = 0; k < map.Length; k++)
            {
                var s = part._distinct[k];
                if (!_index!.TryGetValue(s, out var code))
                {
                    code = _distinct!.Count;
                    _index.Add(s, code);
                    _distinct.Add(s);
                }
                map[k] = code;
            }
            var more = part._count - i;
            if (_count + more > _codes.Length) Array.Resize(ref _codes, Math.Max(_count + more, _codes.Length * 2));
            var source = part._codes.AsSpan(i, more);
            var target = _codes.AsSpan(_count, more);
            for (var k = 0; k < source.Length; k++) target[k] = source[k] < 0 ? -1 : map[source[k]];
            _count += more;
            return;
        }
        if (_codes == null && part._codes == null && i == 0)
        {
            var chars = part._chars.AsSpan(0, part._charCount);
            if ((long)_charCount + chars.Length > Array.MaxLength) { for (; i < part._count; i++) AppendValueOf(part, i); return; } // the per-value path raises the error
            if (_charCount + chars.Length > _chars!.Length) Array.Resize(ref _chars, (int)Math.Min(Array.MaxLength, Math.Max((long)_charCount + chars.Length, 2L * _chars.Length)));
            chars.CopyTo(_chars.AsSpan(_charCount));
            if (_count + part._count > _ends!.Length) Array.Resize(ref _ends, Math.Max(_count + part._count, _ends.Length * 2));
            var ends = _ends.AsSpan(_count, part._count);
            var partEnds = part._ends.AsSpan(0, part._count);
            for (var k = 0; k < ends.Length; k++) ends[k] = partEnds[k] + _charCount;
            if (part._missing != null)
                for (var k = 0; k < part._count; k++)
                    if (part._missing.IsNull(k)) (_missing ??= new ValidityBitmap.Builder(_ends.Length)).SetNull(_count + k);
            _count += part._count;
            _charCount += chars.Length;
            return;
        }
        for (; i < part._count; i++) AppendValueOf(part, i);
    }

    private void AppendValueOf(StringColumnBuilder part, int i)
    {
        if (part._codes != null)
        {
            var code = part._codes[i];
            if (code < 0) AppendNull();
            else Append(part._distinct![code].AsSpan());
        }
        else if (part._missing != null && part._missing.IsNull(i)) AppendNull();
        else Append(part._chars.AsSpan((i == 0 ? 0 : part._ends![i - 1]), part._ends![i] - (i == 0 ? 0 : part._ends[i - 1])));
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
