using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace DataCenterTools.Core.Data;

/// <summary>
/// An input file opened for reading: counts bytes (for progress), hashes the file (SHA-256 for the
/// dataset's Source) alongside, unwraps gzip and zstd, and lets readers peek at the start of
/// the content to detect format, encoding, delimiter and binary files.
/// </summary>
public sealed class FileInput : IDisposable
{
    private const int PeekBytes = 64 * 1024;
    private readonly CountingStream _raw;
    private readonly Stream _content;

    public string Path { get; }
    public long Size { get; }
    public bool IsGzip { get; }
    /// <summary>Zstandard-compressed (.zst); a stream that ends inside a frame is a CompressedFileTruncated error.</summary>
    public bool IsZstd { get; }
    /// <summary>The first bytes of the (decompressed) content.</summary>
    public byte[] Head { get; }
    /// <summary>The content, positioned at its start (Head included).</summary>
    public Stream Content { get; }
    public long BytesRead => _raw.BytesRead;

    private FileInput(string path, FileStream file, ReadLimits limits)
    {
        Path = path;
        Size = file.Length;
        _raw = new CountingStream(file);
        var magic = new byte[4];
        var got = _raw.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        var prefix = new PrefixedStream(magic.AsSpan(0, got).ToArray(), _raw);
        IsGzip = got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        IsZstd = ZstdInput.HasMagic(magic.AsSpan(0, got));
        // A compressed stream is checked for its end marker (GzipInput, ZstdInput) and for how far it expands (Guard).
        _content = IsGzip ? CompressedInput.Guard(GzipInput.Open(prefix, path), () => _raw.BytesRead, limits, path)
            : IsZstd ? CompressedInput.Guard(ZstdInput.Open(prefix, path), () => _raw.BytesRead, limits, path) : prefix;
        var head = new byte[PeekBytes];
        var n = _content.ReadAtLeast(head, PeekBytes, throwOnEndOfStream: false);
        Head = head.AsSpan(0, n).ToArray();
        Content = new PrefixedStream(Head, _content);
    }

    /// <param name="limits">Bounds on decompression (null: the defaults); a streamed read passes a ratio of infinity.</param>
    public static FileInput Open(string path, ReadLimits? limits = null)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new DataException("PathIsDirectory", DataErrorKind.InvalidArgument, $"'{full}' is a folder, not a data file.",
                "Give a file, or use a wildcard such as ./data/*.csv.", full);
        if (!File.Exists(full))
            throw new DataException("FileNotFound", DataErrorKind.ObjectNotFound, $"The file '{full}' does not exist.",
                "Check the path.", full);
        try
        {
            var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            try { return new FileInput(full, file, limits ?? ReadLimits.Default); }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException("FileUnreadable", DataErrorKind.PermissionDenied, $"Cannot read '{full}': access denied.",
                "Check the file's permissions or run as a user who may read it.", full, inner: e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new DataException("FileUnreadable", DataErrorKind.ReadError, $"Cannot read '{full}': {e.Message}",
                "Check that no other program holds the file locked.", full, inner: e);
        }
    }

    /// <summary>Guesses the format from the extension (ignoring .gz), then from the content.</summary>
    public DataFormat DetectFormat()
    {
        var name = Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Path[..^3]
            : Path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) ? Path[..^4] : Path;
        var ext = System.IO.Path.GetExtension(name).ToLowerInvariant();
        if (Head.Length >= 4 && Head[0] == 'P' && Head[1] == 'A' && Head[2] == 'R' && Head[3] == '1') return DataFormat.Parquet;
        switch (ext)
        {
            case ".parquet": return DataFormat.Parquet;
            case ".jsonl": case ".ndjson": case ".json": return DataFormat.JsonLines;
            case ".tsv": case ".tab": return DataFormat.Tsv;
            case ".csv": case ".txt": return DataFormat.Csv;
        }
        var first = Head.AsSpan().TrimStart("\xEF\xBB\xBF \t\r\n"u8);
        return first.Length > 0 && first[0] == (byte)'{' ? DataFormat.JsonLines : DataFormat.Csv;
    }

    /// <summary>
    /// The encoding to read with (as <see cref="ResolveEncoding"/>), as a copy that counts the bytes it could not
    /// decode in <paramref name="invalid"/>, so the reader can warn instead of replacing them with U+FFFD silently.
    /// </summary>
    public Encoding ResolveCheckedEncoding(Encoding? requested, out InvalidTextCounter invalid) =>
        InvalidTextCounter.Counting(ResolveEncoding(requested), out invalid);

    /// <summary>The encoding to use: the user's, else the byte-order mark's, else UTF-8.</summary>
    public Encoding ResolveEncoding(Encoding? requested)
    {
        var h = Head;
        if (h.Length >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF) return new UTF8Encoding(false);
        if (h.Length >= 2 && h[0] == 0xFF && h[1] == 0xFE) return Encoding.Unicode;
        if (h.Length >= 2 && h[0] == 0xFE && h[1] == 0xFF) return Encoding.BigEndianUnicode;
        return requested ?? new UTF8Encoding(false);
    }

    /// <summary>Rejects content that is not text: NUL bytes in a file that is not UTF-16.</summary>
    public void EnsureText(Encoding encoding)
    {
        if (encoding is UnicodeEncoding || encoding.CodePage is 1200 or 1201 or 12000 or 12001) return;
        if (Head.AsSpan().IndexOf((byte)0) >= 0)
            throw new DataException("BinaryFile", DataErrorKind.InvalidData,
                $"'{Path}' is not a text file (it contains NUL bytes).",
                "Give a CSV, TSV, JSON Lines or Parquet file; for UTF-16 text use {option:Encoding} UTF16.", Path);
    }

    private Task<string>? _hash;

    /// <summary>
    /// Starts computing the file's SHA-256 on another thread (a second, sequential read that the OS
    /// serves from its cache), so hashing overlaps parsing instead of adding to it.
    /// </summary>
    public void StartHash() => _hash ??= Task.Run(() => ComputeSha256(Path));

    /// <summary>The SHA-256 of a file's bytes as lowercase hex, read sequentially in 1 MiB blocks.</summary>
    public static string ComputeSha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = file.Read(buffer)) > 0) sha.AppendData(buffer.AsSpan(0, n));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The file's SHA-256 as lowercase hex (waits for the hash started by StartHash, starting it if needed).</summary>
    public string FinishHash()
    {
        StartHash();
        return _hash!.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _content.Dispose();
        _raw.Dispose();
    }

    /// <summary>Counts the bytes of the underlying file as they are read (for progress).</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }

        public override long Length => inner.Length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Replays bytes already read, then continues with the rest of a stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : ReadOnlyStream
    {
        private int _at;

        public override int Read(Span<byte> buffer)
        {
            if (_at < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _at);
                prefix.AsSpan(_at, n).CopyTo(buffer);
                _at += n;
                return n;
            }
            return rest.Read(buffer);
        }
    }
}
