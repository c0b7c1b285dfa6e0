using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Dedup;

/// <summary>Random access to the sketches and ids of a run's documents by ordinal.</summary>
public interface ISketchSource
{
    long Count { get; }
    DocumentSketch this[long ordinal] { get; }
    string IdOf(long ordinal);
}

/// <summary>Sketches held in memory (a Dataset's documents).</summary>
public sealed class SketchArray(DocumentSketch[] sketches, string[] ids) : ISketchSource
{
    public long Count => sketches.Length;
    public DocumentSketch this[long ordinal] => sketches[ordinal];
    public string IdOf(long ordinal) => ids[ordinal];
}

/// <summary>
/// A file of document sketches: the mergeable summary of dedup (-AsSummary). A header holds the settings (JSON),
/// then one record per document: id, source file, exact-text hash, length, keep key, signature. Summaries made on
/// many hosts with the same settings concatenate (<see cref="Merge"/>) into one that dedups the whole fleet's corpus.
/// Reading keeps only an offset per document in memory and reads records on demand.
/// </summary>
public sealed class SketchFile : ISketchSource, IDisposable
{
    private static readonly byte[] Magic = "DCTSKETCH1\n"u8.ToArray();
    private readonly FileStream _file;
    private readonly List<long> _offsets = [];
    private long _end; // where the last record ends

    private SketchFile(string path, FileStream file, SketchSettings settings)
    {
        Path = path;
        _file = file;
        Settings = settings;
    }

    public string Path { get; }
    public SketchSettings Settings { get; }
    public long Count => _offsets.Count;

    /// <summary>The settings a summary was made with; summaries merge only when these agree.</summary>
    public sealed record SketchSettings(string Method, int NGram, string Unit, int Permutations, int Bands, ulong Seed, string ShortDocuments)
    {
        public static SketchSettings Of(MinHashOptions o) => new(o.Method.ToString(), o.NGram, o.Unit.ToString(), o.Permutations, o.Bands, o.Seed, o.ShortDocuments.ToString());
    }

    public DocumentSketch this[long ordinal] => ReadRecord(ordinal).Sketch;
    public string IdOf(long ordinal) => ReadRecord(ordinal).Id;
    public string SourceOf(long ordinal) => ReadRecord(ordinal).Source;

    /// <summary>Every record in order, read in large blocks (a read per record was two system calls a document).</summary>
    public IEnumerable<(string Id, string Source, DocumentSketch Sketch)> ReadAll()
    {
        var block = new byte[1 << 20];
        long blockStart = 0;
        var blockLength = 0;
        for (var i = 0; i < Count; i++)
        {
            var (offset, length) = (_offsets[i], RecordLength(i));
            if (offset < blockStart || offset + 4 + length > blockStart + blockLength)
            {
                if (4 + length > block.Length) block = new byte[4 + length];
                blockStart = offset;
                blockLength = RandomAccess.Read(_file.SafeFileHandle, block, offset);
            }
            yield return Parse(block.AsSpan((int)(offset - blockStart) + 4, length));
        }
    }

    // The bytes of record i after its length prefix: up to where the next record (or the file) starts.
    private int RecordLength(int ordinal) => (int)((ordinal + 1 < _offsets.Count ? _offsets[ordinal + 1] : _end) - _offsets[ordinal] - 4);

    private (string Id, string Source, DocumentSketch Sketch) ReadRecord(long ordinal)
    {
        var length = RecordLength((int)ordinal);
        var bytes = new byte[length];
        RandomAccess.Read(_file.SafeFileHandle, bytes, _offsets[(int)ordinal] + 4);
        return Parse(bytes);
    }

