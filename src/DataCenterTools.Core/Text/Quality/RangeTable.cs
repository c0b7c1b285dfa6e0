using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Text.Quality;

/// <summary>
/// Counts the distinct ranges of one sequence (a document's words or lines, word-id n-grams, the characters of
/// concatenated word n-grams) by content, without making a string of each: an open-addressing table of
/// (start, length, count) entries whose keys are compared span to span. The caller passes the same sequence to
/// every call until <see cref="Clear"/>; one table is reused for every document of a batch, and a generation stamp
/// empties it without zeroing the slots.
/// </summary>
internal sealed class RangeTable
{
    private struct Entry
    {
        public ulong Hash;
        public int Generation;
        public int Start;
        public int Length;
        public int Count;
    }

    private Entry[] _entries = new Entry[64];
    private int _mask = 63;
    private int _generation = 1;
    // Above this many slots a table left by one huge document is given back; below it, it is kept for the next.
    private const int KeepSlots = 1 << 20;

    /// <summary>The number of distinct ranges added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the table, sized for at most <paramref name="expected"/> distinct ranges.</summary>
    public void Clear(int expected)
    {
        var size = 64;
        while (size < 2 * expected) size <<= 1;
        // Documents of very different lengths follow each other: a larger array is kept and only its first size
        // slots are probed (so a small document stays in a small, cached part of it). Reallocating to fit each
        // document instead allocated 25 times the corpus in tables (measured on the Text benchmark's round 0).
        if (_entries.Length < size || (_entries.Length > KeepSlots && _entries.Length > 8 * size) || _generation == int.MaxValue)
        {
            _entries = new Entry[size];
            _generation = 0;
        }
        _mask = size - 1;
        _generation++;
        Count = 0;
    }

    public int StartOf(int entry) => _entries[entry].Start;
    public int CountOf(int entry) => _entries[entry].Count;

    /// <summary>A content hash of a range (the n-gram tables use <see cref="PrefixHashes"/> instead): one table must be given one kind of hash throughout.</summary>
    public static ulong Hash(ReadOnlySpan<char> range) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(range));

    /// <summary>
    /// Adds one occurrence of data[start..start+length) (whose content hash is <paramref name="hash"/>);
    /// returns its entry, the same for every equal range, and whether it was new. Not generic (word-id n-grams come
    /// as the chars of their ints): the module's ReadyToRun code holds no generic instantiations over int or char, so
    /// a generic Add started every fresh run in tier-0 code (seen in the JIT log of a fresh Test-TextQuality run).
    /// </summary>
    public int Add(ReadOnlySpan<char> data, int start, int length, ulong hash, out bool added)
    {
        // Entry numbers are slots, so the table never moves entries: Clear sizes it for every range to come.
        if (2 * (Count + 1) > _mask + 1) throw new InvalidOperationException("More ranges than the table was cleared for.");
        var entries = _entries;
        var mask = _mask;
        var slot = (int)(hash ^ (hash >> 32)) & mask;
        while (true)
        {
            ref var e = ref entries[slot];
            if (e.Generation != _generation)
            {
                e = new Entry { Hash = hash, Generation = _generation, Start = start, Length = length, Count = 1 };
                Count++;
                added = true;
                return slot;
            }
            if (e.Hash == hash && e.Length == length && data.Slice(e.Start, length).SequenceEqual(data.Slice(start, length)))
            {
                e.Count++;
                added = false;
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }
}
