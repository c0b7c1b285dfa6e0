using System.Runtime.InteropServices;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>One LSH bucket entry: a band's key and the document (its ordinal in the run) that has it.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct BandRecord(ulong Key, ulong BandAndOrdinal) : IComparable<BandRecord>
{
    private const int OrdinalBits = 52;
    private const ulong OrdinalMask = (1UL << OrdinalBits) - 1;

    public BandRecord(int band, ulong key, long ordinal) : this(key, ((ulong)band << OrdinalBits) | (ulong)ordinal) { }

    public int Band => (int)(BandAndOrdinal >> OrdinalBits);
    public long Ordinal => (long)(BandAndOrdinal & OrdinalMask);

    public static bool operator <(BandRecord left, BandRecord right) => left.CompareTo(right) < 0;
    public static bool operator <=(BandRecord left, BandRecord right) => left.CompareTo(right) <= 0;
    public static bool operator >(BandRecord left, BandRecord right) => left.CompareTo(right) > 0;
    public static bool operator >=(BandRecord left, BandRecord right) => left.CompareTo(right) >= 0;

    /// <summary>By band, then key, then document: a bucket's documents are adjacent and in input order.</summary>
    public int CompareTo(BandRecord other)
    {
        var c = Band.CompareTo(other.Band);
        if (c != 0) return c;
        c = Key.CompareTo(other.Key);
        return c != 0 ? c : Ordinal.CompareTo(other.Ordinal);
    }

    public bool SameBucket(BandRecord other) => Key == other.Key && Band == other.Band;
}

/// <summary>
/// Sorts band records in bounded memory: records gather in a buffer of <c>maxRecords</c>; a full buffer is sorted
/// and written to a run file; the sorted sequence is a k-way merge of the runs (an external merge sort), so the
/// LSH bucket join never holds more than one buffer whatever the corpus size.
/// </summary>
public sealed class BandRecordSorter : IDisposable
{
    private readonly string _workFolder;
    private readonly BandRecord[] _buffer;
    private readonly List<string> _runs = [];
    private int _count;

    public BandRecordSorter(string workFolder, int maxRecords = 4 << 20)
    {
        _workFolder = workFolder;
        _buffer = new BandRecord[Math.Max(16, maxRecords)];
    }

    public int RunCount => _runs.Count;
    public long Records { get; private set; }

    public void Add(BandRecord record)
    {
        if (_count == _buffer.Length) Spill();
        _buffer[_count++] = record;
        Records++;
    }

    private void Spill()
    {
        Array.Sort(_buffer, 0, _count);
        Directory.CreateDirectory(_workFolder);
        var path = Path.Combine(_workFolder, $"run-{_runs.Count:D5}.bands");
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            file.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
        _runs.Add(path);
        _count = 0;
    }

    /// <summary>All records, sorted.</summary>
    public IEnumerable<BandRecord> Sorted()
    {
        if (_runs.Count == 0)
        {
            Array.Sort(_buffer, 0, _count);
            for (var i = 0; i < _count; i++) yield return _buffer[i];
            yield break;
        }
        if (_count > 0) Spill();
        var readers = _runs.Select(r => new RunReader(r)).ToList();
        try
        {
            var queue = new PriorityQueue<int, BandRecord>();
            for (var i = 0; i < readers.Count; i++) if (readers[i].Next()) queue.Enqueue(i, readers[i].Current);
            while (queue.TryDequeue(out var i, out var record))
            {
                yield return record;
                if (readers[i].Next()) queue.Enqueue(i, readers[i].Current);
            }
        }
        finally { foreach (var r in readers) r.Dispose(); }
    }

    public void Dispose()
    {
        foreach (var run in _runs) try { File.Delete(run); } catch (IOException) { }
    }

    private sealed class RunReader(string path) : IDisposable
    {
        private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        private readonly BandRecord[] _block = new BandRecord[8192];
        private int _at, _count;

        public BandRecord Current { get; private set; }

        public bool Next()
        {
            if (_at == _count)
            {
                var bytes = MemoryMarshal.AsBytes(_block.AsSpan());
                var n = _file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                _count = n / 16;
                _at = 0;
                if (_count == 0) return false;
            }
            Current = _block[_at++];
            return true;
        }

        public void Dispose() => _file.Dispose();
    }
}
