using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// Counts the distinct ranges of one sequence (a document's words, word-id n-grams, the characters of concatenated
/// word n-grams) by content, without making a string of each: an open-addressing table of (start, length, count)
/// entries whose keys are compared span to span. The caller passes the same sequence to every call until
/// <see cref="Clear"/>; one table is reused for every document of a batch.
/// </summary>
internal sealed class RangeTable
{
    private int[] _slots = new int[64]; // entry index + 1; 0 is empty
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];
    private int[] _counts = new int[32];
    private ulong[] _hashes = new ulong[32];

    /// <summary>The number of distinct ranges added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the table, sized for about <paramref name="expected"/> distinct ranges.</summary>
    public void Clear(int expected)
    {
        var size = 64;
        while (size < 2 * expected) size <<= 1;
        // A table grown by one large document shrinks back, so clearing stays proportional to the document.
        if (_slots.Length < size || _slots.Length > 8 * size) _slots = new int[size];
        else Array.Clear(_slots);
        if (_starts.Length < expected) Grow(expected);
        Count = 0;
    }

    public int StartOf(int entry) => _starts[entry];
    public int CountOf(int entry) => _counts[entry];

    /// <summary>The content hash of a range: every table of every document uses the same one.</summary>
    public static ulong Hash<T>(ReadOnlySpan<T> range) where T : unmanaged => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(range));

    /// <summary>
    /// Adds one occurrence of data[start..start+length) (whose <see cref="Hash{T}"/> is <paramref name="hash"/>);
    /// returns its entry, the same for every equal range, and whether it was new.
    /// </summary>
    public int Add<T>(ReadOnlySpan<T> data, int start, int length, ulong hash, out bool added) where T : unmanaged, IEquatable<T>
    {
        var mask = _slots.Length - 1;
        var slot = (int)(hash ^ (hash >> 32)) & mask;
        var key = data.Slice(start, length);
        while (true)
        {
            var e = _slots[slot] - 1;
            if (e < 0) break;
            if (_hashes[e] == hash && _lengths[e] == length && data.Slice(_starts[e], length).SequenceEqual(key))
            {
                _counts[e]++;
                added = false;
                return e;
            }
            slot = (slot + 1) & mask;
        }
        var entry = Count++;
        if (entry == _starts.Length) Grow(2 * entry);
        _starts[entry] = start;
        _lengths[entry] = length;
        _counts[entry] = 1;
        _hashes[entry] = hash;
        _slots[slot] = entry + 1;
        if (2 * Count > _slots.Length) Rehash();
        added = true;
        return entry;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _starts, size);
        Array.Resize(ref _lengths, size);
        Array.Resize(ref _counts, size);
        Array.Resize(ref _hashes, size);
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var e = 0; e < Count; e++)
        {
            var h = _hashes[e];
            var slot = (int)(h ^ (h >> 32)) & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = e + 1;
        }
    }
}