    private static (string Id, string Source, DocumentSketch Sketch) Parse(ReadOnlySpan<byte> span)
    {
        var id = ReadString(ref span);
        var source = ReadString(ref span);
        var lo = BinaryPrimitives.ReadUInt64LittleEndian(span);
        var hi = BinaryPrimitives.ReadUInt64LittleEndian(span[8..]);
        var len = BinaryPrimitives.ReadInt64LittleEndian(span[16..]);
        var key = BinaryPrimitives.ReadInt64LittleEndian(span[24..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(span[32..]);
        var signature = new ulong[count];
        for (var i = 0; i < count; i++) signature[i] = BinaryPrimitives.ReadUInt64LittleEndian(span[(36 + 8 * i)..]);
        return (id, source, new DocumentSketch(lo, hi, len, key, signature));
    }

    private static string ReadString(ref ReadOnlySpan<byte> span)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(span);
        var s = Encoding.UTF8.GetString(span.Slice(4, n));
        span = span[(4 + n)..];
        return s;
    }

    public static SketchFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"The summary '{full}' does not exist.", "Check the path.", full);
        var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            var head = new byte[Magic.Length + 4];
            if (file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) != head.Length || !head.AsSpan(0, Magic.Length).SequenceEqual(Magic))
                throw NotASummary(full, null);
            var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(Magic.Length));
            if (jsonLength is < 2 or > 1 << 20) throw NotASummary(full, null);
            var json = new byte[jsonLength];
            file.ReadExactly(json);
            var settings = JsonSerializer.Deserialize<SketchSettings>(json) ?? throw NotASummary(full, null);
            var sketch = new SketchFile(full, file, settings);
            long at = head.Length + jsonLength;
            var size = file.Length;
            // The length prefixes are read through a block buffer: a read per record was a system call a document.
            var block = new byte[1 << 16];
            long blockStart = 0;
            var blockLength = 0;
            while (at < size)
            {
                if (at < blockStart || at + 4 > blockStart + blockLength)
                {
                    blockStart = at;
                    blockLength = RandomAccess.Read(file.SafeFileHandle, block, at);
                    if (blockLength < 4) throw Truncated(full);
                }
                var n = BinaryPrimitives.ReadInt32LittleEndian(block.AsSpan((int)(at - blockStart)));
                if (n < 40 || at + 4 + n > size) throw Truncated(full);
                sketch._offsets.Add(at);
                at += 4 + n;
            }
            sketch._end = at;
            return sketch;
        }
        catch (JsonException e) { file.Dispose(); throw NotASummary(full, e); }
        catch { file.Dispose(); throw; }
    }

    private static DataException NotASummary(string path, Exception? inner) =>
        new("NotADuplicateSummary", DataErrorKind.InvalidData, $"'{path}' is not a dedup summary written by Find-DuplicateText -AsSummary.", "Give a .sketch file made by {option:AsSummary}.", path, inner: inner);

    private static DataException Truncated(string path) =>
        new("DuplicateSummaryTruncated", DataErrorKind.InvalidData, $"The dedup summary '{path}' ends inside a record: it is truncated.", "Copy or write the summary again.", path);

    public void Dispose() => _file.Dispose();

    /// <summary>Writes a summary: the header, then records appended one by one; renamed into place on Commit.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly AtomicFile _file;
        private readonly BufferedStream _out;

        public Writer(string path, SketchSettings settings, bool overwrite)
        {
            _file = AtomicFile.Create(path, overwrite);
            _out = new BufferedStream(_file.Stream, 1 << 20);
            var json = JsonSerializer.SerializeToUtf8Bytes(settings);
            _out.Write(Magic);
            Span<byte> n = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(n, json.Length);
            _out.Write(n);
            _out.Write(json);
        }

        public long Count { get; private set; }

        public void Add(string id, string source, DocumentSketch sketch)
        {
            var idBytes = Encoding.UTF8.GetBytes(id);
            var sourceBytes = Encoding.UTF8.GetBytes(source);
            var length = 4 + idBytes.Length + 4 + sourceBytes.Length + 36 + 8 * sketch.Signature.Length;
            var record = new byte[4 + length];
            var span = record.AsSpan();
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
            span = span[4..];
            Write(ref span, idBytes);
            Write(ref span, sourceBytes);
            BinaryPrimitives.WriteUInt64LittleEndian(span, sketch.ExactLow);
            BinaryPrimitives.WriteUInt64LittleEndian(span[8..], sketch.ExactHigh);
            BinaryPrimitives.WriteInt64LittleEndian(span[16..], sketch.Length);
            BinaryPrimitives.WriteInt64LittleEndian(span[24..], sketch.SortKey);
            BinaryPrimitives.WriteInt32LittleEndian(span[32..], sketch.Signature.Length);
            for (var i = 0; i < sketch.Signature.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(span[(36 + 8 * i)..], sketch.Signature[i]);
            _out.Write(record);
            Count++;
        }

        private static void Write(ref Span<byte> span, byte[] bytes)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span, bytes.Length);
            bytes.CopyTo(span[4..]);
            span = span[(4 + bytes.Length)..];
        }

        public void Commit()
        {
            _out.Flush();
            _file.Commit();
        }

        public void Dispose() => _file.Dispose();
    }

    /// <summary>Concatenates summaries made with the same settings into one (the fleet's corpus, in the order given).</summary>
    public static long Merge(IReadOnlyList<string> inputs, string output, bool overwrite)
    {
        var files = inputs.Select(Open).ToList();
        try
        {
            var settings = files[0].Settings;
            foreach (var f in files.Skip(1))
                if (f.Settings != settings)
                    throw new DataException("DuplicateSummaryMismatch", DataErrorKind.InvalidData,
                        $"'{f.Path}' was made with other settings ({f.Settings}) than '{files[0].Path}' ({settings}).",
                        "Make every host's summary with the same {option:NGram}, {option:Permutations}, {option:Bands}, {option:Seed} and {option:Method}.", f.Path);
            using var writer = new Writer(output, settings, overwrite);
            foreach (var f in files)
                foreach (var (id, source, sketch) in f.ReadAll()) writer.Add(id, source, sketch);
            writer.Commit();
            return writer.Count;
        }
        finally { foreach (var f in files) f.Dispose(); }
    }
}
