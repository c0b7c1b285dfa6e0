using System.Security.Cryptography;
using DataCenterTools.Core.Data;
using ZstdSharp;

namespace DataCenterTools.Core.Management;

/// <summary>How a chunk store names and wraps its chunks on disk (plain, or encrypted for backups).</summary>
public interface IChunkCodec
{
    /// <summary>The file name of the chunk whose plaintext SHA-256 is <paramref name="plaintextHash"/>.</summary>
    string StoredId(ReadOnlySpan<byte> plaintextHash);

    /// <summary>Wraps the zstd-compressed chunk for disk.</summary>
    byte[] Encode(string storedId, byte[] compressed);

    /// <summary>Unwraps a chunk read from disk; null when it was altered (or the key is wrong).</summary>
    byte[]? Decode(string storedId, byte[] stored);
}

/// <summary>Chunks named by the hex SHA-256 of their plaintext, stored zstd-compressed as they are.</summary>
public sealed class PlainChunkCodec : IChunkCodec
{
    public static PlainChunkCodec Instance { get; } = new();

    public string StoredId(ReadOnlySpan<byte> plaintextHash) => Convert.ToHexStringLower(plaintextHash);
    public byte[] Encode(string storedId, byte[] compressed) => compressed;
    public byte[]? Decode(string storedId, byte[] stored) => stored;
}

/// <summary>
/// A content-addressed store of chunks: each chunk is kept once however many files or versions
/// contain it, compressed with zstd, written through a temp file renamed into place (so a crash
/// leaves either the whole chunk or none), and checked against its SHA-256 on every read.
/// Layout: <c>&lt;folder&gt;/&lt;first two characters of the id&gt;/&lt;id&gt;</c>.
/// </summary>
public sealed class ContentStore
{
    // Level 4 stores the 512 KiB chunks of the telemetry CSV smaller than level 3 stored 1 MiB chunks, at the same speed.
    public const int CompressionLevel = 4;

    private static readonly ThreadLocal<Compressor> Compressors = new(() => new Compressor(CompressionLevel));
    private static readonly ThreadLocal<Decompressor> Decompressors = new(() => new Decompressor());

    private readonly IChunkCodec _codec;
    private readonly string _corruptErrorId;

    public ContentStore(string folder, IChunkCodec? codec = null, string corruptErrorId = "ChunkCorrupt")
    {
        Folder = Path.GetFullPath(folder);
        _codec = codec ?? PlainChunkCodec.Instance;
        _corruptErrorId = corruptErrorId;
    }

    public string Folder { get; }

    public string StoredId(string plaintextHash) => _codec.StoredId(Convert.FromHexString(plaintextHash));

    public string PathOf(string storedId) => Path.Combine(Folder, storedId[..2], storedId);

    public bool Contains(string plaintextHash) => File.Exists(PathOf(StoredId(plaintextHash)));

    /// <summary>Stores <paramref name="chunk"/> unless a chunk with its hash is already there.</summary>
    /// <returns>The chunk's hex SHA-256, and how many bytes were written (0 when it was already stored).</returns>
    public (string Hash, long BytesWritten) Put(ReadOnlySpan<byte> chunk)
    {
        var hash = SHA256.HashData(chunk);
        var id = _codec.StoredId(hash);
        var path = PathOf(id);
        var hex = Convert.ToHexStringLower(hash);
        if (File.Exists(path)) return (hex, 0);
        var stored = _codec.Encode(id, Compressors.Value!.Wrap(chunk).ToArray());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, stored, overwrite: true);
        return (hex, stored.Length);
    }

    /// <summary>The plaintext of a chunk, verified against its hash; a DataException (the store's corrupt ErrorId) when missing or altered.</summary>
    public byte[] Read(string plaintextHash)
    {
        var id = StoredId(plaintextHash);
        var path = PathOf(id);
        byte[] stored;
        try { stored = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw Corrupt(plaintextHash, id, "is missing"); }
        catch (DirectoryNotFoundException) { throw Corrupt(plaintextHash, id, "is missing"); }
        var compressed = _codec.Decode(id, stored) ?? throw Corrupt(plaintextHash, id, "fails its authentication (altered, or a different key)");
        byte[] plain;
        try { plain = Decompressors.Value!.Unwrap(compressed).ToArray(); }
        catch (ZstdException) { throw Corrupt(plaintextHash, id, "cannot be decompressed (altered)"); }
        if (!Convert.ToHexStringLower(SHA256.HashData(plain)).Equals(plaintextHash, StringComparison.Ordinal))
            throw Corrupt(plaintextHash, id, "does not match its SHA-256 (altered)");
        return plain;
    }

    private DataException Corrupt(string hash, string id, string what) =>
        new(_corruptErrorId, DataErrorKind.InvalidData, $"Chunk {id} {what}.",
            "Restore the store from a backup; the data that needs this chunk cannot be read exactly.", PathOf(id));

    /// <summary>The stored ids of every chunk in the store.</summary>
    public IEnumerable<string> StoredIds()
    {
        if (!Directory.Exists(Folder)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(Folder))
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.')) yield return name; // skip temp files of interrupted writes
            }
    }

    /// <summary>Deletes every chunk whose stored id is not in <paramref name="keep"/>, and leftover temp files; returns (chunks, bytes) deleted.</summary>
    public (int Chunks, long Bytes) DeleteUnreferenced(IReadOnlySet<string> keep)
    {
        int chunks = 0;
        long bytes = 0;
        if (!Directory.Exists(Folder)) return (0, 0);
        foreach (var dir in Directory.EnumerateDirectories(Folder))
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (keep.Contains(name)) continue;
                var size = new FileInfo(file).Length;
                File.Delete(file);
                if (name.StartsWith('.')) continue;
                chunks++;
                bytes += size;
            }
        return (chunks, bytes);
    }

    /// <summary>Bytes the store's chunks take on disk.</summary>
    public long StoredBytes() =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
}
