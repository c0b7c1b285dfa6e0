using System.Buffers;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataCenterTools.Core.Data;

namespace DataCenterTools.Core.Text.Corpus;

/// <summary>Compression of corpus output files (the extension after .jsonl says which).</summary>
public enum CorpusCompression { None, Gzip, Zstd }

/// <summary>
/// Writes documents as JSON Lines (UTF-8, LF, non-ASCII as is), plain, .gz or .zst, through a temp file renamed into
/// place on <see cref="Commit"/>, so an error or Ctrl+C leaves nothing half-written. Counts rows and bytes as it goes.
/// </summary>
public sealed class CorpusFileWriter : IDisposable
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly AtomicFile _file;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);
    private readonly Utf8JsonWriter _json;
    // zstd level 1: ZstdSharp (managed) at level 3 took as long as reading and scoring a corpus; level 1 compresses
    // JSON Lines text nearly as well at about twice the speed.

    public CorpusFileWriter(string path, bool overwrite, int zstdLevel = 1)
    {
        _file = AtomicFile.Create(path, overwrite);
        Compression = CompressionOf(path);
        _output = Compression switch
        {
            CorpusCompression.Gzip => new GZipStream(_file.Stream, CompressionLevel.Optimal, leaveOpen: true),
            CorpusCompression.Zstd => new ZstdSharp.CompressionStream(_file.Stream, zstdLevel, leaveOpen: true),
            _ => _file.Stream,
        };
        _json = new Utf8JsonWriter(_buffer, JsonOptions);
    }

    public string Path => _file.Path;
    /// <summary>The temp file being written (its length is the compressed bytes flushed so far).</summary>
    public string TempPathOrPath => File.Exists(_file.TempPath) ? _file.TempPath : _file.Path;
    public CorpusCompression Compression { get; }
    public long Rows { get; private set; }
    /// <summary>Uncompressed JSON Lines bytes written so far.</summary>
    public long UncompressedBytes { get; private set; }

    public static CorpusCompression CompressionOf(string path) =>
        path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? CorpusCompression.Zstd
        : path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? CorpusCompression.Gzip : CorpusCompression.None;

    public static string Extension(CorpusCompression c) => c switch { CorpusCompression.Zstd => ".jsonl.zst", CorpusCompression.Gzip => ".jsonl.gz", _ => ".jsonl" };

    /// <summary>Writes one document: its fields (text replaced by <paramref name="text"/>, null: as read), then the <paramref name="added"/> fields' values at <paramref name="index"/>.</summary>
    public void Write(CorpusDocument document, string? text, IReadOnlyList<StageField> added, int index, IReadOnlySet<string> addedNames)
    {
        _json.WriteStartObject();
        document.WriteFields(_json, text, addedNames);
        foreach (var f in added) f.WriteTo(_json, index);
        EndLine();
    }

    /// <summary>Writes one row of raw properties (used for reject files and shards built from Datasets).</summary>
    public void Write(Action<Utf8JsonWriter> fields)
    {
        _json.WriteStartObject();
        fields(_json);
        EndLine();
    }

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        Rows++;
        if (_buffer.WrittenCount >= 1 << 20) Drain();
    }

    private void Drain()
    {
        UncompressedBytes += _buffer.WrittenCount;
        _output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Finishes compression and renames the file into place.</summary>
    public void Commit()
    {
        Drain();
        if (!ReferenceEquals(_output, _file.Stream)) _output.Dispose();
        _file.Commit();
    }

    public void Dispose()
    {
        _json.Dispose();
        try { if (!ReferenceEquals(_output, _file.Stream)) _output.Dispose(); }
        catch (ObjectDisposedException) { }
        _file.Dispose();
    }
}
